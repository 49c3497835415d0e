"""What every command shares: options, output, and turning errors into exit codes.

Options are Dutch (``--uitvoer``, ``--poort``, ``--proef`` ...). Where people expect the English
spelling it is accepted too, but ``--help`` shows only the Dutch name: one set of names in
the help and the docs, and no error for a habit from other tools.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable
from datetime import date
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console

from generator.errors import BuurtsiteError, Finding, Severity
from generator.model import DATE_FORMATS, parse_date

F = TypeVar("F", bound=Callable[..., Any])

console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)

# English spellings accepted as hidden aliases of the Dutch option before them.
ENGLISH_ALIASES = {
    "--uitvoer": ("--out", "--output"),
    "--poort": ("--port",),
    "--profiel": ("--profile",),
    "--proef": ("--dry-run",),
    "--streng": ("--strict",),
    "--adres": ("--host",),
    "--versie": ("--version",),
    "--logformaat": ("--log-format",),
    "--lijst": ("--list",),
    "--naar": ("--to",),
    "--overschrijven": ("--overwrite",),
}
HIDDEN = frozenset(alias for aliases in ENGLISH_ALIASES.values() for alias in aliases)
# Option names that are Dutch as they stand (a test checks every option against this).
DUTCH_AS_IS = frozenset(
    {
        "--config",
        "--format",
        "--help",
        "--gemeente",
        "--naam",
        "--rol",
        "--van",
        "--tot",
        "--kanaal",
        "--site",
    }
)
SITE_PORT = 8000
FORMS_PORT = 8001  # its own default, so the preview and the sign-up server can run side by side


class DutchOption(click.Option):
    """An option whose English aliases work but are left out of ``--help``."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        shown = self.opts
        self.opts = [o for o in shown if o not in HIDDEN]
        try:
            return super().get_help_record(ctx)
        finally:
            self.opts = shown

    def get_error_hint(self, ctx: click.Context | None) -> str:
        return " / ".join(f"'{o}'" for o in self.opts if o not in HIDDEN)


def option(*decls: str, **attrs: Any) -> Callable[[F], F]:
    """``click.option`` with the English aliases of a Dutch name added (hidden in help)."""
    names = list(decls)
    for name in decls:
        names.extend(ENGLISH_ALIASES.get(name, ()))
    if isinstance(attrs.get("type"), click.Choice):
        attrs["type"].case_sensitive = False
    return click.option(*names, cls=DutchOption, **attrs)


class DateType(click.ParamType[date, str]):
    """A date as people type it: JJJJ-MM-DD or DD-MM-JJJJ (the one shared parser)."""

    name = "datum"

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        return "DATUM"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return parse_date(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


DATE = DateType()
DATE_HELP = f"({DATE_FORMATS})"

config_option = option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("site_config.yml"),
    show_default=True,
    metavar="BESTAND",
    help="Het configuratiebestand van de site.",
)


def output_option(
    dest: str = "output",
    help_text: str = "Schrijf naar dit bestand in plaats van naar het scherm.",
) -> Callable[[F], F]:
    return option(
        "--uitvoer",
        dest,
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        metavar="BESTAND",
        help=help_text,
    )


# Format names shown in Dutch; the code keeps the English value it always used.
DUTCH_FORMATS = {"text": "tekst"}


class FormatChoice(click.Choice[str]):
    """``[tekst|json]`` in help; the English spelling ``text`` is accepted too."""

    def __init__(self, choices: list[str]) -> None:
        super().__init__([DUTCH_FORMATS.get(c, c) for c in choices], case_sensitive=False)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        english = {v: k for k, v in DUTCH_FORMATS.items()}
        if isinstance(value, str) and value.casefold() in DUTCH_FORMATS:
            value = DUTCH_FORMATS[value.casefold()]
        chosen = str(super().convert(value, param, ctx))
        return english.get(chosen, chosen)


def format_option(choices: list[str], default: str, help_text: str) -> Callable[[F], F]:
    return option(
        "--format",
        "fmt",
        type=FormatChoice(choices),
        default=DUTCH_FORMATS.get(default, default),
        show_default=True,
        help=help_text,
    )


gemeente_option = option(
    "--gemeente", "gemeente_slug", default=None, metavar="SLUG", help="Alleen deze gemeente (slug)."
)

_STYLE = {
    Severity.ERROR: "bold red",
    Severity.CHECK: "bold magenta",
    Severity.WARNING: "yellow",
    Severity.INFO: "cyan",
}


def print_findings(findings: Iterable[Finding], fmt: str = "text") -> None:
    """Findings as `file:line:col: fout: ...` lines, or one JSON object per line."""
    for f in findings:
        if fmt == "json":
            click.echo(json.dumps(f.as_json(), ensure_ascii=False))
        else:
            console.print(f.as_text(), style=_STYLE[f.severity], markup=False)


def handle_errors(func: F) -> F:
    """Turn every buurtsite error into a Dutch message and exit code 1; never a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except BuurtsiteError as exc:
            fmt = kwargs.get("fmt", "text")
            if exc.findings:
                ordered = sorted(exc.findings, key=lambda f: (f.file, f.line, f.column))
                print_findings(ordered, fmt if fmt in ("text", "json") else "text")
            err_console.print(f"fout: {exc.message}", style="bold red", markup=False)
            sys.exit(1)
        except KeyboardInterrupt:
            err_console.print("afgebroken", markup=False)
            sys.exit(130)
        except click.exceptions.Exit:
            raise
        except click.ClickException:
            raise
        except Exception as exc:
            if os.environ.get("BUURTSITE_DEBUG"):
                raise
            err_console.print(
                f"interne fout ({type(exc).__name__}); dit is een fout in buurtsite, niet in uw "
                "bestanden. Meld het bij het landelijk bureau; met BUURTSITE_DEBUG=1 ziet u details.",
                style="bold red",
                markup=False,
            )
            sys.exit(2)

    return wrapper  # type: ignore[return-value]
