"""Resolve: mentions in, canonical people and places out, kept in a store across batches.

A :class:`Resolver` holds its entities in an embedded SQLite file (``Resolver.open(path)``;
``":memory:"`` for a one-off run, which is what :func:`resolve` does).  Each call to
:meth:`Resolver.add` is one batch and one transaction: a process killed mid-batch leaves the
store as it was after the last committed batch.

One batch:

1. read and validate mentions (bad rows become :class:`~namematch.mentions.Skipped`);
2. parse each distinct (kind, name) once; names already in the store keep their node;
3. block the new names against each other and against the store's key index;
4. score candidate pairs in bulk (:class:`~namematch.scorer.Scorer`);
5. cluster (namematch.cluster): stored entities enter as fixed groups, new names as
   singletons; a new name may join an entity, found a new one, or bridge two entities,
   which then merge (the older id survives; the merge is recorded);
6. same-document evidence: in one document a bare surname goes to the one full name there
   that it matches, unless several entities match (then the global clustering stands);
7. confidences and canonical names of the touched entities; write everything, commit.

Entity ids are ``E`` + a sequence number; new entities of a batch are numbered in order of
their smallest mention id, so replaying the same batches into a fresh store gives the same
ids whatever the row order inside each batch.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import attrs
import numpy as np

from namematch.block import MAX_BLOCK, BlockStats, candidate_pairs
from namematch.cluster import cluster
from namematch.compare import prepared
from namematch.errors import ConstraintError, NamematchError, StoreError
from namematch.keys import name_keys
from namematch.mentions import Mention, Skipped, read_rows
from namematch.model import DEFAULT_THRESHOLD
from namematch.parse import Kind, Name, infer_kind
from namematch.scorer import Scorer

SCHEMA_VERSION = "1"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS names (
    nid INTEGER PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, entity TEXT NOT NULL,
    UNIQUE (kind, name));
CREATE INDEX IF NOT EXISTS names_entity ON names (entity);
CREATE TABLE IF NOT EXISTS name_keys (key TEXT NOT NULL, nid INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS name_keys_key ON name_keys (key);
CREATE TABLE IF NOT EXISTS entities (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, canonical TEXT NOT NULL,
    confidence REAL NOT NULL, batch INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS mentions (
    id TEXT PRIMARY KEY, nid INTEGER NOT NULL, doc TEXT, entity TEXT NOT NULL,
    confidence REAL NOT NULL, batch INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions (entity);
CREATE TABLE IF NOT EXISTS merges (
    batch INTEGER NOT NULL, from_id TEXT NOT NULL, into_id TEXT NOT NULL, at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS batches (
    batch INTEGER PRIMARY KEY, at TEXT NOT NULL, mentions INTEGER NOT NULL,
    skipped INTEGER NOT NULL);
"""
_CHUNK = 900  # SQLite's limit on host parameters is 999 in old builds


def _select_in(conn: sqlite3.Connection, sql: str, values: Sequence[Any]) -> Iterator[Any]:
    """Rows of ``sql`` whose ``{marks}`` stands for an IN list of ``values``, in chunks."""
    for i in range(0, len(values), _CHUNK):
        chunk = list(values[i : i + _CHUNK])
        yield from conn.execute(sql.format(marks=",".join("?" * len(chunk))), chunk)


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
    assignments: tuple[Assignment, ...]
    skipped: tuple[Skipped, ...]
    merges: tuple[Merge, ...]
    blocking: BlockStats


Progress = Callable[[str, int], None]
"""progress(phase, count): called as a batch advances (the CLI draws it on stderr)."""


@attrs.define
class _Node:
    kind: Kind
    name: str
    parsed: Name
    nid: int | None = None  # row in the store's names table
    entity: str | None = None  # the store's entity of an existing name
    keys: tuple[str, ...] = ()


Edges = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]
PairEval = Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]


@attrs.frozen
class _Batch:
    """One batch's state between clustering and commit."""

    mentions: Sequence[Mention]
    nodes: Sequence[_Node]
    node_of: dict[str, int]
    labels: Sequence[int]
    edges: Edges
    evaluate: PairEval


def canonical_key(parsed: Name, count: int) -> tuple[Any, ...]:
    """Sort key of the canonical-name rule (smallest wins): the most complete variant (a
    person's with a given name; a place's with a feature word such as River or Province),
    written in Latin script, most mentions, most letters, then alphabetical."""
    if parsed.kind == "person":
        complete = 0 if parsed.given else 1
    else:
        complete = 0 if any(p.role == "feature" and p.feature_class != "descriptor"
                            for p in parsed.parts) else 1
    latin = 0 if all(c.isascii() or unicodedata.name(c, "").startswith("LATIN")
                     for c in parsed.original if c.isalpha()) else 1
    shown = display(parsed)
    return (complete, latin, -count, -len(shown), shown)


def display(parsed: Name) -> str:
    """A name as written, without leading titles and a possessive ending."""
    words = parsed.original.split()
    titles = sum(1 for p in parsed.parts if p.role == "title")
    dropped = 0
    while words and dropped < titles:
        dropped += len([w for w in words[0].replace("-", " ").split() if w.strip(".")]) or 1
        words.pop(0)
    text = " ".join(words) or parsed.original.strip()
    for end in ("'s", "’s", "ʼs"):
        if text.endswith(end):
            text = text[: -len(end)]
    return text.strip(" ,;:")


class Resolver:
    """Incremental entity resolution kept in an SQLite store (see the module docstring)."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        max_block: int = MAX_BLOCK,
        max_entity_names: int = 1_000,
        workers: int = -1,
    ) -> None:
        self.conn = conn
        self.threshold = threshold
        self.max_block = max_block
        self.max_entity_names = max_entity_names
        self.scorer = Scorer(workers=workers, on_error="nan")
        with conn:
            conn.executescript(_SCHEMA)
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if row is None:
                conn.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
                conn.execute("INSERT INTO meta VALUES ('next_entity', '1')")
            elif row[0] != SCHEMA_VERSION:
                raise StoreError(f"store schema {row[0]}, this namematch reads {SCHEMA_VERSION}")

    @classmethod
    def open(cls, path: str | Path = ":memory:", **options: Any) -> Resolver:
        """Open (or create) a store.  ``options`` go to the constructor."""
        try:
            conn = sqlite3.connect(str(path), isolation_level="DEFERRED")
            if str(path) != ":memory:":
                conn.execute("PRAGMA journal_mode=WAL")  # readers never block the writer
                conn.execute("PRAGMA synchronous=NORMAL")  # WAL: durable at checkpoint
            return cls(conn, **options)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not a namematch store: {exc}") from exc

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Resolver:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading -------------------------------------------------------------------------

    def entity_of(self, mention_id: str) -> str | None:
        row = self.conn.execute("SELECT entity FROM mentions WHERE id = ?", (mention_id,))
        found = row.fetchone()
        return None if found is None else str(found[0])

    def merges(self) -> list[Merge]:
        rows = self.conn.execute("SELECT batch, from_id, into_id, at FROM merges ORDER BY rowid")
        return [Merge(*r) for r in rows]

    def entities(self) -> Iterator[Entity]:
        """Every entity, ordered by id, with variants (most mentioned first) and members."""
        cur = self.conn.execute(
            "SELECT e.id, e.kind, e.canonical, e.confidence, m.id, n.name, m.doc, m.confidence"
            " FROM entities e JOIN mentions m ON m.entity = e.id JOIN names n ON n.nid = m.nid"
            " ORDER BY e.id, m.id"
        )
        current: list[Any] | None = None
        members: list[Member] = []
        for eid, kind, canonical, conf, mid, name, doc, mconf in cur:
            if current is None or current[0] != eid:
                if current is not None:
                    yield _entity(current, members)
                current, members = [eid, kind, canonical, conf], []
            members.append(Member(mid, name, doc, mconf))
        if current is not None:
            yield _entity(current, members)

    def __len__(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM entities").fetchone()[0])

    # -- one batch -----------------------------------------------------------------------

    def add(
        self,
        source: object,
        *,
        must_link: Iterable[tuple[str, str]] = (),
        cannot_link: Iterable[tuple[str, str]] = (),
        progress: Progress | None = None,
    ) -> BatchResult:
        """Resolve one batch of mentions (anything :func:`read_mentions` reads) and commit."""
        note = progress or (lambda phase, n: None)
        mentions, skipped, rows = self._read(source, note)
        parsed, skipped = self._parse(mentions, skipped, rows)
        mentions = [m for m in mentions if m.id in parsed]
        nodes, node_of = self._nodes(mentions, parsed)
        note("names", len(nodes))
        n_new = sum(1 for n in nodes if n.nid is None)
        evaluate = self._evaluator(nodes)
        edges, stats = self._edges(nodes, evaluate)
        note("pairs", stats.pairs)
        initial = self._initial(nodes)
        index_of = {m.id: node_of[m.id] for m in mentions}
        stored = self._stored_nodes([a for pair in (*must_link, *cannot_link) for a in pair])
        must = self._constraint_nodes(must_link, index_of, stored, nodes)
        cannot = self._constraint_nodes(cannot_link, index_of, stored, nodes)
        if any(i == j for i, j in cannot):
            raise ConstraintError("cannot-link between two mentions of one name string")
        labels = cluster(
            len(nodes), edges, evaluate, initial=initial, threshold=self.threshold,
            max_size=self.max_entity_names, must_link=must, cannot_link=cannot,
        )
        note("clustered", n_new)
        return self._commit(_Batch(mentions, nodes, node_of, labels, edges, evaluate),
                            skipped, stats, note)

    def _read(
        self, source: object, note: Progress
    ) -> tuple[list[Mention], list[Skipped], dict[str, int]]:
        mentions: list[Mention] = []
        skipped: list[Skipped] = []
        rows: dict[str, int] = {}
        for row, item in read_rows(source):
            if isinstance(item, Skipped):
                skipped.append(item)
            else:
                mentions.append(item)
                rows[item.id] = row
            if (len(mentions) + len(skipped)) % 100_000 == 0:
                note("read", len(mentions) + len(skipped))
        known = {r[0] for r in _select_in(self.conn, "SELECT id FROM mentions WHERE id IN"
                                          " ({marks})", [m.id for m in mentions])}
        if known:
            skipped += [Skipped(rows[m.id], m.id, f"id {m.id!r} is already in the store")
                        for m in mentions if m.id in known]
            mentions = [m for m in mentions if m.id not in known]
        return mentions, skipped, rows

    def _parse(
        self, mentions: Sequence[Mention], skipped: list[Skipped], rows: dict[str, int]
    ) -> tuple[dict[str, tuple[Kind, Name]], list[Skipped]]:
        out: dict[str, tuple[Kind, Name]] = {}
        for m in mentions:
            try:
                kind: Kind = m.kind or infer_kind(m.name)
                out[m.id] = (kind, prepared(m.name, kind)[0])
            except NamematchError as exc:
                skipped.append(Skipped(rows[m.id], m.id, f"unusable name: {exc}"))
        skipped.sort(key=lambda s: s.row)
        return out, skipped

    def _nodes(
        self, mentions: Sequence[Mention], parsed: dict[str, tuple[Kind, Name]]
    ) -> tuple[list[_Node], dict[str, int]]:
        """Distinct names: stored entities' names first (by row id), then new names sorted."""
        distinct: dict[tuple[Kind, str], Name] = {}
        for m in mentions:
            kind, name = parsed[m.id]
            distinct.setdefault((kind, m.name), name)
        stored = self._lookup_names(list(distinct))
        new = sorted(k for k in distinct if k not in stored)
        new_nodes = [_Node(k, s, distinct[(k, s)]) for k, s in new]
        for node in new_nodes:
            node.keys = name_keys(node.parsed).blocking
        # stored names that share a key with a new name (a block not oversized), and all
        # names of the entities they and the batch's known names belong to
        counts: Counter[str] = Counter()
        keyed: dict[str, list[int]] = defaultdict(list)
        all_keys = sorted({k for n in new_nodes for k in n.keys})
        q = "SELECT key, nid FROM name_keys WHERE key IN ({marks})"
        for key, nid in _select_in(self.conn, q, all_keys):
            counts[key] += 1
            keyed[key].append(nid)
        near = {nid for key, nids in keyed.items() if counts[key] <= self.max_block for nid in nids}
        entities = {e for (_, e) in stored.values()}
        entities |= self._entities_of(sorted(near))
        old_nodes = self._load_entities(sorted(entities))
        keys_of: dict[int, list[str]] = defaultdict(list)
        for key, nids in keyed.items():
            for nid in nids:
                keys_of[nid].append(key)
        for node in old_nodes:
            node.keys = tuple(keys_of.get(node.nid or 0, ()))
        nodes = old_nodes + new_nodes
        position = {(n.kind, n.name): i for i, n in enumerate(nodes)}
        node_of = {m.id: position[(parsed[m.id][0], m.name)] for m in mentions}
        return nodes, node_of

    def _lookup_names(
        self, keys: list[tuple[Kind, str]]
    ) -> dict[tuple[Kind, str], tuple[int, str]]:
        wanted = set(keys)
        q = "SELECT nid, kind, name, entity FROM names WHERE name IN ({marks})"
        rows = _select_in(self.conn, q, sorted({s for _, s in keys}))
        return {(k, s): (nid, e) for nid, k, s, e in rows if (k, s) in wanted}

    def _entities_of(self, nids: Sequence[int]) -> set[str]:
        q = "SELECT DISTINCT entity FROM names WHERE nid IN ({marks})"
        return {r[0] for r in _select_in(self.conn, q, nids)}

    def _load_entities(self, entities: Sequence[str]) -> list[_Node]:
        q = "SELECT nid, kind, name, entity FROM names WHERE entity IN ({marks})"
        nodes = [_Node(kind, name, prepared(name, kind)[0], nid, entity)
                 for nid, kind, name, entity in _select_in(self.conn, q, entities)]
        nodes.sort(key=lambda n: n.nid or 0)
        return nodes

    def _edges(self, nodes: Sequence[_Node], evaluate: PairEval) -> tuple[Edges, BlockStats]:
        keys = [tuple(f"{n.kind}|{k}" for k in n.keys) for n in nodes]
        ia, ib, stats = candidate_pairs(keys, max_block=self.max_block)
        new = np.array([n.nid is None for n in nodes], dtype=bool)
        keep = new[ia] | new[ib] if len(nodes) else np.empty(0, dtype=bool)
        ia, ib = ia[keep], ib[keep]
        scores, conflicts = evaluate(ia, ib)
        stats = attrs.evolve(stats, pairs=len(ia))
        return (ia, ib, scores, conflicts), stats

    def _evaluator(self, nodes: Sequence[_Node]) -> PairEval:
        """Scores of node pairs: each kind's names prepared once (a NameTable); pairs of a
        person and a place score 0 and conflict."""
        is_person = np.array([n.kind == "person" for n in nodes], dtype=bool)
        row = np.zeros(len(nodes), dtype=np.int64)
        tables = []
        kinds: tuple[tuple[Kind, bool], ...] = (("person", True), ("place", False))
        for kind, flag in kinds:
            members = np.flatnonzero(is_person == flag)
            row[members] = np.arange(len(members))
            names = [nodes[i].name for i in members.tolist()]
            tables.append((flag, self.scorer.table(names, kind)))

        def evaluate(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            scores = np.zeros(len(a))
            conflicts = np.ones(len(a), dtype=bool)  # people never pair with places
            for flag, table in tables:
                sel = np.flatnonzero((is_person[a] == flag) & (is_person[b] == flag))
                if len(sel):
                    s, c = table.score(row[a[sel]], row[b[sel]])
                    scores[sel] = np.nan_to_num(s)
                    conflicts[sel] = c
            return scores, conflicts

        return evaluate

    @staticmethod
    def _initial(nodes: Sequence[_Node]) -> list[int]:
        first: dict[str, int] = {}
        labels = []
        for i, n in enumerate(nodes):
            labels.append(first.setdefault(n.entity, i) if n.entity is not None else i)
        return labels

    def _stored_nodes(self, ids: Sequence[str]) -> dict[str, tuple[str, str]]:
        """Mention id -> (kind, name) for constrained mentions already in the store."""
        q = ("SELECT m.id, n.kind, n.name FROM mentions m JOIN names n ON n.nid = m.nid"
             " WHERE m.id IN ({marks})")
        return {mid: (k, s) for mid, k, s in _select_in(self.conn, q, ids)}

    @staticmethod
    def _constraint_nodes(
        pairs: Iterable[tuple[str, str]],
        index_of: dict[str, int],
        stored: dict[str, tuple[str, str]],
        nodes: Sequence[_Node],
    ) -> list[tuple[int, int]]:
        position = {(n.kind, n.name): i for i, n in enumerate(nodes)}
        out = []
        for a, b in pairs:
            ends = []
            for mid in (a, b):
                if mid in index_of:
                    ends.append(index_of[mid])
                elif mid in stored and stored[mid] in position:
                    ends.append(position[stored[mid]])  # type: ignore[index]
                else:
                    raise ConstraintError(f"constraint names mention {mid!r}, which is neither"
                                          " in this batch nor near it in the store")
            out.append((ends[0], ends[1]))
        return out

    def _commit(self, b: _Batch, skipped: list[Skipped], stats: BlockStats,
                note: Progress) -> BatchResult:
        mentions, nodes, node_of, labels = b.mentions, b.nodes, b.node_of, b.labels
        conn = self.conn
        batch = int(conn.execute("SELECT COALESCE(MAX(batch), 0) + 1 FROM batches").fetchone()[0])
        at = datetime.now(UTC).isoformat(timespec="seconds")
        groups: dict[int, list[int]] = defaultdict(list)
        for i, lab in enumerate(labels):
            groups[lab].append(i)
        # which entity each group is: the oldest stored entity in it survives a merge
        merges: list[Merge] = []
        group_entity: dict[int, str] = {}
        for lab, members in groups.items():
            stored = sorted({e for i in members if (e := nodes[i].entity) is not None})
            if stored:
                group_entity[lab] = stored[0]
                merges += [Merge(batch, e, stored[0], at) for e in stored[1:]]
        # per mention: the group's entity, unless the document says otherwise
        doc_choice = self._same_document(b)
        group_of_mention = {m.id: labels[node_of[m.id]] for m in mentions}
        for mid, (lab, _) in doc_choice.items():
            group_of_mention[mid] = lab
        first_mention: dict[int, str] = {}
        for m in mentions:
            lab = group_of_mention[m.id]
            if lab not in group_entity and (lab not in first_mention or m.id < first_mention[lab]):
                first_mention[lab] = m.id
        (seq,) = conn.execute("SELECT value FROM meta WHERE key = 'next_entity'").fetchone()
        seq = int(seq)
        for lab in sorted(first_mention, key=first_mention.__getitem__):
            group_entity[lab] = f"E{seq:07d}"
            seq += 1
        confidence = self._confidences(b, doc_choice)
        # a new name's home entity: its group's, or where its mentions went
        home: dict[int, str] = {}
        went: dict[int, Counter[str]] = defaultdict(Counter)
        for m in mentions:
            went[node_of[m.id]][group_entity[group_of_mention[m.id]]] += 1
        for i, lab in enumerate(labels):
            home[i] = group_entity.get(lab) or went[i].most_common(1)[0][0]
        touched = {group_entity[group_of_mention[m.id]] for m in mentions}
        touched |= {mg.into_id for mg in merges}
        with conn:  # one transaction: all of this batch or none of it
            for i, n in enumerate(nodes):
                if n.nid is None:
                    cur = conn.execute("INSERT INTO names (kind, name, entity) VALUES (?, ?, ?)",
                                       (n.kind, n.name, home[i]))
                    n.nid = cur.lastrowid
                    conn.executemany("INSERT INTO name_keys VALUES (?, ?)",
                                     [(k, n.nid) for k in n.keys])
            for mg in merges:
                conn.execute("UPDATE names SET entity = ? WHERE entity = ?",
                             (mg.into_id, mg.from_id))
                conn.execute("UPDATE mentions SET entity = ? WHERE entity = ?",
                             (mg.into_id, mg.from_id))
                conn.execute("DELETE FROM entities WHERE id = ?", (mg.from_id,))
                conn.execute("INSERT INTO merges VALUES (?, ?, ?, ?)",
                             (mg.batch, mg.from_id, mg.into_id, mg.at))
            conn.executemany(
                "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?)",
                [(m.id, nodes[node_of[m.id]].nid, m.doc, group_entity[group_of_mention[m.id]],
                  confidence[m.id], batch) for m in mentions],
            )
            note("writing", len(mentions))  # inside the transaction: not yet committed
            canon = self._canonical(sorted(touched))
            conn.executemany(
                "INSERT INTO entities VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                " canonical = excluded.canonical, confidence = excluded.confidence",
                [(e, kind, name, conf, batch) for e, (kind, name, conf) in canon.items()],
            )
            conn.execute("UPDATE meta SET value = ? WHERE key = 'next_entity'", (str(seq),))
            conn.execute("INSERT INTO batches VALUES (?, ?, ?, ?)",
                         (batch, at, len(mentions), len(skipped)))
        assignments = tuple(
            Assignment(m.id, group_entity[group_of_mention[m.id]],
                       canon[group_entity[group_of_mention[m.id]]][1], confidence[m.id])
            for m in mentions
        )
        return BatchResult(batch, assignments, tuple(skipped), tuple(merges), stats)

    def _same_document(self, b: _Batch) -> dict[str, tuple[int, float]]:
        """Bare-surname mentions -> (group, score) of the one full name in their document
        that they match; absent when none or several groups match."""
        mentions, nodes, node_of, labels = b.mentions, b.nodes, b.node_of, b.labels
        by_doc: dict[str, list[Mention]] = defaultdict(list)
        for m in mentions:
            if m.doc is not None:
                by_doc[m.doc].append(m)
        asks: list[tuple[str, int, int]] = []
        for doc_mentions in by_doc.values():
            full = sorted({node_of[m.id] for m in doc_mentions
                           if nodes[node_of[m.id]].kind == "person"
                           and nodes[node_of[m.id]].parsed.given})
            for m in doc_mentions:
                node = nodes[node_of[m.id]]
                if node.kind == "person" and not node.parsed.given and not node.parsed.initial:
                    asks += [(m.id, node_of[m.id], f) for f in full]
        if not asks:
            return {}
        scores, _ = b.evaluate(np.array([x[1] for x in asks], dtype=np.int64),
                               np.array([x[2] for x in asks], dtype=np.int64))
        found: dict[str, dict[int, float]] = defaultdict(dict)
        for (mid, _, f), s in zip(asks, scores.tolist(), strict=True):
            if s >= self.threshold:
                lab = labels[f]
                found[mid][lab] = max(s, found[mid].get(lab, 0.0))
        return {mid: next(iter(g.items())) for mid, g in found.items() if len(g) == 1}

    def _confidences(self, b: _Batch, doc_choice: dict[str, tuple[int, float]]
                     ) -> dict[str, float]:
        """Membership confidence: the mean score of a name to the other names of its group
        (up to 50 of them); for a group of one name, 1 - its best score outside the group."""
        mentions, nodes, node_of, labels = b.mentions, b.nodes, b.node_of, b.labels
        groups: dict[int, list[int]] = defaultdict(list)
        for i, lab in enumerate(labels):
            groups[lab].append(i)
        ia, ib, s, _ = b.edges
        best_out = np.zeros(len(nodes))
        if len(ia):
            label_of = np.asarray(labels)
            outside = label_of[ia] != label_of[ib]
            np.maximum.at(best_out, ia[outside], s[outside])
            np.maximum.at(best_out, ib[outside], s[outside])
        wanted = sorted({node_of[m.id] for m in mentions})
        pa: list[int] = []
        pb: list[int] = []
        for v in wanted:
            others = [u for u in groups[labels[v]] if u != v][:50]
            pa += [v] * len(others)
            pb += others
        mean: dict[int, float] = {}
        if pa:
            sc, _ = b.evaluate(np.array(pa, dtype=np.int64), np.array(pb, dtype=np.int64))
            sums: dict[int, list[float]] = defaultdict(list)
            for v, x in zip(pa, sc.tolist(), strict=True):
                sums[v].append(x)
            mean = {v: float(np.mean(x)) for v, x in sums.items()}
        out = {}
        for m in mentions:
            v = node_of[m.id]
            if m.id in doc_choice:
                out[m.id] = round(doc_choice[m.id][1], 6)
            else:
                out[m.id] = round(mean.get(v, 1.0 - float(best_out[v])), 6)
        return out

    def _canonical(self, entities: Sequence[str]) -> dict[str, tuple[str, str, float]]:
        """entity -> (kind, canonical name, confidence) from its mentions in the store view
        (this transaction's inserts included)."""
        q = ("SELECT m.entity, n.kind, n.name, COUNT(*), AVG(m.confidence)"
             " FROM mentions m JOIN names n ON n.nid = m.nid"
             " WHERE m.entity IN ({marks}) GROUP BY m.entity, n.nid")
        rows: dict[str, list[tuple[str, str, int, float]]] = defaultdict(list)
        for e, kind, name, count, conf in _select_in(self.conn, q, entities):
            rows[e].append((kind, name, count, conf))
        out: dict[str, tuple[str, str, float]] = {}
        for e, variants in rows.items():
            kind = variants[0][0]
            best = min(variants, key=lambda v: canonical_key(prepared(v[1], v[0])[0], v[2]))
            total = sum(v[2] for v in variants)
            conf = sum(v[2] * v[3] for v in variants) / total
            out[e] = (kind, display(prepared(best[1], best[0])[0]), round(conf, 6))
        return out


def _entity(head: list[Any], members: list[Member]) -> Entity:
    counts = Counter(m.name for m in members)
    variants = tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return Entity(head[0], head[1], head[2], head[3], variants, tuple(members))


@attrs.frozen
class Resolution:
    """The result of :func:`resolve`: entities, one assignment per resolved mention, and
    the rows that were skipped (with reasons)."""

    entities: tuple[Entity, ...]
    assignments: tuple[Assignment, ...]
    skipped: tuple[Skipped, ...]
    blocking: BlockStats


def resolve(
    mentions: object,
    *,
    must_link: Iterable[tuple[str, str]] = (),
    cannot_link: Iterable[tuple[str, str]] = (),
    **options: Any,
) -> Resolution:
    """Resolve mentions in one go (an in-memory store); see :class:`Resolver`."""
    with Resolver.open(":memory:", **options) as r:
        result = r.add(mentions, must_link=must_link, cannot_link=cannot_link)
        return Resolution(tuple(r.entities()), result.assignments, result.skipped,
                          result.blocking)
