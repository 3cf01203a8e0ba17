"""Resolution on Apache Spark (``pip install 'namematch-translit[spark]'``).

The same stages as the in-process resolver, run on the engine:

1. every row is checked as :func:`namematch.read_mentions` checks it (a bad row is
   skipped with its reason, never dropped);
2. the distinct (type, name) strings are parsed into blocking keys in Arrow batches
   (``mapInPandas``), with the code of the in-process resolver (namematch.workers);
3. blocking: names are grouped by key; the blocks of a hash bucket of keys are paired by
   :func:`namematch.block.candidate_pairs` (``applyInPandas``), the same pairs, oversized
   blocks refined the same way, as in-process (blocks are independent of each other);
4. the pairs are scored in Arrow batches by the same :class:`~namematch.Scorer`;
5. the connected components of the strong edges (score at or above the threshold, no
   conflict) are found on the engine (min-label propagation with pointer jumping, no
   collect to the driver);
6. clustering: a component holds every name its names could ever merge with, so each hash
   bucket of components is resolved by :func:`namematch.resolve` (``applyInPandas``): the
   same clustering, short-form, same-document, canonical-name and confidence code.

Entity ids are ``E`` and 16 hex digits of a hash of the entity's smallest mention id: the
same data gives the same ids whatever the partitioning.  With ``prior`` (a DataFrame of
``id``, ``entity`` from an earlier run) an entity takes the prior id most of its mentions
had, so ids stay stable across runs.

What the in-process resolver has and this backend has not (yet): must-link and cannot-link
decisions, and a store to add batches to (each run resolves the DataFrame it is given;
``prior`` carries the ids over).
"""

from __future__ import annotations

import hashlib
import pickle
import re
from typing import Any

import attrs
import numpy as np

from namematch.errors import InputError, NamematchError

NAME_COLUMNS = ("id", "name")
OPTIONAL_COLUMNS = ("type", "doc")
BUCKETS = 0
"""Hash buckets of keys and of components (0: twice the session's default parallelism)."""


def _pandas() -> Any:
    import importlib

    return importlib.import_module("pandas")  # an extra's module, untyped here


def _require() -> Any:
    try:
        import pyspark  # noqa: F401
        from pyspark.sql import functions
    except ImportError as exc:  # pragma: no cover - the extra is installed in the tests
        raise NamematchError(
            "the Spark backend needs pyspark: pip install 'namematch-translit[spark]'"
            " (and Java 17 or later)") from exc
    return functions


@attrs.frozen
class SparkResolution:
    """What :func:`resolve` gives: Spark DataFrames.

    ``assignments``: one row per input row -- its columns, then ``entity``, ``canonical``,
    ``confidence``, ``resolved_type`` (null for a skipped row) and ``skipped`` (the reason,
    null for a resolved row).  ``entities``: ``entity``, ``type``, ``canonical``,
    ``confidence``, ``mentions``, ``docs``.  ``components``: each distinct name's
    component of strong edges (``nid``, ``component``), for diagnostics."""

    assignments: Any
    entities: Any
    components: Any


def _nid(kind: str, name: str) -> int:
    """A name's 63-bit id: the same on every executor and in every run."""
    digest = hashlib.blake2b(f"{kind}\x00{name}".encode("utf-8", "surrogatepass"),
                             digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def entity_id(smallest_mention: str) -> str:
    """An entity's id from its smallest mention id."""
    return "E" + hashlib.blake2b(smallest_mention.encode("utf-8", "surrogatepass"),
                                 digest_size=8).hexdigest()


# -- stage functions: plain Python over pandas/Arrow batches (tested without Spark) ------


def check_rows(batch: Any) -> Any:
    """Rows (``_row``, id, name, type, doc) -> the same with ``kind`` (person, place or
    null) and ``reason`` (why the row is skipped, null when it is not)."""
    pd = _pandas()

    from namematch.mentions import Skipped, _check

    kinds: list[str | None] = []
    reasons: list[str | None] = []
    ids: list[str | None] = []
    docs: list[str | None] = []
    for rec in batch[["id", "name", "type", "doc"]].to_dict("records"):
        got = _check(rec, 0)
        if isinstance(got, Skipped):
            kinds.append(None)
            reasons.append(got.reason)
            ids.append(got.id)
            docs.append(None)
        else:
            ids.append(got[0])
            kinds.append(got[2] or "")
            docs.append(got[3])
            reasons.append(None)
    return pd.DataFrame({"_row": batch["_row"].to_numpy(), "mid": ids, "name": batch["name"],
                         "kind": kinds, "mdoc": docs, "reason": reasons})


def parse_names(batch: Any) -> Any:
    """Distinct (kind, name) -> per name its node id, resolved kind, blocking keys, rank
    words and whether it is a short form, or why it cannot be parsed (``error``)."""
    pd = _pandas()

    from namematch.features import FIELD_NAMES
    from namematch.workers import parse_chunk

    has_given = FIELD_NAMES["person"].index("has_given")
    items = list(zip(batch["kind"].tolist(), batch["name"].tolist(), strict=True))
    # "" is no type given (null would not join)
    got = parse_chunk([(k if k in ("person", "place") else None, n) for k, n in items])
    out: dict[str, list[Any]] = {k: [] for k in ("kind", "name", "nid", "resolved", "keys",
                                                  "words", "short", "fields", "error")}
    for (kind, name), node in zip(items, got, strict=True):
        out["kind"].append(kind)
        out["name"].append(name)
        if isinstance(node, str):
            for col, value in (("nid", None), ("resolved", None), ("keys", []),
                               ("words", None), ("short", None), ("fields", None),
                               ("error", node)):
                out[col].append(value)
            continue
        out["nid"].append(_nid(node.kind, node.name))
        out["resolved"].append(node.kind)
        out["keys"].append(list(node.keys))
        out["words"].append(node.fields[1])
        out["short"].append(node.kind == "person" and not node.fields[has_given])
        # what the scorer reads, parsed once here: pairs are scored without parsing again
        out["fields"].append(pickle.dumps(node.fields, protocol=pickle.HIGHEST_PROTOCOL))
        out["error"].append(None)
    return pd.DataFrame(out)


def block_pairs(batch: Any, max_block: int) -> Any:
    """One hash bucket's (key, nid, resolved, words, short) rows -> its candidate pairs
    (a, b: node ids, a < b), as namematch.block pairs them."""
    pd = _pandas()

    from namematch.block import candidate_pairs, ranks

    if not len(batch):
        return pd.DataFrame({"a": np.empty(0, np.int64), "b": np.empty(0, np.int64)})
    names = batch.drop_duplicates("nid").sort_values(["resolved", "nid"])
    index = {nid: i for i, nid in enumerate(names["nid"].tolist())}
    keys: list[list[str]] = [[] for _ in index]
    for nid, key in zip(batch["nid"].tolist(), batch["key"].tolist(), strict=True):
        keys[index[nid]].append(key)
    words = names["words"].tolist()
    found = candidate_pairs(keys, max_block=max_block, rank=ranks(words),
                            sampled=names["short"].to_numpy(dtype=bool),
                            kinds=names["resolved"].tolist(), texts=words)
    ids = names["nid"].to_numpy(dtype=np.int64)
    a, b = ids[found.a], ids[found.b]
    return pd.DataFrame({"a": np.minimum(a, b), "b": np.maximum(a, b)})


def strong_pairs(batch: Any, threshold: float, model: Any = None) -> Any:
    """Pairs (a, b, kind_a, fields_a, kind_b, fields_b: each name's pickled
    features.fields from :func:`parse_names`) -> those that score at or above the
    threshold without a conflict (a, b): the edges clustering may merge along."""
    from namematch.scorer import Scorer

    keep = np.zeros(len(batch), dtype=bool)
    same = (batch["kind_a"] == batch["kind_b"]).to_numpy()
    scorer = Scorer(on_error="nan", model=model)
    for kind in ("person", "place"):
        sel = np.flatnonzero(same & (batch["kind_a"] == kind).to_numpy())
        if not len(sel):
            continue
        at: dict[int, int] = {}
        rows: list[tuple[Any, ...]] = []
        index = []
        for side in ("a", "b"):
            ids = batch[side].to_numpy()[sel].tolist()
            blobs = batch[f"fields_{side}"].to_numpy()[sel].tolist()
            for nid, blob in zip(ids, blobs, strict=True):
                if nid not in at:
                    at[nid] = len(rows)
                    rows.append(pickle.loads(blob))  # our own parse stage's bytes
            index.append(np.array([at[x] for x in ids], np.int64))
        ia, ib = index
        table = scorer.table_of_fields(rows, kind)
        s, conflict = table.score(ia, ib)
        keep[sel] = (np.nan_to_num(s, nan=0.0) >= threshold) & ~conflict
    return batch.loc[keep, ["a", "b"]].reset_index(drop=True)


def resolve_bucket(batch: Any, options: dict[str, Any]) -> Any:
    """One hash bucket of components' mentions (mid, name, kind, mdoc) -> per mention its
    entity (global id), canonical name, confidence, resolved type and the entity's
    confidence, by :func:`namematch.resolve` (one process: no forked workers)."""
    pd = _pandas()

    from namematch.resolve import resolve

    frame = pd.DataFrame({"id": batch["mid"], "name": batch["name"],
                          "type": batch["kind"].replace("", None), "doc": batch["mdoc"]})
    res = resolve(frame, workers=1, **options)
    smallest: dict[str, str] = {}
    for a in res.assignments:
        if a.entity not in smallest or a.mention < smallest[a.entity]:
            smallest[a.entity] = a.mention
    entity_conf = {e.id: e.confidence for e in res.entities}
    rows: list[tuple[Any, ...]] = [
        (a.mention, entity_id(smallest[a.entity]), a.canonical, a.confidence, a.kind,
         entity_conf[a.entity], None) for a in res.assignments]
    rows += [(s.id, None, None, None, None, None, s.reason) for s in res.skipped
             if s.id is not None]
    return pd.DataFrame(rows, columns=["mid", "entity", "canonical", "confidence",
                                       "resolved_type", "entity_confidence", "reason"])


# -- the engine ----------------------------------------------------------------------


def _components(edges: Any, max_rounds: int = 200) -> Any:
    """(nid, component) for every node of the edges (a, b): the smallest node id of its
    connected component, by min-label propagation with pointer jumping on the engine."""
    f = _require()
    both = edges.select(f.col("a").alias("src"), f.col("b").alias("dst")).union(
        edges.select(f.col("b").alias("src"), f.col("a").alias("dst"))).localCheckpoint()
    labels = both.groupBy("src").agg(f.least(f.min("dst"), f.first("src")).alias("label")) \
        .withColumnRenamed("src", "nid").localCheckpoint()
    for _ in range(max_rounds):
        # each node takes the smallest label among its neighbours' and its own
        spread = both.join(labels.withColumnRenamed("nid", "dst"), "dst") \
            .groupBy("src").agg(f.min("label").alias("seen")) \
            .withColumnRenamed("src", "nid")
        moved = labels.join(spread, "nid").select(
            "nid", f.least("label", "seen").alias("label"))
        # pointer jumping: a node takes its label's label (halves the distance)
        jumped = moved.alias("m").join(
            moved.select(f.col("nid").alias("l"), f.col("label").alias("ll")),
            f.col("m.label") == f.col("l"), "left").select(
            "nid", f.coalesce(f.least("label", "ll"), f.col("label")).alias("label")
        ).localCheckpoint()
        changed = jumped.join(labels.withColumnRenamed("label", "old"), "nid") \
            .filter(f.col("label") != f.col("old")).limit(1).count()
        labels = jumped
        if not changed:
            return labels.withColumnRenamed("label", "component")
    raise NamematchError(f"connected components did not settle in {max_rounds} rounds")


def resolve(
    mentions: Any,
    *,
    threshold: float | None = None,
    max_block: int | None = None,
    max_entity_names: int | None = None,
    model: Any = None,
    prior: Any = None,
    buckets: int = BUCKETS,
) -> SparkResolution:
    """Resolve a Spark DataFrame of mentions (``id``, ``name``; optional ``type``,
    ``doc``; other columns are kept) on its session; see the module docstring.
    InputError when a required column is missing or ``prior`` lacks ``id``/``entity``."""
    f = _require()
    from pyspark.sql import DataFrame

    from namematch.block import MARKS, MAX_BLOCK
    from namematch.model import DEFAULT_THRESHOLD
    from namematch.resolve import _check_options

    if not isinstance(mentions, DataFrame):
        raise InputError(f"mentions must be a Spark DataFrame, not {type(mentions).__name__}")
    missing = [c for c in NAME_COLUMNS if c not in mentions.columns]
    if missing:
        raise InputError(f"mentions DataFrame has no column {', '.join(missing)}"
                         f" (it has {', '.join(mentions.columns) or 'none'})")
    taken = [c for c in ("entity", "canonical", "confidence", "resolved_type", "skipped",
                         "_row") if c in mentions.columns]
    if taken:
        raise InputError(f"mentions DataFrame already has column {', '.join(taken)}, which"
                         f" the assignments add; rename it first")
    if prior is not None and (not isinstance(prior, DataFrame)
                              or not {"id", "entity"} <= set(prior.columns)):
        raise InputError("prior must be a Spark DataFrame with columns id and entity")
    threshold = DEFAULT_THRESHOLD if threshold is None else threshold
    max_block = MAX_BLOCK if max_block is None else max_block
    options: dict[str, Any] = {"threshold": threshold, "max_block": max_block}
    if max_entity_names is not None:
        options["max_entity_names"] = max_entity_names
    if model is not None:
        options["model"] = model
    _check_options(threshold, max_block, options.get("max_entity_names", 1_000), 1,
                   model=model)
    spark = mentions.sparkSession
    parts = buckets or 2 * spark.sparkContext.defaultParallelism

    # 1. rows, checked: each input row keeps a row number for joining back, held once (a
    # source read again could be split otherwise, and its numbers would not match)
    source = mentions.withColumn("_row", f.monotonically_increasing_id()).localCheckpoint()
    plain = source.select(
        "_row", f.col("id").cast("string").alias("id"), f.col("name").cast("string")
        .alias("name"),
        (f.col("type").cast("string") if "type" in mentions.columns else f.lit(None)
         .cast("string")).alias("type"),
        (f.col("doc").cast("string") if "doc" in mentions.columns else f.lit(None)
         .cast("string")).alias("doc"))
    checked_schema = ("_row long, mid string, name string, kind string, mdoc string,"
                      " reason string")
    checked = plain.mapInPandas(lambda it: (check_rows(b) for b in it), checked_schema)
    # a repeated id: the first row (by position) keeps it, the others are skipped
    from pyspark.sql.window import Window
    first = Window.partitionBy("mid", f.col("reason").isNull()).orderBy("_row")
    checked = checked.withColumn("reason", f.when(
        f.col("reason").isNull() & (f.row_number().over(first) > 1),
        f.concat(f.lit("duplicate id '"), f.col("mid"), f.lit("'"))  # the readers' words
    ).otherwise(f.col("reason"))).localCheckpoint()
    good = checked.filter(f.col("reason").isNull())

    # 2. distinct names parsed into keys
    parsed_schema = ("kind string, name string, nid long, resolved string, keys array<string>,"
                     " words string, short boolean, fields binary, error string")
    names = good.select("kind", "name").distinct().repartition(parts).mapInPandas(
        lambda it: (parse_names(b) for b in it), parsed_schema).localCheckpoint()
    usable = names.filter(f.col("error").isNull()).dropDuplicates(["nid"])
    nodes = usable.select("nid", "resolved", "words", "short", "keys")

    # 3. blocking per hash bucket of keys
    # a key's block is its key without the role mark (namematch.block.MARKS)
    marks = "[" + re.escape("".join(MARKS)) + "]$"
    keyed = nodes.select("nid", "resolved", "words", "short", f.explode("keys").alias("key"))
    keyed = keyed.withColumn("bucket", f.pmod(
        f.xxhash64(f.col("resolved"), f.regexp_replace("key", marks, "")), f.lit(parts)))
    pairs = keyed.groupBy("bucket").applyInPandas(
        lambda b: block_pairs(b, max_block), "a long, b long").distinct()

    # 4. scoring: the strong edges
    info = usable.select("nid", "resolved", "fields")
    with_names = pairs.join(info.select(f.col("nid").alias("a"), f.col("resolved")
                                        .alias("kind_a"), f.col("fields").alias("fields_a")),
                            "a") \
        .join(info.select(f.col("nid").alias("b"), f.col("resolved").alias("kind_b"),
                          f.col("fields").alias("fields_b")), "b") \
        .sortWithinPartitions("a")  # a batch's pairs share names: fewer rows to unpickle
    strong = with_names.mapInPandas(
        lambda it: (strong_pairs(b, threshold, model) for b in it), "a long, b long"
    ).localCheckpoint()

    # 5. components of the strong edges (a name with none is its own component)
    comps = _components(strong)
    node_comp = nodes.select("nid").join(comps, "nid", "left").select(
        "nid", f.coalesce("component", "nid").alias("component"))

    # 6. clustering per bucket of components
    mention_nodes = good.join(names.select("kind", "name", "nid", "error"), ["kind", "name"],
                              "left")
    unusable = mention_nodes.filter(f.col("error").isNotNull()).select(
        "_row", f.col("error").alias("reason"))
    located = mention_nodes.filter(f.col("error").isNull()).join(node_comp, "nid") \
        .withColumn("bucket", f.pmod(f.xxhash64("component"), f.lit(parts)))
    result_schema = ("mid string, entity string, canonical string, confidence double,"
                     " resolved_type string, entity_confidence double, reason string")
    resolved = located.select("bucket", "mid", "name", "kind", "mdoc").groupBy("bucket") \
        .applyInPandas(lambda b: resolve_bucket(b, options), result_schema).localCheckpoint()
    if prior is not None:
        resolved = _carry_over(resolved, prior)

    # assignments: every input row, its columns, then where it went or why not
    reasons = checked.filter(f.col("reason").isNotNull()).select("_row", "reason") \
        .union(unusable).union(good.select("_row", "mid").join(
            resolved.filter(f.col("reason").isNotNull()), "mid").select("_row", "reason"))
    by_row = good.select("_row", "mid").join(resolved.filter(f.col("entity").isNotNull()),
                                             "mid").select(
        "_row", "entity", "canonical", "confidence", "resolved_type")
    assignments = source.join(by_row, "_row", "left").join(
        reasons.withColumnRenamed("reason", "skipped"), "_row", "left")
    assignments = assignments.withColumn("skipped", f.when(
        f.col("entity").isNull() & f.col("skipped").isNull(),
        f.lit("not resolved")).otherwise(f.col("skipped"))).orderBy("_row").drop("_row")
    entities = resolved.filter(f.col("entity").isNotNull()).join(
        good.select("mid", "mdoc"), "mid").groupBy("entity").agg(
        f.first("resolved_type").alias("type"), f.first("canonical").alias("canonical"),
        f.first("entity_confidence").alias("confidence"), f.count("*").alias("mentions"),
        f.countDistinct("mdoc").alias("docs")).orderBy(f.desc("mentions"), "entity")
    return SparkResolution(assignments, entities, node_comp)


def _carry_over(resolved: Any, prior: Any) -> Any:
    """Entities take the prior entity id most of their mentions had (ties: the smaller
    id); a prior id goes to one entity only, the one holding most of its mentions."""
    f = _require()
    from pyspark.sql.window import Window

    # a prior row without an entity (a skipped row) has no vote; an id votes once
    earlier = prior.select(f.col("id").cast("string").alias("mid"),
                           f.col("entity").cast("string").alias("old")) \
        .filter(f.col("mid").isNotNull() & f.col("old").isNotNull()).dropDuplicates(["mid"])
    votes = resolved.filter(f.col("entity").isNotNull()).join(earlier, "mid") \
        .groupBy("entity", "old").agg(f.count("*").alias("n"))
    best_old = Window.partitionBy("old").orderBy(f.desc("n"), "entity")
    best_new = Window.partitionBy("entity").orderBy(f.desc("n"), "old")
    chosen = votes.withColumn("r", f.row_number().over(best_old)).filter("r = 1").drop("r") \
        .withColumn("r", f.row_number().over(best_new)).filter("r = 1") \
        .select("entity", "old")
    # an entity that takes no prior id keeps its own, unless a prior entity had that id
    # (E(m) of yesterday's {m, a, b}, which {a, b} takes today, is not also today's {m})
    olds = earlier.select(f.col("old").alias("used")).distinct()
    out = resolved.join(chosen, "entity", "left").join(
        olds, f.col("entity") == f.col("used"), "left")
    return out.withColumn("entity", f.when(f.col("old").isNotNull(), f.col("old"))
                          .when(f.col("used").isNotNull(), f.concat("entity", f.lit("n")))
                          .otherwise(f.col("entity"))).drop("old", "used")


def session(master: str = "local[*]", *, app: str = "namematch",
            config: dict[str, str] | None = None) -> Any:
    """A SparkSession for ``master`` whose Python workers run this interpreter (the one
    namematch is installed in), with ``config`` (such as ``{"spark.driver.memory": "8g"}``)
    set.  NamematchError when pyspark or Java is missing."""
    import os
    import shutil
    import sys

    _require()
    from pyspark.sql import SparkSession

    java_home = os.environ.get("JAVA_HOME")
    if not shutil.which("java") and not (java_home and os.path.exists(
            os.path.join(java_home, "bin", "java"))):
        raise NamematchError("the Spark backend needs Java 17 or later: install it (Debian:"
                             " apt-get install openjdk-17-jre-headless) or set JAVA_HOME")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    # Python workers start in the driver's directory: run from a checkout of namematch,
    # they imported its source tree (no namematch.data there) instead of the installed
    # package; PYTHONSAFEPATH keeps the directory off their sys.path
    os.environ.setdefault("PYTHONSAFEPATH", "1")
    builder = (SparkSession.builder.master(master).appName(app)
               .config("spark.pyspark.python", sys.executable)
               .config("spark.executorEnv.PYTHONSAFEPATH", "1")
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.execution.arrow.pyspark.enabled", "true"))
    for key, value in (config or {}).items():
        builder = builder.config(key, value)
    try:
        return builder.getOrCreate()
    except Exception as exc:  # the JVM did not start: say so, not a py4j trace
        raise NamematchError(f"Spark did not start ({master}): {exc}") from exc


def read(spark: Any, path: str, fmt: str | None = None,
         columns: dict[str, str] | None = None) -> Any:
    """A mentions file (CSV with a header and any of , ; tab |, JSON lines, Parquet) as a
    Spark DataFrame of strings, ``columns`` renamed to id, name, type, doc."""
    from pathlib import Path

    from namematch.mentions import _delimiter, _format_of

    fmt = fmt or _format_of(Path(path))
    if fmt == "parquet":
        frame = spark.read.parquet(path)
    elif fmt == "jsonl":
        frame = spark.read.json(path, primitivesAsString=True)
    else:
        try:  # the header's delimiter; a directory or a remote path: comma
            with open(path, encoding="utf-8-sig", errors="replace") as f:
                header = f.readline()
        except OSError:
            header = ","
        frame = spark.read.csv(path, header=True, sep=_delimiter(Path(path), header),
                               multiLine=True, escape='"', encoding="UTF-8")
    for field, column in (columns or {}).items():
        if column not in frame.columns:
            raise InputError(f"{path}: no column {column!r} for the {field}"
                             f" (it has {', '.join(frame.columns)})")
        if field in frame.columns and field != column:
            frame = frame.withColumnRenamed(field, f"input_{field}")
        frame = frame.withColumnRenamed(column, field)
    return frame
