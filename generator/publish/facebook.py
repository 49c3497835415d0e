"""A small, typed Graph API client on top of Meta's ``facebook-business`` SDK.

We use the SDK's low-level ``FacebookAdsApi.call`` rather than the generated ``Page`` objects:
it keeps the response status and headers (needed for the usage headers and to recognise an
HTTP 500 with an HTML body, which the generated objects turn into a late ``TypeError``) and
avoids the generated parameter checker's warnings.

Secrets: the token travels in the ``Authorization`` header (and, for ``debug_token``, in the
POST body), never in the query string, so it never shows up in a URL, and thus not in urllib3's
debug log, a proxy's access log or a ``requests`` exception.
Every error leaving this module is a ``GraphError`` with a Dutch message that we compose
ourselves; the SDK's own exception text (which quotes request parameters) is never reused.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import requests
from facebook_business.api import FacebookAdsApi, FacebookResponse
from facebook_business.exceptions import FacebookError, FacebookRequestError
from facebook_business.session import FacebookSession

from generator.errors import BuurtsiteError
from generator.publish.tokens import Token

DEFAULT_GRAPH_URL = "https://graph.facebook.com"
GRAPH_URL_VAR = "BUURTSITE_GRAPH_URL"

RATE_LIMIT_CODES = frozenset({4, 17, 32, 613})
TOKEN_CODES = frozenset({102, 190})
BLOCKED_CODES = frozenset({368})
TRANSIENT_CODES = frozenset({1, 2})


class ErrorKind(StrEnum):
    RATE_LIMIT = "rate_limit"
    TOKEN = "token"
    PERMISSION = "permission"
    BLOCKED = "blocked"
    TRANSIENT = "transient"
    NOT_FOUND = "not_found"
    OTHER = "other"


class GraphError(BuurtsiteError):
    """A Graph API call failed. ``kind`` decides what the runner does next.

    For a write, ``kind == TRANSIENT`` means the outcome is unknown: the post may exist.
    """

    def __init__(
        self,
        kind: ErrorKind,
        message: str,
        code: int | None = None,
        usage: Usage | None = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.code = code
        self.usage = usage or Usage()


@dataclass(frozen=True)
class Usage:
    """What the usage headers say: the highest percentage used and when access returns."""

    percent: float = 0.0
    regain_seconds: float = 0.0


@dataclass(frozen=True)
class RemotePost:
    id: str
    message: str
    link: str


@dataclass(frozen=True)
class TokenInfo:
    valid: bool
    expires_at: int  # epoch seconds; 0 = never
    scopes: tuple[str, ...]


def graph_url() -> str:
    """The Graph base URL: ``BUURTSITE_GRAPH_URL`` (tests point it at a local fake) or Facebook's."""
    import os

    return (os.environ.get(GRAPH_URL_VAR) or DEFAULT_GRAPH_URL).rstrip("/")


def parse_usage(headers: Mapping[str, str]) -> Usage:
    """Read ``X-App-Usage`` and ``X-Business-Use-Case-Usage``; unreadable headers count as 0."""
    percent = 0.0
    regain = 0.0
    lowered = {k.lower(): v for k, v in headers.items()}
    for name in ("x-app-usage", "x-page-usage"):
        data = _json(lowered.get(name))
        if isinstance(data, dict):
            percent = max([percent, *(_num(v) for v in data.values())])
    business = _json(lowered.get("x-business-use-case-usage"))
    if isinstance(business, dict):
        for entries in business.values():
            for entry in entries if isinstance(entries, list) else []:
                if not isinstance(entry, dict):
                    continue
                for key in ("call_count", "total_time", "total_cputime"):
                    percent = max(percent, _num(entry.get(key)))
                regain = max(regain, _num(entry.get("estimated_time_to_regain_access")) * 60)
    return Usage(percent, regain)


def _json(text: str | None) -> Any:
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def _num(value: Any) -> float:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


class _Redact(logging.Filter):
    """Replaces known secrets in log records of the HTTP libraries (belt and braces)."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.secrets = secrets

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        if any(s in text for s in self.secrets):
            record.msg = scrub(text, self.secrets)
            record.args = ()
        return True


def scrub(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text


_HTTP_LOGGERS = ("urllib3.connectionpool", "requests", "facebook_business")


class GraphClient:
    """One Page token, one session. Every method raises only ``GraphError``."""

    def __init__(self, token: Token, version: str, timeout: float, base_url: str | None = None):
        self._secret = token.reveal()
        session = FacebookSession(timeout=timeout)
        session.GRAPH = base_url or graph_url()
        session.requests.params.pop("access_token", None)
        session.requests.headers["Authorization"] = f"OAuth {self._secret}"
        # crash_log is off: the SDK would otherwise report crashes to the real Graph host.
        self._api = FacebookAdsApi(session, api_version=version)
        self._session = session
        self.last_usage = Usage()

    def close(self) -> None:
        self._session.requests.close()

    def __enter__(self) -> GraphClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- the calls ----------------------------------------------------------------------

    def post_photo(self, page_id: str, message: str, image: Path) -> str:
        with image.open("rb") as handle:
            data = self._call(
                "POST",
                (page_id, "photos"),
                {"message": message, "published": "true"},
                files={"source": (image.name, handle, "image/png")},
            )
        post_id = data.get("post_id") or data.get("id")
        return self._require_id(post_id)

    def post_link(self, page_id: str, message: str, link: str) -> str:
        data = self._call("POST", (page_id, "feed"), {"message": message, "link": link})
        return self._require_id(data.get("id"))

    def recent_posts(self, page_id: str, limit: int = 50) -> list[RemotePost]:
        data = self._call(
            "GET", (page_id, "posts"), {"fields": "id,message,link", "limit": str(limit)}
        )
        posts = data.get("data")
        if not isinstance(posts, list):
            raise GraphError(ErrorKind.TRANSIENT, "Facebook gaf een onleesbare lijst berichten")
        return [
            RemotePost(str(p.get("id", "")), str(p.get("message") or ""), str(p.get("link") or ""))
            for p in posts
            if isinstance(p, dict)
        ]

    def edit(self, post_id: str, message: str) -> None:
        self._call("POST", (post_id,), {"message": message})

    def delete(self, post_id: str) -> None:
        self._call("DELETE", (post_id,), {})

    def token_info(self) -> TokenInfo:
        # debug_token takes the token to inspect as a parameter; a GET would put it in the URL
        # (server logs, proxies, urllib3's debug log). The Graph API's method override lets a
        # POST carry it in the body instead, answered as the GET it stands for.
        data = self._call("POST", ("debug_token",), {"input_token": self._secret, "method": "GET"})
        info = data.get("data") if isinstance(data.get("data"), dict) else {}
        assert isinstance(info, dict)
        return TokenInfo(
            bool(info.get("is_valid")),
            int(_num(info.get("expires_at"))),
            tuple(str(s) for s in info.get("scopes") or ()),
        )

    # --- plumbing -----------------------------------------------------------------------

    @staticmethod
    def _require_id(value: object) -> str:
        if not isinstance(value, str) or not value:
            # A 200 without an id: the post may exist; treat the outcome as unknown.
            raise GraphError(ErrorKind.TRANSIENT, "Facebook antwoordde zonder bericht-id")
        return value

    @contextmanager
    def _redacted_logs(self) -> Iterator[None]:
        redact = _Redact([self._secret])
        loggers = [logging.getLogger(name) for name in _HTTP_LOGGERS]
        for logger in loggers:
            logger.addFilter(redact)
        try:
            yield
        finally:
            for logger in loggers:
                logger.removeFilter(redact)

    def _call(
        self,
        method: str,
        path: tuple[str, ...],
        params: dict[str, str],
        files: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        try:
            with self._redacted_logs():
                response: FacebookResponse = self._api.call(method, path, params, files=files)
        except FacebookRequestError as exc:
            raise self._classify(exc) from None
        except requests.Timeout:
            raise GraphError(
                ErrorKind.TRANSIENT, "Facebook antwoordde niet binnen de time-out"
            ) from None
        except requests.RequestException:
            raise GraphError(ErrorKind.TRANSIENT, "de verbinding met Facebook viel weg") from None
        except (TypeError, ValueError, FacebookError):
            # The SDK trips over non-JSON bodies (an HTML error page) with a TypeError.
            raise GraphError(ErrorKind.TRANSIENT, "Facebook gaf een onleesbaar antwoord") from None
        self.last_usage = parse_usage(response.headers())
        status = response.status() or 0
        body = response.json()
        if status >= 500 or not isinstance(body, dict):
            # An HTML page with a 5xx counts as success for the SDK; it is not.
            raise GraphError(
                ErrorKind.TRANSIENT,
                f"Facebook gaf een serverfout (HTTP {status})",
                usage=self.last_usage,
            )
        return body

    def _classify(self, exc: FacebookRequestError) -> GraphError:
        code = exc.api_error_code()
        subcode = exc.api_error_subcode()
        status = exc.http_status() or 0
        usage = parse_usage(exc.http_headers() or {})
        remote = scrub(str(exc.api_error_message() or ""), [self._secret])[:200]
        if code in RATE_LIMIT_CODES:
            kind = ErrorKind.RATE_LIMIT
            text = f"Facebook-limiet bereikt (code {code})"
        elif code in TOKEN_CODES:
            kind = ErrorKind.TOKEN
            text = f"het token is ongeldig of verlopen (code {code})"
        elif code == 10 or (isinstance(code, int) and 200 <= code <= 299):
            kind = ErrorKind.PERMISSION
            text = f"het token mist de benodigde rechten (code {code})"
        elif code in BLOCKED_CODES:
            kind = ErrorKind.BLOCKED
            text = "Facebook blokkeert dit bericht (code 368, tijdelijk geblokkeerd of inhoud)"
        elif (code == 100 and subcode == 33) or status == 404:
            kind = ErrorKind.NOT_FOUND
            text = "het bericht bestaat niet (meer) op Facebook"
        elif code in TRANSIENT_CODES or exc.api_transient_error() or status >= 500:
            kind = ErrorKind.TRANSIENT
            text = f"tijdelijke fout bij Facebook (code {code or status})"
        else:
            kind = ErrorKind.OTHER
            text = f"Facebook weigerde het verzoek (code {code or status})"
        if remote:
            text += f": {remote}"
        return GraphError(kind, text, code if isinstance(code, int) else None, usage)
