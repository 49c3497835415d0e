"""The coordinators' print pages: one small HTML page per gemeente and per profile folder.

Not in the navigation and ``noindex``: they are for coordinators who follow the "Printen en
verspreiden" link, not for search engines. Plain HTML without style or script (the site's
CSP allows no inline code) and no request to any other host; every value is escaped by Jinja2's autoescape, so no text can become markup.
"""

from __future__ import annotations

import jinja2

from generator.images import OG_SIZE
from generator.printing.sheets import Listing
from generator.render import print_url, site_path

DEFAULT_CARD = "kaarten/standaard.png"  # generator.images: the site's default og:image
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
<meta name="description" content="{{ description }}">
<link rel="canonical" href="{{ url }}">
<meta property="og:title" content="{{ title }}">
<meta property="og:description" content="{{ description }}">
<meta property="og:url" content="{{ url }}">
<meta property="og:image" content="{{ image }}">
<meta property="og:image:width" content="{{ size[0] }}">
<meta property="og:image:height" content="{{ size[1] }}">
<meta property="og:image:alt" content="{{ title }}">
<meta name="twitter:card" content="summary_large_image">
</head>
<body>
<p><a href="{{ back }}">Terug naar de pagina</a></p>
<h1>{{ title }}</h1>
<p>Voor coördinatoren: print dit drukwerk en verspreid het op scholen, in de bibliotheek, op
de markt of bij het consultatiebureau. De QR-code laat zien via welk drukwerk een steungezin
zich aanmeldt.</p>
{% if note %}<p>Voor deze oproep is geen drukwerk: {{ note }}.</p>{% endif %}
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


def page(listing: Listing, base: str) -> str:
    """The listing as HTML, linking back to the page it belongs to. It carries the same
    preview tags as every page: coordinators share these links with volunteers."""
    gemeente, _, profile_id = listing.folder.partition("/")
    here = print_url(gemeente, profile_id or None)
    card = listing.kit.card.path if listing.kit else DEFAULT_CARD
    return _PAGE.render(
        title=f"Drukwerk: {listing.title}" if profile_id else listing.title,
        description="Posters, flyers en een krantenbericht om te printen en te verspreiden.",
        url=base + here,
        image=base + card,
        size=OG_SIZE,
        back=site_path(base) + f"{listing.folder}/",  # root-relative, like every link (issue 17)
        note=listing.note,
        files=listing.files,
        labels=LABELS,
        kit=listing.kit,
        profiles=listing.profiles,
    )
