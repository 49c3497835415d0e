"""Writers that cannot emit malformed output, whatever text reaches them.

``check`` refuses control characters first; these tests hand the writers a model built past
validation, as a bug elsewhere could, and parse what they write.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date

import markdown
import pytest

from generator.feeds import atom_feed, json_feed, jsonld, sitemap_xml
from generator.model import Zoekprofiel
from generator.publish.planner import caption
from generator.render import SafeLinksExtension

NASTY = "bel\x07 back\x08 nul\x00 half\ud800 niet\ufffe esc\x1b[31m </script><!-- & \u202e"
BASE = "https://www.buurtgezinnen.example/"


def profile() -> Zoekprofiel:
    valid = Zoekprofiel.model_validate(
        {
            "id": "haarlem-x1y2",
            "gemeente": "haarlem",
            "titel": "Titel van een profiel",
            "kinderen": [{"leeftijd": 7}],
            "steunvormen": ["speelmiddag"],
            "frequentie": "wekelijks",
            "verhaal": "Verhaal met genoeg woorden erin.",
            "status": "open",
            "gepubliceerd": date(2026, 11, 1),
        }
    )
    # Past validation (pydantic itself refuses lone surrogates), as a bug elsewhere could.
    return valid.model_copy(
        update={"title": f"Titel {NASTY}", "story": f"Verhaal {NASTY}.", "wishes": (NASTY,)}
    )


def test_atom_feed_is_well_formed_xml_whatever_the_title() -> None:
    written = atom_feed(
        "Feed \x08", BASE + "feed.xml", BASE, [profile()], BASE, lambda s: s, date(2026, 11, 23)
    )
    root = ET.fromstring(written.encode("utf-8"))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    title = root.find("a:entry/a:title", ns)
    assert title is not None and title.text is not None
    assert title.text.startswith("Titel bel back nul half niet esc[31m </script><!-- & ")
    assert "\x08" not in written and "\x00" not in written


def test_json_feed_and_json_ld_parse_and_keep_the_script_closed() -> None:
    written = json_feed("Feed", BASE + "feed.json", BASE, [profile()], BASE, lambda s: s)
    item = json.loads(written.encode("utf-8"))["items"][0]
    assert "\ud800" not in item["title"] and "bel back" in item["title"]
    block = jsonld({"@type": "Thing", "name": f"Titel {NASTY}"})
    block.encode("utf-8")  # no lone surrogate left to fail the page's encoding
    assert "</" not in block and "<!--" not in block
    assert json.loads(block)["@graph"][0]["name"].startswith("Titel bel back nul half")


def test_sitemap_is_well_formed() -> None:
    written = sitemap_xml(BASE, [("", None), ("haarlem/\x08/", date(2026, 11, 1))])
    root = ET.fromstring(written.encode("utf-8"))
    assert len(root) == 2


def test_facebook_post_text_carries_no_control_character() -> None:
    text = caption(profile(), BASE + "haarlem/haarlem-x1y2/", "foto")
    for char in "\x07\x08\x00\ud800\ufffe\x1b":
        assert char not in text
    assert text.startswith("Titel bel back nul half niet esc[31m")
    text.encode("utf-8")


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "JaVa\tScript:alert(1)", " javascript:x", "data:text/html,x"]
)
def test_a_script_link_in_a_story_is_not_a_live_link(link: str) -> None:
    page = markdown.Markdown(extensions=[SafeLinksExtension()]).convert(
        f"[help]({link}) en [site](https://example.org/a) en [mail](mailto:a@example.org)"
    )
    assert "script" not in page.lower() and "data:" not in page
    assert '<a href="https://example.org/a">site</a>' in page
    assert '<a href="mailto:a@example.org">mail</a>' in page
