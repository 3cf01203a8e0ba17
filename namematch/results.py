"""Results: the values resolution hands back (entities, members, assignments, merges, a
batch's result), and their conversion to rows, pandas DataFrames and Arrow tables.

Assignments are kept as columns and built into values on access, so a batch of a million
mentions holds no million objects; ``to_pandas()`` and ``to_arrow()`` build a table from
the columns directly (pandas and pyarrow are optional: ``pip install pandas pyarrow``).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator, Sequence
from types import ModuleType
from typing import Any, overload

import attrs

from namematch.block import BlockStats
from namematch.errors import InputError
from namematch.mentions import Skipped
from namematch.parse import Kind


@attrs.frozen
class Member:
    """One mention of an entity and how sure we are it belongs there."""

    mention: str
    name: str
    doc: str | None
    confidence: float


@attrs.frozen
class Entity:
    """A canonical person or place with its variants (name, mentions) and members."""

    id: str
    kind: Kind
    canonical: str
    confidence: float
    variants: tuple[tuple[str, int], ...]
    members: tuple[Member, ...]


@attrs.frozen
class Assignment:
    """Where one input mention went."""

    mention: str
    entity: str
    canonical: str
    confidence: float
    name: str = ""
    kind: Kind | None = None
    doc: str | None = None


@attrs.frozen
class Merge:
    """Entity ``from_id`` was merged into ``into_id`` in ``batch`` at ``at`` (UTC)."""

    batch: int
    from_id: str
    into_id: str
    at: str


@attrs.frozen
class BatchResult:
    """What one batch did: an assignment per resolved mention, the skipped rows, merges."""

    batch: int
    assignments: Sequence[Assignment]
    skipped: tuple[Skipped, ...]
    merges: tuple[Merge, ...]
    blocking: BlockStats
    moved: tuple[str, ...] = ()
    """Ids of earlier batches' mentions this batch moved to another entity when it
    decided their short form again (docs/guides/store.md); mentions that moved because
    their entity merged into another are in ``merges`` instead."""

    def to_pandas(self) -> Any:
        """The assignments as a pandas DataFrame (ASSIGNMENT_COLUMNS)."""
        return _assignments(self.assignments).to_pandas()

    def to_arrow(self) -> Any:
        """The assignments as a pyarrow Table (ASSIGNMENT_COLUMNS)."""
        return _assignments(self.assignments).to_arrow()


class Assignments(Sequence[Assignment]):
    """A batch's assignments, one per resolved mention in input order.

    Kept as columns and built on access: a batch of a million mentions does not hold a
    million objects.
    """

    def __init__(self, ids: Sequence[str], entities: Sequence[str],
                 canonical: dict[str, tuple[str, str, float]], confidence: Sequence[float],
                 names: Sequence[str] | None = None, kinds: Sequence[Kind | None] | None = None,
                 docs: Sequence[str | None] | None = None) -> None:
        self._ids, self._entities, self._confidence = ids, entities, confidence
        self._canonical = canonical
        none: list[None] = [None] * len(ids)
        self._names: Sequence[str] = names if names is not None else [""] * len(ids)
        self._kinds: Sequence[Kind | None] = kinds if kinds is not None else none
        self._docs: Sequence[str | None] = docs if docs is not None else none
        self._index: dict[str, int] | None = None

    def __len__(self) -> int:
        return len(self._ids)

    @overload
    def __getitem__(self, i: int) -> Assignment: ...

    @overload
    def __getitem__(self, i: slice) -> list[Assignment]: ...

    def __getitem__(self, i: int | slice) -> Assignment | list[Assignment]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        e = self._entities[i]
        return Assignment(self._ids[i], e, self._canonical[e][1], self._confidence[i],
                          self._names[i], self._kinds[i], self._docs[i])

    def __iter__(self) -> Iterator[Assignment]:
        return (self[k] for k in range(len(self)))

    def __repr__(self) -> str:
        return f"<Assignments of {len(self)} mentions>"

    def columns(self) -> dict[str, list[Any]]:
        """The assignments as columns (ASSIGNMENT_COLUMNS), in input order."""
        canonical = self._canonical
        return {"mention": list(self._ids), "name": list(self._names),
                "type": list(self._kinds), "doc": list(self._docs),
                "entity": list(self._entities),
                "canonical": [canonical[e][1] for e in self._entities],
                "confidence": [float(c) for c in self._confidence]}

    def of(self, mention: str) -> Assignment:
        """The assignment of one mention id (KeyError if it was not resolved here)."""
        if self._index is None:
            self._index = {m: i for i, m in enumerate(self._ids)}
        return self[self._index[mention]]

    def to_pandas(self) -> Any:
        """A pandas DataFrame with ASSIGNMENT_COLUMNS, one row per mention."""
        return require("pandas").DataFrame(self.columns(), columns=list(ASSIGNMENT_COLUMNS))

    def to_arrow(self) -> Any:
        """A pyarrow Table with ASSIGNMENT_COLUMNS, one row per mention."""
        return require("pyarrow").table(self.columns())


@attrs.frozen
class Resolution:
    """The result of :func:`resolve`: entities, one assignment per resolved mention, and
    the rows that were skipped (with reasons)."""

    entities: tuple[Entity, ...]
    assignments: Sequence[Assignment]
    skipped: tuple[Skipped, ...]
    blocking: BlockStats

    def to_pandas(self) -> Any:
        """The assignments as a pandas DataFrame (see :meth:`Assignments.to_pandas`)."""
        return _assignments(self.assignments).to_pandas()

    def to_arrow(self) -> Any:
        """The assignments as a pyarrow Table."""
        return _assignments(self.assignments).to_arrow()

    def entities_to_pandas(self) -> Any:
        """The entities as a pandas DataFrame (ENTITY_COLUMNS), most mentioned first."""
        return entities_to_pandas(self.entities)


def _assignments(found: Sequence[Assignment]) -> Assignments:
    if isinstance(found, Assignments):
        return found
    entities = [a.entity for a in found]
    canonical = {a.entity: ("", a.canonical, 0.0) for a in found}
    return Assignments([a.mention for a in found], entities, canonical,
                       [a.confidence for a in found], [a.name for a in found],
                       [a.kind for a in found], [a.doc for a in found])


ASSIGNMENT_COLUMNS = ("mention", "name", "type", "doc", "entity", "canonical", "confidence")
"""An assignment's columns: the mention as read (its id, name, resolved type, document)
beside where it went."""
ENTITY_COLUMNS = ("entity", "kind", "canonical", "confidence", "mentions", "variants", "docs")


def require(name: str) -> ModuleType:
    """An optional module, or InputError naming what to install (pandas, pyarrow)."""
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise InputError(f"{name} is not installed: pip install 'namematch-translit[frames]'"
                         f" (or pip install {name.split('.')[0]})") from exc


def most_mentioned(entities: Iterable[Entity]) -> list[Entity]:
    """Entities, the most mentioned first (ties by id): how tables list them."""
    return sorted(entities, key=lambda e: (-len(e.members), e.id))


def entity_rows(entities: Sequence[Entity]) -> dict[str, list[Any]]:
    """Entity table columns: one row per entity, most mentioned first."""
    ordered = most_mentioned(entities)
    return {
        "entity": [e.id for e in ordered], "kind": [e.kind for e in ordered],
        "canonical": [e.canonical for e in ordered],
        "confidence": [e.confidence for e in ordered],
        "mentions": [len(e.members) for e in ordered],
        "variants": ["; ".join(v for v, _ in e.variants) for e in ordered],
        "docs": [len({m.doc for m in e.members if m.doc is not None}) for e in ordered],
    }


def entities_to_pandas(entities: Sequence[Entity]) -> Any:
    """A pandas DataFrame of entities (ENTITY_COLUMNS), most mentioned first."""
    return require("pandas").DataFrame(entity_rows(entities), columns=list(ENTITY_COLUMNS))

