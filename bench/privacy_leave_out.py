"""Leave-list-out bench: recall on names that no list the detector loads contains.

    .venv/bin/python bench/privacy_leave_out.py [--verbose]

Pools of first names, nicknames and surnames per origin and sentence templates were written
blind, by someone who had not seen the detector (tests/data/privacy/leave-out-pools.yml and
leave-out-templates.yml). Every pool name that occurs in any list the detector loads
(deduce's first names, surnames, common words and places; the OpenTaal words; the
well-known words from wordfreq; our curated public entities and role words) is filtered out
first, so the bench measures recognition by form and position, not by lookup. Each template
is filled once per origin; every filled-in name is a label. Scored like the blind corpus
(``privacy_blind.score_items``), with recall per origin.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from privacy_blind import report, score_items  # noqa: E402

from generator.privacy.entities import PUBLIC_PHRASES  # noqa: E402
from generator.privacy.lexicon import INTERFIXES, ROLE_WORDS, lexicon  # noqa: E402
from generator.privacy.words import dutch_words, famous_words  # noqa: E402

DATA = REPO / "tests" / "data" / "privacy"
POOLS = DATA / "leave-out-pools.yml"
TEMPLATES = DATA / "leave-out-templates.yml"
SLOT = re.compile(r"\{(naam|achternaam)\}")


def detector_words() -> frozenset[str]:
    """Every word of every list the detector loads, in lower case."""
    lex = lexicon()
    words: set[str] = set()
    for listed in (lex.first_names, lex.surnames, lex.first_name_exceptions):
        words.update(w.lower() for w in listed)
    words.update(lex.common_words)
    words.update(lex.places)
    words.update(dutch_words())
    words.update(famous_words())
    words.update(ROLE_WORDS)
    words.update(INTERFIXES)
    for phrase in PUBLIC_PHRASES:
        words.add(phrase)
        words.update(phrase.split())
    return frozenset(words)


def _parts(name: str) -> list[str]:
    parts = [p.lower() for p in re.split(r"[\s-]+", name) if p]
    return [name.lower(), *(p for p in parts if p not in INTERFIXES)]


def filtered_pools(
    path: Path = POOLS,
) -> tuple[dict[str, dict[str, list[str]]], dict[str, list[str]]]:
    """The pools without any name (or part of one) the detector's lists contain; and the
    removed names per origin."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))["origins"]
    known = detector_words()
    kept: dict[str, dict[str, list[str]]] = {}
    removed: dict[str, list[str]] = {}
    for origin, pools in data.items():
        kept[origin] = {}
        for kind, names in pools.items():
            ok = [n for n in names if not any(p in known for p in _parts(str(n)))]
            kept[origin][kind] = ok
            removed.setdefault(origin, []).extend(n for n in names if n not in ok)
    return kept, removed


def profiles(
    pools: dict[str, dict[str, list[str]]], path: Path = TEMPLATES
) -> list[dict[str, Any]]:
    """One item per origin and template, each filled-in name labelled with its origin."""
    templates: list[str] = yaml.safe_load(path.read_text(encoding="utf-8"))["templates"]
    items: list[dict[str, Any]] = []
    for origin, pool in pools.items():
        firsts = pool.get("first", []) + pool.get("nick", [])
        surnames = pool.get("surnames", [])
        for i, template in enumerate(templates):
            if not firsts or ("{achternaam}" in template and not surnames):
                continue
            values = {"naam": firsts[i % len(firsts)]}
            if surnames:
                values["achternaam"] = surnames[i % len(surnames)]
            text, labels, pos = "", [], 0
            for m in SLOT.finditer(template):
                text += template[pos : m.start()]
                value = values[m.group(1)]
                labels.append({"type": "name", "origin": origin, "text": value, "start": len(text)})
                text += value
                pos = m.end()
            text += template[pos:]
            items.append({"id": f"{origin}-{i:02d}", "text": text, "labels": labels})
    return items


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    pools, removed = filtered_pools()
    total = sum(
        len(v)
        for p in yaml.safe_load(POOLS.read_text(encoding="utf-8"))["origins"].values()
        for v in p.values()
    )
    gone = sum(len(v) for v in removed.values())
    print(f"pool names: {total}; filtered out because a detector list has them: {gone}")
    for origin, names in removed.items():
        print(f"  {origin}: {len(names)} removed ({', '.join(names)})")
    items = profiles(pools)
    print(f"{len(items)} generated profiles")
    print(report(score_items(items, group="origin"), args.verbose, group="origin"))


if __name__ == "__main__":
    main()
