"""Log lines: one JSON object each when asked, e-mail addresses and error texts left out."""

from __future__ import annotations

import json
import logging

import pytest

from generator.errors import ConfigError
from generator.server.logs import JsonLines, ScrubbedText, log_format


def record(message: str, *args: object, exc: bool = False) -> logging.LogRecord:
    exc_info = None
    if exc:
        try:
            raise ValueError("weigerde ontvanger jan.jansen@example.org")
        except ValueError as error:
            exc_info = (type(error), error, error.__traceback__)
    return logging.LogRecord("buurtsite.test", logging.ERROR, __file__, 1, message, args, exc_info)


def test_json_lines_carry_no_email_address_nor_the_text_of_an_error() -> None:
    line = JsonLines().format(record("mail aan %s mislukt", "jan.jansen@example.org", exc=True))
    entry = json.loads(line)
    assert entry["bericht"] == "mail aan [e-mailadres] mislukt"
    assert entry["fout"] == "ValueError" and entry["frames"]
    assert "jan.jansen" not in line and "weigerde" not in line
    assert "\n" not in line


def test_text_lines_are_scrubbed_too() -> None:
    formatter = ScrubbedText("%(message)s")
    assert formatter.format(record("aan piet@example.org")) == "aan [e-mailadres]"


def test_log_format_from_option_or_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BUURTSITE_LOG_FORMAT", raising=False)
    assert log_format(None) == "tekst"
    monkeypatch.setenv("BUURTSITE_LOG_FORMAT", "JSON")
    assert log_format(None) == "json" and log_format("tekst") == "tekst"
    monkeypatch.setenv("BUURTSITE_LOG_FORMAT", "xml")
    with pytest.raises(ConfigError, match="tekst of json"):
        log_format(None)
