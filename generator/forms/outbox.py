"""The outbox worker: sends queued notifications over SMTP, with retries and backoff.

Rows are written together with the aanmelding (``store.insert``), so a mail server that is down
only delays mail. A row is claimed by moving its ``next_attempt_at`` forward with a conditional
UPDATE before sending, so two app instances never send the same row twice at once.
"""

from __future__ import annotations

import logging
import os
import smtplib
import ssl
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any
from urllib.parse import unquote, urlsplit

from sqlalchemy import Engine, bindparam, select, update

from generator.errors import ConfigError
from generator.forms.store import aanmeldingen, outbox, utcnow
from generator.settings import Settings

log = logging.getLogger("buurtsite.forms.outbox")
LEASE = timedelta(minutes=5)
BATCH = 50
KIND_LABELS = {"steungezin": "steungezin", "hulpvraag": "hulpvraag"}
# The oldest due mail; it walks the index of unsent mail (``ix_outbox_unsent``) in id order,
# so it reads what is still to be sent and none of the mail sent before.
DUE = (
    select(outbox.c.id, outbox.c.next_attempt_at)
    .where(outbox.c.sent_at.is_(None), outbox.c.next_attempt_at <= bindparam("now"))
    .order_by(outbox.c.id)
    .limit(BATCH)
)


@dataclass(frozen=True)
class Smtp:
    host: str
    port: int
    mode: str  # "plain", "starttls" or "ssl"
    user: str | None
    password: str | None
    timeout: float = 10.0

    @classmethod
    def from_env(cls) -> Smtp | None:
        """``BUURTSITE_SMTP_URL`` (smtp://, smtp+starttls://, smtps://); None when unset."""
        url = os.environ.get("BUURTSITE_SMTP_URL")
        if not url:
            return None
        parts = urlsplit(url)
        modes = {"smtp": "plain", "smtp+starttls": "starttls", "smtps": "ssl"}
        if parts.scheme not in modes or not parts.hostname:
            # The URL may hold a password: name the variable, never echo the value.
            raise ConfigError(
                "BUURTSITE_SMTP_URL is ongeldig; gebruik smtp://host:poort, "
                "smtp+starttls://host:poort of smtps://host:poort"
            )
        default_port = {"plain": 25, "starttls": 587, "ssl": 465}[modes[parts.scheme]]
        user = os.environ.get("BUURTSITE_SMTP_USER") or (unquote(parts.username or "") or None)
        password = os.environ.get("BUURTSITE_SMTP_PASSWORD") or (
            unquote(parts.password or "") or None
        )
        return cls(parts.hostname, parts.port or default_port, modes[parts.scheme], user, password)

    def connect(self) -> smtplib.SMTP:
        if self.mode == "ssl":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                self.host, self.port, timeout=self.timeout, context=ssl.create_default_context()
            )
        else:
            client = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
            if self.mode == "starttls":
                client.starttls(context=ssl.create_default_context())
        if self.user and self.password:
            client.login(self.user, self.password)
        return client


def backoff(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min ... capped at one hour; mail is retried until it goes or is purged."""
    return timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 3600))


def backoffice_link(settings: Settings, public_id: str) -> str:
    base = (
        settings.forms.backoffice_url
        or f"{str(settings.site.signup_url).rsplit('/', 1)[0]}/backoffice"
    )
    return f"{str(base).rstrip('/')}/aanmelding/{public_id}"


def compose(settings: Settings, kind: str, recipient: str, row: dict[str, Any]) -> EmailMessage:
    gemeente = settings.gemeente(row["gemeente"])
    place = gemeente.name if gemeente else row["gemeente"]
    msg = EmailMessage()
    msg["From"] = settings.forms.sender
    msg["To"] = recipient
    domain = settings.forms.sender.rsplit("@", 1)[-1]
    if "outbox_id" in row:
        # One Message-ID per outbox row, the same on every attempt: a mail sent just before a
        # crash, and sent again because its "sent" mark never reached the database, is the
        # same message to the receiving mail servers and programs, which drop the repeat.
        msg["Message-ID"] = f"<buurtsite.{row['public_id']}.{row['outbox_id']}@{domain}>"
    else:
        msg["Message-ID"] = make_msgid(domain=domain)
    if kind == "coordinator":
        what = "een steungezin" if row["soort"] == "steungezin" else "een hulpvraag"
        msg["Subject"] = f"Nieuwe aanmelding in {place}: {what}"
        lines = [
            f"Er is een nieuwe aanmelding binnengekomen voor {place}: {what}.",
        ]
        if row["profiel"]:
            flag = " (let op: deze oproep is niet meer open)" if row["profiel_niet_open"] else ""
            lines.append(f"Het is een reactie op oproep {row['profiel']}{flag}.")
        lines += [
            "",
            "Bekijk de aanmelding in de backoffice:",
            backoffice_link(settings, row["public_id"]),
        ]
        if settings.forms.notify_with_data:
            lines += [
                "",
                f"Naam: {row['naam']}",
                f"E-mail: {row['email']}",
                f"Telefoon: {row['telefoon']}",
                f"Postcode of woonplaats: {row['woonplaats']}",
                f"Bericht: {row['bericht'] or '-'}",
            ]
        else:
            lines += ["", "De gegevens staan om privacyredenen niet in deze e-mail."]
    else:
        msg["Subject"] = "Bedankt voor uw aanmelding bij Buurtgezinnen"
        next_step = (
            "De coördinator van Buurtgezinnen " + place + " neemt binnen een week contact met u "
            "op voor een eerste kennismaking."
        )
        # Nothing the sender typed goes into this mail: it goes to whatever address was typed
        # in, so quoting the name (or any field) would let anyone send their text, links
        # included, from our address to anyone.
        lines = [
            "Goedendag,",
            "",
            "Bedankt voor uw aanmelding. " + next_step,
            "",
            "Heeft u zich niet zelf aangemeld? Dan kunt u deze e-mail negeren; uw gegevens "
            f"worden dan niet gebruikt. Vragen? Mail naar {settings.site.contact.email}.",
            "",
            "Hartelijke groet,",
            f"Buurtgezinnen {place}",
        ]
    msg.set_content("\n".join(lines) + "\n")
    return msg


def send_pass(
    engine: Engine,
    settings: Settings,
    smtp: Smtp,
    now: datetime | None = None,
    claim: timedelta = LEASE,
) -> int:
    """Send what is due; returns how many went out. Failures are rescheduled, never dropped.

    Rows are claimed for ``claim``: a process that dies mid-pass leaves its claimed rows to be
    sent by the next pass after that time (``BUURTSITE_MAIL_CLAIM_SECONDS``).
    """
    now = now or utcnow()
    with engine.begin() as conn:
        due = conn.execute(DUE, {"now": now}).all()
        claimed = [
            row.id
            for row in due
            if conn.execute(
                update(outbox)
                .where(outbox.c.id == row.id, outbox.c.next_attempt_at == row.next_attempt_at)
                .values(next_attempt_at=now + claim)
            ).rowcount
        ]
    if not claimed:
        return 0
    with engine.connect() as conn:
        jobs = conn.execute(
            select(outbox, aanmeldingen)
            .join(aanmeldingen, aanmeldingen.c.id == outbox.c.aanmelding_id)
            .where(outbox.c.id.in_(claimed))
        ).all()
    sent = 0
    client: smtplib.SMTP | None = None
    try:
        client = smtp.connect()
    except (OSError, smtplib.SMTPException) as exc:
        _fail(engine, [j.id for j in jobs], now, type(exc).__name__)
        log.warning(
            "mailserver niet bereikbaar (%s); %d e-mail(s) later opnieuw",
            type(exc).__name__,
            len(jobs),
        )
        return 0
    try:
        for job in jobs:
            data = dict(job._mapping)
            data["public_id"] = job.public_id
            data["outbox_id"] = job.id
            try:
                client.send_message(compose(settings, job.kind, job.recipient, data))
            except (OSError, smtplib.SMTPException) as exc:
                _fail(engine, [job.id], now, type(exc).__name__)
                continue
            with engine.begin() as conn:
                conn.execute(update(outbox).where(outbox.c.id == job.id).values(sent_at=utcnow()))
            sent += 1
    finally:
        try:
            client.quit()
        except (OSError, smtplib.SMTPException):
            client.close()
    return sent


def _fail(engine: Engine, ids: list[int], now: datetime, reason: str) -> None:
    with engine.begin() as conn:
        for row in conn.execute(select(outbox.c.id, outbox.c.attempts).where(outbox.c.id.in_(ids))):
            attempts = row.attempts + 1
            conn.execute(
                update(outbox)
                .where(outbox.c.id == row.id)
                .values(
                    attempts=attempts, next_attempt_at=now + backoff(attempts), last_error=reason
                )
            )
