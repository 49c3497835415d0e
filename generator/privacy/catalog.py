"""placeholder"""
from __future__ import annotations
from typing import Any
def scan_catalog(catalog: Any) -> list[Any]:
    return []
