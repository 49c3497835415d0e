"""Parse what the site writes: XML, JSON, staged pages and built HTML, strictly.

HTML5 parsers recover from anything, so "parses" for HTML means what the HTML standard calls
parse errors in the input stream (controls, non-characters), plus the checks an outside tester
made: every JSON-LD block parses, no event-handler attribute, no ``javascript:`` link, and every
script, style, title and textarea element is closed.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

# Controls other than ASCII whitespace, surrogates and non-characters: input-stream parse errors.
_HTML_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)
_CLOSED = ("script", "style", "title", "textarea")


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.opened = dict.fromkeys(_CLOSED, 0)
        self._jsonld: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler {name}= on <{tag}>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.problems.append(f"javascript: URL in <{tag} {name}>")
        if tag in self.opened:
            self.opened[tag] += 1
        if tag == "script" and dict(attrs).get("type") == "application/ld+json":
            self._jsonld = ""

    def handle_endtag(self, tag: str) -> None:
        if tag in self.opened:
            self.opened[tag] -= 1
        if tag == "script" and self._jsonld is not None:
            try:
                json.loads(self._jsonld)
            except ValueError as exc:
                self.problems.append(f"JSON-LD does not parse: {exc}")
            self._jsonld = None

    def handle_data(self, data: str) -> None:
        if self._jsonld is not None:
            self._jsonld += data


def check_html(text: str, where: str = "") -> None:
    bad = _HTML_FORBIDDEN.search(text)
    assert bad is None, f"{where}: U+{ord(bad.group()):04X} in HTML at {bad.start()}"
    checker = _Checker()
    checker.feed(text)
    checker.close()
    assert checker.problems == [], f"{where}: {checker.problems}"
    unclosed = {tag: n for tag, n in checker.opened.items() if n}
    assert unclosed == {}, f"{where}: unclosed {unclosed}"


def check_xml(data: bytes, where: str = "") -> ET.Element:
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        raise AssertionError(f"{where}: not well-formed XML: {exc}") from None


def check_json(data: bytes, where: str = "") -> Any:
    try:
        return json.loads(data.decode("utf-8"))
    except ValueError as exc:
        raise AssertionError(f"{where}: not JSON: {exc}") from None


def check_staged_page(text: str, where: str = "") -> None:
    """A staged Markdown page: YAML front matter (with JSON-LD) and an HTML body."""
    assert text.startswith("---\n"), where
    head, _sep, body = text[4:].partition("\n---\n")
    meta = yaml.load(head, Loader=yaml.CSafeLoader)
    assert isinstance(meta, dict), where
    if "jsonld" in meta:
        check_json(meta["jsonld"].encode("utf-8"), where)
    check_html(body, where)


def check_site(site: Path) -> dict[str, int]:
    """Every XML, JSON and HTML file below ``site`` parses; returns how many of each."""
    counts = {"xml": 0, "json": 0, "html": 0}
    for path in sorted(site.rglob("*")):
        suffix = path.suffix.lstrip(".")
        if suffix not in counts or not path.is_file():
            continue
        data = path.read_bytes()
        where = str(path.relative_to(site))
        if suffix == "xml":
            check_xml(data, where)
        elif suffix == "json":
            check_json(data, where)
        else:
            check_html(data.decode("utf-8"), where)
        counts[suffix] += 1
    return counts
