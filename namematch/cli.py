"""The namematch command: resolve mentions, link or search them, compare names,
evaluate, refit the model."""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import re
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from namematch import __version__
from namematch.compare import compare
from namematch.errors import InputError, NamematchError
from namematch.mentions import Skipped, numbered_rows
from namematch.parse import Kind
from namematch.progress import ProgressBar, count_rows
from namematch.results import most_mentioned, require
from namematch.tables import load_table, one_of


def _print_comparison(a: str, b: str, kind: Kind | None, as_json: bool,
                      model: str | None = None) -> None:
    result = compare(a, b, kind=kind, model=model)
    if as_json:
        print(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        print(f"{a}  vs  {b}")
        print(result.explain())
        print()


def _cmd_compare(args: argparse.Namespace) -> int:
    _print_comparison(args.a, args.b, args.type, args.json, args.model)
    return 0


def _cmd_examples(args: argparse.Namespace) -> int:
    rows = load_table(
        "examples/pairs.tsv", ("a", "b", "kind"), {"kind": one_of("person", "place")}
    )
    for row in rows:
        kind: Kind = "place" if row["kind"] == "place" else "person"
        _print_comparison(row["a"], row["b"], kind, args.json)
    return 0


def _id_pairs_file(path: str | None) -> list[tuple[str, str]]:
    """Pairs of mention ids from a file: CSV/TSV with a header row (the first two columns)
    or JSONL ([a, b] or {"a": .., "b": ..} per line).  InputError naming the line of a
    row that is not a pair: a decision silently dropped is a decision lost."""
    if path is None:
        return []
    out: list[tuple[str, str]] = []
    for line, row in numbered_rows(path, "pairs"):
        # a CSV row: its first two columns; a JSON line: [a, b] or {"a": .., "b": ..}
        pair = (list(row.values())[:2] if Path(path).suffix.lower() in (".csv", ".tsv")
                else [row.get("a"), row.get("b")]) if isinstance(row, dict) else row
        if not (isinstance(pair, list) and len(pair) == 2
                and all(isinstance(x, str | int) and not isinstance(x, bool) and str(x).strip()
                        for x in pair)):
            raise InputError(f"{path}:{line}: not a pair of mention ids")
        out.append((str(pair[0]).strip(), str(pair[1]).strip()))
    return out


SKIPPED_SHOWN = 10
"""Skipped rows reported one by one on stderr; past that, counts by reason."""


def _cmd_resolve(args: argparse.Namespace) -> int:
    fmt = args.format or _format_of(args.output)
    if args.engine == "spark":
        return _resolve_spark(args, fmt)
    with contextlib.ExitStack() as stack:
        if args.input == "-":  # read twice (the output carries the input's columns)
            args.input = _spooled(sys.stdin.buffer, args.input_format, stack)
        return _resolve_file(args, fmt)


def _spooled(stream: Any, fmt: str | None, stack: contextlib.ExitStack) -> str:
    """Standard input copied to a temporary file (removed on exit), named for its format."""
    import shutil
    import tempfile

    tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix="namematch-"))
    path = Path(tmp) / "stdin"
    with path.open("wb") as out:
        shutil.copyfileobj(stream, out)
    if fmt is None:  # Parquet's magic, JSON lines' "{"; anything else is a CSV header
        with path.open("rb") as f:
            raw = f.read(4096)
        head = raw.lstrip(b"\xef\xbb\xbf \t\r\n")
        fmt = ("parquet" if raw[:4] == b"PAR1" else
               "jsonl" if head[:1] in (b"{", b"") else "csv")
    spooled = str(path.rename(path.with_suffix(f".{fmt}")))
    _SPOOLED.append(spooled)
    return spooled


_SPOOLED: list[str] = []
"""Temporary files standing for standard input: an error names them "standard input"."""


def _resolve_file(args: argparse.Namespace, fmt: str) -> int:
    from namematch.resolve import Resolver
    from namematch.store import ALREADY_STORED

    terminal = sys.stderr.isatty()
    show = (None if args.quiet and not args.progress else
            ProgressBar(sys.stderr, count_rows(args.input), terminal=terminal or args.progress))
    options = _resolve_options(args)
    with Resolver.open(args.store or ":memory:", lock_timeout=args.lock_timeout,
                       **options) as resolver:
        finished = False
        try:
            result = resolver.add(args.input, format=args.input_format, progress=show,
                                  columns=_columns(args),
                                  must_link=_id_pairs_file(args.must_link),
                                  cannot_link=_id_pairs_file(args.cannot_link))
            finished = True
        finally:
            if show:
                show.close(finished=finished)
        # a retried file: its stored rows are one line, and neither a failure nor skipped
        # rows; their output rows give the stored assignments
        stored = [s for s in result.skipped if s.reason.endswith(ALREADY_STORED)]
        bad = [s for s in result.skipped if not s.reason.endswith(ALREADY_STORED)]
        if args.output or not args.entities:
            again = resolver.assignments_of([s.id for s in stored if s.id])
            _write_rows(result, args.input, args, args.output, fmt, again)
        if args.entities:
            _print_entities(resolver, sys.stdout)
    if not args.quiet:
        _report_skipped(bad, sys.stderr)
    if stored:
        print(f"namematch: {len(stored):,} rows already in the store (a file given again): "
              "left as stored", file=sys.stderr)
    print(
        f"namematch: {len(result.assignments):,} mentions resolved, "
        f"{len(bad):,} skipped; {result.blocking.pairs:,} candidate pairs, "
        f"{result.blocking.oversized_keys} oversized keys refined",
        file=sys.stderr,
    )
    return _exit_code(bool(result.assignments or stored), len(bad), args.max_skipped)


def _resolve_options(args: argparse.Namespace) -> dict[str, Any]:
    """The resolver options --threshold and --model give (either engine)."""
    options: dict[str, Any] = {} if args.threshold is None else {"threshold": args.threshold}
    if args.model:
        options["model"] = args.model
    return options


def _exit_code(resolved: bool, skipped: int, max_skipped: int | None) -> int:
    """1 when nothing was resolved or more than --max-skipped rows were skipped (said on
    stderr), else 0."""
    if not resolved:
        print("namematch: nothing was resolved", file=sys.stderr)
        return 1
    if max_skipped is not None and skipped > max_skipped:
        print(f"namematch: {skipped:,} rows skipped, more than --max-skipped "
              f"{max_skipped:,}", file=sys.stderr)
        return 1
    return 0


def _resolve_spark(args: argparse.Namespace, fmt: str) -> int:
    """``resolve --engine spark``: the file resolved by namematch.spark on a session of
    ``--spark-master``; its rows collected to write them (a cluster's job writes its
    DataFrames itself: docs/guides/spark.md)."""
    from namematch import spark

    unsupported = [flag for flag, given in (("--store", args.store), ("--must-link",
                   args.must_link), ("--cannot-link", args.cannot_link)) if given]
    if unsupported:
        raise InputError(f"--engine spark does not take {', '.join(unsupported)} (the Spark"
                         " backend keeps no store and no decisions yet)")
    if args.input == "-":
        raise InputError("--engine spark reads a file (or a directory Spark can read), not -")
    session = spark.session(args.spark_master)
    frame = spark.read(session, args.input, args.input_format, _columns(args))
    options = _resolve_options(args)
    result = spark.resolve(frame, **options)
    rows = result.assignments.toPandas()
    skipped = rows[rows["skipped"].notna()]
    if args.output or not args.entities:
        table = {c: rows[c].astype(object).where(rows[c].notna(), None).tolist()
                 for c in rows.columns}
        _write_columns(table, list(rows.columns), len(rows), args.output, fmt)
    if args.entities:
        ents = result.entities.toPandas()
        print(ents.to_string(index=False), file=sys.stdout)
    if not args.quiet:  # rows counted from 1, as the in-process readers count them
        _report_skipped([Skipped(int(k) + 1, None if i is None or i != i else str(i), str(r))
                         for k, i, r in zip(skipped.index, skipped["id"], skipped["skipped"],
                                            strict=True)], sys.stderr)
    print(f"namematch: {len(rows) - len(skipped):,} mentions resolved, {len(skipped):,}"
          f" skipped (Spark, {args.spark_master})", file=sys.stderr)
    return _exit_code(len(skipped) < len(rows), len(skipped), args.max_skipped)


def _cmd_link(args: argparse.Namespace) -> int:
    from namematch.link import Reference

    reference = Reference.read(args.reference)
    with contextlib.ExitStack() as stack:
        source = (_spooled(sys.stdin.buffer, args.input_format, stack) if args.input == "-"
                  else args.input)
        return _link(args, reference, source)


def _link(args: argparse.Namespace, reference: Any, source: str) -> int:
    from namematch.link import LINK_COLUMNS

    linked = reference.link(source, top=args.top, threshold=args.threshold,
                            format=args.input_format, columns=_columns(args),
                            model=args.model)
    of_mention = {k.mention: k for k in linked.links}
    why = {s.row: s.reason for s in linked.skipped}
    added = [c for c in LINK_COLUMNS if c not in ("mention", "name")] + ["skipped"]

    def results(row: int, mid: str) -> list[dict[str, Any]]:
        link = of_mention.get(mid) if row not in why else None
        if link is None:
            return []
        return [{**r, "skipped": ""} for r in link.rows(explain=args.explain)]

    _joined(source, args, why, results, added, args.output, _format_of(args.output))
    if not args.quiet:
        _report_skipped(reference.skipped, sys.stderr, f"the reference {args.reference}")
        _report_skipped(linked.skipped, sys.stderr, "the mentions" if reference.skipped else "")
    matched = sum(k.matched for k in linked.links)
    skipped = len(reference.skipped) + len(linked.skipped)
    print(f"namematch: {len(linked.links):,} mentions, {matched:,} matched a reference entity "
          f"at {args.threshold:g}; skipped rows: {len(linked.skipped):,} of the mentions, "
          f"{len(reference.skipped):,} of the reference list", file=sys.stderr)
    if args.max_skipped is not None and skipped > args.max_skipped:
        print(f"namematch: {skipped:,} rows skipped, more than --max-skipped "
              f"{args.max_skipped:,}", file=sys.stderr)
        return 1
    return 0 if linked.links else 1


def _cmd_search(args: argparse.Namespace) -> int:
    from namematch.link import LINK_COLUMNS
    from namematch.resolve import Resolver

    options = {"model": args.model} if args.model else {}
    with Resolver.open(_existing(args.store), **options) as resolver:
        found = [resolver.search(name, kind=args.type, top=args.top, threshold=args.threshold)
                 for name in args.names]
    rows = [row for link in found for row in link.rows(explain=args.explain)]
    _write_table(rows, LINK_COLUMNS, args.output, _format_of(args.output))
    return 0 if any(link.matched for link in found) else 1


def _existing(store: str) -> str:
    """A store that exists: reading one must not create it."""
    if not Path(store).is_file():
        raise InputError(f"{store}: no such store")
    return store


def _cmd_check(args: argparse.Namespace) -> int:
    from namematch.resolve import Resolver

    with Resolver.open(_existing(args.store), verify=False) as resolver:
        problems = resolver.check()
    for problem in problems:
        print(f"namematch: {args.store}: {problem}", file=sys.stderr)
    print(f"namematch: {args.store}: " + ("ok" if not problems else
                                          f"{len(problems)} problems"), file=sys.stderr)
    return 1 if problems else 0


def _columns(args: argparse.Namespace) -> dict[str, str] | None:
    """The --id-column, --name-column, --type-column, --doc-column given."""
    given = {f: getattr(args, f"{f}_column") for f in ("id", "name", "type", "doc")}
    return {f: c for f, c in given.items() if c} or None


def _input_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--input-format", choices=("csv", "jsonl", "parquet"), default=None,
                   help="input format (default: from the file's suffix; for -, Parquet by"
                   " its magic bytes, JSON lines when it starts with {, else CSV)")
    for field in ("id", "name", "type", "doc"):
        p.add_argument(f"--{field}-column", metavar="COLUMN",
                       help=f"the input's column that holds the {field} (default: {field})")


def _format_of(path: str | None) -> str:
    """The output format a file's suffix names (jsonl for stdout); InputError for a
    suffix that names none (x.xlsx was written as JSON lines)."""
    if not path:
        return "jsonl"
    suffix = Path(path).suffix.lower().lstrip(".")
    fmt = {"csv": "csv", "tsv": "tsv", "parquet": "parquet", "pq": "parquet", "jsonl": "jsonl",
           "ndjson": "jsonl", "json": "jsonl"}.get(suffix)
    if fmt is None:
        raise InputError(f"--output {path}: no output format has the suffix {suffix!r}; "
                         "name the file .csv, .tsv, .jsonl or .parquet (resolve: or give "
                         "--format; without --output rows go to stdout as JSON lines)")
    return fmt


def _report_skipped(skipped: Sequence[Any], stream: TextIO, where: str = "") -> None:
    """The first skipped rows one by one, then how many more for each reason (a retried
    file already in the store is one line, not one per row); ``where``: the file they
    are rows of, when a command reads two (link: the reference list and the mentions)."""
    of = f" of {where}" if where else ""
    for s in skipped[:SKIPPED_SHOWN]:
        print(f"namematch: skipped row {s.row}{of} ({_shown(s.id or 'no id')}): {s.reason}",
              file=stream)
    rest = Counter(_reason_kind(s.reason) for s in skipped[SKIPPED_SHOWN:])
    for reason, n in rest.most_common():
        print(f"namematch: skipped {n:,} more rows{of}: {reason}", file=stream)


def _reason_kind(reason: str) -> str:
    """A reason without the row's own value (id 'x' is already in the store)."""
    return re.sub(r"'[^']*'|\d+", "…", reason)


def _shown(text: str) -> str:
    """Text safe to print on a terminal: control characters (escape sequences) as '?'."""
    return "".join(c if c.isprintable() else "?" for c in text)


def _cell(value: Any) -> Any:
    """A CSV cell a spreadsheet will not run as a formula (=HYPERLINK(...), +, -, @)."""
    return f"'{value}" if isinstance(value, str) and value[:1] in ("=", "+", "-", "@") else value


RESULT_COLUMNS = ("entity", "canonical", "confidence", "skipped")
"""What resolve adds to each input row."""

INPUT_FIELDS = ("id", "name", "type", "doc")


def _write_rows(result: Any, source: str, args: argparse.Namespace, path: str | None,
                fmt: str, stored: dict[str, Any]) -> None:
    """One row per input row, in input order: the row's own columns (id, name, type, doc
    and any other) beside entity, canonical, confidence, or why it was skipped.  A row
    already in the store (a retried file) gets its ``stored`` assignment."""
    from namematch.store import ALREADY_STORED

    found = result.assignments
    why = {s.row: s.reason for s in result.skipped}

    def results(row: int, mid: str) -> list[dict[str, Any]]:
        a = None
        if row not in why:
            with contextlib.suppress(KeyError):
                a = found.of(mid)
        elif why[row].endswith(ALREADY_STORED):
            a = stored.get(mid)
        if a is None:
            return []
        return [{"type": a.kind, "entity": a.entity, "canonical": a.canonical,
                 "confidence": a.confidence, "skipped": ""}]  # type: the one resolved

    _joined(source, args, why, results, RESULT_COLUMNS, path, fmt)


def _joined(source: str, args: argparse.Namespace, why: dict[int, str],
            results: Any, added: Sequence[str], path: str | None, fmt: str) -> None:
    """Write each input row (read a second time: its other columns are not kept through
    resolution or linking) beside the rows ``results(row, id)`` gives for it, one output
    row each, or one row saying why it was skipped (keeping its columns).  An input column
    named like one of ``added`` comes out as input_<name>."""
    from namematch.mentions import raw_records, record_id

    # the added columns from the start: an input of no rows still writes them (a header)
    table: dict[str, list[Any]] = {f: [] for f in (*INPUT_FIELDS, *added)}
    n = 0

    def put(field: str, value: Any) -> None:
        column = table.get(field)
        if column is None:  # a column first seen on a later row
            column = table[field] = [None] * n
        column.append(value)

    for row, record in raw_records(source, format=args.input_format, columns=_columns(args)):
        values: dict[str, Any] = {}
        got: list[dict[str, Any]] = []
        if isinstance(record, dict):  # else a row its reader could not read
            values = {("type" if k == "kind" else k): v for k, v in record.items()}
            got = results(row, record_id(values.get("id")))
            if not got and row not in why:  # never a row written as lost while exit 0
                raise NamematchError(f"row {row}: read and kept, but no result joins it"
                                     " back (please report this)")
        for out in got or [{"skipped": f"row {row}: {why.get(row, 'not read')}"}]:
            # an input field the result restates (the type resolved) takes the result's
            merged = {**values, **{k: out[k] for k in INPUT_FIELDS if k in out}}
            for k, v in merged.items():
                put(f"input_{k}" if k in added and k not in INPUT_FIELDS else k, v)
            for k in added:
                put(k, out.get(k))
            n += 1
            for column in table.values():  # a column this row did not have
                if len(column) < n:
                    column.append(None)
    fields = [*(f for f in table if f not in added), *added]
    _write_columns(table, fields, n, path, fmt)


def _write_table(rows: Sequence[dict[str, Any]], fields: Sequence[str], path: str | None,
                 fmt: str) -> None:
    """Rows as CSV, TSV, JSONL (empty values left out) or Parquet, to ``path`` or stdout."""
    _write_columns({f: [r[f] for r in rows] for f in fields}, fields, len(rows), path, fmt)


def _write_columns(table: dict[str, list[Any]], fields: Sequence[str], n: int,
                   path: str | None, fmt: str) -> None:
    """``n`` rows held as columns, written as :func:`_write_table` says."""
    if fmt == "parquet":
        if not path:
            raise InputError("Parquet output needs --output FILE")
        pa = require("pyarrow")
        arrays = {}
        for f in fields:
            try:
                arrays[f] = pa.array(table[f])
            except (pa.ArrowInvalid, pa.ArrowTypeError):  # an input column of mixed types
                arrays[f] = pa.array([None if v is None else str(v) for v in table[f]])
        require("pyarrow.parquet").write_table(pa.table(arrays), path)
        return
    out = open(path, "w", encoding="utf-8", newline="") if path else sys.stdout  # noqa: SIM115
    columns = [table[f] for f in fields]
    try:
        if fmt in ("csv", "tsv"):
            writer = csv.writer(out, delimiter="\t" if fmt == "tsv" else ",")
            writer.writerow(fields)
            writer.writerows([_cell("" if c[i] is None else c[i]) for c in columns]
                             for i in range(n))
        else:
            for i in range(n):
                record = {f: c[i] for f, c in zip(fields, columns, strict=True)
                          if c[i] not in ("", None)}
                out.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
    finally:
        if path:
            out.close()


def _cmd_entities(args: argparse.Namespace) -> int:
    from namematch.resolve import Resolver
    from namematch.results import ENTITY_COLUMNS, entity_rows

    with Resolver.open(_existing(args.store)) as resolver:
        columns = entity_rows(list(resolver.entities()))
    rows = [dict(zip(ENTITY_COLUMNS, values, strict=True))
            for values in zip(*(columns[c] for c in ENTITY_COLUMNS), strict=True)]
    _write_table(rows, ENTITY_COLUMNS, args.output, _format_of(args.output))
    return 0


def _cmd_merges(args: argparse.Namespace) -> int:
    from namematch.resolve import Resolver

    with Resolver.open(_existing(args.store)) as resolver:
        rows = [{"batch": m.batch, "from": m.from_id, "into": m.into_id, "at": m.at}
                for m in resolver.merges()]
    _write_table(rows, ("batch", "from", "into", "at"), args.output, _format_of(args.output))
    return 0


DOCS_SHOWN = 3
"""Document ids the entity table shows per entity (then how many more)."""


def _print_entities(resolver: Any, stream: TextIO) -> None:
    print("entities, most mentioned first: id, type, confidence (that it is one real person"
          " or place), documents that mention it, canonical name <- variants (mentions);"
          " then the first documents", file=stream)
    print(f"{'entity':<9} {'type':<6} {'conf':>5} {'docs':>5}  canonical  <-  variants"
          " (mentions)  [documents]", file=stream)
    for e in most_mentioned(resolver.entities()):
        variants = "; ".join(f"{_shown(name)} ({n})" for name, n in e.variants)
        docs = sorted({m.doc for m in e.members if m.doc is not None})
        more = f" +{len(docs) - DOCS_SHOWN}" if len(docs) > DOCS_SHOWN else ""
        shown = f"  [{', '.join(_shown(d) for d in docs[:DOCS_SHOWN])}{more}]" if docs else ""
        print(f"{e.id:<9} {e.kind:<6} {e.confidence:5.2f} {len(docs):>5}  "
              f"{_shown(e.canonical)}  <-  {variants}{shown}", file=stream)


def _cmd_calibrate(args: argparse.Namespace) -> int:
    from namematch.calibrate import read_pairs, write_model

    if args.pairs and (args.stream or args.exclude_system):
        raise InputError("--stream and --exclude-system fit the generated population and a"
                         " stream, --pairs fits yours alone: give one or the other")
    if args.exclude_system and not args.stream:
        raise InputError("--exclude-system leaves a system out of the stream: give --stream")
    pairs = read_pairs(args.pairs) if args.pairs else None
    try:
        # the membership calibration is of the bundled population: not for your pairs
        doc = write_model(args.out, args.seed, pairs=pairs,
                          membership=not (args.no_membership or pairs), stream=args.stream,
                          exclude_systems=args.exclude_system)
    except ImportError as exc:  # a synthetic stream needs the bench extra's name lists
        raise InputError(f"{exc} (install namematch-translit[bench]"
                         f"{'' if args.stream else ', or give --no-membership'})") from exc
    for kind in ("person", "place"):
        d = doc[kind]
        if d.get("fitted") is False:
            print(f"{kind}: no pairs of this kind; the bundled {kind} model is kept")
            continue
        print(
            f"{kind}: fit on {d['fit_pairs']} pairs; held-out {d['heldout_pairs']} pairs: "
            f"ECE {d['heldout_ece']:.4f}, AUC {d['heldout_auc']:.4f}"
        )
    print(f"wrote {args.out}")
    return 0


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from namematch.evaluate import (
        blocking_metrics,
        cluster_metrics,
        read_mentions,
        score_mention_pairs,
    )
    from namematch.resolve import resolve

    gold = read_mentions(args.gold)
    bm = blocking_metrics(gold)
    print(
        f"blocking over {bm.names} distinct names: {bm.candidate_pairs} candidate pairs of "
        f"{bm.all_pairs}; recall of gold's {bm.gold_pairs} same-entity name pairs "
        f"{bm.recall:.4f}"
    )
    metrics, errors = score_mention_pairs(gold, args.threshold, model=args.model)
    res = resolve(gold, threshold=args.threshold, model=args.model)
    cm = cluster_metrics({a.mention: a.entity for a in res.assignments},
                         {str(r["id"]): str(r["entity"]) for r in gold})
    print(
        f"clusters over {cm.mentions} mentions: pairwise P {cm.pairwise_precision:.4f} "
        f"R {cm.pairwise_recall:.4f} F1 {cm.pairwise_f1:.4f}; B-cubed P "
        f"{cm.bcubed_precision:.4f} R {cm.bcubed_recall:.4f} F1 {cm.bcubed_f1:.4f}"
    )
    print(
        f"pairs {metrics.pairs} (matches {metrics.positives}): ROC-AUC {metrics.auc:.4f}, "
        f"precision {metrics.precision:.4f}, recall {metrics.recall:.4f}, "
        f"F1 {metrics.f1:.4f} at threshold {metrics.threshold}"
    )
    if args.errors:
        for a, b in bm.missed:
            print(f"  not blocked  {a} | {b}")
        for a, b, p, same in sorted(errors, key=lambda e: e[2]):
            print(f"  {'missed' if same else 'wrong '} {p:.3f}  {a} | {b}")
    return 0


def _explain_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--explain", action="store_true",
                   help="fill the explanation column: the evidence for and against each"
                   " candidate")


def _model_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", default=None, metavar="FILE",
                   help="score with this model (written by `namematch calibrate --out`;"
                   " default: the bundled one)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``namematch`` command."""
    parser = argparse.ArgumentParser(prog="namematch", description=__doc__)
    parser.add_argument("--version", action="version", version=f"namematch {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("resolve", help="resolve mentions (CSV/JSONL) into entities")
    p.add_argument("input", help="CSV (, ; tab or |), JSONL or Parquet with columns id, name,"
                   " optional type, doc; - reads standard input")
    p.add_argument("--output", help="write rows here (default: stdout)")
    p.add_argument("--store", help="SQLite store to add this batch to (default: in memory)")
    p.add_argument("--format", choices=("jsonl", "csv", "tsv", "parquet"), default=None,
                   help="output format (default: from --output's suffix, else jsonl)")
    p.add_argument("--threshold", type=float, default=None,
                   help="join names whose evidence reaches this score (default 0.5, or the"
                   " threshold the --store was created with)")
    p.add_argument("--max-skipped", type=int, default=None, metavar="N",
                   help="exit 1 when more than N rows are skipped (default: no limit);"
                   " nothing resolved always exits 1")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="no line per skipped row (the summary line stays)")
    p.add_argument("--lock-timeout", type=float, default=60.0, metavar="SECONDS",
                   help="how long to wait while another process writes the --store (60)")
    _input_options(p)
    p.add_argument("--entities", action="store_true",
                   help="print the entities with their variants (mention rows then go"
                   " only to --output)")
    p.add_argument("--progress", action="store_true",
                   help="draw the progress bar even when stderr is not a terminal (there:"
                   " a plain line every 10 s; --quiet: none)")
    for rule, what in (("must", "are one entity"), ("cannot", "are different entities")):
        p.add_argument(f"--{rule}-link", default=None, metavar="FILE",
                       help=f"pairs of mention ids that {what} (CSV/TSV with a header, or"
                       " JSONL); kept in the --store for later batches")
    p.add_argument("--engine", choices=("local", "spark"), default="local",
                   help="local: this process and its cores (default); spark: Apache Spark"
                   " (pip install 'namematch-translit[spark]', Java 17)")
    p.add_argument("--spark-master", default="local[*]", metavar="URL",
                   help="the Spark master for --engine spark (default local[*])")
    _model_option(p)
    p.set_defaults(func=_cmd_resolve)
    p = sub.add_parser("link", help="link mentions against a reference list: the top"
                       " reference entities of each mention with scores, or no match")
    p.add_argument("input", help="mentions: CSV, JSONL or Parquet with id, name, optional type")
    p.add_argument("--reference", required=True,
                   help="the reference list: id, name, optional type; a repeated id is an"
                   " alias of one entity")
    p.add_argument("--top", type=int, default=3, help="reference entities per mention (3)")
    p.add_argument("--threshold", type=float, default=0.5,
                   help="score from which the best is a match (0.5)")
    p.add_argument("--output", help="write rows here (format from the suffix; default stdout)")
    p.add_argument("-q", "--quiet", action="store_true", help="no line per skipped row")
    p.add_argument("--max-skipped", type=int, default=None, metavar="N",
                   help="exit 1 when more than N rows are skipped (default: no limit);"
                   " no mention read always exits 1")
    _explain_option(p)
    _input_options(p)
    _model_option(p)
    p.set_defaults(func=_cmd_link)
    p = sub.add_parser("search", help="search names in a store: the top stored entities of"
                       " each, with scores (exit 1 when none matched)")
    p.add_argument("store", help="the SQLite store")
    p.add_argument("names", nargs="+", metavar="NAME", help="the names to look up")
    p.add_argument("--type", choices=("person", "place"), default=None,
                   help="what the names name (default: look among people and places)")
    p.add_argument("--top", type=int, default=3, help="entities per name (3)")
    p.add_argument("--threshold", type=float, default=None,
                   help="score from which the best is a match (default: the store's)")
    p.add_argument("--output", help="write rows here (format from the suffix; default:"
                   " JSONL on stdout)")
    _explain_option(p)
    _model_option(p)
    p.set_defaults(func=_cmd_search)
    for command, func, what in (
            ("entities", _cmd_entities, "export a store's entities, most mentioned first"),
            ("merges", _cmd_merges, "export a store's merges: which entity became which, in"
             " which batch, when")):
        p = sub.add_parser(command, help=what)
        p.add_argument("store", help="the SQLite store")
        p.add_argument("--output", help="CSV, TSV, JSONL or Parquet by suffix (default:"
                       " JSONL on stdout)")
        p.set_defaults(func=func)
    p = sub.add_parser("check", help="check a store: SQLite's integrity and namematch's"
                       " invariants (exit 1 when something is wrong)")
    p.add_argument("store", help="the SQLite store")
    p.set_defaults(func=_cmd_check)
    p = sub.add_parser("compare", help="score two names and explain the score")
    p.add_argument("a", help="one name (any script or romanization)")
    p.add_argument("b", help="the other name")
    p.add_argument("--type", choices=("person", "place"), default=None,
                   help="what the names name (default: inferred)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    _model_option(p)
    p.set_defaults(func=_cmd_compare)
    p = sub.add_parser("examples", help="score the bundled example pairs with explanations")
    p.add_argument("--json", action="store_true", help="print one JSON object per pair")
    p.set_defaults(func=_cmd_examples)
    p = sub.add_parser("calibrate", help="rebuild labelled pairs, refit, write the model")
    p.add_argument("--out", required=True,
                   help="where to write the model (the bundled one is data/model.json of a"
                   " source checkout; nothing is overwritten unless named here)")
    p.add_argument("--seed", type=int, default=20261121,
                   help="seed of the generated population and of the held-out split")
    p.add_argument("--no-membership", action="store_true",
                   help="leave out the membership calibration (it needs the bench extra)")
    p.add_argument("--pairs", default=None, metavar="FILE",
                   help="fit on your labelled pairs instead of the generated population:"
                   " JSONL or CSV with a, b, same, optional kind and group (a kind with no"
                   " pair keeps the bundled model)")
    p.add_argument("--stream", action="store_true",
                   help="add the candidate pairs of a realistic stream (public name lists"
                   " through 49 real romanization systems; needs the bench extra), and fit"
                   " short forms apart on them: probabilities calibrated for a stream of"
                   " people, where the bundled model's are name evidence (docs/scoring.md)")
    p.add_argument("--exclude-system", action="append", default=[], metavar="SYSTEM",
                   help="leave this romanization system out of the stream (repeatable; the"
                   " leave-one-system-out check of benchmarks/bench_calibration.py)")
    p.set_defaults(func=_cmd_calibrate)
    p = sub.add_parser("evaluate", help="pair and cluster metrics on labelled mentions (JSONL)")
    p.add_argument("gold", help="JSONL with id, name, type, entity")
    p.add_argument("--threshold", type=float, default=0.5,
                   help="the decision threshold of pairs and of clustering (0.5)")
    p.add_argument("--errors", action="store_true", help="list the wrong decisions")
    _model_option(p)
    p.set_defaults(func=_cmd_evaluate)
    return parser


def _check_outputs(args: argparse.Namespace) -> None:
    """InputError before any work when a file the command will write has no directory to
    go in (else an hour's resolution ends in a traceback from the writer)."""
    for option in ("output", "out"):
        path = getattr(args, option, None)
        if isinstance(path, str) and path not in ("", "-"):
            parent = Path(path).resolve().parent
            if not parent.is_dir():
                raise InputError(f"--{option} {path}: the directory {parent} does not exist")
            if Path(path).is_dir():
                raise InputError(f"--{option} {path} is a directory: name a file in it")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``namematch`` console script."""
    args = build_parser().parse_args(argv)
    try:
        _check_outputs(args)
        return int(args.func(args))
    except NamematchError as exc:
        message = str(exc)
        for spooled in _SPOOLED:  # the user gave standard input, not our temporary file
            message = message.replace(spooled, "standard input")
        print(f"namematch: {message}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head`: stop quietly, as Unix tools do
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
