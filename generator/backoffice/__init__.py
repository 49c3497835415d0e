"""The backoffice: its own Starlette application, mounted under /backoffice.

app.py       routes, log-in, CSRF and the aanmeldingen pages (list, detail, export, delete, audit)
accounts.py  users, password hashing (argon2id) and roles per gemeente
sessions.py  server-side sessions in the database (shared by every instance)
pages.py     rendering of the backoffice templates

It imports the sign-up package's store and queries; the sign-up package imports nothing from here
except the mount in ``generator.forms.app.create_app``.
"""
