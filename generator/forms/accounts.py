"""Backoffice accounts: scrypt password hashes and who may see which gemeente.

hashlib.scrypt (standard library) instead of argon2-cffi: one dependency fewer, memory-hard,
and OWASP lists it as acceptable with n=2**14, r=8, p=1.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError

from generator.errors import BuurtsiteError
from generator.forms.store import users, utcnow

ROLES = ("coordinator", "backoffice")
N, R, P = 2**14, 8, 1
MIN_PASSWORD = 12


class AccountError(BuurtsiteError):
    """A user cannot be added (duplicate name, weak password, unknown gemeente)."""


@dataclass(frozen=True)
class User:
    username: str
    role: str
    gemeenten: tuple[str, ...]

    @property
    def scope(self) -> tuple[str, ...] | None:
        """The gemeenten this user may see; None means all (role backoffice)."""
        return None if self.role == "backoffice" else self.gemeenten


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=N, r=R, p=P, dklen=32)
    encoded = base64.b64encode(salt).decode(), base64.b64encode(digest).decode()
    return f"scrypt${N}${R}${P}${encoded[0]}${encoded[1]}"


def check_password(password: str, stored: str) -> bool:
    try:
        _, n, r, p, salt, digest = stored.split("$")
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            password.encode(),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
        )
    except ValueError:
        return False
    return hmac.compare_digest(actual, expected)


# A real hash to compare against when the user does not exist, so timing does not tell.
_DUMMY = hash_password(secrets.token_hex(8))


def add_user(
    engine: Engine, username: str, password: str, role: str, gemeenten: tuple[str, ...]
) -> None:
    if role not in ROLES:
        raise AccountError(f"onbekende rol '{role}'; kies uit: {', '.join(ROLES)}")
    if role == "coordinator" and not gemeenten:
        raise AccountError("een coördinator heeft minstens één --gemeente nodig")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"het wachtwoord moet minstens {MIN_PASSWORD} tekens hebben")
    try:
        with engine.begin() as conn:
            conn.execute(
                users.insert().values(
                    username=username,
                    password_hash=hash_password(password),
                    role=role,
                    gemeenten=",".join(gemeenten),
                    created_at=utcnow(),
                )
            )
    except IntegrityError:
        raise AccountError(f"gebruiker '{username}' bestaat al") from None


def authenticate(engine: Engine, username: str, password: str) -> User | None:
    with engine.connect() as conn:
        row = conn.execute(select(users).where(users.c.username == username)).first()
    if row is None:
        check_password(password, _DUMMY)
        return None
    if not check_password(password, row.password_hash):
        return None
    return load_user(engine, username)


def load_user(engine: Engine, username: str) -> User | None:
    with engine.connect() as conn:
        row = conn.execute(select(users).where(users.c.username == username)).first()
    if row is None:
        return None
    slugs = tuple(s for s in row.gemeenten.split(",") if s)
    return User(row.username, row.role, slugs)
