"""Publishing zoekprofielen to the gemeenten's Facebook Pages, exactly once.

The flow is ``tokens`` (secrets from outside the repo) -> ``planner`` (what should happen,
from the catalog and the ledger; no network) -> ``runner`` (does it through ``facebook``,
recording every step in ``ledger`` so that a crash can never cause a second post).
"""
