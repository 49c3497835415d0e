"""Dutch templates of the workbench pages: profile list, form, detail, review and jobs.

Every input has a label; help texts and errors are linked to it with ``aria-describedby``; an
error summary at the top links to each field, like the sign-up form. Everything works without
JavaScript: plain forms, a POST and a redirect.
"""

from __future__ import annotations

from typing import Any

from generator.backoffice.livepages import FORM_BUTTONS, HEAD
from generator.backoffice.pages import NAV
from generator.forms.pages import environment

FIELD = """{% macro describedby(f) -%}
{{ f.dom_id }}-hulp{% if errors.get(f.name) %} {{ f.dom_id }}-fout{% endif %}
{%- endmacro %}
{% macro messages(f) -%}
<p class="hulp" id="{{ f.dom_id }}-hulp">{{ f.help or "Vrij in te vullen." }}</p>
{% if errors.get(f.name) %}<div class="fout" id="{{ f.dom_id }}-fout">
{% for e in errors[f.name] %}<p>{{ e.message }}{% if e.suggestion %} {{ e.suggestion }}{% endif %}</p>
{% endfor %}</div>{% endif %}
{%- endmacro %}
{% macro field(f) -%}
{% set value = values.get(f.name, "") %}
{% if f.kind == "multi" %}
<fieldset aria-describedby="{{ describedby(f) }}"><legend>{{ f.label }}{% if not f.required %} (niet verplicht){% endif %}</legend>
{{ messages(f) }}
{% for v, label in f.choices %}<label><input type="checkbox" name="{{ f.name }}" value="{{ v }}"
{%- if v in value %} checked{% endif %}> {{ label }}</label>
{% endfor %}</fieldset>
{% else %}
<label for="{{ f.dom_id }}">{{ f.label }}{% if not f.required %} (niet verplicht){% endif %}</label>
{{ messages(f) }}
{% if f.name == "gemeente" %}
<select id="{{ f.dom_id }}" name="{{ f.name }}" aria-describedby="{{ describedby(f) }}">
{% for slug in gemeente_choices %}<option value="{{ slug }}"{% if value == slug %} selected{% endif %}>
{{ gemeente_names.get(slug, slug) }}</option>{% endfor %}</select>
{% elif f.kind in ("select", "yesno") %}
<select id="{{ f.dom_id }}" name="{{ f.name }}" aria-describedby="{{ describedby(f) }}"
{%- if errors.get(f.name) %} aria-invalid="true"{% endif %}>
<option value="">(kies)</option>
{% for v, label in f.choices %}<option value="{{ v }}"{% if value == v %} selected{% endif %}>{{ label }}</option>
{% endfor %}</select>
{% elif f.kind in ("textarea", "lines") %}
<textarea id="{{ f.dom_id }}" name="{{ f.name }}" rows="{{ 12 if f.kind == 'textarea' else 3 }}"
 aria-describedby="{{ describedby(f) }}"{% if errors.get(f.name) %} aria-invalid="true"{% endif %}>
{{- value }}</textarea>
{% else %}
<input id="{{ f.dom_id }}" name="{{ f.name }}" value="{{ value }}"
 type="{{ 'date' if f.kind == 'date' else 'text' }}"{% if f.kind == 'number' %} inputmode="numeric"{% endif %}
 aria-describedby="{{ describedby(f) }}"{% if errors.get(f.name) %} aria-invalid="true"{% endif %}>
{% endif %}
{% endif %}
{%- endmacro %}"""

LIST = """{% extends "base.html" %}{% block title %}Zoekprofielen{% endblock %}
{% block body %}{% include "nav.html" %}<h1>Zoekprofielen</h1>
{% if notice %}<p role="status">{{ notice }}</p>{% endif %}
<p><a href="/backoffice/profielen/nieuw">Nieuw zoekprofiel</a> ·
<a href="/backoffice/profielen/taken">Publicatietaken</a></p>
{% if drafts %}<h2>Concepten en beoordelingen</h2>
<table><tr><th>Zoekprofiel</th><th>Gemeente</th><th>Stand</th><th>Door</th><th>Bijgewerkt (UTC)</th></tr>
{% for d in drafts %}<tr><td><a href="/backoffice/profielen/concept/{{ d.id }}">{{ d.profile_id }}</a></td>
<td>{{ gemeente_names.get(d.gemeente, d.gemeente) }}</td><td>{{ d.state_label }}
{% if d.state == "ter_beoordeling" %}(<a href="/backoffice/profielen/beoordelen/{{ d.id }}">beoordelen</a>){% endif %}</td>
<td>{{ d.author }}</td><td>{{ d.updated_at.strftime("%d-%m-%Y %H:%M") }}</td></tr>{% endfor %}</table>{% endif %}
<h2>Gepubliceerd en in git</h2>
<table><tr><th>Zoekprofiel</th><th>Gemeente</th><th>Status</th><th>Dagen open</th><th>Aanmeldingen</th>
<th>Laatst gewijzigd door</th><th>Status wijzigen</th></tr>
{% for r in rows %}<tr><td><a href="/backoffice/profielen/profiel/{{ r.id }}">{{ r.title }}</a> ({{ r.id }})</td>
<td>{{ gemeente_names.get(r.gemeente, r.gemeente) }}</td><td>{{ r.status }}</td>
<td>{{ r.days_open if r.days_open is not none else "–" }}</td><td>{{ r.aanmeldingen }}</td>
<td>{{ r.changed_by or "–" }}</td><td>{% for s in r.next %}
<form method="post" action="/backoffice/profielen/profiel/{{ r.id }}/status">
<input type="hidden" name="csrf" value="{{ csrf }}"><input type="hidden" name="status" value="{{ s }}">
<button type="submit" aria-label="{{ r.id }}: zet op {{ s|replace('_', ' ') }}">{{ s|replace("_", " ") }}</button></form>
{% else %}–{% endfor %}</td></tr>
{% else %}<tr><td colspan="7">Geen zoekprofielen.</td></tr>{% endfor %}</table>{% endblock %}"""

EDIT = (
    """{% extends "base.html" %}{% from "field.html" import field with context %}
{% block title %}{{ heading }}{% endblock %}{% block head %}"""
    + HEAD
    + """{% endblock %}
{% block body %}{% include "nav.html" %}<h1>{{ heading }}</h1>
{% if others %}<p class="let-op" role="status">Let op: {{ others|join(", ") }} heeft dit zoekprofiel
ook open. Overleg wie de wijziging maakt.</p>{% endif %}
{% if comment %}<div class="let-op"><h2>Teruggestuurd met opmerking</h2><p>{{ comment }}</p></div>{% endif %}
{% if notice %}<p role="status">{{ notice }}</p>{% endif %}
{% if conflict %}<div class="fout" role="alert"><h2>Het bestand is intussen gewijzigd</h2>
<p>Iemand heeft het bestand veranderd sinds u het opende. Uw versie is nog niet opgeslagen in git.
Hieronder het verschil tussen het bestand nu en uw versie. Kies "Toch mijn versie opslaan" om
het bestand te vervangen, of open het opnieuw om met de nieuwe versie verder te gaan.</p>
<pre>{{ conflict|join("\\n") }}</pre>
<p><a href="/backoffice/profielen/bewerken/{{ original }}">Opnieuw openen met de nieuwe versie</a></p></div>{% endif %}
{% if summary %}<div class="samenvatting" role="alert"><h2>Nog niet in orde</h2>
<p>{{ summary|length }} punt(en) moeten eerst worden opgelost:</p><ul>
{% for name, e in summary %}<li>{% if name %}<a href="#{{ dom_ids[name] }}">{{ e.label or "bestand" }}: {{ e.message }}</a>
{% else %}{{ e.message }}{% endif %}</li>{% endfor %}</ul></div>{% endif %}
{% if warnings %}<div class="let-op"><h2>Waarschuwingen</h2><ul>{% for e in warnings %}
<li>{{ e.label }}: {{ e.message }}</li>{% endfor %}</ul></div>{% endif %}
<form method="post" action="/backoffice/profielen/opslaan" novalidate>
<input type="hidden" name="csrf" value="{{ csrf }}">
<input type="hidden" name="concept" value="{{ draft_id or '' }}">
<input type="hidden" name="basis" value="{{ base_digest or '' }}">
<input type="hidden" name="origineel" value="{{ original or '' }}">
{% for f in fields %}{% if f.name == "steunvormen" %}
<fieldset><legend>Kinderen</legend><p class="hulp">{{ children_help }}</p>
{% for i in range(children_rows) %}<fieldset><legend>Kind {{ i + 1 }}</legend>
{% for cf in child_fields[i] %}{{ field(cf) }}{% endfor %}</fieldset>{% endfor %}</fieldset>
{% endif %}{{ field(f) }}{% endfor %}
"""
    + FORM_BUTTONS
    + """
<button type="submit" name="actie" value="bewaren">Concept bewaren</button>
<button type="submit" name="actie" value="indienen">{{ submit_label }}</button>
{% if conflict %}<button type="submit" name="actie" value="overschrijven">Toch mijn versie opslaan</button>{% endif %}
</form>{% endblock %}"""
)

DETAIL = """{% extends "base.html" %}{% block title %}{{ profile.title }}{% endblock %}
{% block body %}{% include "nav.html" %}<h1>{{ profile.title }}</h1>
{% if notice %}<p role="status">{{ notice }}</p>{% endif %}
<p>Code {{ profile.id }} · {{ gemeente_names.get(profile.gemeente, profile.gemeente) }} ·
status <strong>{{ profile.status }}</strong> · bestand {{ rel }}</p>
<p><a href="/backoffice/profielen/bewerken/{{ profile.id }}">Bewerken</a> ·
<a href="/backoffice/profielen/nieuw?broer_zus={{ profile.id }}">Nog een kind uit dit gezin</a></p>
<h2>Status wijzigen</h2>
{% for s in next_statuses %}<form method="post" action="/backoffice/profielen/profiel/{{ profile.id }}/status">
<input type="hidden" name="csrf" value="{{ csrf }}"><input type="hidden" name="status" value="{{ s }}">
<button type="submit">Zet op {{ s|replace("_", " ") }}</button></form>
{% else %}<p>Geen volgende status.</p>{% endfor %}
<h2>Drukwerk</h2>
{% if printed %}<p>De poster en flyer zoals ze bij de laatste publicatie zijn gemaakt, om te printen
en op te hangen of uit te delen.</p><ul>
{% for label, name, size in printed %}<li><a href="/backoffice/profielen/profiel/{{ profile.id }}/drukwerk/{{ name }}"
 download>{{ label }} downloaden</a> (pdf, {{ (size / 1024)|round|int }} kB)</li>{% endfor %}</ul>
{% else %}<p>Er is nog geen drukwerk. Het wordt gemaakt als het zoekprofiel op de site staat
(na goedkeuring, of met "Site bijwerken"). Alleen een open profiel krijgt drukwerk.</p>{% endif %}
{% if drafts %}<h2>Openstaande concepten</h2><ul>{% for d in drafts %}
<li><a href="/backoffice/profielen/concept/{{ d.id }}">{{ d.state_label }} door {{ d.author }}</a></li>
{% endfor %}</ul>{% endif %}
<h2>Geschiedenis</h2>
<table><tr><th>Wanneer</th><th>Wie</th><th>Wat</th><th>Terugdraaien</th></tr>
{% for c in history %}<tr><td>{{ c.when[:16]|replace("T", " ") }}</td><td>{{ c.author }}</td><td>{{ c.subject }}</td>
<td>{% if not loop.first %}<form method="post" action="/backoffice/profielen/profiel/{{ profile.id }}/terugdraaien">
<input type="hidden" name="csrf" value="{{ csrf }}"><input type="hidden" name="commit" value="{{ c.sha }}">
<button type="submit" aria-label="Terug naar deze versie: {{ c.when[:10] }} ({{ c.short }})">Terug naar deze versie</button></form>
{% else %}huidige versie{% endif %}</td></tr>
{% else %}<tr><td colspan="4">Nog niet in git.</td></tr>{% endfor %}</table>{% endblock %}"""

REVIEW = """{% extends "base.html" %}{% block title %}Beoordelen{% endblock %}
{% block body %}{% include "nav.html" %}<h1>Beoordelen: {{ draft.profile_id }}</h1>
<p>Ingediend door {{ draft.author }} voor {{ gemeente_names.get(draft.gemeente, draft.gemeente) }}.</p>
{% if refusal %}<p class="fout" role="alert">{{ refusal }}</p>{% endif %}
<h2>Wijzigingen</h2><pre>{{ diff|join("\\n") }}</pre>
<h2>Privacycontrole</h2>{% if privacy %}<ul>{% for f in privacy %}
<li>{{ f.label }}: {{ f.message }}{% if f.suggestion %} {{ f.suggestion }}{% endif %}</li>{% endfor %}</ul>
{% else %}<p>Geen meldingen.</p>{% endif %}
{% if blocking %}<p class="fout">Dit concept heeft nog {{ blocking }} fout(en) en kan niet worden goedgekeurd.</p>{% endif %}
{% if not refusal and not blocking %}<form method="post" action="/backoffice/profielen/beoordelen/{{ draft.id }}/goedkeuren">
<input type="hidden" name="csrf" value="{{ csrf }}"><button type="submit">Goedkeuren en publiceren</button></form>{% endif %}
{% if not refusal %}<form method="post" action="/backoffice/profielen/beoordelen/{{ draft.id }}/terugsturen">
<input type="hidden" name="csrf" value="{{ csrf }}">
<label for="opmerking">Opmerking voor {{ draft.author }}</label>
<textarea id="opmerking" name="opmerking" rows="4"></textarea>
<button type="submit">Terugsturen</button></form>{% endif %}{% endblock %}"""

JOBS = """{% extends "base.html" %}{% block title %}Publicatietaken{% endblock %}
{% block body %}{% include "nav.html" %}<h1>Publicatietaken</h1>
<div id="taak-voortgang" aria-live="polite">
{% if current %}<p>Bezig: {{ current.label }} — {{ current.step }}.</p>
{% for s in current.steps_done %}<p>Klaar: {{ s }}</p>{% endfor %}
<p><a href="/backoffice/profielen/taken">Vernieuwen</a> om de voortgang te zien.</p>
{% else %}<p>Er loopt nu geen taak.</p>{% endif %}
{% if queued %}<p>In de wachtrij: {% for q in queued %}{{ q.label }}{% if not loop.last %}, {% endif %}{% endfor %}</p>{% endif %}
</div>
{% if may_build %}<form method="post" action="/backoffice/profielen/taken/site-bijwerken">
<input type="hidden" name="csrf" value="{{ csrf }}"><button type="submit">Site bijwerken</button></form>{% endif %}
<h2>Laatste taken</h2>
<table><tr><th>Begonnen (UTC)</th><th>Taak</th><th>Resultaat</th><th>Melding</th></tr>
{% for r in runs %}<tr><td>{{ r.started.strftime("%d-%m-%Y %H:%M:%S") }}</td><td>{{ r.job.split(":", 1)[1] }}</td>
<td>{{ "bezig" if r.ok is none else ("gelukt" if r.ok else "mislukt") }}</td><td>{{ r.message_nl }}</td></tr>
{% else %}<tr><td colspan="4">Nog geen taken.</td></tr>{% endfor %}</table>{% endblock %}"""

_ENV = environment(
    {
        "nav.html": NAV,
        "field.html": FIELD,
        "profielen.html": LIST,
        "profiel_form.html": EDIT,
        "profiel.html": DETAIL,
        "beoordelen.html": REVIEW,
        "taken.html": JOBS,
    }
)


def render(template: str, **context: Any) -> str:
    return _ENV.get_template(template).render(**context)
