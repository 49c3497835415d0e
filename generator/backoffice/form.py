"""The profile form, generated from the schema (``generator.model.Zoekprofiel``).

The same source as ``docs/veldenreferentie.md``: every field's Dutch key, description and choices
come from the model, so a new field appears in the form as it appears in the docs. The form's
input names are the Dutch field paths that ``check`` names in its findings (``titel``,
``kinderen[0].leeftijd``, ``facebook.tekst``), so a finding lands next to its field.

The form never judges a value: it turns the POSTed strings into the YAML a coordinator would
have written (a number stays text when it is not one), and ``check`` says what is wrong.
"""

from __future__ import annotations

import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.errors import Finding
from generator.model import (
    LISTED_STATUSES,
    MAX_AGE,
    SUPPORT_LABELS,
    Child,
    Status,
    SupportType,
    Zoekprofiel,
)

# Keys the form does not show: the statuslog is written by the status buttons only.
HIDDEN = frozenset({"statuslog"})
LONG_TEXT = frozenset({"verhaal", "facebook.tekst"})
MAX_CHILDREN = 6
LABELS = {
    "id": "Code (id)",
    "gemeente": "Gemeente",
    "wijk": "Wijk of dorp",
    "titel": "Titel",
    "kinderen": "Kinderen",
    "steunvormen": "Soorten steun",
    "steunvorm_anders": "Toelichting bij ‘anders’",
    "frequentie": "Hoe vaak",
    "frequentie_toelichting": "Toelichting bij hoe vaak",
    "dagen": "Voorkeursdagen",
    "dagdelen": "Voorkeursdagdelen",
    "verhaal": "Verhaal",
    "wensen": "Wensen (één per regel)",
    "pseudoniem": "Verzonnen voornaam (pseudoniem)",
    "status": "Status",
    "gepubliceerd": "Publicatiedatum",
    "verloopt": "Verloopdatum",
    "illustratie": "Illustratie",
    "broers_zussen": "Broers en zussen (codes, één per regel)",
    "facebook.publiceren": "Op Facebook plaatsen",
    "facebook.tekst": "Eigen tekst voor Facebook",
    "privacy.toegestaan": "Geaccepteerde privacymeldingen (één per regel: tekst | reden)",
    "leeftijd": "Leeftijd",
    "leeftijd_van": "Leeftijd van",
    "leeftijd_tot": "Leeftijd tot",
    "geslacht": "Geslacht",
}
CHOICE_LABELS: dict[str, str] = {s.value: label for s, label in SUPPORT_LABELS.items()}


@dataclass(frozen=True)
class Field:
    name: str  # the Dutch field path: the input's name and id, and what findings name
    label: str
    help: str
    kind: str  # text, textarea, lines, select, multi, date, yesno, number
    choices: tuple[tuple[str, str], ...] = ()
    required: bool = False

    @property
    def dom_id(self) -> str:
        return "veld-" + "".join(c if c.isalnum() else "-" for c in self.name)


def _choices(enum: type[Enum]) -> tuple[tuple[str, str], ...]:
    labels = CHOICE_LABELS if enum is SupportType else {}
    return tuple((m.value, labels.get(m.value, m.value)) for m in enum)


def _type_names(annotation: Any) -> set[str]:
    """Names of every type inside an annotation (``UserDate | None`` -> date, NoneType ...)."""
    names = {getattr(annotation, "__name__", "")}
    for arg in typing.get_args(annotation):
        names |= _type_names(arg)
    return names


def _enum_in(annotation: Any) -> type[Enum] | None:
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return annotation
    for arg in typing.get_args(annotation):
        found = _enum_in(arg)
        if found is not None:
            return found
    return None


def _field(name: str, info: FieldInfo) -> Field:
    key = name.rsplit(".", 1)[-1]
    label = LABELS.get(name, LABELS.get(key, key.replace("_", " ").capitalize()))
    help_text = (info.description or "").replace("`", "")
    annotation = info.annotation
    is_list = typing.get_origin(annotation) is tuple
    enum = _enum_in(annotation)
    required = info.is_required()
    if enum is not None:
        kind = "multi" if is_list else "select"
        return Field(name, label, help_text, kind, _choices(enum), required)
    if is_list:
        return Field(name, label, help_text, "lines", required=required)
    names = _type_names(annotation)
    if "date" in names:
        return Field(name, label, help_text, "date", required=required)
    if "bool" in names:
        return Field(name, label, help_text, "yesno", (("ja", "ja"), ("nee", "nee")), required)
    if "int" in names:
        return Field(name, label, help_text, "number", required=required)
    kind = "textarea" if name in LONG_TEXT else "text"
    return Field(name, label, help_text, kind, required=required)


def _walk(model: type[BaseModel], prefix: str = "") -> Iterable[Field]:
    for attr, info in model.model_fields.items():
        name = f"{prefix}{info.alias or attr}"
        if name in HIDDEN or name == "kinderen":
            continue
        if name == "privacy":
            yield Field(
                "privacy.toegestaan",
                LABELS["privacy.toegestaan"],
                "Beoordeelde meldingen van de privacycontrole die mogen blijven staan.",
                "lines",
            )
            continue
        nested = [
            a
            for a in (info.annotation, *typing.get_args(info.annotation))
            if isinstance(a, type) and issubclass(a, BaseModel)
        ]
        if nested:
            yield from _walk(nested[0], f"{name}.")
        else:
            yield _field(name, info)


FIELDS: tuple[Field, ...] = tuple(_walk(Zoekprofiel))
MULTI_NAMES = frozenset(f.name for f in FIELDS if f.kind == "multi")
CHILD_FIELDS: tuple[Field, ...] = tuple(
    _field(info.alias or attr, info) for attr, info in Child.model_fields.items()
)
CHILDREN_HELP = (Zoekprofiel.model_fields["children"].description or "") + (
    f" Per kind een leeftijd (0 tot en met {MAX_AGE}) of een leeftijdsbereik."
)


def child_field(index: int, field: Field) -> Field:
    return Field(
        f"kinderen[{index}].{field.name}",
        field.label,
        field.help,
        field.kind,
        field.choices,
        field.required,
    )


# --- YAML data <-> form values ------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def values_from(data: Mapping[str, Any]) -> dict[str, Any]:
    """A profile's YAML data as form values (strings, and lists for check boxes)."""
    values: dict[str, Any] = {}
    for field in FIELDS:
        head, _, tail = field.name.partition(".")
        value = data.get(head)
        if tail:
            value = value.get(tail) if isinstance(value, Mapping) else None
        if field.name == "privacy.toegestaan":
            items = value if isinstance(value, list) else []
            values[field.name] = "\n".join(
                f"{i.get('tekst', '')} | {i.get('reden', '')}" for i in items if isinstance(i, dict)
            )
        elif field.kind == "multi":
            values[field.name] = [_text(v) for v in value] if isinstance(value, list) else []
        elif field.kind == "lines":
            values[field.name] = (
                "\n".join(_text(v) for v in value) if isinstance(value, list) else ""
            )
        else:
            values[field.name] = _text(value)
    children = data.get("kinderen")
    for i, child in enumerate(children if isinstance(children, list) else []):
        for field in CHILD_FIELDS:
            values[f"kinderen[{i}].{field.name}"] = _text(
                child.get(field.name) if isinstance(child, Mapping) else None
            )
    return values


def _number(text: str) -> int | str:
    return int(text) if text.isdigit() else text


def data_from(form: Mapping[str, Any], keep: Mapping[str, Any]) -> dict[str, Any]:
    """POSTed values -> YAML data in the schema's key order; ``keep`` supplies hidden keys."""
    data: dict[str, Any] = {}
    for attr, info in Zoekprofiel.model_fields.items():
        key = info.alias or attr
        if key in HIDDEN:
            if keep.get(key):
                data[key] = keep[key]
            continue
        if key == "kinderen":
            data[key] = _children(form)
            continue
        for field in (f for f in FIELDS if f.name.partition(".")[0] == key):
            value = _value(field, form)
            if value in (None, "", []):
                continue
            head, _, tail = field.name.partition(".")
            if tail:
                data.setdefault(head, {})[tail] = value
            else:
                data[head] = value
    if not data["kinderen"]:
        del data["kinderen"]
    return data


def log_status(data: dict[str, Any], old_status: str | None, on: date) -> None:
    """Keep ``statuslog`` ending at the status (validate's ``history-status`` rule).

    A new profile (``old_status`` None) gets its first entry, dated on its publication date when
    it is listed (what the report counts as the day it opened), else ``on``. An existing one
    gets an entry when its status changed; a profile kept without a log stays without one.
    """
    status = data.get("status")
    if status not in {s.value for s in Status}:
        return  # check names the wrong status
    log = data["statuslog"] if isinstance(data.get("statuslog"), list) else []
    last = log[-1].get("status") if log and isinstance(log[-1], Mapping) else None
    if last == status or (old_status is not None and status == old_status):
        return
    published = data.get("gepubliceerd")
    listed = status in {s.value for s in LISTED_STATUSES}
    day = published if old_status is None and listed and isinstance(published, date) else on
    data["statuslog"] = [*log, {"status": status, "datum": day}]


def _value(field: Field, form: Mapping[str, Any]) -> Any:
    raw = form.get(field.name)
    if field.kind == "multi":
        chosen = raw if isinstance(raw, list) else ([raw] if raw else [])
        return [str(v) for v in chosen if v]
    # Browsers send CRLF; trailing blanks on a line would force YAML's quoted style.
    text = "\n".join(line.rstrip() for line in str(raw or "").splitlines()).strip()
    if field.name == "privacy.toegestaan":
        items = []
        for line in text.splitlines():
            if line.strip():
                tekst, _, reden = line.partition("|")
                items.append({"tekst": tekst.strip(), "reden": reden.strip()})
        return items
    if field.kind == "lines":
        return [line.strip() for line in text.splitlines() if line.strip()]
    if field.kind == "yesno":
        return {"ja": True, "nee": False}.get(text, text or None)
    if field.kind == "number":
        return _number(text)
    if field.kind == "date" and text:
        try:
            return date.fromisoformat(text)
        except ValueError:
            return text  # check reads DD-MM-JJJJ too, and names what is wrong otherwise
    return text


def _children(form: Mapping[str, Any]) -> list[dict[str, Any]]:
    children = []
    for i in range(MAX_CHILDREN):
        child: dict[str, Any] = {}
        for field in CHILD_FIELDS:
            text = str(form.get(f"kinderen[{i}].{field.name}") or "").strip()
            if text:
                child[field.name] = _number(text) if field.kind == "number" else text
        if child:
            children.append(child)
    return children


class _Dumper(yaml.SafeDumper):
    """Multi-line text as a ``|`` block, the way a coordinator writes a story by hand."""

    def ignore_aliases(self, data: Any) -> bool:
        return True  # ``load`` refuses anchors: one date used twice is written twice


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def to_yaml(data: Mapping[str, Any]) -> str:
    return yaml.dump(dict(data), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


# --- findings next to their field ------------------------------------------------------------


def anchors() -> set[str]:
    names = {f.name for f in FIELDS}
    names |= {f"kinderen[{i}].{f.name}" for i in range(MAX_CHILDREN) for f in CHILD_FIELDS}
    return names


def anchor(field_path: str, names: set[str]) -> str:
    """The input a finding belongs to: its own, else its nearest parent's; "" for the form."""
    probe = field_path
    while probe:
        if probe in names:
            return probe
        first_child_input = f"{probe}.{CHILD_FIELDS[0].name}"
        if first_child_input in names:
            return first_child_input
        cut = max(probe.rfind("."), probe.rfind("["))
        probe = probe[:cut] if cut > 0 else ""
    return ""


def errors_by_field(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    names = anchors()
    out: dict[str, list[Finding]] = {}
    for finding in findings:
        out.setdefault(anchor(finding.field, names), []).append(finding)
    return out
