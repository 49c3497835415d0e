"""The production process (``buurtsite productie``): one ASGI app for everything.

app.py      composition: site, /aanmelden, /backoffice, /gezondheid, background jobs
static.py   the built site with the caching rules and precompressed files of docs/hosting.md
logs.py     plain or JSON log lines, without personal data
"""
