"""Resolve: mentions in, canonical people and places out, kept in a store across batches.

A :class:`Resolver` holds its entities in an embedded SQLite file (``Resolver.open(path)``;
``":memory:"`` for a one-off run, which is what :func:`resolve` does).  Each call to
:meth:`Resolver.add` is one batch and one transaction: a process killed mid-batch leaves the
store as it was after the last committed batch.

One batch:

1. read and validate mentions (bad rows become :class:`~namematch.mentions.Skipped`);
2. parse each distinct (kind, name) once (a big batch: in forked workers while reading
   goes on); names already in the store keep their node;
3. block the new names against each other and against the store's key index;
4. score candidate pairs in bulk (:class:`~namematch.scorer.Scorer`);
5. cluster (namematch.cluster): stored entities enter as fixed groups, new names as
   singletons; a new name may join an entity, found a new one, or bridge two entities,
   which then merge (the older id survives; the merge is recorded);
6. same-document evidence: in one document a bare surname goes to the one full name there
   that it matches, unless several entities match (then the global clustering stands);
7. confidences and canonical names of the touched entities; write everything, commit.

Rooms beside this one: a batch's arrays (namematch.batch), the store's schema,
recognition and checks (namematch.store), same-document evidence (namematch.documents),
membership confidence (namematch.confidence), the rule that names an entity
(namematch.naming).

Entity ids are ``E`` + a sequence number; new entities of a batch are numbered in order of
their smallest mention id, so replaying the same batches into a fresh store gives the same
ids whatever the row order inside each batch.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import json
import os
import sqlite3
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import attrs
import numpy as np

from namematch.arrays import pair_codes
from namematch.batch import Batch, Edges, Input, Node, PairEval, PairScores, Redo
from namematch.block import (
    MARKS,
    MAX_BLOCK,
    BlockStats,
    base_key,
    candidate_pairs,
    cap,
    ranks,
)
from namematch.cluster import attach_short, cluster
from namematch.compare import prepared
from namematch.confidence import membership_confidences
from namematch.documents import by_document, same_document
from namematch.errors import ROW_ERRORS, ConstraintError, InputError, StoreError
from namematch.features import FIELD_NAMES, WORDS
from namematch.keys import name_keys
from namematch.link import (
    NEAREST,
    TOP,
    Candidate,
    Link,
    best_first,
    check_top,
    nearest_in_letters,
)
from namematch.mentions import Format, Skipped, read_plain
from namematch.model import (
    DEFAULT_THRESHOLD,
    ModelChoice,
    check_threshold,
    entity_confidence,
    model_of,
)
from namematch.naming import name_rank
from namematch.parse import KINDS, Kind, Name
from namematch.results import (
    Assignment,
    Assignments,
    BatchResult,
    Entity,
    Member,
    Merge,
    Resolution,
    entities_to_pandas,
)
from namematch.scorer import Scorer
from namematch.store import (
    ALREADY_STORED,
    APPLICATION_ID,
    LOCK_TIMEOUT,
    NAME_FIELDS,
    SCHEMA,
    SCHEMA_VERSION,
    TABLES,
    check_meta,
    check_store,
    recognise,
    select_in,
    stored_options,
    verify_pages,
)
from namematch.tables import tables_digest
from namematch.translit import given_key
from namematch.workers import NameParser

SEARCH_LIMIT = 5_000
"""Stored names :meth:`Resolver.search` scores at most (the nearest in letters)."""


Progress = Callable[[str, int], None]
"""progress(phase, count): called as a batch advances (the CLI draws it on stderr)."""


EVALUATE_CHUNK = 2_000_000
"""Candidate pairs a batch scores per call to its name tables: each call makes index and
score temporaries as long as its pairs (a million mentions have 34M pairs)."""


OPTIONS: dict[str, Any] = {"threshold": DEFAULT_THRESHOLD, "max_block": MAX_BLOCK,
                           "max_entity_names": 1_000, "workers": -1,
                           "calibrated_confidence": True, "model": None}
"""The resolver's options and their defaults."""


def _check_options(threshold: object, max_block: object, max_entity_names: object,
                   workers: object, calibrated_confidence: object = True,
                   model: object = None) -> None:
    """InputError for an option a resolver cannot run with (NaN or 2.0 as a threshold was
    accepted; "x" failed after all the parsing); ModelError for a model file that cannot
    be used."""
    check_threshold(threshold)
    model_of(model)  # type: ignore[arg-type]
    for name, value, low in (("max_block", max_block, 2),
                             ("max_entity_names", max_entity_names, 1)):
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise InputError(f"{name} must be a whole number of at least {low}, not {value!r}")
    if isinstance(workers, bool) or not isinstance(workers, int):
        raise InputError(f"workers must be a whole number (-1 for all cores), not {workers!r}")


def _id_pairs(pairs: object, what: str) -> list[tuple[str, str]]:
    """Constraint pairs as (id, id) text; ConstraintError naming the first bad one."""
    if pairs is None or isinstance(pairs, str | bytes) or not isinstance(pairs, Iterable):
        raise ConstraintError(f"{what} must be pairs of mention ids, not {type(pairs).__name__}")
    out = []
    for pair in pairs:
        if (isinstance(pair, str | bytes) or not isinstance(pair, Sequence) or len(pair) != 2
                or not all(isinstance(x, str | int) and not isinstance(x, bool) for x in pair)):
            raise ConstraintError(f"{what}: {pair!r:.60} is not a pair of mention ids")
        out.append((str(pair[0]), str(pair[1])))
    return out


class Resolver:
    """Incremental entity resolution kept in an SQLite store (see the module docstring).

    Options: ``threshold`` (merge when the mean score reaches it), ``max_block`` (see
    namematch.block), ``max_entity_names`` (the giant-group guard), ``workers`` (cores a
    big batch may use: scoring threads and parsing processes; -1 = all, 1 = serial),
    ``calibrated_confidence`` (membership confidence through the calibration map of
    data/model.json, the default, or the raw mean score), ``model`` (the scoring model: None
    for the bundled one, or your own, see namematch.model.ModelChoice; a store does not
    keep it).  One batch writes a store at a time (see :meth:`open`'s ``lock_timeout``).
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        max_block: int = MAX_BLOCK,
        max_entity_names: int = 1_000,
        workers: int = -1,
        calibrated_confidence: bool = True,
        model: ModelChoice = None,
        path: str = ":memory:",
    ) -> None:
        _check_options(threshold, max_block, max_entity_names, workers, model=model)
        self.calibrated_confidence = bool(calibrated_confidence)
        self._conn: sqlite3.Connection | None = conn
        cores = os.cpu_count() or 1
        self.processes = cores if workers < 0 else max(workers, 1)
        self.threshold = threshold
        self.max_block = max_block
        self.max_entity_names = max_entity_names
        self.scorer = Scorer(workers=workers, on_error="nan", model=model)
        self.path = path
        # resolve() makes a store no later batch will see: the key index (tens of rows a
        # name, a fifth of a big batch's writing) would be written for nothing
        self._index_keys = True
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        (app,) = conn.execute("PRAGMA application_id").fetchone()
        # a store made since name_fields keeps each name's parsed fields, so that a batch
        # touching an entity of hundreds of names does not parse them again (an older
        # store, without the table, parses them as before)
        self._keeps_fields = "name_fields" in tables or not tables >= TABLES
        self._reparsed: list[Node] = []  # stored names a batch parsed for want of fields
        if tables >= TABLES and app == APPLICATION_ID:  # a store of ours: read, never write
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            check_meta(meta, path)
            self._fields_current = meta.get("fields") == fields_version()
            self._keys_current = meta.get("keys") == keys_version()
            return
        self._fields_current = False  # set on the first batch's write
        # created (or an older store adopted) in one transaction: another process opening
        # the file meanwhile sees all of it or none of it
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    conn.execute(statement)
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            if not meta:
                conn.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
                conn.execute("INSERT INTO meta VALUES ('next_entity', '1')")
                # the store keeps the threshold it was made with (open() reads it back)
                conn.execute("INSERT INTO meta VALUES ('threshold', ?)", (repr(threshold),))
                conn.execute("INSERT INTO meta VALUES ('keys', ?)", (keys_version(),))
            else:
                check_meta(meta, path)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.commit()
            self._keys_current = self._stored_keys_current()
        except BaseException:
            conn.rollback()
            raise

    @classmethod
    def open(cls, path: str | Path = ":memory:", *, lock_timeout: float = LOCK_TIMEOUT,
             verify: bool = True, **options: Any) -> Resolver:
        """Open (or create) a store.  ``options`` go to the constructor (checked before
        the store is touched: InputError for an unknown or bad one).  A file that is not
        a namematch store (another program's database, a damaged file) is refused with
        StoreError and left unchanged.  ``lock_timeout``: seconds a batch waits while
        another process writes a batch (then StoreError).  ``verify``: run SQLite's
        quick_check over an existing store first, so that a damaged page is found before
        a batch is added beside it (about a second per GB; :meth:`check` checks more)."""
        unknown = sorted(set(options) - set(OPTIONS))
        if unknown:
            raise InputError(f"unknown options {unknown}; the options are {list(OPTIONS)}")
        _check_options(**{**OPTIONS, **options})
        if (isinstance(lock_timeout, bool) or not isinstance(lock_timeout, int | float)
                or not 0 <= lock_timeout < float("inf")):
            raise InputError(f"lock_timeout must be a number of seconds, 0 or more, not "
                             f"{lock_timeout!r}")
        name = str(path)
        folder = Path(name).resolve().parent
        if name != ":memory:" and not folder.is_dir():
            raise StoreError(f"{name}: cannot create the store: the directory {folder}"
                             " does not exist")
        deadline = time.monotonic() + lock_timeout
        while True:
            conn = None
            try:
                # SQLite reads a name starting "file:" as a URI ("file:x.db?mode=ro" opens
                # x.db); a store path is a path, so such a name goes in as ./file:...
                conn = sqlite3.connect("./" + name if name.startswith("file:") else name,
                                       isolation_level="DEFERRED", timeout=lock_timeout)
                if name != ":memory:":
                    recognise(conn, name)
                    if verify:
                        verify_pages(conn, name)
                    if "threshold" not in options:  # the one the store was made with
                        options = {**options, **stored_options(conn)}
                    conn.execute("PRAGMA journal_mode=WAL")  # readers never block the writer
                    conn.execute("PRAGMA synchronous=NORMAL")  # WAL: durable at checkpoint
                conn.execute("PRAGMA cache_size=-262144")  # 256 MB: a big batch's index pages
                return cls(conn, path=name, **options)
            except sqlite3.DatabaseError as exc:
                if conn is not None:
                    conn.close()
                if "locked" not in str(exc):
                    raise StoreError(f"{name}: not a namematch store, or a damaged one: "
                                     f"{exc}") from exc
                # SQLite answers "locked" at once, without waiting, when two processes
                # create or convert one file together: try again until the deadline
                if time.monotonic() >= deadline:
                    raise StoreError(f"{name}: locked: another process is writing a batch "
                                     f"(waited {lock_timeout:g} s)") from exc
                time.sleep(0.05)
            except StoreError:
                if conn is not None:
                    conn.close()
                raise

    def check(self) -> list[str]:
        """What is wrong with the store (empty: nothing): see namematch.store.check_store."""
        return check_store(self.conn)

    @property
    def conn(self) -> sqlite3.Connection:
        """The store's connection; StoreError once the resolver is closed."""
        if self._conn is None:
            raise StoreError(f"{self.path}: the store is closed (Resolver.open it again)")
        return self._conn

    def close(self) -> None:
        """Close the store (a second close does nothing)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Resolver:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading -------------------------------------------------------------------------

    def entity_of(self, mention_id: str) -> str | None:
        row = self.conn.execute("SELECT entity FROM mentions WHERE id = ?", (mention_id,))
        found = row.fetchone()
        return None if found is None else str(found[0])

    def search(self, name: str, *, kind: Kind | None = None, top: int = TOP,
               threshold: float | None = None) -> Link:
        """The ``top`` stored entities ``name`` may be, best first, each with its stored
        spelling that scored best and its canonical name; ``matched`` when the best
        reaches ``threshold`` (default: the store's).  Nothing is written.  The stored
        names it scores are those a batch holding ``name`` would pair it with (the same
        blocking keys and roles), the SEARCH_LIMIT nearest in letters when more."""
        check_top(top)
        cut = self.threshold if threshold is None else check_threshold(threshold)
        if kind is not None and kind not in KINDS:
            raise InputError(f"kind must be one of {list(KINDS)} or None, not {kind!r}")
        best: dict[str, Candidate] = {}
        for k in (kind,) if kind is not None else KINDS:  # untyped: people and places
            try:
                parsed, _ = prepared(name, k)
            except ROW_ERRORS:
                if kind is not None or k == KINDS[-1]:
                    raise
                continue
            for c in self._search(name, parsed):
                if c.id not in best or c.score > best[c.id].score:
                    best[c.id] = c
        chosen = best_first(best.values(), top)
        canonical = dict(select_in(self.conn, "SELECT id, canonical FROM entities WHERE id"
                                    " IN ({marks})", [c.id for c in chosen]))
        return Link(name, name, tuple(attrs.evolve(c, canonical=canonical.get(c.id, ""))
                                      for c in chosen), cut, self.scorer.models)

    def _search(self, name: str, parsed: Name) -> list[Candidate]:
        """Per stored entity of the name's kind that blocking would meet: its best score."""
        k = parsed.kind
        # a key the name is a member of meets the stored probes only, as in a batch
        wanted = sorted({base_key(key) + mark for key in name_keys(parsed).blocking
                         for mark in (("", "~", "=") if key.endswith("*") else ("", *MARKS))})
        q = ("SELECT n.nid, n.kind, n.name, n.entity FROM name_keys x JOIN names n"
             " ON n.nid = x.nid WHERE x.key IN ({marks})")
        found = {nid: (stored, entity) for nid, kind_of, stored, entity
                 in select_in(self.conn, q, wanted) if kind_of == k}
        exact = self.conn.execute("SELECT nid, name, entity FROM names WHERE kind = ? AND"
                                  " name = ?", (k, name)).fetchone()
        if exact is not None:
            found[exact[0]] = (exact[1], exact[2])
        rows = sorted(found.values())
        if not rows:  # no key meets it: the stored names nearest in letters, for the
            # best score below the threshold (reads every stored name of the kind)
            every = self.conn.execute("SELECT name, entity FROM names WHERE kind = ?",
                                      (k,)).fetchall()
            rows = sorted(every[i] for i in nearest_in_letters([name], [n for n, _ in every],
                                                               NEAREST)[0])
        if len(rows) > SEARCH_LIMIT:  # the nearest in letters (rapidfuzz, in bulk)
            rows = sorted(rows[i] for i in nearest_in_letters([name], [r[0] for r in rows],
                                                              SEARCH_LIMIT)[0])
        scores = self.scorer.score_pairs([name] * len(rows), [r[0] for r in rows], kind=k)
        best: dict[str, Candidate] = {}
        for (stored, entity), score in zip(rows, scores.tolist(), strict=True):
            if score == score and (entity not in best or score > best[entity].score):
                best[entity] = Candidate(entity, stored, round(score, 6), kind=k)
        return list(best.values())

    def merges(self) -> list[Merge]:
        rows = self.conn.execute("SELECT batch, from_id, into_id, at FROM merges ORDER BY rowid")
        return [Merge(*r) for r in rows]

    def assignments_of(self, ids: Sequence[str]) -> dict[str, Assignment]:
        """Where stored mentions went (by mention id; ids not stored are left out): what a
        retried file's rows were assigned when first added, as they stand now."""
        q = ("SELECT m.id, m.entity, e.canonical, m.confidence, n.name, n.kind, m.doc"
             " FROM mentions m JOIN entities e ON e.id = m.entity JOIN names n"
             " ON n.nid = m.nid WHERE m.id IN ({marks})")
        return {r[0]: Assignment(*r) for r in select_in(self.conn, q, list(ids))}

    def entities_to_pandas(self) -> Any:
        """The store's entities as a pandas DataFrame (results.ENTITY_COLUMNS), most
        mentioned first, as ``namematch entities STORE`` writes them."""
        return entities_to_pandas(list(self.entities()))

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
        format: Format | None = None,
        must_link: Iterable[tuple[str, str]] = (),
        cannot_link: Iterable[tuple[str, str]] = (),
        progress: Progress | None = None,
        columns: Mapping[str, str] | None = None,
    ) -> BatchResult:
        """Resolve one batch of mentions (anything :func:`read_mentions` reads; ``format``
        and ``columns`` as there) and commit."""
        must, cannot = _id_pairs(must_link, "must_link"), _id_pairs(cannot_link, "cannot_link")
        conn = self.conn
        # one writer at a time, from the first read of the store to the commit: another
        # process's batch waits (lock_timeout), and no batch decides on a state that
        # another batch changes before it commits
        try:
            if not conn.in_transaction:
                conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(f"{self.path}: cannot write ({exc}): another process may be "
                             "writing a batch, or the store is read-only") from exc
        try:
            with _without_cycle_collection():
                result = self._add(source, format, must, cannot, progress, columns)
            if conn.in_transaction:
                conn.commit()
            return result
        except sqlite3.Error as exc:
            conn.rollback()
            self._keys_current = self._stored_keys_current()
            raise StoreError(f"{self.path}: the batch was not written: {exc}") from exc
        except BaseException:
            conn.rollback()
            self._keys_current = self._stored_keys_current()
            raise

    def _add(
        self, source: object, format: Format | None, must_link: list[tuple[str, str]],
        cannot_link: list[tuple[str, str]], progress: Progress | None,
        columns: Mapping[str, str] | None = None,
    ) -> BatchResult:
        note = progress or (lambda phase, n: None)
        self._reparsed = []
        with NameParser(self.processes) as parser:
            data, skipped = self._read(source, format, note, parser, columns)
            nodes, node, skipped = self._prepare(data, skipped, parser.results())
        note("names", len(nodes))
        n_new = sum(1 for n in nodes if n.nid is None)
        short = _short(nodes)
        evaluate = self._evaluator(nodes)
        edges, refined, stats = self._edges(nodes, evaluate, short, note)
        wanted = {mid for pair in (*must_link, *cannot_link) for mid in pair}
        index_of = ({mid: int(node[i]) for i, mid in enumerate(data.ids) if mid in wanted}
                    if wanted else {})
        stored = self._stored_nodes(sorted(wanted - set(index_of)))
        must = self._constraint_nodes(must_link, index_of, stored, nodes)
        cannot = self._constraint_nodes(cannot_link, index_of, stored, nodes)
        for (x, y), (i, j) in zip(must_link, must, strict=True):
            if nodes[i].kind != nodes[j].kind:  # a person never joins a place
                raise ConstraintError(f"must-link ({x!r}, {y!r}) joins a {nodes[i].kind}"
                                      f" and a {nodes[j].kind}")
        earlier = self._decisions(nodes)  # earlier batches' decisions bind this one
        _check_decisions(must_link, cannot_link, must, cannot, earlier)
        must += earlier["must"]
        cannot += earlier["cannot"]
        spelling = (_codes(nodes, _SURNAME, given_key), _codes(nodes, _LEAD),
                    _codes(nodes, _LEAD2))
        labels = cluster(
            len(nodes), edges, initial=self._initial(nodes, short),
            threshold=self.threshold, max_size=self.max_entity_names, must_link=must,
            cannot_link=cannot, refined=refined,
            leave_out=short,  # short forms are decided afterwards
            score=evaluate, fill_single=np.array([n.kind == "place" for n in nodes]),
        )
        labels, ambiguous = attach_short(labels, edges, short,
                                         threshold=self.threshold,
                                         max_size=self.max_entity_names,
                                         must_link=must, cannot_link=cannot,
                                         spelling=spelling)
        note("clustered", n_new)
        group = np.asarray(labels, dtype=np.int64)
        best_out = _best_outside(group, edges)
        known = PairScores(len(nodes), edges, evaluate)
        del edges  # the pair codes in ``known`` serve from here on
        decided_nodes = np.zeros(len(nodes), dtype=bool)
        decided_nodes[[x for pair in (*must, *cannot) for x in pair]] = True
        redo = self._redo(nodes, short)
        arrived = len(data.ids)
        if redo.ids:  # earlier mentions decided again go through the mention steps too
            data.ids += redo.ids
            data.docs += redo.docs
            node = np.concatenate([node, redo.node])
        batch = Batch(data.ids, data.docs, node, nodes, group, best_out, known, ambiguous,
                       short, spelling, decided_nodes)
        decided = [(rule, min(x, y), max(x, y)) for rule, pairs in
                   (("must", must_link), ("cannot", cannot_link)) for x, y in pairs]
        return self._commit(batch, skipped, stats, note, decided, arrived, redo)

    def _read(
        self, source: object, fmt: Format | None, note: Progress, parser: NameParser,
        columns: Mapping[str, str] | None = None,
    ) -> tuple[Input, list[Skipped]]:
        data = Input()
        skipped: list[Skipped] = []
        for count, (row, item) in enumerate(read_plain(source, format=fmt, columns=columns),
                                            start=1):
            if count % 10_000 == 0:
                note("read", count)
            if isinstance(item, Skipped):
                skipped.append(item)
                continue
            mid, name, kind, doc = item
            data.ids.append(mid)
            data.rows.append(row)
            data.docs.append(doc)
            fresh = len(data.distinct)
            code = data.distinct.setdefault((kind, name), fresh)
            data.names.append(code)
            if code == fresh:  # parsed while reading goes on (see NameParser)
                parser.add((kind, name))
        held = self.conn.execute("SELECT 1 FROM mentions LIMIT 1").fetchone() is not None
        known = {r[0] for r in select_in(self.conn, "SELECT id FROM mentions WHERE id IN"
                                          " ({marks})", data.ids)} if held else set()
        if known:
            skipped += [Skipped(row, mid, f"id {mid!r} {ALREADY_STORED}")
                        for mid, row in zip(data.ids, data.rows, strict=True) if mid in known]
            data.keep([mid not in known for mid in data.ids])
        return data, skipped

    def _prepare(
        self, data: Input, skipped: list[Skipped], results: list[Node | str]
    ) -> tuple[list[Node], np.ndarray, list[Skipped]]:
        """The parsed distinct names (``results``, one per code) of the batch's mentions (a
        name that cannot be parsed skips its mentions): the nodes, and each mention's."""
        parsed: dict[tuple[Kind, str], Node] = {}
        key_of: list[tuple[Kind, str] | None] = []
        reason: dict[int, str] = {}
        used = set(data.names)  # a name seen only on a row skipped later makes no node
        for code, got in enumerate(results):
            if code not in used:
                key_of.append(None)
            elif isinstance(got, str):
                key_of.append(None)
                reason[code] = got
            else:
                parsed.setdefault((got.kind, got.name), got)
                key_of.append((got.kind, got.name))
        if reason:
            skipped += [Skipped(row, mid, reason[c]) for mid, row, c
                        in zip(data.ids, data.rows, data.names, strict=True) if c in reason]
            data.keep([c not in reason for c in data.names])
        skipped.sort(key=lambda s: s.row)
        nodes = self._nodes(parsed)
        position = {(n.kind, n.name): i for i, n in enumerate(nodes)}
        node_of_code = np.array([-1 if k is None else position[k] for k in key_of],
                                dtype=np.int64)
        node = node_of_code[np.asarray(data.names, dtype=np.int64)]
        data.names, data.rows = [], []  # the nodes and ``node`` hold it all from here on
        data.distinct.clear()
        return nodes, node, skipped

    def _nodes(self, parsed: dict[tuple[Kind, str], Node]) -> list[Node]:
        """Distinct names: stored entities' names first (by row id), then new names sorted."""
        if not self._holds_names():  # a first batch: nothing stored to look up
            return [parsed[k] for k in sorted(parsed)]
        self._rekey()
        stored = self._lookup_names(list(parsed))
        new_nodes = [parsed[k] for k in sorted(k for k in parsed if k not in stored)]
        # stored names that a new name would pair with in a block (see namematch.block:
        # a member pairs with probes only; a block too big is not loaded), and all names
        # of the entities they and the batch's known names belong to
        keyed: dict[str, list[int]] = defaultdict(list)
        probing = {base_key(k) for n in new_nodes for k in n.keys if not k.endswith("*")}
        wanted = sorted({base_key(k) + mark for n in new_nodes for k in n.keys
                         for mark in ("", *MARKS)})
        q = "SELECT key, nid FROM name_keys WHERE key IN ({marks})"
        for key, nid in select_in(self.conn, q, wanted):
            keyed[key].append(nid)
        near = {nid for key, nids in keyed.items()
                if len(nids) <= cap(base_key(key), self.max_block)
                and (not key.endswith("*") or base_key(key) in probing)
                for nid in nids}
        entities = {e for (_, e) in stored.values()}
        entities |= self._entities_of(sorted(near))
        old_nodes = self._load_entities(sorted(entities))
        keys_of: dict[int, list[str]] = defaultdict(list)
        for key, nids in keyed.items():
            for nid in nids:
                keys_of[nid].append(key)
        for node in old_nodes:
            node.keys = tuple(keys_of.get(node.nid or 0, ()))
        return old_nodes + new_nodes

    def _lookup_names(
        self, keys: list[tuple[Kind, str]]
    ) -> dict[tuple[Kind, str], tuple[int, str]]:
        if not self._holds_names():
            return {}
        out: dict[tuple[Kind, str], tuple[int, str]] = {}
        for kind in KINDS:  # kind first: the (kind, name) index answers
            q = f"SELECT nid, name, entity FROM names WHERE kind = '{kind}' AND name IN ({{marks}})"
            names = sorted(s for k, s in keys if k == kind)
            out.update({(kind, s): (nid, e) for nid, s, e in select_in(self.conn, q, names)})
        return out

    def _rekey(self) -> None:
        """The stored names' blocking keys made again, in one transaction, when the code
        or rule tables that make them changed since they were written (an upgrade): a
        batch would else miss the stored names its new keys meet (a Western Armenian
        Hagopian and a stored Hakobyan).  One pass over the store's names."""
        if self._keys_current or not self._index_keys:
            return
        conn = self.conn
        keyed: list[tuple[str, int]] = []
        for nid, kind, name in conn.execute("SELECT nid, kind, name FROM names"):
            try:
                keyed += ((k, nid) for k in name_keys(prepared(name, kind)[0]).blocking)
            except ROW_ERRORS as exc:  # a stored name always parsed once
                raise StoreError(f"stored name {nid} no longer parses: {exc}") from exc
        # inside the batch's transaction (add() holds the write lock to its commit); a
        # batch rolled back takes the new keys with it, and the next one makes them again
        conn.execute("DELETE FROM name_keys")
        conn.executemany("INSERT INTO name_keys VALUES (?, ?)", keyed)
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('keys', ?)", (keys_version(),))
        self._keys_current = True

    def _stored_keys_current(self) -> bool:
        """Whether the store's keys were made under this code's keys_version()."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'keys'").fetchone()
        return row is not None and row[0] == keys_version()

    def _holds_names(self) -> bool:
        return self.conn.execute("SELECT 1 FROM names LIMIT 1").fetchone() is not None

    def _entities_of(self, nids: Sequence[int]) -> set[str]:
        q = "SELECT DISTINCT entity FROM names WHERE nid IN ({marks})"
        return {r[0] for r in select_in(self.conn, q, nids)}

    def _load_entities(self, entities: Sequence[str]) -> list[Node]:
        if self._keeps_fields and self._fields_current:
            q = ("SELECT n.nid, n.kind, n.name, n.entity, f.fields, f.rank FROM names n"
                 " LEFT JOIN name_fields f ON f.nid = n.nid WHERE n.entity IN ({marks})")
        else:
            q = ("SELECT nid, kind, name, entity, NULL, NULL FROM names"
                 " WHERE entity IN ({marks})")
        nodes = []
        for nid, kind, name, entity, kept, rank in sorted(select_in(self.conn, q, entities)):
            # keys: only those shared with the batch's new names, set by the caller
            if kept is not None:
                nodes.append(Node(kind, name, tuple(json.loads(kept)), (),
                                  tuple(json.loads(rank)), nid, entity))
                continue
            try:
                parsed, fields = prepared(name, kind)
            except ROW_ERRORS as exc:  # a stored name always parsed once
                raise StoreError(f"stored name {nid} no longer parses: {exc}") from exc
            nodes.append(Node(kind, name, fields, (), name_rank(parsed), nid, entity))
            self._reparsed.append(nodes[-1])  # kept by this batch's commit
        return nodes

    def _edges(self, nodes: Sequence[Node], evaluate: PairEval, short: np.ndarray,
               note: Progress) -> tuple[Edges, np.ndarray, BlockStats]:
        """Scored candidate pairs that involve a new name, each name's refined block
        family (Blocking.refined) and blocking's statistics."""
        words = [n.fields[WORDS] for n in nodes]
        found = candidate_pairs([n.keys for n in nodes], max_block=self.max_block,
                                rank=ranks(words), sampled=short,
                                kinds=[n.kind for n in nodes], texts=words)
        ia, ib, stats, refined = found.a, found.b, found.stats, found.refined
        del found  # the pair arrays are a batch's biggest: no second copy lives on
        if not self._index_keys:  # no store keeps them: a million names' keys are a GB
            for n in nodes:
                n.keys = ()
        # pairs of two stored full names were scored in their own batch and their groups
        # are fixed; a stored short form is decided again (Resolver._initial), so it needs
        # its pairs with stored names too: without them "I. A. Dziuba" (stored with Iryna)
        # sees only a new "Arsen Dziuba" and drags Iryna's entity into his
        again = np.array([n.nid is None for n in nodes], dtype=bool) | short
        keep = again[ia] | again[ib] if len(nodes) else np.empty(0, dtype=bool)
        if not keep.all():
            ia, ib = ia[keep], ib[keep]
        ia, ib = _with_own_entity(nodes, short, ia, ib)
        note("pairs", len(ia))
        scores = np.empty(len(ia))
        conflicts = np.empty(len(ia), dtype=bool)
        for lo in range(0, len(ia), EVALUATE_CHUNK):  # in parts: progress can be told
            part = slice(lo, lo + EVALUATE_CHUNK)
            scores[part], conflicts[part] = evaluate(ia[part], ib[part])
            note("scored", min(lo + EVALUATE_CHUNK, len(ia)))
        stats = attrs.evolve(stats, pairs=len(ia))
        return (ia, ib, scores, conflicts), refined, stats

    def _evaluator(self, nodes: Sequence[Node]) -> PairEval:
        """Scores of node pairs: each kind's names prepared once (a NameTable); pairs of a
        person and a place score 0 and conflict."""
        is_person = np.array([n.kind == "person" for n in nodes], dtype=bool)
        row = np.zeros(len(nodes), dtype=np.int64)
        tables = []
        kinds: tuple[tuple[Kind, bool], ...] = (("person", True), ("place", False))
        for kind, flag in kinds:
            members = np.flatnonzero(is_person == flag)
            row[members] = np.arange(len(members))
            rows = [nodes[i].fields for i in members.tolist()]
            tables.append((flag, self.scorer.table_of_fields(rows, kind)))

        def evaluate(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            scores = np.zeros(len(a))
            conflicts = np.ones(len(a), dtype=bool)  # people never pair with places
            for lo in range(0, len(a), EVALUATE_CHUNK):  # bounds the temporaries
                part = slice(lo, lo + EVALUATE_CHUNK)
                pa, pb, out_s, out_c = a[part], b[part], scores[part], conflicts[part]
                for flag, table in tables:
                    sel = np.flatnonzero((is_person[pa] == flag) & (is_person[pb] == flag))
                    if len(sel):
                        s, c = table.score(row[pa[sel]], row[pb[sel]])
                        out_s[sel] = np.nan_to_num(s, copy=False)
                        out_c[sel] = c
            return scores, conflicts

        return evaluate

    @staticmethod
    def _initial(nodes: Sequence[Node], short: np.ndarray) -> list[int]:
        """Stored names start in their entity's group; short forms start alone (each
        batch decides them again: a new full name may make them ambiguous)."""
        first: dict[str, int] = {}
        labels = []
        for i, n in enumerate(nodes):
            stored = n.entity is not None and not short[i]
            labels.append(first.setdefault(n.entity, i) if stored else i)  # type: ignore[arg-type]
        return labels

    def _redo(self, nodes: Sequence[Node], short: np.ndarray) -> Redo:
        """Stored mentions this batch decides again: those of the stored short forms it
        loaded (decided again by attach_short: a new full name may make "Rahmon" fit two
        people, and then its earlier mentions may no longer stay with one of them), with
        the stored mentions of the loaded names in their documents (the evidence
        same_document reads).  A stored mention placed by its document apart from its
        name's entity stays where it is (that evidence is not loaded again)."""
        at = {n.nid: i for i, n in enumerate(nodes) if n.nid is not None}
        redo = Redo()
        if not any(short[i] for i in at.values()):
            return redo
        entities = sorted({n.entity for n in nodes if n.entity is not None})
        q = ("SELECT m.id, m.nid, m.doc, m.entity, m.confidence FROM mentions m"
             " JOIN names n ON n.nid = m.nid"
             " WHERE m.entity IN ({marks}) AND m.entity = n.entity")
        rows = [r for r in select_in(self.conn, q, entities) if r[1] in at]
        docs = {r[2] for r in rows if short[at[r[1]]] and r[2] is not None}
        chosen = sorted(r for r in rows if short[at[r[1]]] or r[2] in docs)
        for mid, _, doc, entity, confidence in chosen:
            redo.ids.append(mid)
            redo.docs.append(doc)
            redo.entities.append(entity)
            redo.confidences.append(confidence)
        redo.node = np.array([at[r[1]] for r in chosen], dtype=np.int64)
        return redo

    def _stored_nodes(self, ids: Sequence[str]) -> dict[str, tuple[str, str]]:
        """Mention id -> (kind, name) for constrained mentions already in the store."""
        q = ("SELECT m.id, n.kind, n.name FROM mentions m JOIN names n ON n.nid = m.nid"
             " WHERE m.id IN ({marks})")
        return {mid: (k, s) for mid, k, s in select_in(self.conn, q, ids)}

    @staticmethod
    def _constraint_nodes(
        pairs: Iterable[tuple[str, str]],
        index_of: dict[str, int],
        stored: dict[str, tuple[str, str]],
        nodes: Sequence[Node],
    ) -> list[tuple[int, int]]:
        pairs = list(pairs)
        position = {(n.kind, n.name): i for i, n in enumerate(nodes)} if pairs else {}
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

    def _decisions(self, nodes: Sequence[Node]) -> dict[str, list[tuple[int, int]]]:
        """Stored must- and cannot-links whose two mentions' names are both among
        ``nodes``, as node pairs (a decision between names this batch does not load
        cannot be broken by it)."""
        out: dict[str, list[tuple[int, int]]] = {"must": [], "cannot": []}
        if self.conn.execute("SELECT 1 FROM decisions LIMIT 1").fetchone() is None:
            return out
        at = {n.nid: i for i, n in enumerate(nodes) if n.nid is not None}
        q = ("SELECT d.rule, ma.nid, mb.nid FROM decisions d"
             " JOIN mentions ma ON ma.id = d.a JOIN mentions mb ON mb.id = d.b")
        for rule, na, nb in self.conn.execute(q):
            if na in at and nb in at:
                out[rule].append((at[na], at[nb]))
        return out

    def _commit(self, b: Batch, skipped: list[Skipped], stats: BlockStats,
                note: Progress, decided: list[tuple[str, str, str]], n_new: int,
                redo: Redo) -> BatchResult:
        """Write the batch: its ``n_new`` mentions (the first of ``b.ids``), and the
        stored mentions it decided again (``redo``, the rest) where they moved."""
        conn, nodes, labels = self.conn, b.nodes, b.labels
        batch = int(conn.execute("SELECT COALESCE(MAX(batch), 0) + 1 FROM batches").fetchone()[0])
        at = datetime.now(UTC).isoformat(timespec="seconds")
        # which entity each group is: the oldest stored entity in it survives a merge
        # a stored short form decided again into another group takes its entity along only
        # when that entity holds no full name (the group is then who it meant); else the
        # entity stays with its full names, and only this batch's mentions of it move
        anchored = {n.entity for i, n in enumerate(nodes)
                    if n.entity is not None and not b.short[i]}
        stored: dict[int, set[str]] = defaultdict(set)
        for i, n in enumerate(nodes):
            if n.entity is None or b.ambiguous[i] or (b.short[i] and n.entity in anchored):
                continue
            stored[int(labels[i])].add(n.entity)
        merges: list[Merge] = []
        group_entity: dict[int, str] = {}
        for lab, found in stored.items():
            oldest, *others = sorted(found)
            group_entity[lab] = oldest
            merges += [Merge(batch, e, oldest, at) for e in others]
        # per mention: its name's group, unless the document says otherwise
        mention_label = labels[b.node]
        chosen, chosen_label, chosen_score = same_document(b, self.threshold)
        mention_label[chosen] = chosen_label
        n_labels = by_document(b, mention_label, chosen)
        into = {mg.from_id: mg.into_id for mg in merges}
        was = [into.get(e, e) for e in redo.entities]  # redone mentions' stored entity
        _continue(group_entity, was, mention_label[n_new:])
        # new entities, numbered in order of their smallest mention id
        n_mentions = len(b.ids)
        by_id = sorted(range(n_mentions), key=b.ids.__getitem__)
        rank = np.empty(n_mentions, dtype=np.int64)
        rank[by_id] = np.arange(n_mentions)
        first = np.full(n_labels, n_mentions, dtype=np.int64)
        np.minimum.at(first, mention_label, rank)
        fresh = [lab for lab in np.flatnonzero(first < n_mentions).tolist()
                 if lab not in group_entity]
        (seq,) = conn.execute("SELECT value FROM meta WHERE key = 'next_entity'").fetchone()
        seq = int(seq)
        fresh_ids = []
        for lab in sorted(fresh, key=first.__getitem__):
            group_entity[lab] = f"E{seq:07d}"
            fresh_ids.append(group_entity[lab])
            seq += 1
        entity_of = np.full(n_labels, None, dtype=object)
        for lab, e in group_entity.items():
            entity_of[lab] = e
        mention_entity = entity_of[mention_label].tolist()
        confidence = membership_confidences(b, chosen, chosen_score,
                                            self.calibrated_confidence)
        # a new name's home: its group's entity, or where its mentions went; so is a
        # stored short form's whose mentions were decided again
        home = entity_of[labels].tolist()
        redone = set(redo.node.tolist())
        homeless = {i for i, e in enumerate(home) if e is None and nodes[i].nid is None}
        homeless |= {i for i in redone if b.short[i] and home[i] is None}
        went: dict[int, Counter[str]] = defaultdict(Counter)
        for e, v in zip(mention_entity, b.node.tolist() if homeless else (), strict=False):
            if v in homeless:
                went[v][e] += 1
        for i in homeless:
            home[i] = went[i].most_common(1)[0][0]
        rehomed = [(home[i], nodes[i].nid) for i in sorted(redone) if b.short[i]
                   and home[i] != into.get(nodes[i].entity or "", nodes[i].entity)]
        moved = [k for k in range(n_new, n_mentions)
                 if mention_entity[k] != was[k - n_new]
                 or confidence[k] != redo.confidences[k - n_new]]
        touched = (set(mention_entity) | {mg.into_id for mg in merges} | set(was)) \
            - set(fresh_ids)
        with conn:  # one transaction: all of this batch or none of it
            (nid,) = conn.execute("SELECT COALESCE(MAX(nid), 0) + 1 FROM names").fetchone()
            new = [i for i, n in enumerate(nodes) if n.nid is None]
            for offset, i in enumerate(new):
                nodes[i].nid = nid + offset
            conn.executemany("INSERT INTO names VALUES (?, ?, ?, ?)",
                             ((nodes[i].nid, nodes[i].kind, nodes[i].name, home[i]) for i in new))
            if self._index_keys:  # what a later batch looks its new names up in
                conn.executemany("INSERT INTO name_keys VALUES (?, ?)",
                                 ((k, nodes[i].nid) for i in new for k in nodes[i].keys))
                self._write_fields(nodes, new)
            for mg in merges:
                conn.execute("UPDATE names SET entity = ? WHERE entity = ?",
                             (mg.into_id, mg.from_id))
                conn.execute("UPDATE mentions SET entity = ? WHERE entity = ?",
                             (mg.into_id, mg.from_id))
                conn.execute("DELETE FROM entities WHERE id = ?", (mg.from_id,))
                conn.execute("INSERT INTO merges VALUES (?, ?, ?, ?)",
                             (mg.batch, mg.from_id, mg.into_id, mg.at))
            nid_of = np.array([n.nid for n in nodes], dtype=np.int64)[b.node].tolist()
            old = _without(self._variants(sorted(touched), batch), redo, was,
                           [(nodes[v].kind, nodes[v].name) for v in redo.node.tolist()])
            conn.executemany(  # in id order: the primary key's B-tree grows at its end
                "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?)",
                ((b.ids[k], nid_of[k], b.docs[k], mention_entity[k], confidence[k], batch)
                 for k in by_id if k < n_new),
            )
            conn.executemany("UPDATE mentions SET entity = ?, confidence = ? WHERE id = ?",
                             ((mention_entity[k], confidence[k], b.ids[k]) for k in moved))
            conn.executemany("UPDATE names SET entity = ? WHERE nid = ?", rehomed)
            merges += self._emptied(sorted(set(was) - set(mention_entity)), was,
                                    mention_entity[n_new:], batch, at)
            note("writing", n_mentions)  # inside the transaction: not yet committed
            canon = self._canonical(old, b, mention_entity, confidence)
            conn.executemany(
                "INSERT INTO entities VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                " canonical = excluded.canonical, confidence = excluded.confidence",
                [(e, kind, name, conf, batch) for e, (kind, name, conf) in canon.items()],
            )
            conn.execute("UPDATE meta SET value = ? WHERE key = 'next_entity'", (str(seq),))
            conn.executemany("INSERT OR REPLACE INTO decisions VALUES (?, ?, ?, ?)",
                             [(rule, x, y, batch) for rule, x, y in decided])
            conn.execute("INSERT INTO batches VALUES (?, ?, ?, ?)",
                         (batch, at, n_mentions, len(skipped)))
        mention_node = b.node[:n_new].tolist()
        assignments = Assignments(b.ids[:n_new], mention_entity[:n_new], canon,
                                  confidence[:n_new], [nodes[v].name for v in mention_node],
                                  [nodes[v].kind for v in mention_node], b.docs[:n_new])
        return BatchResult(batch, assignments, tuple(skipped), tuple(merges), stats,
                           tuple(sorted(b.ids[k] for k in moved
                                        if mention_entity[k] != was[k - n_new])))

    def _write_fields(self, nodes: Sequence[Node], new: Sequence[int]) -> None:
        """Keep the fields (as JSON) of the new names and of the stored ones this batch
        had to parse, for later batches, inside the batch's transaction.  A store made
        before name_fields gains the table here; fields kept under other rule tables or
        field layout (an upgrade) are dropped first, and the store's meta row names the
        version they are kept under."""
        conn = self.conn
        if not self._keeps_fields:
            conn.execute(NAME_FIELDS)
            self._keeps_fields = True
        if not self._fields_current:
            conn.execute("DELETE FROM name_fields")
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('fields', ?)",
                         (fields_version(),))
            self._fields_current = True
        kept = [nodes[i] for i in new] + self._reparsed
        conn.executemany("INSERT OR REPLACE INTO name_fields VALUES (?, ?, ?)",
                         ((n.nid, json.dumps(n.fields), json.dumps(n.rank)) for n in kept))
        self._reparsed = []

    def _emptied(self, entities: Sequence[str], was: Sequence[str], now: Sequence[str],
                 batch: int, at: str) -> list[Merge]:
        """Stored entities whose every mention moved (``was`` -> ``now``, per redone
        mention): each is deleted and recorded as merged into the entity that received
        most of its mentions, so that its id still leads somewhere."""
        out = []
        for e in entities:
            if self.conn.execute("SELECT 1 FROM mentions WHERE entity = ? LIMIT 1",
                                 (e,)).fetchone() is not None:
                continue
            went = Counter(y for x, y in zip(was, now, strict=True) if x == e)
            target = min(went, key=lambda y: (-went[y], y))
            self.conn.execute("UPDATE names SET entity = ? WHERE entity = ?", (target, e))
            self.conn.execute("DELETE FROM entities WHERE id = ?", (e,))
            self.conn.execute("INSERT INTO merges VALUES (?, ?, ?, ?)", (batch, e, target, at))
            out.append(Merge(batch, e, target, at))
        return out

    def _variants(self, entities: Sequence[str], batch: int) -> list[tuple[Any, ...]]:
        """Stored entities' variants from earlier batches: (entity, kind, name, mentions,
        summed confidence) rows (merged entities' mentions already moved)."""
        q = ("SELECT m.entity, n.kind, n.name, COUNT(*), SUM(m.confidence)"
             " FROM mentions m JOIN names n ON n.nid = m.nid"
             f" WHERE m.batch < {int(batch)} AND m.entity IN ({{marks}}) GROUP BY m.entity, n.nid")
        return list(select_in(self.conn, q, entities))

    def _canonical(
        self, old: list[tuple[Any, ...]], b: Batch, mention_entity: Sequence[str],
        confidence: Sequence[float],
    ) -> dict[str, tuple[str, str, float]]:
        """entity -> (kind, canonical name, confidence) of every entity this batch touched:
        its ``old`` variants plus this batch's mentions, the rule of canonical_key applied
        to all of them at once (one lexsort)."""
        codes: dict[str, int] = {}
        entity = [codes.setdefault(e, len(codes)) for e in mention_entity]
        slot = b.node.tolist()  # a variant's slot: its node, or an extra name after them
        ranks = [(x.kind, x.rank) for x in b.nodes]
        count, conf = [1.0] * len(entity), list(confidence)
        if old:
            position = {(x.kind, x.name): i for i, x in enumerate(b.nodes)}
            for e, kind, name, mentions, total in old:
                if (kind, name) not in position:  # a name whose home is another entity
                    position[(kind, name)] = len(ranks)
                    ranks.append((kind, name_rank(prepared(name, kind)[0])))
                entity.append(codes.setdefault(e, len(codes)))
                slot.append(position[(kind, name)])
                count.append(mentions)
                conf.append(total)
        if not entity:
            return {}
        n = max(len(ranks), 1)
        key, inverse = np.unique(np.asarray(entity, dtype=np.int64) * n
                                 + np.asarray(slot, dtype=np.int64), return_inverse=True)
        inverse = inverse.reshape(-1)
        mentions_of = np.bincount(inverse, weights=count)
        ent, var = key // n, key % n
        shown = [r[2] for _, r in ranks]
        alpha = np.empty(len(shown), dtype=np.int64)
        alpha[sorted(range(len(shown)), key=shown.__getitem__)] = np.arange(len(shown))
        complete = np.array([r[0] for _, r in ranks])
        latin = np.array([r[1] for _, r in ranks])
        length = np.array([len(t) for t in shown])
        order = np.lexsort((alpha[var], -length[var], -mentions_of, latin[var], complete[var],
                            ent))
        best = order[np.r_[True, ent[order][1:] != ent[order][:-1]]]
        conf_sum = np.bincount(ent, weights=np.bincount(inverse, weights=conf))
        conf_of = conf_sum / np.bincount(ent, weights=mentions_of)
        if self.calibrated_confidence:  # the probability it is one person or place
            conf_of = entity_confidence(conf_of, np.bincount(ent) == 1)
        names = list(codes)
        return {names[e]: (ranks[v][0], shown[v], round(float(conf_of[e]), 6))
                for e, v in zip(ent[best].tolist(), var[best].tolist(), strict=True)}


_HAS_GIVEN = FIELD_NAMES["person"].index("has_given")
_SURNAME = FIELD_NAMES["person"].index("sur")
_LEAD = FIELD_NAMES["person"].index("lead")
_LEAD2 = FIELD_NAMES["person"].index("lead2")


_FIELD_CODE = ("text", "translit", "parse", "sino", "features", "naming")
"""The modules whose code computes a name's fields and rank."""

_KEY_CODE = ("text", "translit", "parse", "sino", "keys")
"""The modules whose code computes a name's blocking keys."""


def fields_version() -> str:
    """What a name's stored fields were computed under: the package version, the code
    that computes them (_FIELD_CODE's source) and the rule tables (tables.tables_digest);
    any change to one makes the next batch parse what it loads again."""
    return _code_version(_FIELD_CODE)


def keys_version() -> str:
    """What the stored blocking keys were computed under (as :func:`fields_version`, over
    _KEY_CODE): a change makes the next batch key the store's names again."""
    return _code_version(_KEY_CODE)


@functools.cache
def _code_version(modules: tuple[str, ...]) -> str:
    """(read once per process: a store opened for each single add reads it each time)"""
    import importlib

    from namematch import __version__

    code = hashlib.sha256()
    for module in modules:
        code.update(Path(importlib.import_module(f"namematch.{module}").__file__ or ""
                         ).read_bytes())
    return f"{__version__}:{code.hexdigest()[:12]}:{tables_digest()}"


def _check_decisions(must_link: Sequence[tuple[str, str]],
                     cannot_link: Sequence[tuple[str, str]], must: list[tuple[int, int]],
                     cannot: list[tuple[int, int]],
                     earlier: dict[str, list[tuple[int, int]]]) -> None:
    """ConstraintError, naming the mentions, when a cannot-link (this batch's or a
    stored one) falls inside what the must-links join, or joins two mentions of one name
    string.  ``must``, ``cannot``: this batch's pairs as nodes, in the order of
    ``must_link``, ``cannot_link``."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    for i, j in (*must, *earlier["must"]):
        parent[find(i)] = find(j)
    named = [(f"cannot-link {x!r} ~ {y!r}", pair)
             for (x, y), pair in zip(cannot_link, cannot, strict=True)]
    named += [("a stored cannot-link", pair) for pair in earlier["cannot"]]
    for what, (i, j) in named:
        if i == j:
            raise ConstraintError(f"{what} names two mentions of one name string")
        if find(i) == find(j):
            raise ConstraintError(f"{what} joins mentions that must-links put together"
                                  f" ({len(must_link)} must-links in this batch)")


def _codes(nodes: Sequence[Node], field: int,
           spelling: Callable[[str], str] = str) -> np.ndarray:
    """Per node, a code of one of its person fields as ``spelling`` puts it (-1 for a
    place or an empty field): the surname up to what romanizations of one spelling
    disagree on (translit.given_key: Solovjev, Solov'ev, Solovyev are one), the letter of
    the initial."""
    codes: dict[str, int] = {}
    return np.fromiter(
        (codes.setdefault(spelling(x.fields[field]), len(codes))
         if x.kind == "person" and x.fields[field] else -1 for x in nodes),
        np.int64, len(nodes))


def _short(nodes: Sequence[Node]) -> np.ndarray:
    """Per node: a person written without a given name ("Mirzoyev", "A. Mirzoyev"), the
    short forms that blocking samples for, clustering leaves out and attach_short decides."""
    return np.array([n.kind == "person" and not n.fields[_HAS_GIVEN] for n in nodes],
                    dtype=bool)


@contextlib.contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a batch: a batch allocates millions of
    long-lived tuples and strings that hold no cycles, and the collector's full passes
    would walk them again and again (a million mentions: 57 s -> 53 s without it)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _with_own_entity(nodes: Sequence[Node], short: np.ndarray, a: np.ndarray,
                     b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs (a < b, each once) plus those of each stored short form with the
    full names of its own stored entity: a stored name carries only the keys it shares
    with the batch's new names (Resolver._nodes), so a bare "Rahmon" loaded for another
    key may meet no name of its Emomali Rahmon, and decided again it would leave him on no
    evidence at all."""
    by_entity: dict[str, list[int]] = defaultdict(list)
    for i, n in enumerate(nodes):
        if n.entity is not None and not short[i]:
            by_entity[n.entity].append(i)
    own = [(i, j) for i, x in enumerate(nodes) if x.entity is not None and short[i]
           for j in by_entity.get(x.entity, ())]
    if not own:
        return a, b
    pairs = np.array(own, dtype=np.int64)
    size = max(len(nodes), 1)
    codes = pair_codes(pairs[:, 0], pairs[:, 1], size)
    have = a.astype(np.int64) * size + b
    codes = np.union1d(have, codes)  # sorted, each once: blocking's order kept
    return (codes // size).astype(a.dtype), (codes % size).astype(b.dtype)


def _continue(group_entity: dict[int, str], was: Sequence[str], label: np.ndarray) -> None:
    """A stored entity that no group continues (its redone mentions all left its names'
    groups: "Rahmon" alone in batch 1, two Rahmons fit it in batch 2) lives on in the
    group, without an entity yet, that took most of its mentions; ties by entity id,
    then label.  Updates ``group_entity`` in place."""
    kept = set(group_entity.values())
    votes = Counter(zip(was, label.tolist(), strict=True))
    for (e, lab), _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])):
        if e not in kept and lab not in group_entity:
            group_entity[lab] = e
            kept.add(e)


def _without(rows: list[tuple[Any, ...]], redo: Redo, was: Sequence[str],
             names: Sequence[tuple[str, str]]) -> list[tuple[Any, ...]]:
    """Stored variant rows (Resolver._variants) less the redone mentions, which the
    batch counts itself; ``was``: their stored entities, ``names``: their (kind, name)."""
    if not redo.ids:
        return rows
    less: dict[tuple[str, str, str], list[float]] = defaultdict(lambda: [0, 0.0])
    for e, (kind, name), conf in zip(was, names, redo.confidences, strict=True):
        x = less[(e, kind, name)]
        x[0] += 1
        x[1] += conf
    out = []
    for e, kind, name, count, total in rows:
        n, c = less.get((e, kind, name), (0, 0.0))
        if count - n > 0:
            out.append((e, kind, name, count - n, total - c))
    return out


def _best_outside(labels: np.ndarray, edges: Edges) -> np.ndarray:
    """Per node, the best score of its edges to other groups (0 for none)."""
    ia, ib, s, _ = edges
    best = np.zeros(len(labels))
    outside = np.flatnonzero(labels[ia] != labels[ib])
    np.maximum.at(best, ia[outside], s[outside])
    np.maximum.at(best, ib[outside], s[outside])
    return best


def _entity(head: list[Any], members: list[Member]) -> Entity:
    counts = Counter(m.name for m in members)
    variants = tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return Entity(head[0], head[1], head[2], head[3], variants, tuple(members))


def resolve(
    mentions: object,
    *,
    must_link: Iterable[tuple[str, str]] = (),
    cannot_link: Iterable[tuple[str, str]] = (),
    format: Format | None = None,
    columns: Mapping[str, str] | None = None,
    **options: Any,
) -> Resolution:
    """Resolve mentions in one go (an in-memory store); see :class:`Resolver` (``format``
    and ``columns`` as in :func:`namematch.read_mentions`)."""
    with Resolver.open(":memory:", **options) as r:
        r._index_keys = False  # one batch, then the store is gone
        result = r.add(mentions, must_link=must_link, cannot_link=cannot_link, format=format,
                       columns=columns)
        return Resolution(tuple(r.entities()), result.assignments, result.skipped,
                          result.blocking)
