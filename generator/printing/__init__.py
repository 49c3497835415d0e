"""Print matter: posters, flyers and a newspaper kit per open zoekprofiel and per gemeente.

The public API other areas code against:

- ``build_print(catalog, out_dir, cache_dir, gemeenten=None, profile_ids=None, channel=None)``
  writes ``<gemeente>/poster.pdf`` (the gemeente poster), ``<gemeente>/<profiel>/poster.pdf``
  (A4), ``flyer.pdf`` (A5), the newspaper kit (``krant.txt``, ``krant.jpg`` at 300 dpi,
  ``krant-qr.png``) and a ``noindex`` listing page per folder.
- ``CHANNELS``: the utm_source values of print matter (the report counts each as a channel).
- ``PrintBlocked``: raised when composed print text would carry an unconfigured contact.

Named ``printing`` rather than ``print`` so the package does not shadow the builtin.
"""

from __future__ import annotations

from generator.printing.build import PrintResult, build_print
from generator.printing.content import CHANNELS, PrintBlocked, printable

__all__ = ["CHANNELS", "PrintBlocked", "PrintResult", "build_print", "printable"]
