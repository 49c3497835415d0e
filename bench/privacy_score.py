"""Score the privacy gate on the labelled corpus in tests/data/privacy/corpus.yml.

    .venv/bin/python bench/privacy_score.py [--split all|dev|holdout] [--verbose]

A label counts as found when a finding of the same type overlaps its text; a finding is a
true positive when it overlaps a label of its type. Clean items (no labels) count a false
alarm when they get any finding at all; an identifying item needs at least one blocking
finding (``error`` or ``check``). Tests import ``score`` and assert on its result.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.privacy import scan_text  # noqa: E402
from generator.privacy.finding import BLOCKING, ERROR_TYPES  # noqa: E402

CORPUS = REPO / "tests" / "data" / "privacy" / "corpus.yml"


@dataclass
class Score:
    labels: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    findings: Counter[str] = field(default_factory=Counter)
    true_findings: Counter[str] = field(default_factory=Counter)
    clean_items: int = 0
    clean_alarms: list[str] = field(default_factory=list)
    identifying_items: int = 0
    identifying_without_error: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        total = sum(self.labels.values())
        return sum(self.found.values()) / total if total else 1.0

    @property
    def precision(self) -> float:
        total = sum(self.findings.values())
        return sum(self.true_findings.values()) / total if total else 1.0

    @property
    def clean_alarm_rate(self) -> float:
        return len(self.clean_alarms) / self.clean_items if self.clean_items else 0.0


def load_corpus(path: Path = CORPUS) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))["items"]
    return items


def score(split: str = "all", path: Path = CORPUS) -> Score:
    result = Score()
    for item in load_corpus(path):
        if split != "all" and item.get("split", "dev") != split:
            continue
        text: str = item["text"]
        findings = scan_text(text, item.get("allowed", ()))
        spans = []
        for label in item["labels"]:
            start = text.index(str(label["text"]))
            spans.append((start, start + len(str(label["text"])), label["type"]))
        if not spans:
            result.clean_items += 1
            if findings:
                shown = ", ".join(f"{f.type}:{f.text!r}" for f in findings)
                result.clean_alarms.append(f"{item['id']}: {shown}")
        for start, end, kind in spans:
            result.labels[kind] += 1
            if any(f.type == kind and f.start < end and start < f.end for f in findings):
                result.found[kind] += 1
            else:
                result.missed.append(f"{item['id']}: {kind} {text[start:end]!r}")
        for f in findings:
            result.findings[f.type] += 1
            if any(f.type == k and f.start < e and s < f.end for s, e, k in spans):
                result.true_findings[f.type] += 1
            elif spans:
                result.extra.append(f"{item['id']}: {f.type} {f.text!r}")
        if any(k in ERROR_TYPES for _s, _e, k in spans):
            result.identifying_items += 1
            if not any(f.severity in BLOCKING for f in findings):
                result.identifying_without_error.append(item["id"])
    return result


def report(result: Score, verbose: bool = False) -> str:
    lines = [f"{'type':<12} {'labels':>6} {'found':>6} {'recall':>7} {'findings':>8} {'prec.':>6}"]
    for kind in sorted(set(result.labels) | set(result.findings)):
        labels, found = result.labels[kind], result.found[kind]
        total, true = result.findings[kind], result.true_findings[kind]
        recall = f"{found / labels:.0%}" if labels else "-"
        precision = f"{true / total:.0%}" if total else "-"
        lines.append(f"{kind:<12} {labels:>6} {found:>6} {recall:>7} {total:>8} {precision:>6}")
    lines.append(
        f"recall {result.recall:.1%}, precision {result.precision:.1%}, "
        f"false alarms on {len(result.clean_alarms)} of {result.clean_items} clean items "
        f"({result.clean_alarm_rate:.1%}), identifying items without a blocking finding (error or check): "
        f"{len(result.identifying_without_error)} of {result.identifying_items}"
    )
    if verbose:
        lines += ["missed: " + m for m in result.missed]
        lines += ["clean alarm: " + a for a in result.clean_alarms]
        lines += ["unlabelled: " + e for e in result.extra]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["all", "dev", "holdout"], default="all")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    print(report(score(args.split), args.verbose))


if __name__ == "__main__":
    main()
