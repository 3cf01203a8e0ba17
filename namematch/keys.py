"""Keys: short codes under which spellings of one name meet (for blocking and evidence).

Per part: the folded form, a transliteration skeleton (vowels merged into the classes that
alternate between Tajik and Russian spellings), a consonant skeleton (what Persian script
writes), and jellyfish's Metaphone and NYSIIS codes of the folded form.  Per name: the
keys of the surname (people) or core (places), a surname key joined with the given
name's initial, and the first letters of the whole surname's (or core's) skeleton, so one
spelling difference never hides a pair while blocks stay small.
"""

from __future__ import annotations

from functools import lru_cache

import attrs
import jellyfish

from namematch.parse import Kind, Name, parse
from namematch.translit import consonant_skeleton, vowel_skeleton

PREFIX = 5
"""Letters of the surname (or place core) skeleton in the prefix key."""


@attrs.frozen
class PartKeys:
    """Keys of one folded word."""

    folded: str
    skeleton: str
    consonants: str
    metaphone: str
    nysiis: str


@lru_cache(maxsize=200_000)
def part_keys(folded: str) -> PartKeys:
    """Keys of one folded word (cached)."""
    return PartKeys(
        folded=folded,
        skeleton=vowel_skeleton(folded),
        consonants=consonant_skeleton(folded),
        metaphone=jellyfish.metaphone(folded) if folded else "",
        nysiis=jellyfish.nysiis(folded) if folded else "",
    )


@attrs.frozen
class NameKeys:
    """Keys of a whole name: per compared part, and the blocking keys of the name."""

    parts: tuple[PartKeys, ...]
    blocking: tuple[str, ...]


def _head(name: Name) -> str:
    """The word that identifies a name: the surname stem of a person, the core of a place."""
    return name.surname_stem or name.surname if name.kind == "person" else name.core_stem


def name_keys(name: Name) -> NameKeys:
    """All keys of a parsed name.  Blocking keys are prefixed by what they key on."""
    parts = tuple(part_keys(p.folded) for p in name.parts if p.role not in ("title", "particle"))
    head = part_keys(_head(name))
    prefix = "p" if name.kind == "person" else "l"
    blocking = [
        f"{prefix}s:{head.skeleton}",
        f"{prefix}c:{head.consonants}",
        f"{prefix}m:{head.metaphone}",
    ]
    if name.kind == "person" and name.initial:
        blocking.append(f"pi:{name.initial}:{head.consonants}")
    # a typo late in a long word changes every key above (Nazarzod, Nazarnod): its first
    # letters still agree
    whole = part_keys(name.surname if name.kind == "person" else name.core).skeleton
    if len(whole) > PREFIX:
        blocking.append(f"{prefix}p:{whole[:PREFIX]}")
    return NameKeys(parts=parts, blocking=tuple(dict.fromkeys(k for k in blocking if k[3:])))


def keys(name: str, kind: Kind | None = None) -> NameKeys:
    """Parse ``name`` and return its keys (see :class:`NameKeys`)."""
    return name_keys(parse(name, kind))
