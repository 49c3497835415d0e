"""The status panel (/backoffice/status): the health check of generator.ops.health, for people.

Only the backoffice role sees it, like the logboek. Under ``buurtsite productie`` the server
hands over its own health sources (the site it serves, the token checks it made); under
``buurtsite forms serve`` the panel looks at ``site/`` and ``BUURTSITE_DATA_DIR`` itself.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from starlette.requests import Request

from generator.ops.health import Sources
from generator.settings import data_dir

STATUS = """{% extends "base.html" %}{% block title %}Status{% endblock %}
{% block body %}{% include "nav.html" %}<h1>Status</h1>
<p>Algemeen: <strong>{{ {"ok": "in orde", "waarschuwing": "let op", "storing": "storing"}[report.status] }}</strong>
(gecontroleerd {{ report.tijd }})</p>
{% if report.meldingen %}<ul>{% for m in report.meldingen %}<li>{{ m }}</li>{% endfor %}</ul>{% endif %}
<table>
<tr><th>Database</th><td>{{ "bereikbaar" if report.database.bereikbaar else "niet bereikbaar" }}</td></tr>
<tr><th>E-mails in de wachtrij</th><td>{{ report.wachtrij.wachtend if report.wachtrij.wachtend is not none else "onbekend" }}
{% if report.wachtrij.oudste_seconden is not none %}(oudste wacht {{ (report.wachtrij.oudste_seconden / 60) | round(1) }} minuten){% endif %}</td></tr>
<tr><th>Laatst gepubliceerd op Facebook</th><td>{{ report.publicatie.laatst_gelukt or "nog nooit" }}</td></tr>
<tr><th>Site laatst gebouwd</th><td>{{ report.site.laatst_gebouwd or "nog nooit" }}</td></tr>
<tr><th>Laatste backup</th><td>{% if report.backup.laatste %}{{ report.backup.laatste }}
({{ report.backup.leeftijd_uren }} uur geleden){% else %}geen{% endif %}</td></tr>
<tr><th>Facebook-tokens</th><td>{% if not report.tokens.gecontroleerd %}nog niet gecontroleerd
{% else %}gecontroleerd {{ report.tokens.gecontroleerd }}{% endif %}
{% for page in report.tokens.verlopen_binnen_14_dagen %}<br>pagina {{ page }}: verloopt binnen 14 dagen{% endfor %}
{% for page in report.tokens.ongeldig %}<br>pagina {{ page }}: ongeldig of verlopen{% endfor %}</td></tr>
</table>
<p>Dezelfde gegevens als JSON, voor monitoring: <a href="/gezondheid">/gezondheid</a>.</p>
<h2>Geplande taken</h2>
{% if jobs.volgende_publicatie %}<p>Volgende publicatierun: {{ jobs.volgende_publicatie }};
nieuwe berichten vanaf {{ jobs.nieuwe_berichten_vanaf }} (tijdvakken in site_config.yml).</p>{% endif %}
{% if jobs.runs %}<table><tr><th>Taak</th><th>Begonnen</th><th>Klaar</th><th>Resultaat</th><th>Melding</th></tr>
{% for r in jobs.runs %}<tr><td>{{ r.taak }}</td><td>{{ r.start }}</td><td>{{ r.klaar or "" }}</td><td>{{ r.resultaat }}</td><td>{{ r.melding }}</td></tr>
{% endfor %}</table>{% else %}<p>Nog geen runs.</p>{% endif %}{% endblock %}"""


def sources_for(request: Request, engine: Engine) -> Sources:
    given = request.scope.get("buurtsite.health")
    if isinstance(given, Sources):
        return given
    return Sources(engine, Path("site").resolve(), data_dir())
