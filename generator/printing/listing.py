"""The coordinators' print pages: one small HTML page per gemeente and per profile folder.

Not in the navigation and ``noindex``: they are for coordinators who follow the "Printen en
verspreiden" link, not for search engines. Self-contained (inline style, no request to any
other host); every value is escaped by Jinja2's autoescape, so no text can become markup.
"""

from __future__ import annotations

import jinja2

from generator.printing.sheets import Listing
from generator.render import print_url, rel

LABELS = {
    "poster.pdf": "Poster (A4, PDF)",
    "flyer.pdf": "Flyer (A5, PDF)",
    "krant.txt": "Tekst voor de lokale krant (ook om te mailen naar de redactie)",
    "krant.jpg": "Afbeelding voor de krant (300 dpi)",
    "krant-qr.png": "QR-code voor bij het krantenbericht",
}

_PAGE = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined).from_string(
    """<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>{{ title }}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 42rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.5; color: #1c1917; }
h1 { color: {{ colour }}; font-size: 1.5rem; }
blockquote { border-left: 4px solid {{ colour }}; margin: 1rem 0; padding: 0.25rem 1rem; }
</style>
</head>
<body>
<p><a href="{{ back }}">Terug naar de pagina</a></p>
<h1>{{ title }}</h1>
<p>Voor coördinatoren: print dit drukwerk en verspreid het op scholen, in de bibliotheek, op
de markt of bij het consultatiebureau. De QR-code laat zien via welk drukwerk een steungezin
zich aanmeldt.</p>
{% if note %}<p>{{ note }}</p>{% endif %}
{% if files %}<ul>
{% for name in files %}<li><a href="{{ name }}">{{ labels[name] }}</a></li>
{% endfor %}</ul>{% endif %}
{% if kit %}<h2>Tekst voor de krant</h2>
<blockquote><p><strong>{{ kit.headline }}</strong></p><p>{{ kit.text }}</p></blockquote>{% endif %}
{% if profiles %}<h2>Drukwerk per oproep</h2>
<ul>
{% for folder, name in profiles %}<li><a href="{{ folder }}/">{{ name }}</a></li>
{% endfor %}</ul>{% endif %}
</body>
</html>
"""
)


def page(listing: Listing, colour: str) -> str:
    """The listing as HTML. ``back`` leads to the page the listing belongs to."""
    gemeente, _, profile_id = listing.folder.partition("/")
    here = print_url(gemeente, profile_id or None)
    return _PAGE.render(
        title=f"Drukwerk: {listing.title}" if profile_id else listing.title,
        colour=colour,
        back=rel(here, f"{listing.folder}/"),
        note=listing.note,
        files=listing.files,
        labels=LABELS,
        kit=listing.kit,
        profiles=listing.profiles,
    )
