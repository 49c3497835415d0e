"""Alembic migrations of the sign-up store, shipped inside the package (see ``forms.migrate``)."""
