"""Score the privacy gate on a labelled corpus the way an outside reviewer does.

    .venv/bin/python bench/privacy_blind.py PATH [--verbose] [--lower | --title]

PATH is YAML: ``items: [{id, gemeente, wijk, text, labels: [{type, text}]}]``; an item with
no labels is a clean profile. Each text goes through
``scan_text(text, allowed_names=[gemeente, wijk])``. Blocking findings are ``error`` plus
``check``. A label counts as found when ANY blocking finding overlaps its span, whatever the
finding's type. Reported: recall of blocking findings (overall, per label type and by the
severity that found it), the share of identifying profiles with at least one blocking
finding, and the clean profiles with a hard error and with any blocking finding.
``--lower`` scores the same corpus typed without capitals (a stress test for the lower-case
name finder: labels stay where they were); ``--title`` scores it with Every Word Capitalised
(a stress test for false alarms: capitals that carry no information). ``bench/privacy_leave_out.py`` uses ``score_items``
too.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.privacy import scan_text  # noqa: E402

BLOCKING = ("error", "check")


@dataclass
class BlindScore:
    labels: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    found_by: Counter[str] = field(default_factory=Counter)  # severity that found a label
    identifying: int = 0
    identifying_blocked: int = 0
    clean: int = 0
    clean_with_error: list[str] = field(default_factory=list)
    clean_with_blocking: list[str] = field(default_factory=list)
    extra: Counter[str] = field(default_factory=Counter)  # unlabelled findings, by severity
    missed: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)  # labels whose text is not in the item

    @property
    def recall(self) -> float:
        total = sum(self.labels.values())
        return sum(self.found.values()) / total if total else 1.0


def label_spans(text: str, labels: list[dict[str, Any]]) -> list[tuple[int, int, str, str]]:
    """(start, end, type, text) per label; a repeated label text takes its next occurrence."""
    spans: list[tuple[int, int, str, str]] = []
    next_from: dict[str, int] = {}
    for label in labels:
        needle = str(label["text"])
        if isinstance(label.get("start"), int):  # generated corpora know the exact offset
            spans.append((label["start"], label["start"] + len(needle), str(label["type"]), needle))
            continue
        start = text.find(needle, next_from.get(needle, 0))
        if start < 0:
            start = text.find(needle)
        if start < 0:
            spans.append((-1, -1, str(label["type"]), needle))
            continue
        next_from[needle] = start + len(needle)
        spans.append((start, start + len(needle), str(label["type"]), needle))
    return spans


def score_items(items: list[dict[str, Any]], group: str = "type") -> BlindScore:
    """Score ``items``; labels are counted per ``group`` key of the label (default its type)."""
    result = BlindScore()
    for item in items:
        text = str(item["text"])
        allowed = [str(v) for v in (item.get("gemeente"), item.get("wijk")) if v]
        allowed += [str(v) for v in item.get("allowed", ())]
        findings = scan_text(text, allowed_names=allowed)
        blocking = [f for f in findings if f.severity in BLOCKING]
        spans = label_spans(text, item.get("labels") or [])
        if not spans:
            result.clean += 1
            shown = ", ".join(f"{f.severity}:{f.type}:{f.text!r}" for f in blocking)
            if any(f.severity == "error" for f in blocking):
                result.clean_with_error.append(f"{item['id']}: {shown}")
            if blocking:
                result.clean_with_blocking.append(f"{item['id']}: {shown}")
            continue
        result.identifying += 1
        if blocking:
            result.identifying_blocked += 1
        labels = item.get("labels") or []
        for (start, end, kind, needle), label in zip(spans, labels, strict=True):
            key = str(label.get(group, kind))
            result.labels[key] += 1
            if start < 0:
                result.unplaced.append(f"{item['id']}: {kind} {needle!r}")
                result.missed.append(f"{item['id']}: {key} {needle!r} (not in the text)")
                continue
            hits = [f for f in blocking if f.start < end and start < f.end]
            if hits:
                result.found[key] += 1
                result.found_by[
                    "error" if any(f.severity == "error" for f in hits) else "check"
                ] += 1
            else:
                result.missed.append(f"{item['id']}: {key} {needle!r}")
        for f in blocking:
            if not any(s < f.end and f.start < e for s, e, _k, _n in spans):
                result.extra[f.severity] += 1
    return result


def report(result: BlindScore, verbose: bool = False, group: str = "type") -> str:
    lines = [f"{group:<14} {'labels':>6} {'found':>6} {'recall':>7}"]
    for key in sorted(result.labels):
        labels, found = result.labels[key], result.found[key]
        lines.append(f"{key:<14} {labels:>6} {found:>6} {found / labels:>7.0%}")
    total = sum(result.labels.values())
    lines.append(
        f"blocking recall {result.recall:.1%} ({sum(result.found.values())} of {total}; "
        f"found by error {result.found_by['error']}, by check only {result.found_by['check']})"
    )
    if result.identifying:
        lines.append(
            f"identifying profiles with >= 1 blocking finding: {result.identifying_blocked} of "
            f"{result.identifying} ({result.identifying_blocked / result.identifying:.1%})"
        )
    if result.clean:
        lines.append(
            f"clean profiles with a hard error: {len(result.clean_with_error)} of {result.clean} "
            f"({len(result.clean_with_error) / result.clean:.1%}); with any blocking finding: "
            f"{len(result.clean_with_blocking)} of {result.clean} "
            f"({len(result.clean_with_blocking) / result.clean:.1%})"
        )
    lines.append(
        f"unlabelled blocking findings in identifying profiles: error {result.extra['error']}, "
        f"check {result.extra['check']}"
    )
    if result.unplaced:
        lines.append(f"labels whose text is not in the item: {len(result.unplaced)}")
    if verbose:
        lines += ["missed: " + m for m in result.missed]
        lines += ["clean, error: " + c for c in result.clean_with_error]
        lines += [
            "clean, check: " + c
            for c in result.clean_with_blocking
            if c not in result.clean_with_error
        ]
    return "\n".join(lines)


def load(path: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    items: list[dict[str, Any]] = data["items"]
    return items


def lowered(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The corpus as a writer who never types a capital would write it (``--lower``)."""
    return [
        {
            **item,
            "text": str(item["text"]).lower(),
            "labels": [
                {**lab, "text": str(lab["text"]).lower()} for lab in item.get("labels") or []
            ],
        }
        for item in items
    ]


def titled(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The corpus as a writer who Capitalises Every Word would write it (``--title``); the
    labels keep their place (only first letters change)."""

    def title(text: str) -> str:
        return re.sub(r"(?<![\w'’@./-])([a-zà-ÿ])", lambda m: m.group(1).upper(), text)

    return [
        {
            **item,
            "text": title(str(item["text"])),
            "labels": [
                {**lab, "text": title(str(lab["text"]))} for lab in item.get("labels") or []
            ],
        }
        for item in items
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--lower", action="store_true", help="score every text in lower case")
    parser.add_argument("--title", action="store_true", help="score every text in Title Case")
    args = parser.parse_args()
    items = load(args.path)
    if args.lower:
        items = lowered(items)
    elif args.title:
        items = titled(items)
    print(report(score_items(items), args.verbose))


if __name__ == "__main__":
    main()
