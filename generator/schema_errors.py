"""Pydantic's validation errors in Dutch, each a finding at the file, line and column of the
offending key or value. Used for profiles (validate.py) and site_config.yml alike."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.errors import Finding, Severity, did_you_mean, field_label
from generator.load import Document, Loc
from generator.model import DATE_FORMATS

_TYPE_NAMES = {
    "int": "een geheel getal",
    "string": "tekst",
    "str": "tekst",
    "bool": "ja of nee (true/false)",
    "date": f"een datum ({DATE_FORMATS})",
    "list": "een lijst (regels die met '- ' beginnen)",
    "tuple": "een lijst (regels die met '- ' beginnen)",
    "dict": "een blok met velden",
    "model": "een blok met velden",
    "url": "een volledig webadres (https://...)",
}


def _shown(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 40 else text[:37] + "..."


def dutch_message(error: Any, allowed_keys: Iterable[str] = ()) -> tuple[str, str]:
    """(code, Dutch message) for one pydantic error dict."""
    kind: str = error["type"]
    ctx = error.get("ctx") or {}
    loc = error["loc"]
    name = str(loc[-1]) if loc else ""
    value = error.get("input")
    if kind == "missing":
        return "missing-field", f"verplicht veld '{name}' ontbreekt"
    if kind == "extra_forbidden":
        hint = did_you_mean(name, allowed_keys)
        tail = f" — bedoelde u '{hint}'?" if hint else ""
        return "unknown-field", f"onbekend veld '{name}'{tail}"
    if kind in ("enum", "literal_error"):
        options = str(ctx.get("expected", ""))
        hint = did_you_mean(
            str(value), [o.strip(" '") for o in options.replace(" or ", ",").split(",")]
        )
        tail = (
            f" — bedoelde u '{hint}'?" if hint else f"; kies uit: {options.replace(' or ', ' of ')}"
        )
        return "unknown-value", f"onbekende waarde {_shown(value)} voor '{_label(loc)}'{tail}"
    if kind.endswith("_type") or kind.endswith("_parsing") or kind == "model_attributes_type":
        base = kind.split("_")[0]
        wanted = _TYPE_NAMES.get(base, base)
        if kind == "date_from_datetime_inexact":
            wanted = _TYPE_NAMES["date"]
        return "wrong-type", f"'{_label(loc)}' moet {wanted} zijn, niet {_shown(value)}"
    if kind in ("greater_than_equal", "greater_than"):
        return (
            "out-of-range",
            f"'{_label(loc)}' moet minstens {ctx.get('ge', ctx.get('gt'))} zijn",
        )
    if kind in ("less_than_equal", "less_than"):
        return (
            "out-of-range",
            f"'{_label(loc)}' mag hooguit {ctx.get('le', ctx.get('lt'))} zijn",
        )
    if kind == "string_too_short":
        return (
            "too-short",
            f"'{_label(loc)}' is te kort (minstens {ctx.get('min_length')} tekens)",
        )
    if kind == "string_too_long":
        return (
            "too-long",
            f"'{_label(loc)}' is te lang (hooguit {ctx.get('max_length')} tekens)",
        )
    if kind == "too_short":
        return (
            "too-short",
            f"'{_label(loc)}' moet minstens {ctx.get('min_length')} item(s) hebben",
        )
    if kind == "too_long":
        return "too-long", f"'{_label(loc)}' mag hooguit {ctx.get('max_length')} items hebben"
    if kind == "string_pattern_mismatch":
        return "bad-format", f"'{_label(loc)}' heeft niet de juiste vorm: {_shown(value)}"
    if kind.startswith("url"):
        return "bad-url", f"'{_label(loc)}' moet een volledig webadres zijn (https://...)"
    if kind == "value_error":
        message = str(ctx.get("error", error.get("msg", "")))
        return "invalid", message
    return "invalid", f"'{_label(loc)}' is ongeldig ({error.get('msg', kind)})"


def _label(loc: Sequence[Any]) -> str:
    """The field as messages name it (see ``field_label``)."""
    return field_label(field_name(loc))


def field_name(loc: Sequence[Any]) -> str:
    """The machine path of a field (``kinderen[0].leeftijd``), kept in JSON output."""
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts[-1:] = [f"{parts[-1] if parts else ''}[{part}]"]
        else:
            parts.append(str(part))
    return ".".join(parts)


def _aliases(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def _submodel(model: type[BaseModel], loc: Sequence[Any]) -> type[BaseModel]:
    """The model class that owns the last key of ``loc`` (for "did you mean" hints)."""
    current = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        for name, info in current.model_fields.items():
            if (info.alias or name) == part:
                for candidate in _model_types(info.annotation):
                    current = candidate
                break
    return current


def _model_types(annotation: Any) -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = []
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    for arg in getattr(annotation, "__args__", ()) or ():
        found.extend(_model_types(arg))
    return found


def schema_findings(
    exc: ValidationError, model: type[BaseModel], doc: Document, prefix: Loc = ()
) -> list[Finding]:
    """Every pydantic error as a Dutch finding at the right line and column."""
    findings: list[Finding] = []
    errors = exc.errors()
    failing = {tuple(e["loc"]) for e in errors}
    # "onbekend veld 'title' — bedoelde u 'titel'?" already says what "'titel' ontbreekt" would.
    typo_targets = {
        (*e["loc"][:-1], hint)
        for e in errors
        if e["type"] == "extra_forbidden"
        and (hint := did_you_mean(str(e["loc"][-1]), _aliases(_submodel(model, e["loc"]))))
    }
    for error in errors:
        loc: Loc = (*prefix, *error["loc"])
        # A list that is "too short after validation" only because an item failed is noise.
        if error["type"] == "too_short" and any(
            other[: len(error["loc"])] == tuple(error["loc"]) and other != tuple(error["loc"])
            for other in failing
        ):
            continue
        if error["type"] == "missing" and tuple(error["loc"]) in typo_targets:
            continue
        allowed = (
            _aliases(_submodel(model, error["loc"])) if error["type"] == "extra_forbidden" else []
        )
        code, message = dutch_message(error, allowed)
        key = error["type"] in ("extra_forbidden",)
        line, column = doc.position(loc, key=key)
        findings.append(
            Finding(doc.display, line, column, Severity.ERROR, code, field_name(loc), message)
        )
    return findings


def finding(doc: Document, loc: Loc, code: str, message: str, *, warning: bool = False) -> Finding:
    line, column = doc.position(loc)
    severity = Severity.WARNING if warning else Severity.ERROR
    return Finding(doc.display, line, column, severity, code, field_name(loc), message)
