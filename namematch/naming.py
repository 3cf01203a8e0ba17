"""Canonical naming: which of an entity's variants is its name -- the most complete one
(a person's with a given name; a place's with a feature word), in Latin script, the most
mentioned, the longest, then alphabetical -- and how a variant is shown (as written,
without leading titles and a possessive ending)."""

from __future__ import annotations

import unicodedata
from typing import Any

from namematch.parse import Name
from namematch.text import visible


def canonical_key(parsed: Name, count: int) -> tuple[Any, ...]:
    """Sort key of the canonical-name rule (smallest wins): the most complete variant (a
    person's with a given name; a place's with a feature word such as River or Province),
    written in Latin script, most mentions, most letters, then alphabetical."""
    return _ranked(name_rank(parsed), count)


def _ranked(rank: tuple[int, int, str], count: int) -> tuple[Any, ...]:
    complete, latin, shown = rank
    return (complete, latin, -count, -len(shown), shown)


def name_rank(parsed: Name) -> tuple[int, int, str]:
    """What canonical_key reads of a name: (0 if complete, 0 if Latin, display form)."""
    if parsed.kind == "person":
        complete = 0 if parsed.given else 1
    else:
        complete = 0 if any(p.role == "feature" and p.feature_class != "descriptor"
                            for p in parsed.parts) else 1
    latin = 0 if parsed.original.isascii() or all(
        c.isascii() or unicodedata.name(c, "").startswith("LATIN")
        for c in parsed.original if c.isalpha()) else 1
    return (complete, latin, display(parsed))


def display(parsed: Name) -> str:
    """A name as written (as a reader sees it: text.visible), without leading titles and
    a possessive ending."""
    words = visible(parsed.original).split()
    titles = sum(1 for p in parsed.parts if p.role == "title")
    dropped = 0
    while words and dropped < titles:
        dropped += len([w for w in words[0].replace("-", " ").split() if w.strip(".")]) or 1
        words.pop(0)
    text = " ".join(words) or visible(parsed.original).strip()
    for end in ("'s", "’s", "ʼs"):
        if text.endswith(end):
            text = text[: -len(end)]
    return text.strip(" ,;:")
