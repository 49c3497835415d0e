"""Log lines of the production process: plain text, or one JSON object per line when asked.

Our own messages name counts, slugs and exception classes, never a person or a secret; this
formatter adds a second line of defence: anything shaped like an e-mail address is replaced,
and a traceback is reduced to its frames (file, line, function) without the exception's text,
which could quote a form field or an SMTP server's answer.
"""

from __future__ import annotations

import json
import logging
import os
import re
import traceback
from datetime import UTC, datetime

from generator.errors import ConfigError

FORMAT_VAR = "BUURTSITE_LOG_FORMAT"
FORMATS = ("tekst", "json")
EMAIL = re.compile(r"[^\s@<>\"']+@[^\s@<>\"']+\.[A-Za-z]{2,}")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"


def scrub(message: str) -> str:
    return EMAIL.sub("[e-mailadres]", message)


class JsonLines(logging.Formatter):
    """One JSON object per record: time, level, logger, message (and frames of an error)."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "tijd": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "niveau": record.levelname.lower(),
            "logger": record.name,
            "bericht": scrub(record.getMessage()),
        }
        if record.exc_info and record.exc_info[0] is not None:
            exc_type, _, tb = record.exc_info
            line["fout"] = exc_type.__name__
            line["frames"] = [f"{f.filename}:{f.lineno} {f.name}" for f in traceback.extract_tb(tb)]
        return json.dumps(line, ensure_ascii=False)


class ScrubbedText(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))


def log_format(chosen: str | None) -> str:
    """The format from the option, else ``BUURTSITE_LOG_FORMAT``, else text."""
    value = (chosen or os.environ.get(FORMAT_VAR) or "tekst").strip().lower()
    value = {"text": "tekst"}.get(value, value)
    if value not in FORMATS:
        raise ConfigError(f"{FORMAT_VAR} '{value}' is ongeldig; kies tekst of json")
    return value


def configure(fmt: str, level: int = logging.INFO) -> None:
    """Send every logger (ours, uvicorn's, SQLAlchemy's warnings) through one handler."""
    handler = logging.StreamHandler()
    handler.setFormatter(JsonLines() if fmt == "json" else ScrubbedText(TEXT_FORMAT))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers.clear()
        logging.getLogger(name).propagate = True
