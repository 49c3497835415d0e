"""The backoffice: its own Starlette application, mounted under /backoffice.

app.py       routes, log-in, CSRF and the aanmeldingen pages (list, detail, export, delete, audit)
accounts.py  users, password hashing (argon2id) and roles per gemeente
sessions.py  server-side sessions in the database (shared by every instance)
pages.py     rendering of the backoffice templates

The workbench (zoekprofielen in the browser, issue 14):
profielen.py     list, form pages and ``Workbench.publish``, the one way into profiles/ and git
profielacties.py the POST actions: save, submit, approve, send back, status, revert
profielpages.py  their templates;  taken.py  the jobs page and its polling endpoint
form.py          the form generated from the schema (input names are check's field paths)
draftcheck.py    a draft checked exactly as ``buurtsite check`` checks a file
drafts.py        drafts and presence in the database;  review.py  four eyes and diffs
gitstore.py      commits, history and earlier versions through the git command line
jobs.py          background rebuild and publish after a change, one at a time
live.py, livepages.py, publishsite.py  the live check, preview and fast rebuild

It imports the sign-up package's store and queries; the sign-up package imports nothing from here
except the mount in ``generator.forms.app.create_app``.
"""
