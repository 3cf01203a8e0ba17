"""The store: the SQLite file a Resolver keeps its entities in -- its schema, how a file
is recognised as a namematch store and checked before anything is written, and what
``namematch check`` verifies.  The batch pipeline that fills it is namematch.resolve."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

from namematch.errors import StoreError

SCHEMA_VERSION = "2"
APPLICATION_ID = 0x6E6D7463
"""SQLite's application_id of a namematch store ("nmtc"): a file is recognised before it is
touched."""
TABLES = frozenset({"meta", "names", "name_keys", "entities", "mentions", "merges",
                    "decisions", "batches"})
LOCK_TIMEOUT = 60.0
"""Seconds a batch waits for another process's batch to finish before it fails."""
NAME_FIELDS = """CREATE TABLE IF NOT EXISTS name_fields (
    nid INTEGER PRIMARY KEY, fields TEXT NOT NULL, rank TEXT NOT NULL)"""
"""Each name's parsed feature fields and rank (JSON), kept for later batches; not in
TABLES: a store made before it is still one of ours, and gains it on its next batch."""
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS names (
    nid INTEGER PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, entity TEXT NOT NULL,
    UNIQUE (kind, name));
CREATE INDEX IF NOT EXISTS names_entity ON names (entity);
CREATE TABLE IF NOT EXISTS name_keys (
    key TEXT NOT NULL, nid INTEGER NOT NULL, PRIMARY KEY (key, nid)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS entities (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, canonical TEXT NOT NULL,
    confidence REAL NOT NULL, batch INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS mentions (
    id TEXT PRIMARY KEY, nid INTEGER NOT NULL, doc TEXT, entity TEXT NOT NULL,
    confidence REAL NOT NULL, batch INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions (entity);
CREATE TABLE IF NOT EXISTS merges (
    batch INTEGER NOT NULL, from_id TEXT NOT NULL, into_id TEXT NOT NULL, at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS decisions (
    rule TEXT NOT NULL CHECK (rule IN ('must', 'cannot')), a TEXT NOT NULL, b TEXT NOT NULL,
    batch INTEGER NOT NULL, PRIMARY KEY (rule, a, b)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS batches (
    batch INTEGER PRIMARY KEY, at TEXT NOT NULL, mentions INTEGER NOT NULL,
    skipped INTEGER NOT NULL);
""" + NAME_FIELDS + ";\n"
CHUNK = 900  # SQLite's limit on host parameters is 999 in old builds
ALREADY_STORED = "is already in the store"
"""The end of a skip reason for a mention id an earlier batch stored (a retried file)."""


def select_in(conn: sqlite3.Connection, sql: str, values: Sequence[Any]) -> Iterator[Any]:
    """Rows of ``sql`` whose ``{marks}`` stands for an IN list of ``values``, in chunks."""
    for i in range(0, len(values), CHUNK):
        chunk = list(values[i : i + CHUNK])
        yield from conn.execute(sql.format(marks=",".join("?" * len(chunk))), chunk)


def stored_options(conn: sqlite3.Connection) -> dict[str, Any]:
    """The options a store keeps (its threshold), {} for a new or older store."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "meta" not in tables:
        return {}
    row = conn.execute("SELECT value FROM meta WHERE key = 'threshold'").fetchone()
    try:
        return {"threshold": float(row[0])} if row else {}
    except ValueError:
        return {}


def check_meta(meta: dict[str, str], path: str) -> None:
    if meta.get("schema") != SCHEMA_VERSION:
        raise StoreError(f"{path}: store schema {meta.get('schema')}, this namematch reads "
                         f"{SCHEMA_VERSION}")
    if "next_entity" not in meta:  # ids would restart at 1 and merge new people
        raise StoreError(f"{path}: damaged store: no next_entity counter")


def recognise(conn: sqlite3.Connection, path: str) -> None:
    """StoreError, before anything is written, unless ``path`` is empty or a namematch
    store (its application_id, or an older store's tables and schema row)."""
    (app,) = conn.execute("PRAGMA application_id").fetchone()
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if app == APPLICATION_ID or (app == 0 and not tables):
        missing = sorted(TABLES - tables) if tables else []
        if missing:
            raise StoreError(f"{path}: damaged namematch store: no tables {missing}")
        return
    ours = app == 0 and tables >= TABLES and conn.execute(
        "SELECT 1 FROM meta WHERE key = 'schema'").fetchone() is not None
    if not ours:
        raise StoreError(f"{path}: not a namematch store (application_id {app}, tables "
                         f"{sorted(tables)[:5]}); left unchanged")


def verify_pages(conn: sqlite3.Connection, path: str) -> None:
    """StoreError for a store with a damaged page: SQLite notices one only where it reads,
    so without this check a batch that never reads the damaged page is written beside it
    (9 of 41 copies with one page overwritten accepted a batch)."""
    problems = [r[0] for r in conn.execute("PRAGMA quick_check(3)") if r[0] != "ok"]
    if problems:
        raise StoreError(f"{path}: damaged store, left unchanged ({'; '.join(problems)}); "
                         "`namematch check` lists what is wrong")


def check_store(conn: sqlite3.Connection) -> list[str]:
    """What is wrong with the store (empty: nothing): SQLite's integrity check, then
    namematch's invariants (every mention and name has one live entity, a merged
    entity is gone and its merges lead to a live one, the id counter is above every
    id used)."""
    try:
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
    except sqlite3.DatabaseError as exc:  # too damaged for the check to go on
        return [f"damaged: {exc}"]
    if problems:
        return problems
    for table in ("mentions", "names"):
        (n,) = conn.execute(f"SELECT COUNT(*) FROM {table} t LEFT JOIN entities e"
                            " ON t.entity = e.id WHERE e.id IS NULL").fetchone()
        if n:
            problems.append(f"{n:,} {table} point to an entity that does not exist")
    live = {r[0] for r in conn.execute("SELECT id FROM entities")}
    into = dict(conn.execute("SELECT from_id, into_id FROM merges ORDER BY batch"))
    for gone in into:
        if gone in live:
            problems.append(f"merged entity {gone} is still live")
        seen, target = {gone}, into[gone]
        while target in into and target not in seen:
            seen.add(target)
            target = into[target]
        if target not in live:
            problems.append(f"the merges of {gone} lead to {target}, which does not exist")
    (counter,) = conn.execute("SELECT value FROM meta WHERE key = 'next_entity'").fetchone()
    used = [int(e[1:]) for e in live | set(into) if e[1:].isdigit()]
    if used and int(counter) <= max(used):
        problems.append(f"next_entity {counter} is not above the highest id used "
                        f"E{max(used):07d}")
    return problems
