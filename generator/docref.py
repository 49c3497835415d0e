"""Field references generated from the schema, so the docs cannot drift.

``python -m generator.docref config > docs/configuratie.md`` and
``python -m generator.docref profiel > docs/veldenreferentie.md`` regenerate them;
tests/test_docs.py fails when the committed files differ from what this produces.
"""

from __future__ import annotations

import sys
import types
import typing
from collections.abc import Iterator
from enum import Enum
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from generator.model import Zoekprofiel
from generator.settings import Settings

Row = tuple[str, str, str, str]


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for arg in typing.get_args(annotation):
        found.extend(_models_in(arg))
    return found


def _type_name(annotation: Any) -> str:
    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin in (typing.Union, types.UnionType):
        return " of ".join(_type_name(a) for a in args)
    if origin is tuple:
        return f"lijst van {_type_name(args[0])}" if args else "lijst"
    if origin is typing.Literal:
        return " / ".join(f"`{a}`" for a in typing.get_args(annotation))
    if origin is typing.Annotated:
        return _type_name(args[0])
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return " / ".join(f"`{m.value}`" for m in annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "blok"
    names = {"str": "tekst", "int": "getal", "bool": "true/false", "date": "datum (JJJJ-MM-DD)"}
    name = getattr(annotation, "__name__", str(annotation))
    return names.get(name, "webadres" if "Url" in name else name)


def _default(info: FieldInfo) -> str:
    if info.is_required():
        return "verplicht"
    if info.default_factory is not None:
        return "zie onder" if _models_in(info.annotation) else "leeg"
    value = info.default
    if value is PydanticUndefined or value is None or value == ():
        return "leeg"
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, bool):
        value = str(value).lower()
    return f"`{value}`"


def rows(model: type[BaseModel], prefix: str = "") -> Iterator[Row]:
    """(key path, type, default, description) for every field, depth first."""
    for name, info in model.model_fields.items():
        key = f"{prefix}{info.alias or name}"
        yield key, _type_name(info.annotation), _default(info), info.description or ""
        for sub in _models_in(info.annotation):
            sep = "[]." if typing.get_origin(info.annotation) is tuple else "."
            yield from rows(sub, f"{key}{sep}")


def document_keys(model: type[BaseModel]) -> list[str]:
    return [row[0] for row in rows(model)]


def _table(model: type[BaseModel]) -> str:
    lines = ["| sleutel | soort | standaard | betekenis |", "| --- | --- | --- | --- |"]
    for key, kind, default, description in rows(model):
        lines.append(f"| `{key}` | {kind} | {default} | {description.replace('|', '/')} |")
    return "\n".join(lines)


def config_reference() -> str:
    return f"""# site_config.yml: alle instellingen

<!-- Gegenereerd door `python -m generator.docref config`; niet met de hand bewerken. -->

Elke sleutel van `site_config.yml`, met soort, standaardwaarde en betekenis. Onbekende sleutels
zijn een fout (met een suggestie bij een tikfout). Paden zijn relatief aan `site_config.yml`.
Geheimen (Facebook-tokens, SMTP- en backofficewachtwoorden) staan hier nooit in: die komen uit
de omgeving (zie `docs/omgeving.md`).

{_table(Settings)}
"""


def profile_reference() -> str:
    return f"""# Zoekprofiel: alle velden

<!-- Gegenereerd door `python -m generator.docref profiel`; niet met de hand bewerken. -->

Een zoekprofiel is één YAML-bestand in `profiles/<gemeente>/<naam>.yml`. Zie
[Een zoekprofiel schrijven](zoekprofiel-schrijven.md) voor uitleg en een voorbeeld.

{_table(Zoekprofiel)}
"""


def main(argv: list[str]) -> int:
    which = argv[1] if len(argv) > 1 else ""
    if which == "config":
        sys.stdout.write(config_reference())
    elif which == "profiel":
        sys.stdout.write(profile_reference())
    else:
        sys.stderr.write("gebruik: python -m generator.docref config|profiel\n")
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
