"""Domain rules of the model that every consumer relies on."""

from __future__ import annotations

from datetime import date
from typing import Any

from generator.model import Zoekprofiel, count_families
from generator.render import families_label


def profile(pid: str, siblings: tuple[str, ...] = (), **extra: Any) -> Zoekprofiel:
    data: dict[str, Any] = {
        "id": pid,
        "gemeente": "haarlem",
        "titel": "Een kind zoekt een steungezin",
        "kinderen": [{"leeftijd": 7}],
        "steunvormen": ["speelmiddag"],
        "frequentie": "wekelijks",
        "verhaal": "Een vrolijk kind dat graag buiten speelt.",
        "status": "open",
        "gepubliceerd": date(2026, 10, 1),
        "broers_zussen": list(siblings),
    }
    data.update(extra)
    return Zoekprofiel.model_validate(data)


def test_siblings_count_as_one_family() -> None:
    a, b, c = profile("h-a", ("h-b",)), profile("h-b", ("h-a", "h-c")), profile("h-c")
    lone = profile("h-d")
    assert count_families([a, b, c, lone]) == 2
    # A sibling that is no longer looking does not join the others' family count.
    assert count_families([a, lone]) == 2
    assert count_families([]) == 0


def test_family_counter_wording() -> None:
    assert families_label(0) == "Op dit moment zoekt geen gezin een steungezin"
    assert families_label(1) == "1 gezin zoekt nu een steungezin"
    assert families_label(3) == "3 gezinnen zoeken nu een steungezin"


def test_listing_follows_status_and_expiry() -> None:
    today = date(2026, 11, 23)
    assert profile("h-a").is_listed(today, 120)
    assert profile("h-a", status="in_gesprek").is_listed(today, 120)
    assert not profile("h-a", status="gekoppeld").is_listed(today, 120)
    assert profile("h-a", status="gekoppeld").has_page()
    assert not profile("h-a", status="concept", gepubliceerd=None).has_page()
    expired = profile("h-a", verloopt=date(2026, 11, 1))
    assert expired.is_expired(today, 120) and not expired.is_listed(today, 120)
    assert profile("h-a").expiry(120) == date(2027, 1, 29)
