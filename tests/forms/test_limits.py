"""Body caps over real HTTP: the backoffice refuses a huge post unread; nesting gives 400."""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

import httpx
import pytest

from tests.forms.conftest import ORIGIN

HUGE = 150 * 1024 * 1024


def raw_post(base_url: str, path: str, head: str, chunks: int) -> bytes:
    """POST with a hand-written head, then up to ``chunks`` chunks of 64 KB; the answer."""
    parts = urlsplit(base_url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{head}\r\n".encode())
        chunk = b"a" * 65536
        try:
            for _ in range(chunks):
                if "chunked" in head:
                    sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                else:
                    sock.sendall(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed before we were done: that is the point
        answer = b""
        while b"\r\n\r\n" not in answer:
            data = sock.recv(65536)
            if not data:
                break
            answer += data
    return answer


@pytest.mark.parametrize("path", ["/backoffice/inloggen", "/backoffice/verwijderen"])
def test_a_150_mb_backoffice_post_is_refused_unread(base_url: str, path: str) -> None:
    declared = raw_post(
        base_url,
        path,
        f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {HUGE}\r\n",
        chunks=2,  # 128 KB of the announced 150 MB, then we wait for the answer
    )
    assert declared.startswith(b"HTTP/1.1 413 "), declared[:200]


def test_a_chunked_backoffice_post_is_cut_off_at_the_limit(base_url: str) -> None:
    answer = raw_post(
        base_url,
        "/backoffice/inloggen",
        "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n",
        chunks=4,
    )
    assert answer.startswith(b"HTTP/1.1 413 "), answer[:200]


@pytest.mark.parametrize("opening", ["[", '{"a":'])
def test_deeply_nested_json_is_a_400(base_url: str, opening: str) -> None:
    body = opening * 10_000  # under the 64 KB cap, far over the recursion limit
    with httpx.Client(base_url=base_url, timeout=10) as http:
        response = http.post(
            "/aanmelden",
            content=body.encode(),
            headers={
                "Origin": ORIGIN,
                "Content-Type": "application/json",
                "Accept": "application/json",
            },
        )
    assert response.status_code == 400
    assert response.json() == {"ok": False, "errors": {"formulier": "Het formulier is onleesbaar."}}
