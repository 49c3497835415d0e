"""Templates, static files and headers of the workbench's live check and preview.

The workbench script and stylesheet are first-party files under ``static/``; a page of the
profile form loads them with ``HEAD`` (put it in the page's ``{% block head %}``). The
backoffice's Content-Security-Policy allows scripts and fetches from 'self' only, so the
script works and nothing else can run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from generator.backoffice.pages import NAV
from generator.forms.pages import environment

STATIC = Path(__file__).resolve().parent / "static"
MEDIA = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
# The hook for the profile form (profielpages.EDIT, W1's): ``HEAD`` in ``{% block head %}``
# and ``FORM_BUTTONS`` inside the <form>. The buttons post the same fields to the check and
# the preview, so without JavaScript a coordinator gets the same answers from the server.
FORM_BUTTONS = (
    '<button type="submit" formaction="/backoffice/profielen/controle">Controleren</button>\n'
    '<button type="submit" formaction="/backoffice/profielen/voorbeeld">Voorbeeld</button>'
)
HEAD = (
    '<link rel="stylesheet" href="/backoffice/static/werkbank.css">'
    '<script src="/backoffice/static/werkbank.js" defer></script>'
)

FINDINGS = """{% macro findings_list(findings) %}<ul class="meldingen">
{% for f in findings %}<li class="melding melding-{{ f.severity.value }}">
<strong>{{ f.severity.dutch }}</strong>{% if f.field %} ({{ f.label }}){% endif %}: {{ f.message }}
{% if f.suggestion %}<br><span class="suggestie">{{ f.suggestion }}</span>{% endif %}</li>
{% else %}<li>Geen meldingen: de controle vindt niets.</li>{% endfor %}</ul>{% endmacro %}"""

CHECK = (
    """{% extends "base.html" %}{% from "meldingen.html" import findings_list %}
{% block title %}Controle{% endblock %}{% block head %}"""
    + HEAD
    + """{% endblock %}
{% block body %}{% include "nav.html" %}<h1>Controle van het zoekprofiel</h1>
<p>Dit is wat de controle (zoals <code>buurtsite check</code>) over uw concept zegt. Het concept is
niet opgeslagen: ga terug naar het formulier om de tekst aan te passen.</p>
{% for t in texts %}<h2>{{ t.field }}</h2><p class="gemarkeerd">{% for part, f in t.parts %}
{% if f %}<mark class="melding-{{ f.severity.value }}">{{ part }}</mark>{% else %}{{ part }}{% endif %}
{% endfor %}</p>{% endfor %}
<h2>Meldingen</h2>{{ findings_list(findings) }}
<p>Een melding die geen risico is, accepteert u in het veld
‘Geaccepteerde privacymeldingen’: één regel per melding, <code>tekst | reden</code>.</p>
{% endblock %}"""
)

PREVIEW_PART = """{% from "meldingen.html" import findings_list %}<div class="voorbeeld-inhoud">
{% if page %}<h2>Kaart voor Facebook en WhatsApp</h2>
<img class="voorbeeld-kaart" src="{{ card }}" alt="{{ alt }}" width="600" height="315">
<h2>Pagina</h2><div class="voorbeeld-pagina" inert>{{ page | safe }}</div>
{% else %}<p>Nog geen voorbeeld: het concept is nog niet compleet.</p>
{{ findings_list(errors) }}{% endif %}</div>"""

PREVIEW = (
    """{% extends "base.html" %}{% block title %}Voorbeeld{% endblock %}
{% block head %}"""
    + HEAD
    + """{% endblock %}
{% block body %}{% include "nav.html" %}<h1>Voorbeeld van het zoekprofiel</h1>
<p>Zo ziet de pagina eruit als het concept gepubliceerd wordt. Het concept is niet opgeslagen:
ga terug naar het formulier om verder te schrijven.</p>
{% include "voorbeeld-deel.html" %}{% endblock %}"""
)

_ENV = environment(
    {
        "nav.html": NAV,
        "meldingen.html": FINDINGS,
        "controle.html": CHECK,
        "voorbeeld-deel.html": PREVIEW_PART,
        "voorbeeld.html": PREVIEW,
    }
)


def render_page(template: str, **context: Any) -> str:
    return _ENV.get_template(template).render(**context)


async def static(request: Request) -> Response:
    """The workbench's own script and stylesheet (no third-party request, no inline code)."""
    name = request.path_params["name"]
    path = STATIC / name
    if "/" in name or path.suffix not in MEDIA or not path.is_file():
        return Response("Niet gevonden.", 404, media_type="text/plain; charset=utf-8")
    return Response(path.read_bytes(), media_type=MEDIA[path.suffix])


STATIC_ROUTE = Route("/static/{name}", static, methods=["GET"])
