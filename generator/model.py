"""The domain: zoekprofielen, their children, status and vocabularies. No I/O.

YAML keys are Dutch (coordinators write them); Python attribute names are English and
each field's ``alias`` is its Dutch key. Every field has a description: ``docs/`` is
generated from these models and a test keeps them in step.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
MAX_AGE = 23
DATE_FORMATS = "JJJJ-MM-DD of DD-MM-JJJJ"
_DATE = re.compile(r"^\s*(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})-(\d{1,2})-(\d{4}))\s*$")


def parse_date(text: str) -> date:
    """The one reading of a date a person typed: JJJJ-MM-DD or DD-MM-JJJJ.

    Raises ValueError with a Dutch message. Profiles, site_config.yml and every CLI date
    option go through here; what we print uses JJJJ-MM-DD, the form YAML itself reads.
    """
    match = _DATE.match(text)
    if match is None:
        raise ValueError(f"'{text}' is geen datum; schrijf {DATE_FORMATS}")
    year, month, day = match.group(1, 2, 3) if match.group(1) else match.group(6, 5, 4)
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise ValueError(f"'{text.strip()}' is geen bestaande datum") from None


def _user_date(value: Any) -> Any:
    # YAML already reads 2026-11-01 as a date; DD-MM-JJJJ arrives as text.
    return parse_date(value) if isinstance(value, str) else value


UserDate = Annotated[date, BeforeValidator(_user_date)]


def normal_choice(value: Any) -> Any:
    """A typed choice as the vocabulary writes it: `Weekenddag`, `samen  eten` -> lower case."""
    return " ".join(value.split()).casefold() if isinstance(value, str) else value


# For the few choices in site_config.yml that are plain literals rather than a Choice.
NormalChoice = BeforeValidator(normal_choice)


class Choice(StrEnum):
    """A fixed vocabulary; `Weekenddag` or `samen  eten` mean the same as the listed value."""

    @classmethod
    def _missing_(cls, value: object) -> Choice | None:
        normal = normal_choice(value)
        return next((member for member in cls if member.value == normal), None)


class Status(Choice):
    """Where a zoekprofiel stands. Status decides visibility everywhere at once."""

    CONCEPT = "concept"
    OPEN = "open"
    IN_GESPREK = "in_gesprek"
    GEKOPPELD = "gekoppeld"
    GESLOTEN = "gesloten"


LISTED_STATUSES = frozenset({Status.OPEN, Status.IN_GESPREK})
# utm_source values of print matter (generator.printing); the report counts each as a channel.
PRINT_CHANNELS = ("poster", "flyer", "krant", "school", "markt")


class SupportType(Choice):
    """The fixed vocabulary of kinds of support (``steunvormen``)."""

    SPEELMIDDAG = "speelmiddag"
    LOGEREN = "logeren"
    WEEKENDDAG = "weekenddag"
    VERVOER_SPORT_CLUB = "vervoer naar sport of club"
    HUISWERK = "huiswerk"
    SAMEN_ETEN = "samen eten"
    UITSTAPJES = "uitstapjes"
    LUISTEREND_OOR = "luisterend oor voor de ouder"
    OUDERAVOND = "mee naar school- of ouderavond"
    OPPAS = "oppas"
    ANDERS = "anders"


SUPPORT_LABELS: dict[SupportType, str] = {
    SupportType.SPEELMIDDAG: "Speelmiddag",
    SupportType.LOGEREN: "Logeren",
    SupportType.WEEKENDDAG: "Weekenddag",
    SupportType.VERVOER_SPORT_CLUB: "Vervoer naar sport of club",
    SupportType.HUISWERK: "Huiswerk",
    SupportType.SAMEN_ETEN: "Samen eten",
    SupportType.UITSTAPJES: "Uitstapjes",
    SupportType.LUISTEREND_OOR: "Luisterend oor voor de ouder",
    SupportType.OUDERAVOND: "Mee naar school- of ouderavond",
    SupportType.OPPAS: "Oppas",
    SupportType.ANDERS: "Anders",
}


class Frequency(Choice):
    """How often the steungezin is asked to help."""

    WEKELIJKS = "wekelijks"
    OM_DE_WEEK = "om de week"
    DRIEWEKELIJKS = "eens per drie weken"
    MAANDELIJKS = "maandelijks"
    IN_OVERLEG = "in overleg"


class Weekday(Choice):
    MAANDAG = "maandag"
    DINSDAG = "dinsdag"
    WOENSDAG = "woensdag"
    DONDERDAG = "donderdag"
    VRIJDAG = "vrijdag"
    ZATERDAG = "zaterdag"
    ZONDAG = "zondag"


class Dagdeel(Choice):
    OCHTEND = "ochtend"
    MIDDAG = "middag"
    AVOND = "avond"
    NACHT = "nacht"


class Gender(Choice):
    JONGEN = "jongen"
    MEISJE = "meisje"
    ANDERS = "anders"


class StrictModel(BaseModel):
    """Unknown keys are errors; every field is known by its Dutch alias."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# Ints and bools are strict: YAML already types them, so a quoted "7" is a mistake to report.
Age = Annotated[int, Field(strict=True, ge=0, le=MAX_AGE)]
StrictBool = Annotated[bool, Field(strict=True)]


class Child(StrictModel):
    """One child the profile is about: an exact age or an age range."""

    age: Age | None = Field(
        None, alias="leeftijd", description="Leeftijd in jaren (0 tot en met 23)."
    )
    age_from: Age | None = Field(
        None, alias="leeftijd_van", description="Jongste leeftijd van een leeftijdsbereik."
    )
    age_to: Age | None = Field(
        None, alias="leeftijd_tot", description="Oudste leeftijd van een leeftijdsbereik."
    )
    gender: Gender | None = Field(
        None, alias="geslacht", description="Optioneel: `jongen`, `meisje` of `anders`."
    )

    @model_validator(mode="after")
    def _one_age(self) -> Child:
        has_range = self.age_from is not None or self.age_to is not None
        if self.age is None and not has_range:
            raise ValueError("geef `leeftijd` of `leeftijd_van` en `leeftijd_tot`")
        if self.age is not None and has_range:
            raise ValueError("geef óf `leeftijd`, óf `leeftijd_van` en `leeftijd_tot`, niet beide")
        if has_range:
            if self.age_from is None or self.age_to is None:
                raise ValueError(
                    "een leeftijdsbereik heeft zowel `leeftijd_van` als `leeftijd_tot`"
                )
            if self.age_from > self.age_to:
                raise ValueError("`leeftijd_van` is groter dan `leeftijd_tot`")
        return self

    @property
    def min_age(self) -> int:
        return self.age if self.age is not None else (self.age_from or 0)

    @property
    def max_age(self) -> int:
        return self.age if self.age is not None else (self.age_to or 0)

    def age_label(self) -> str:
        if self.age is not None:
            return "jonger dan 1 jaar" if self.age == 0 else f"{self.age} jaar"
        return f"{self.age_from} tot {self.age_to} jaar"

    def label(self) -> str:
        noun = {Gender.JONGEN: "jongen", Gender.MEISJE: "meisje"}.get(self.gender, "kind")  # type: ignore[arg-type]
        return f"{noun} van {self.age_label()}"


class FacebookOptions(StrictModel):
    """Whether and how the profile goes to the gemeente's Facebook Page."""

    publish: StrictBool = Field(
        True, alias="publiceren", description="Plaats dit zoekprofiel op de Facebookpagina."
    )
    text: str | None = Field(
        None,
        alias="tekst",
        max_length=2000,
        description="Eigen tekst voor het Facebookbericht; anders titel en begin van het verhaal.",
    )


class AcceptedFinding(StrictModel):
    """A reviewed privacy false alarm that may stay."""

    text: str = Field(alias="tekst", min_length=1, description="De tekst die mag blijven staan.")
    reason: str = Field(alias="reden", min_length=3, description="Waarom dit geen risico is.")


class PrivacyOptions(StrictModel):
    accepted: tuple[AcceptedFinding, ...] = Field(
        (),
        alias="toegestaan",
        description="Beoordeelde privacymeldingen die mogen blijven, elk met `tekst` en `reden`.",
    )


class StatusChange(StrictModel):
    """One entry of the status log: when the profile reached which status."""

    status: Status = Field(description="De nieuwe status.")
    on: UserDate = Field(
        alias="datum", description="De datum van de wijziging (JJJJ-MM-DD of DD-MM-JJJJ)."
    )


class Zoekprofiel(StrictModel):
    """An anonymised description of the steungezin a vraaggezin needs."""

    id: str = Field(
        pattern=ID_PATTERN,
        min_length=3,
        max_length=60,
        description="Vaste, unieke code; staat in links en mag nooit veranderen.",
    )
    gemeente: str = Field(description="Slug van de gemeente uit `site_config.yml`.")
    wijk: str | None = Field(None, description="Wijk of dorp; alleen een die de gemeente noemt.")
    title: str = Field(
        alias="titel", min_length=5, max_length=120, description="Korte, warme kop van de oproep."
    )
    children: tuple[Child, ...] = Field(
        alias="kinderen", min_length=1, max_length=6, description="De kinderen, meestal één."
    )
    support: tuple[SupportType, ...] = Field(
        alias="steunvormen", min_length=1, description="Soorten steun uit de vaste lijst."
    )
    support_other: str | None = Field(
        None, alias="steunvorm_anders", max_length=200, description="Toelichting bij `anders`."
    )
    frequency: Frequency = Field(alias="frequentie", description="Hoe vaak, uit de vaste lijst.")
    frequency_note: str | None = Field(
        None, alias="frequentie_toelichting", max_length=200, description="Vrije toelichting."
    )
    days: tuple[Weekday, ...] = Field((), alias="dagen", description="Voorkeursdagen.")
    dagdelen: tuple[Dagdeel, ...] = Field((), description="Voorkeursdagdelen.")
    story: str = Field(
        alias="verhaal", min_length=20, max_length=5000, description="Het verhaal (Markdown)."
    )
    wishes: tuple[str, ...] = Field(
        (), alias="wensen", description="Wensen voor het steungezin, één per regel."
    )
    pseudonym: str | None = Field(
        None,
        alias="pseudoniem",
        max_length=30,
        description="Verzonnen voornaam voor het kind; de enige voornaam die mag voorkomen.",
    )
    status: Status = Field(
        description="`concept`, `open`, `in_gesprek`, `gekoppeld` of `gesloten`."
    )
    published: UserDate | None = Field(
        None, alias="gepubliceerd", description="Publicatiedatum; verplicht zodra niet `concept`."
    )
    expires: UserDate | None = Field(
        None, alias="verloopt", description="Verloopdatum; standaard publicatie + looptijd."
    )
    illustration: str = Field(
        "samen", alias="illustratie", description="Sleutel van een illustratie uit `theme/`."
    )
    siblings: tuple[str, ...] = Field(
        (), alias="broers_zussen", description="Id's van oproepen voor broers of zussen."
    )
    facebook: FacebookOptions = Field(
        default_factory=FacebookOptions, description="Facebookopties (`publiceren`, `tekst`)."
    )
    privacy: PrivacyOptions = Field(
        default_factory=PrivacyOptions, description="Geaccepteerde privacymeldingen."
    )
    history: tuple[StatusChange, ...] = Field(
        (), alias="statuslog", description="Statuswijzigingen met datum, oudste eerst."
    )

    @field_validator("pseudonym")
    @classmethod
    def _one_first_name(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[A-Za-zÀ-ÿ' -]+", value):
            raise ValueError("`pseudoniem` is één verzonnen voornaam, zonder cijfers of tekens")
        return value

    @field_validator("wishes")
    @classmethod
    def _wishes_not_empty(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if any(not w.strip() for w in value):
            raise ValueError("een wens mag niet leeg zijn")
        return value

    # Derived facts used by render, images, publish and forms.

    def expiry(self, lifetime_days: int) -> date | None:
        if self.expires:
            return self.expires
        return self.published + timedelta(days=lifetime_days) if self.published else None

    def is_expired(self, today: date, lifetime_days: int) -> bool:
        end = self.expiry(lifetime_days)
        return end is not None and end < today

    def is_listed(self, today: date, lifetime_days: int) -> bool:
        """Shown in listings, feeds and the sitemap, and eligible for a Facebook post."""
        return self.status in LISTED_STATUSES and not self.is_expired(today, lifetime_days)

    def has_page(self) -> bool:
        """Every profile that was ever published keeps its page; a concept has none."""
        return self.status is not Status.CONCEPT

    @property
    def min_age(self) -> int:
        return min(c.min_age for c in self.children)

    @property
    def max_age(self) -> int:
        return max(c.max_age for c in self.children)

    def support_labels(self) -> list[str]:
        labels = [SUPPORT_LABELS[s] for s in self.support if s is not SupportType.ANDERS]
        if SupportType.ANDERS in self.support and self.support_other:
            labels.append(self.support_other)
        return labels

    def children_label(self) -> str:
        return ", ".join(c.label() for c in self.children)

    def public_texts(self) -> dict[str, str]:
        """Every free-text field that can be published, keyed by its Dutch field path."""
        texts = {"titel": self.title, "verhaal": self.story}
        for i, wish in enumerate(self.wishes):
            texts[f"wensen[{i}]"] = wish
        if self.support_other:
            texts["steunvorm_anders"] = self.support_other
        if self.frequency_note:
            texts["frequentie_toelichting"] = self.frequency_note
        if self.facebook.text:
            texts["facebook.tekst"] = self.facebook.text
        return texts


AGE_GROUPS: tuple[tuple[str, str, int, int], ...] = (
    ("0-3", "0 tot 4 jaar", 0, 3),
    ("4-7", "4 tot 8 jaar", 4, 7),
    ("8-12", "8 tot 13 jaar", 8, 12),
    ("13-23", "13 jaar en ouder", 13, MAX_AGE),
)


def age_groups(profile: Zoekprofiel) -> list[str]:
    """The filter groups (keys of ``AGE_GROUPS``) any of the profile's children falls in."""
    return [
        key
        for key, _label, low, high in AGE_GROUPS
        if any(c.min_age <= high and c.max_age >= low for c in profile.children)
    ]


def count_families(profiles: Iterable[Zoekprofiel]) -> int:
    """How many families these profiles are about: siblings' oproepen count as one family.

    One oproep per child is the norm, so "3 gezinnen zoeken een steungezin" must not count a
    brother and sister twice. Families are the connected groups of ``broers_zussen`` links.
    """
    chosen = {p.id: p for p in profiles}
    parent = {pid: pid for pid in chosen}

    def root(pid: str) -> str:
        while parent[pid] != pid:
            parent[pid] = parent[parent[pid]]
            pid = parent[pid]
        return pid

    for p in chosen.values():
        for sibling in p.siblings:
            if sibling in chosen:
                parent[root(sibling)] = root(p.id)
    return len({root(pid) for pid in chosen})
