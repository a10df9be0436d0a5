"""Switches that make the model behave as the core does where the two disagree (DISAGREEMENTS.md).

All off: the model follows the documents. The differential tests turn them on to tell a world
that shows only known disagreements from one that shows a new one; nothing else uses them.
"""

from __future__ import annotations

CORE_BEHAVIOUR: set[str] = set()
KNOWN: tuple[str, ...] = ()


def core(disagreement: str) -> bool:
    return disagreement in CORE_BEHAVIOUR
