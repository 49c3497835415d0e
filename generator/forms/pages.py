"""Server-rendered Dutch HTML for residents: the form with errors, the thank-you page, errors.

Jinja2 with autoescaping on every template: everything a resident typed is shown back, and
must never become markup. Templates live here as strings because the package ships no .html
data files; they are small enough to read in one place.

The pages relax the app's ``Referrer-Policy: no-referrer`` to ``same-origin`` with a meta
element: under no-referrer a browser posts the corrected form with ``Origin: null`` and no
Referer, so the origin check refused every correction (found by the browser tests).
"""

from __future__ import annotations

from typing import Any

from jinja2 import DictLoader, Environment, select_autoescape

CSS = """
body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;
line-height:1.5;color:#1e293b}
h1{color:#1e3a5f}label{display:block;font-weight:600;margin-top:1rem}
input,select,textarea{width:100%;padding:.5rem;font:inherit;box-sizing:border-box}
input[type=checkbox]{width:auto}.fout{color:#b91c1c;font-weight:600;margin:.25rem 0}
.samenvatting{border:2px solid #b91c1c;padding:1rem;margin:1rem 0}
.verborgen{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
button{margin-top:1.5rem;padding:.75rem 1.5rem;font:inherit;background:#c2410c;color:#fff;
border:0;border-radius:.25rem}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #cbd5e1;padding:.25rem .5rem;text-align:left;vertical-align:top}
.vlag{color:#b45309;font-weight:600}nav form{display:inline}
"""

BASE = """<!doctype html>
<html lang="nl"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="referrer" content="same-origin">
<title>{% block title %}{% endblock %} – {{ site_title }}</title>
<link rel="stylesheet" href="{{ css_url }}">{% block head %}{% endblock %}</head>
<body><main>{% block body %}{% endblock %}</main></body></html>
"""

FIELD = """{% macro field(name, label, kind="text", required=False, hint="") -%}
<label for="{{ name }}">{{ label }}{% if not required %} (niet verplicht){% endif %}</label>
{% if hint %}<div>{{ hint }}</div>{% endif %}
{% if errors.get(name) %}<p class="fout" id="{{ name }}-fout">{{ errors[name] }}</p>{% endif %}
{% if kind == "textarea" -%}
<textarea id="{{ name }}" name="{{ name }}" rows="5"
{%- if errors.get(name) %} aria-describedby="{{ name }}-fout" aria-invalid="true"{% endif %}>
{{- values.get(name, "") }}</textarea>
{%- else -%}
<input id="{{ name }}" name="{{ name }}" type="{{ kind }}" value="{{ values.get(name, '') }}"
{%- if errors.get(name) %} aria-describedby="{{ name }}-fout" aria-invalid="true"{% endif %}>
{%- endif %}
{%- endmacro %}"""

FORM = """{% extends "base.html" %}{% from "field.html" import field with context %}
{% block title %}Controleer uw aanmelding{% endblock %}
{% block body %}
<h1>Controleer uw aanmelding</h1>
<div class="samenvatting" role="alert"><p>Er {{ "is" if errors|length == 1 else "zijn" }}
{{ errors|length }} punt{{ "" if errors|length == 1 else "en" }} om te verbeteren:</p><ul>
{% for name, message in errors.items() %}<li><a href="#{{ name }}">{{ message }}</a></li>{% endfor %}
</ul></div>
<form method="post" action="{{ action }}">
{% if errors.get("soort") %}<p class="fout">{{ errors["soort"] }}</p>{% endif %}
<fieldset><legend>Ik meld me aan</legend>
<label><input type="radio" name="soort" value="steungezin"
{%- if values.get("soort") == "steungezin" %} checked{% endif %}> als steungezin</label>
<label><input type="radio" name="soort" value="hulpvraag"
{%- if values.get("soort") == "hulpvraag" %} checked{% endif %}> omdat ik hulp zoek</label>
</fieldset>
{% if values.get("soort") == "hulpvraag" or errors.get("rol") %}
{% if errors.get("rol") %}<p class="fout" id="rol">{{ errors["rol"] }}</p>{% endif %}
<fieldset><legend>Ik vraag hulp</legend>
<label><input type="radio" name="rol" value="gezin"
{%- if values.get("rol") == "gezin" %} checked{% endif %}> voor mijn eigen gezin</label>
<label><input type="radio" name="rol" value="professional"
{%- if values.get("rol") == "professional" %} checked{% endif %}> als professional</label>
</fieldset>{% endif %}
<label for="gemeente">Gemeente</label>
{% if errors.get("gemeente") %}<p class="fout">{{ errors["gemeente"] }}</p>{% endif %}
<select id="gemeente" name="gemeente"><option value="">Kies uw gemeente</option>
{% for slug, name in gemeenten %}<option value="{{ slug }}"
{%- if values.get("gemeente") == slug %} selected{% endif %}>{{ name }}</option>{% endfor %}
</select>
{% if errors.get("profiel") %}<p class="fout" id="profiel">{{ errors["profiel"] }}</p>{% endif %}
{{ field("naam", "Naam", required=True) }}
{{ field("email", "E-mailadres", "email", required=True) }}
{{ field("telefoon", "Telefoonnummer", "tel", required=True) }}
{{ field("woonplaats", "Postcode of woonplaats", required=True) }}
{{ field("huishouden", "Uw huishouden", hint="Bijvoorbeeld: twee volwassenen en een kind van 8.") }}
{{ field("bericht", "Uw motivatie of vraag", "textarea", required=values.get("soort") == "hulpvraag") }}
<label for="bron">Hoe hoorde u van ons? (niet verplicht)</label>
{% if errors.get("bron") %}<p class="fout">{{ errors["bron"] }}</p>{% endif %}
<select id="bron" name="bron"><option value="">Maak een keuze</option>
{% for value, label in sources %}<option value="{{ value }}"
{%- if values.get("bron") == value %} selected{% endif %}>{{ label }}</option>{% endfor %}
</select>
{% if errors.get("toestemming") %}<p class="fout" id="toestemming">{{ errors["toestemming"] }}</p>{% endif %}
{% if errors.get("privacy_versie") %}<p class="fout">{{ errors["privacy_versie"] }}</p>{% endif %}
<label><input type="checkbox" name="toestemming" value="ja"
{%- if values.get("toestemming") %} checked{% endif %}> Ik geef toestemming om mijn gegevens te
gebruiken zoals beschreven in de <a href="{{ privacy_url }}">privacyverklaring</a>.</label>
{% for name in hidden %}<input type="hidden" name="{{ name }}" value="{{ values.get(name, '') }}">
{% endfor %}
<div class="verborgen" aria-hidden="true"><label for="website">Laat dit veld leeg</label>
<input id="website" name="website" tabindex="-1" autocomplete="off"></div>
<button type="submit">Verstuur</button>
</form>{% endblock %}"""

THANKS = """{% extends "base.html" %}{% block title %}Bedankt{% endblock %}
{% block body %}<h1>Bedankt voor uw aanmelding!</h1>
{% if soort == "hulpvraag" %}<p>We hebben uw hulpvraag ontvangen. De coördinator van
Buurtgezinnen in uw gemeente belt of mailt u binnen een week voor een eerste gesprek.</p>
{% else %}<p>Fijn dat u steungezin wilt worden! De coördinator van Buurtgezinnen in uw gemeente
neemt binnen een week contact met u op voor een kennismakingsgesprek.</p>{% endif %}
<p>U krijgt ook een bevestiging per e-mail. Vragen? Mail naar
<a href="mailto:{{ contact }}">{{ contact }}</a>.</p>
<p><a href="{{ home }}">Terug naar de website</a></p>{% endblock %}"""

PROBLEM = """{% extends "base.html" %}{% block title %}{{ title }}{% endblock %}
{% block body %}<h1>{{ title }}</h1><p>{{ message }}</p>
<p><a href="{{ home }}">Terug naar de website</a></p>{% endblock %}"""

SOURCE_LABELS = {
    "facebook": "Facebook",
    "website": "Website",
    "krant": "Krant",
    "school": "School",
    "via-via": "Via via",
    "anders": "Anders",
}

TEMPLATES: dict[str, str] = {
    "base.html": BASE,
    "field.html": FIELD,
    "form.html": FORM,
    "thanks.html": THANKS,
    "problem.html": PROBLEM,
}


def environment(extra: dict[str, str] | None = None) -> Environment:
    env = Environment(
        loader=DictLoader({**TEMPLATES, **(extra or {})}),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


_ENV = environment()


def render(template: str, **context: Any) -> str:
    return _ENV.get_template(template).render(**context)
