"""The sign-up fixtures of tests/forms (SQLite AND PostgreSQL, uvicorn on 127.0.0.1, a real
SMTP server), reused here for the character rule's tests over real HTTP."""

from tests.forms.conftest import (  # noqa: F401 - fixtures
    catalog,
    database_url,
    engine,
    pg_url,
    smtp_server,
)
from tests.forms.test_http import server  # noqa: F401 - fixture
