"""Rule kinds: one module each, registered here and nowhere else.

A kind module defines a subclass of `tlint.kinds.base.Rule` named `Rule`. Modules are
imported on first use so a pack that does not use a kind never pays for its imports.
"""
from __future__ import annotations

import importlib

KINDS: dict[str, str] = {
    "pattern": "tlint.kinds.pattern",
    "terms": "tlint.kinds.terms",
    "repetition": "tlint.kinds.repetition",
    "decode": "tlint.kinds.decode",
    "sentence": "tlint.kinds.sentence",
    "duplicate": "tlint.kinds.duplicate",
    "script": "tlint.kinds.script",
    "metric": "tlint.kinds.metric",
    "languagetool": "tlint.kinds.languagetool",
}


def rule_class(kind: str):
    """The Rule class for `kind`; KeyError for an unknown kind."""
    return importlib.import_module(KINDS[kind]).Rule
