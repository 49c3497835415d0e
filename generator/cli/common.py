"""What every command shares: the --config option, output, and turning errors into exit codes."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console

from generator.errors import BuurtsiteError, Finding, Severity

F = TypeVar("F", bound=Callable[..., Any])

console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)

config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("site_config.yml"),
    show_default=True,
    help="Het configuratiebestand van de site.",
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
