"""The sign-up endpoint: a Starlette app that validates, stores and forwards aanmeldingen.

Modules, in the order data flows through them:

- ``fields``    raw form or JSON body -> a validated ``Submission`` or Dutch errors per field
- ``abuse``     honeypot, time trap, origin check and per-IP rate limiting
- ``limits``    the cap on request bodies
- ``store``     SQLAlchemy tables and every query (parameterised), SQLite or PostgreSQL
- ``writer``    the group commit: one transaction for the sign-ups that queue up meanwhile
- ``queries``   what the backoffice, export and retention read, change and audit
- ``migrate``   Alembic migrations shipped in ``migrations/``
- ``outbox``    the notification worker that sends e-mail with retries
- ``purge``     retention: delete aanmeldingen whose time is up
- ``pages``     server-rendered Dutch HTML (escaped by Jinja2)
- ``export``    the one CSV/JSON writer (CLI and backoffice)
- ``accounts``, ``sessions``  backoffice users (argon2id) and server-side sessions
- ``backoffice`` log-in, list, export and deletion for coordinators
- ``runtime``   what comes from the environment (secret key, proxies, session lifetimes)
- ``app``       the ASGI application that ties them together
"""
