"""Property-based: for any text in title, story and wishes, `check` refuses it with a Dutch
message or accepts it; whatever it accepts renders to pages, feeds and a sitemap that parse,
and to a share card that is drawn.

The budget is fixed (``BUDGET``): a fixed number of examples, derandomised (the same examples
in every run, so CI time and outcome are predictable) and no example database on disk.
"""

from __future__ import annotations

import json
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generator import pipeline, text
from generator.errors import ValidationFailed
from generator.images.layout import draw_card
from generator.images.specs import plan
from generator.render import render_pages
from tests.text.project import mini_project, profile_yaml
from tests.text.wellformed import check_json, check_staged_page, check_xml

PROFILE_ID = "haarlem-h7p1"
EXAMPLES = 150
BUDGET = settings(
    max_examples=EXAMPLES,
    deadline=None,  # a shared, noisy machine: time is measured in bench/, never asserted
    database=None,  # no example database in the repository
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
ENGLISH = ("Input should", "Value error", "validation error", "Traceback", "unable to parse")

# Characters that broke software before, mixed into arbitrary Unicode (surrogates included).
TRICKY = st.sampled_from(
    [
        "\x0b", "\x0c", "\r\n", "\r", "\x08", "\x07", "\x00", "\x1b[31m", "\x85", "\x9b",
        "\u2028", "\u202e", "\u2066", "\u200d", "\ufeff", "\ufffe", "\ufdd0", "\ud800",
        "\U0010ffff", "e\u0301", "<", ">", "&", '"', "'", "]]>", "</script>", "<!--",
        "{{", "{%", "---", "\n", "\t", ": ", " #", "- ", "|", "*", "_", "`", "\\",
        "[x](javascript:alert(1))", "<img src=x onerror=alert(1)>", "%s", "😀", "👨‍👩‍👧",
    ]
)  # fmt: skip
ANY_CHAR = st.characters(exclude_categories=())  # surrogates too
# Most text is ordinary (no controls), so that about half the examples reach the writers.
WORDS = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=8)
TEXT = st.lists(st.one_of(WORDS, WORDS, WORDS, TRICKY, ANY_CHAR), max_size=6).map("".join)


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return mini_project(tmp_path_factory.mktemp("properties") / "project")


@BUDGET
@given(title=TEXT, story=TEXT, wishes=st.lists(TEXT, max_size=2), raw=st.booleans())
def test_any_text_is_refused_in_dutch_or_accepted_and_then_renders(
    config: Path, title: str, story: str, wishes: list[str], raw: bool
) -> None:
    path = config.parent / "profiles" / "haarlem" / "profiel.yml"
    source = profile_yaml(
        PROFILE_ID,
        f"Steungezin gezocht {title}",
        f"Een verhaal over een kind van 7. {story}",
        [f"Wens {w}" for w in wishes],
        raw_story=raw,
    )
    path.write_text(source, encoding="utf-8", errors="surrogatepass")
    catalog = pipeline.check(config)
    errors = catalog.report.errors
    for finding in errors:
        assert finding.message and finding.code, finding
        assert not any(word in finding.message for word in ENGLISH), finding.message
    if errors:
        event("refused: " + ", ".join(sorted({f.code for f in errors})))
        # A schema or character error drops the profile from the model; a privacy finding
        # (error, or a `check` waiting for confirmation) leaves it there but blocks every
        # build (pipeline.checked), so it never reaches a page either.
        if not all(f.code.startswith("privacy-") for f in errors):
            assert catalog.profiles == []
        else:
            with pytest.raises(ValidationFailed):
                pipeline.checked(config)
        return
    event("accepted")
    (profile,) = catalog.profiles
    for value in (profile.title, profile.story, *profile.wishes):
        assert text.check(value)[1] == [] and unicodedata.is_normalized("NFC", value)
    assert text.check(profile.title, title=True)[1] == []

    staged = render_pages(catalog, {})
    for name in ("docs/feed.xml", "docs/haarlem/feed.xml", "overrides/partials/sitemap-urls.html"):
        check_xml(staged[name].encode("utf-8"), name)
    for name in ("docs/feed.json", "docs/haarlem/feed.json"):
        assert check_json(staged[name].encode("utf-8"), name)["items"][0]["title"] == profile.title
    check_staged_page(staged[f"docs/haarlem/{PROFILE_ID}/index.md"], PROFILE_ID)
    json.dumps(profile.model_dump(mode="json"), ensure_ascii=False).encode("utf-8")

    (card,) = [p for p in plan(catalog) if p.key == f"profiel:{PROFILE_ID}" and p.slot == "og"]
    image, _boxes = draw_card(card.spec, measure=False)
    assert image.size == (card.spec.width, card.spec.height)


@settings(BUDGET, max_examples=500)
@given(st.lists(st.one_of(TRICKY, ANY_CHAR), max_size=30).map("".join), st.booleans())
def test_the_rule_itself(value: str, title: bool) -> None:
    normal, refused = text.check(value, title=title)
    assert all(value[r.index] == r.char for r in refused)
    assert not any(c in normal for c in "\r\x0b\x0c\x85\u2028\u2029")
    if not refused:
        assert unicodedata.is_normalized("NFC", normal)
    scrubbed = text.scrub(value, title=title)
    assert text.check(scrubbed, title=title) == (scrubbed, [])
    assert text.scrub(scrubbed, title=title) == scrubbed
    element = ET.Element("t", {"a": scrubbed})
    element.text = scrubbed
    parsed = check_xml(ET.tostring(element, encoding="utf-8"))
    assert parsed.text == (scrubbed or None) and parsed.get("a") == scrubbed
