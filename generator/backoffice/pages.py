"""Dutch HTML templates of the backoffice (autoescaped, like every page of the forms app)."""

from __future__ import annotations

from typing import Any

from generator.backoffice.status import STATUS
from generator.forms.pages import environment

NAV = """{% if user %}<nav><a href="/backoffice/">Aanmeldingen</a>
· <a href="/backoffice/profielen/">Zoekprofielen</a>
{% if user.scope is none %} · <a href="/backoffice/logboek">Logboek</a>
· <a href="/backoffice/status">Status</a>{% endif %}
· ingelogd als {{ user.username }}
<form method="post" action="/backoffice/uitloggen"><input type="hidden" name="csrf" value="{{ csrf }}">
<button type="submit">Uitloggen</button></form></nav>{% endif %}"""

LOGIN = """{% extends "base.html" %}{% block title %}Inloggen{% endblock %}
{% block body %}<h1>Backoffice – inloggen</h1>
{% if error %}<p class="fout" role="alert">{{ error }}</p>{% endif %}
<form method="post" action="/backoffice/inloggen">
<input type="hidden" name="csrf" value="{{ csrf }}">
<label for="gebruiker">Gebruikersnaam</label><input id="gebruiker" name="gebruiker" autocomplete="username">
<label for="wachtwoord">Wachtwoord</label>
<input id="wachtwoord" name="wachtwoord" type="password" autocomplete="current-password">
<button type="submit">Inloggen</button></form>{% endblock %}"""

LIST = """{% extends "base.html" %}{% block title %}Aanmeldingen{% endblock %}
{% block body %}{% include "nav.html" %}<h1>Aanmeldingen</h1>
<form method="get" action="/backoffice/">
<label for="gemeente">Gemeente</label><select id="gemeente" name="gemeente"><option value="">Alle</option>
{% for slug in choices %}<option value="{{ slug }}"{% if filters.gemeente == slug %} selected{% endif %}>
{{ gemeente_names.get(slug, slug) }}</option>{% endfor %}</select>
<label for="soort">Soort</label><select id="soort" name="soort"><option value="">Alle</option>
{% for value in ("steungezin", "hulpvraag") %}<option value="{{ value }}"
{%- if filters.soort == value %} selected{% endif %}>{{ value }}</option>{% endfor %}</select>
<label for="status">Status</label><select id="status" name="status">
{% for value in ("open", "afgehandeld", "alle") %}<option value="{{ value }}"
{%- if filters.status == value %} selected{% endif %}>{{ value }}</option>{% endfor %}</select>
<button type="submit">Filteren</button></form>
<p>Exporteren: <a href="/backoffice/export?format=csv&amp;gemeente={{ filters.gemeente }}">CSV</a> ·
<a href="/backoffice/export?format=json&amp;gemeente={{ filters.gemeente }}">JSON</a></p>
<table><tr><th>Datum</th><th>Gemeente</th><th>Soort</th><th>Naam</th><th>Oproep</th><th>Bron</th></tr>
{% for r in rows %}<tr><td>{{ r.created_at.strftime("%d-%m-%Y %H:%M") }}</td>
<td>{{ gemeente_names.get(r.gemeente, r.gemeente) }}</td><td>{{ r.soort }}{% if r.rol %} ({{ r.rol }}){% endif %}</td>
<td><a href="/backoffice/aanmelding/{{ r.public_id }}">{{ r.naam }}</a></td>
<td>{{ r.profiel or "–" }}{% if r.profiel_niet_open %} <span class="vlag">niet meer open</span>{% endif %}</td>
<td>{{ r.bron or "–" }}{% if r.utm_source %} ({{ r.utm_source }}){% endif %}</td></tr>
{% else %}<tr><td colspan="6">Geen aanmeldingen.</td></tr>{% endfor %}</table>
<h2>Gegevens verwijderen op verzoek</h2>
<form method="post" action="/backoffice/verwijderen"><input type="hidden" name="csrf" value="{{ csrf }}">
<label for="email">E-mailadres van de persoon</label><input id="email" name="email" type="email">
<button type="submit">Alle aanmeldingen van dit adres verwijderen</button></form>{% endblock %}"""

DETAIL = """{% extends "base.html" %}{% block title %}Aanmelding{% endblock %}
{% block body %}{% include "nav.html" %}<h1>Aanmelding: {{ row.soort }}</h1>
<table>
<tr><th>Ontvangen</th><td>{{ row.created_at.strftime("%d-%m-%Y %H:%M") }} (UTC)</td></tr>
<tr><th>Gemeente</th><td>{{ gemeente_names.get(row.gemeente, row.gemeente) }}</td></tr>
<tr><th>Soort</th><td>{{ row.soort }}{% if row.rol %} ({{ row.rol }}){% endif %}</td></tr>
<tr><th>Oproep</th><td>{{ row.profiel or "–" }}{% if row.profiel_niet_open %}
<span class="vlag">let op: deze oproep was {{ row.profiel_status }}</span>{% endif %}</td></tr>
<tr><th>Naam</th><td>{{ row.naam }}</td></tr>
<tr><th>E-mail</th><td>{{ row.email }}</td></tr>
<tr><th>Telefoon</th><td>{{ row.telefoon }}</td></tr>
<tr><th>Postcode of woonplaats</th><td>{{ row.woonplaats }}</td></tr>
<tr><th>Huishouden</th><td>{{ row.huishouden or "–" }}</td></tr>
<tr><th>Bericht</th><td>{{ row.bericht or "–" }}</td></tr>
<tr><th>Hoe gehoord</th><td>{{ row.bron or "–" }}</td></tr>
<tr><th>Campagne</th><td>{{ row.utm_source or "–" }} / {{ row.utm_medium or "–" }} /
{{ row.utm_campaign or "–" }}</td></tr>
<tr><th>Toestemming</th><td>{{ row.toestemming_at.strftime("%d-%m-%Y %H:%M") }}, versie {{ row.privacy_versie }}</td></tr>
<tr><th>Afgehandeld</th><td>{% if row.afgehandeld_at %}{{ row.afgehandeld_at.strftime("%d-%m-%Y") }}
door {{ row.afgehandeld_door }}{% else %}nee{% endif %}</td></tr></table>
{% if not row.afgehandeld_at %}<form method="post" action="/backoffice/aanmelding/{{ row.public_id }}/afgehandeld">
<input type="hidden" name="csrf" value="{{ csrf }}"><button type="submit">Markeer als afgehandeld</button>
</form>{% endif %}{% endblock %}"""

MESSAGE = """{% extends "base.html" %}{% block title %}{{ title }}{% endblock %}
{% block body %}{% include "nav.html" %}<h1>{{ title }}</h1><p>{{ message }}</p>
<p><a href="/backoffice/">Terug naar de aanmeldingen</a></p>{% endblock %}"""

AUDIT = """{% extends "base.html" %}{% block title %}Logboek{% endblock %}
{% block body %}{% include "nav.html" %}<h1>Logboek</h1>
<table><tr><th>Wanneer (UTC)</th><th>Wie</th><th>Wat</th><th>Details</th></tr>
{% for e in entries %}<tr><td>{{ e.at.strftime("%d-%m-%Y %H:%M") }}</td><td>{{ e.actor }}</td>
<td>{{ e.action }}</td><td>{{ e.detail }}</td></tr>{% endfor %}</table>{% endblock %}"""

_ENV = environment(
    {
        "nav.html": NAV,
        "login.html": LOGIN,
        "list.html": LIST,
        "detail.html": DETAIL,
        "message.html": MESSAGE,
        "audit.html": AUDIT,
        "status.html": STATUS,
    }
)


def render(template: str, **context: Any) -> str:
    return _ENV.get_template(template).render(**context)
