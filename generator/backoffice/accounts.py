"""Backoffice accounts: argon2id password hashes and who may see which gemeente.

argon2id through argon2-cffi, OWASP's first choice for password storage, with the library's
defaults (RFC 9106 "low memory": t=3, m=64 MiB, p=4). Hashes from before (hashlib.scrypt with
n=2**14, below OWASP's n=2**17) still verify, and are replaced by an argon2id hash at the
user's next successful log-in.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, delete, select, update
from sqlalchemy.exc import IntegrityError

from generator.backoffice.sessions import end_all
from generator.errors import BuurtsiteError
from generator.forms.store import users, utcnow

ROLES = ("coordinator", "backoffice")
MIN_PASSWORD = 12
HASHER = PasswordHasher()


class AccountError(BuurtsiteError):
    """A user cannot be added or changed (duplicate name, weak password, unknown gemeente)."""


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
    return HASHER.hash(password)


def _check_scrypt(password: str, stored: str) -> bool:
    """A hash written before argon2id: ``scrypt$n$r$p$salt$digest``."""
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


def check_password(password: str, stored: str) -> bool:
    if stored.startswith("scrypt$"):
        return _check_scrypt(password, stored)
    try:
        return HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    return stored.startswith("scrypt$") or HASHER.check_needs_rehash(stored)


# A real hash to compare against when the user does not exist, so timing does not tell.
_DUMMY = hash_password(secrets.token_hex(8))


def _check_new_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"het wachtwoord moet minstens {MIN_PASSWORD} tekens hebben")


def add_user(
    engine: Engine, username: str, password: str, role: str, gemeenten: tuple[str, ...]
) -> None:
    if role not in ROLES:
        raise AccountError(f"onbekende rol '{role}'; kies uit: {', '.join(ROLES)}")
    if role == "coordinator" and not gemeenten:
        raise AccountError("een coördinator heeft minstens één --gemeente nodig")
    _check_new_password(password)
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


def set_password(engine: Engine, username: str, password: str) -> None:
    """A new password; every session of the user ends (a stolen one included)."""
    _check_new_password(password)
    with engine.begin() as conn:
        changed = conn.execute(
            update(users)
            .where(users.c.username == username)
            .values(password_hash=hash_password(password))
        ).rowcount
        if not changed:
            raise AccountError(f"gebruiker '{username}' bestaat niet")
        end_all(conn, username)


def remove_user(engine: Engine, username: str) -> None:
    """Remove a user and end every session of theirs."""
    with engine.begin() as conn:
        if not conn.execute(delete(users).where(users.c.username == username)).rowcount:
            raise AccountError(f"gebruiker '{username}' bestaat niet")
        end_all(conn, username)


def authenticate(engine: Engine, username: str, password: str) -> User | None:
    with engine.connect() as conn:
        row = conn.execute(select(users).where(users.c.username == username)).first()
    if row is None:
        check_password(password, _DUMMY)
        return None
    if not check_password(password, row.password_hash):
        return None
    if needs_rehash(row.password_hash):
        with engine.begin() as conn:
            conn.execute(
                update(users)
                .where(users.c.username == username, users.c.password_hash == row.password_hash)
                .values(password_hash=hash_password(password))
            )
    return load_user(engine, username)


def load_user(engine: Engine, username: str) -> User | None:
    with engine.connect() as conn:
        row = conn.execute(select(users).where(users.c.username == username)).first()
    if row is None:
        return None
    slugs = tuple(s for s in row.gemeenten.split(",") if s)
    return User(row.username, row.role, slugs)
