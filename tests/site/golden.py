"""The golden copy of the staged demo site: what it holds and how it is compared.

Regenerate it on purpose, after a deliberate change to the pages, with::

    .venv/bin/python -m tests.site.update_golden

and review the diff in git before committing it.
"""

from __future__ import annotations

from pathlib import Path

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
KEY_FILES = (
    "mkdocs.yml",
    "docs/index.md",
    "docs/haarlem/index.md",
    "docs/haarlem/haarlem-p7wx/index.md",
    "docs/haarlem/haarlem-r4tn/index.md",
    "docs/haarlem/haarlem-b2dq/index.md",
    "docs/haarlem/filters.css",
    "docs/haarlem/feed.xml",
    "docs/haarlem/feed.json",
    "docs/feed.xml",
    "docs/over-ons.md",
    "overrides/partials/sitemap-urls.html",
)


def staged_tree(staged: Path) -> str:
    """Every staged file name, one per line (bytes of binaries are not the point here).

    Dot files and folders are the build's own bookkeeping, not part of the MkDocs project."""
    names = sorted(
        p.relative_to(staged).as_posix()
        for p in staged.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(staged).parts)
    )
    return "\n".join(names) + "\n"


def golden_files(staged: Path) -> dict[str, str]:
    """What the golden folder should hold for this staged tree."""
    files = {"tree.txt": staged_tree(staged)}
    for name in KEY_FILES:
        files[f"staged/{name}"] = (staged / name).read_text(encoding="utf-8")
    return files
