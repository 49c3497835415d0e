"""site_config.yml -> typed settings, declared once.

Every key has a type, a default where one makes sense, and a description; `docs/configuratie.md`
is generated from these models (``python -m generator.docref``) and a test keeps it current.
Secrets never live here: tokens and passwords come from the environment (see ``env``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    field_validator,
    model_validator,
)

from generator.errors import ConfigError, did_you_mean
from generator.model import ID_PATTERN, NormalChoice, UserDate
from generator.timewindows import parse_window, zone

HEX_COLOUR = r"^#[0-9a-fA-F]{6}$"
StrictInt = Annotated[int, Field(strict=True)]
StrictBool = Annotated[bool, Field(strict=True)]
# Kept as written (docs and messages quote it); generator.timewindows reads it where it is used.
WindowText = Annotated[str, AfterValidator(lambda v: parse_window(v).text)]
TimeZone = Annotated[str, AfterValidator(lambda v: zone(v).key)]


class ConfigModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Colours(ConfigModel):
    """Brand colours, as #rrggbb."""

    primary: str = Field("#c2410c", alias="primair", pattern=HEX_COLOUR, description="Hoofdkleur.")
    secondary: str = Field(
        "#1e3a5f", alias="secundair", pattern=HEX_COLOUR, description="Tweede kleur (koppen)."
    )
    background: str = Field(
        "#fff8f0", alias="achtergrond", pattern=HEX_COLOUR, description="Achtergrond van kaarten."
    )


class Contact(ConfigModel):
    """The national backoffice's public contact details."""

    email: str = Field(description="Algemeen e-mailadres van het landelijk bureau.")
    phone: str | None = Field(None, alias="telefoon", description="Algemeen telefoonnummer.")


class SiteSettings(ConfigModel):
    """The national site."""

    title: str = Field("Buurtgezinnen", alias="titel", description="Naam van de site.")
    base_url: HttpUrl = Field(
        description="Absolute adres van de site, bv. `https://www.buurtgezinnen.nl/`; "
        "alle deel-links en og-tags worden hiervan gemaakt."
    )
    colours: Colours = Field(default_factory=Colours, alias="kleuren", description="Huiskleuren.")
    logo: str | None = Field(
        None, description="Pad naar het logo (SVG of PNG), relatief aan `site_config.yml`."
    )
    contact: Contact = Field(description="Contactgegevens van het landelijk bureau.")
    privacy_page: str = Field(
        "privacyverklaring/",
        alias="privacyverklaring",
        description="Pad van de privacyverklaring op de site.",
    )
    privacy_version: str = Field(
        "2026-1",
        alias="privacyverklaring_versie",
        description="Versie van de privacyverklaring; wordt bij elke aanmelding opgeslagen.",
    )
    signup_url: HttpUrl = Field(
        alias="aanmeld_url", description="Adres waar de aanmeldformulieren naartoe posten."
    )
    lifetime_days: StrictInt = Field(
        90,
        alias="looptijd_dagen",
        ge=7,
        le=730,
        description="Standaard looptijd van een zoekprofiel in dagen.",
    )
    language: Literal["nl"] = Field("nl", alias="taal", description="Taal van de site.")
    timezone: TimeZone = Field(
        "Europe/Amsterdam",
        alias="tijdzone",
        description="Tijdzone van de tijdvakken voor Facebook en van het tijdstip van de backup.",
    )

    @property
    def base(self) -> str:
        """``base_url`` with exactly one trailing slash."""
        return str(self.base_url).rstrip("/") + "/"


class Coordinator(ConfigModel):
    """A local coordinator; only work contact details, which are public."""

    id: str = Field(pattern=ID_PATTERN, description="Korte code, bv. `coord-haarlem`.")
    name: str = Field(alias="naam", description="Naam zoals op de site (mag een functienaam zijn).")
    email: str = Field(description="Werk-e-mailadres; hier komen meldingen van aanmeldingen.")
    phone: str | None = Field(None, alias="telefoon", description="Werktelefoon.")


class Proeftuin(ConfigModel):
    """The gemeente's pilot period."""

    start: UserDate = Field(description="Begindatum (JJJJ-MM-DD of DD-MM-JJJJ).")
    end: UserDate | None = Field(None, alias="eind", description="Einddatum, leeg als doorlopend.")

    @model_validator(mode="after")
    def _ordered(self) -> Proeftuin:
        if self.end and self.end < self.start:
            raise ValueError("`eind` ligt vóór `start`")
        return self


class Gemeente(ConfigModel):
    """A gemeente where Buurtgezinnen runs."""

    slug: str = Field(pattern=ID_PATTERN, description="Korte naam in adressen, bv. `haarlem`.")
    name: str = Field(alias="naam", description="Officiële naam, bv. `Haarlem`.")
    province: str = Field(alias="provincie", description="Provincie.")
    coordinators: tuple[str, ...] = Field(
        alias="coordinatoren", min_length=1, description="Id's van de coördinator(en)."
    )
    proeftuin: Proeftuin | None = Field(None, description="Proeftuinperiode (`start`, `eind`).")
    wijken: tuple[str, ...] = Field((), description="Wijken en dorpen die profielen mogen noemen.")
    facebook_page: str | None = Field(
        None,
        alias="facebook_pagina",
        pattern=r"^[0-9]{5,20}$",
        description="Id van de Facebookpagina (nooit een token).",
    )
    intro: str = Field("", description="Inleiding op de gemeentepagina (Markdown).")
    target_per_year: StrictInt = Field(
        10, alias="doel_koppelingen_per_jaar", ge=0, le=500, description="Doel aantal koppelingen."
    )
    usual_search_days: StrictInt = Field(
        120,
        alias="gebruikelijke_zoektijd_dagen",
        ge=7,
        description="Na zoveel dagen open geeft `check` een waarschuwing.",
    )
    facebook_windows: tuple[WindowText, ...] | None = Field(
        None,
        alias="facebook_tijdvakken",
        description="Tijdvakken waarin nieuwe berichten op de pagina van deze gemeente komen; "
        "leeg: de landelijke `facebook.tijdvakken`.",
    )
    review: Annotated[Literal["verplicht", "uit"], NormalChoice] = Field(
        "verplicht",
        description="`verplicht`: een nieuw profiel of een gewijzigde publieke tekst wacht in de "
        "backoffice op goedkeuring door een tweede account van deze gemeente; `uit`: niet.",
    )


class FacebookSettings(ConfigModel):
    """How `buurtsite publish` posts. Tokens never live here."""

    graph_version: str = Field(
        "v24.0", alias="graph_versie", pattern=r"^v[0-9]+\.[0-9]+$", description="Graph API-versie."
    )
    post_type: Annotated[Literal["foto", "link"], NormalChoice] = Field(
        "foto", alias="berichttype", description="`foto` (afbeelding met tekst) of `link`."
    )
    when_filled: Annotated[Literal["bewerken", "verwijderen"], NormalChoice] = Field(
        "bewerken",
        alias="bij_gekoppeld",
        description="Wat er met het bericht gebeurt als het profiel gekoppeld of gesloten is.",
    )
    update_caption: StrictBool = Field(
        False, alias="tekst_bijwerken", description="Bijwerken als het verhaal verandert."
    )
    daily_cap: StrictInt = Field(
        3,
        alias="max_per_dag",
        ge=1,
        le=50,
        description="Maximaal aantal nieuwe berichten per pagina per dag.",
    )
    windows: tuple[WindowText, ...] = Field(
        (),
        alias="tijdvakken",
        description="Wanneer nieuwe berichten geplaatst worden, bv. `ma-vr 09:00-20:00` of "
        "`za,zo 10:00-16:00` (tijd in `site.tijdzone`); leeg: altijd. Een gekoppeld of gesloten "
        "profiel wordt meteen bijgewerkt, ook buiten een tijdvak.",
    )
    run_every_minutes: StrictInt = Field(
        15,
        alias="run_elke_minuten",
        ge=1,
        le=1440,
        description="Hoe vaak de productieserver een publicatierun doet.",
    )
    timeout_seconds: StrictInt = Field(
        30, alias="timeout_seconden", ge=1, le=300, description="Time-out per verzoek."
    )
    attempts: StrictInt = Field(
        4,
        alias="pogingen",
        ge=1,
        le=10,
        description="Hoe vaak een verzoek hooguit wordt geprobeerd bij een tijdelijke fout.",
    )
    backoff_seconds: float = Field(
        2.0,
        alias="wachttijd_seconden",
        ge=0,
        le=600,
        description="Basis van de wachttijd tussen pogingen; verdubbelt per poging (met spreiding).",
    )
    max_wait_seconds: float = Field(
        300.0,
        alias="max_wachttijd_seconden",
        ge=0,
        le=3600,
        description="Langste wachttijd bij een limiet van Facebook; daarna stopt de pagina tot de "
        "volgende keer.",
    )
    filled_text: str = Field(
        "Update: voor dit gezin is een steungezin gevonden. Dank je wel voor het delen!",
        alias="tekst_gekoppeld",
        min_length=5,
        max_length=500,
        description="Tekst boven het bericht als het profiel gekoppeld is.",
    )
    closed_text: str = Field(
        "Update: deze oproep is niet meer actueel. Bekijk de andere oproepen op onze site.",
        alias="tekst_gesloten",
        min_length=5,
        max_length=500,
        description="Tekst boven het bericht als het profiel gesloten of verlopen is.",
    )


class FormsSettings(ConfigModel):
    """The sign-up endpoint (`buurtsite forms`)."""

    retention_months: StrictInt = Field(
        12,
        alias="bewaartermijn_maanden",
        ge=1,
        le=60,
        description="Aanmeldingen worden zoveel maanden na de laatste wijziging verwijderd.",
    )
    notify_with_data: StrictBool = Field(
        False,
        alias="melding_met_gegevens",
        description="Zet persoonsgegevens in de e-mail aan de coördinator (standaard: alleen een link).",
    )
    backoffice_url: HttpUrl | None = Field(
        None, alias="backoffice_url", description="Adres van de backoffice, voor links in e-mails."
    )
    sender: str = Field(
        "noreply@example.org", alias="afzender", description="Afzender van e-mails."
    )
    allowed_origins: tuple[str, ...] = Field(
        (),
        alias="extra_herkomsten",
        description="Extra herkomsten (bv. `http://127.0.0.1:8000`) die naast `site.base_url` "
        "formulieren mogen posten; voor lokaal testen.",
    )
    min_fill_seconds: StrictInt = Field(
        3,
        alias="minimale_invultijd_seconden",
        ge=0,
        le=60,
        description="Een formulier dat sneller is ingevuld (gemeten met JavaScript) wordt niet "
        "opgeslagen maar teruggegeven om nog eens te versturen; 0 zet dit uit.",
    )


class BackupSettings(ConfigModel):
    """The nightly backups of the SQLite databases (production server)."""

    keep_days: StrictInt = Field(
        14,
        alias="bewaardagen",
        ge=1,
        le=365,
        description="Backups ouder dan zoveel dagen gaan weg.",
    )
    at: str = Field(
        "03:00",
        alias="tijdstip",
        pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$",
        description="Tijdstip van de nachtelijke backup (UU:MM, in `site.tijdzone`).",
    )


class Settings(ConfigModel):
    """All of site_config.yml."""

    site: SiteSettings = Field(description="De landelijke site.")
    coordinators: tuple[Coordinator, ...] = Field(
        alias="coordinatoren", description="Coördinatoren."
    )
    gemeenten: tuple[Gemeente, ...] = Field(min_length=1, description="Gemeenten.")
    facebook: FacebookSettings = Field(
        default_factory=FacebookSettings, description="Facebook-publicatie."
    )
    forms: FormsSettings = Field(
        default_factory=FormsSettings, alias="aanmeldingen", description="Aanmeldformulieren."
    )
    backup: BackupSettings = Field(
        default_factory=BackupSettings, alias="backups", description="Nachtelijke backups."
    )

    @field_validator("gemeenten")
    @classmethod
    def _unique_slugs(cls, value: tuple[Gemeente, ...]) -> tuple[Gemeente, ...]:
        seen: set[str] = set()
        for g in value:
            if g.slug in seen:
                raise ValueError(f"gemeente `{g.slug}` staat er twee keer in")
            seen.add(g.slug)
        return value

    @model_validator(mode="after")
    def _known_coordinators(self) -> Settings:
        known = {c.id for c in self.coordinators}
        for g in self.gemeenten:
            for cid in g.coordinators:
                if cid not in known:
                    raise ValueError(f"gemeente `{g.slug}` noemt onbekende coördinator `{cid}`")
        return self

    def gemeente(self, slug: str) -> Gemeente | None:
        return next((g for g in self.gemeenten if g.slug == slug), None)

    def require_gemeente(self, slug: str) -> Gemeente:
        """The gemeente ``slug`` names, or a ConfigError with a hint every command shares."""
        found = self.gemeente(slug)
        if found is not None:
            return found
        slugs = [g.slug for g in self.gemeenten]
        hint = did_you_mean(slug, slugs)
        tail = f" — bedoelde u '{hint}'?" if hint else f"; bijvoorbeeld: {', '.join(slugs[:20])}"
        raise ConfigError(f"onbekende gemeente '{slug}'{tail}")

    def coordinator(self, cid: str) -> Coordinator | None:
        return next((c for c in self.coordinators if c.id == cid), None)

    def coordinators_of(self, gemeente: Gemeente) -> list[Coordinator]:
        return [c for cid in gemeente.coordinators if (c := self.coordinator(cid))]


class Project(BaseModel):
    """Settings plus where they were read from; paths in the config are relative to it."""

    model_config = ConfigDict(arbitrary_types_allowed=True, frozen=True)

    settings: Settings
    config_path: Path

    @property
    def root(self) -> Path:
        return self.config_path.parent

    def path(self, relative: str) -> Path:
        return (self.root / relative).resolve()

    @property
    def profiles_dir(self) -> Path:
        return self.root / "profiles"

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def theme_dir(self) -> Path:
        return self.root / "theme"


def env(name: str, default: str | None = None) -> str:
    """A setting from the environment; a missing one without default is a clear ConfigError.

    The value is never echoed in the error: it may be a secret.
    """
    value = os.environ.get(name)
    if value is None or value == "":
        if default is None:
            raise ConfigError(
                f"de omgevingsvariabele {name} ontbreekt en heeft geen standaardwaarde"
            )
        return default
    return value


def data_dir() -> Path:
    """Where ledgers and databases live (``BUURTSITE_DATA_DIR``, default ``./data``)."""
    path = Path(env("BUURTSITE_DATA_DIR", "data"))
    path.mkdir(parents=True, exist_ok=True)
    return path
