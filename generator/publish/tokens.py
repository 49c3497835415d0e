"""Page access tokens: only from a file outside the repo or from the environment.

A token is wrapped in ``Token`` so that printing, logging or formatting it by accident
shows a placeholder instead of the secret. Error messages name the Page, never the value.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

import yaml

from generator.errors import ConfigError

TOKENS_FILE_VAR = "BUURTSITE_FACEBOOK_TOKENS"
TOKEN_VAR_PREFIX = "BUURTSITE_FACEBOOK_TOKEN_"


class Token:
    """A secret string whose ``str`` and ``repr`` never reveal it."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        """The secret itself; only the HTTP layer calls this."""
        return self._value

    def __repr__(self) -> str:
        return "Token('***')"

    def __str__(self) -> str:
        return "***"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Token) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


def _read_file(path: Path) -> dict[str, str]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(
            f"het tokenbestand uit {TOKENS_FILE_VAR} ({path}) is niet te lezen: {exc.strerror}"
        ) from None
    try:
        # JSON is a subset of YAML, but a JSON file with a tab would trip YAML: try JSON first.
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError):
        # Never include the parser's message: it quotes the offending line, i.e. a token.
        raise ConfigError(
            f"het tokenbestand {path} is geen geldige YAML of JSON (pagina-id: token per regel)"
        ) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"het tokenbestand {path} moet per regel 'pagina-id: token' bevatten")
    tokens: dict[str, str] = {}
    for key, value in data.items():
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"het token voor pagina {key} in {path} is leeg of geen tekst")
        tokens[str(key)] = value.strip()
    return tokens


def load_tokens(page_ids: Iterable[str]) -> dict[str, Token]:
    """The token of every Page in ``page_ids`` that has one; Pages without one are left out.

    The environment (``BUURTSITE_FACEBOOK_TOKEN_<PAGEID>``) wins over the file, so a single
    renewed token can be tried without editing the file.
    """
    from_file: dict[str, str] = {}
    file_name = os.environ.get(TOKENS_FILE_VAR)
    if file_name:
        path = Path(file_name).expanduser()
        if not path.is_file():
            raise ConfigError(f"het tokenbestand uit {TOKENS_FILE_VAR} bestaat niet: {path}")
        from_file = _read_file(path)
    tokens: dict[str, Token] = {}
    for page_id in page_ids:
        value = os.environ.get(TOKEN_VAR_PREFIX + page_id) or from_file.get(page_id)
        if value:
            tokens[page_id] = Token(value.strip())
    return tokens


def renew_hint(page_id: str) -> str:
    """How to renew a Page token, in Dutch; shown when Facebook rejects one."""
    return (
        f"Vraag een nieuw pagina-token aan (Meta Business Suite > Instellingen > "
        f"Systeemgebruikers, of de Graph API Explorer) en zet het in het tokenbestand "
        f"({TOKENS_FILE_VAR}) onder pagina-id {page_id}, of in {TOKEN_VAR_PREFIX}{page_id}."
    )
