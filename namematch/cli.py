"""The ``namematch`` command: compare names, score the bundled examples, refit the model."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from namematch.compare import compare
from namematch.errors import NamematchError
from namematch.parse import Kind
from namematch.tables import load_table, one_of


def _print_comparison(a: str, b: str, kind: Kind | None, as_json: bool) -> None:
    result = compare(a, b, kind=kind)
    if as_json:
        print(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        print(f"{a}  vs  {b}")
        print(result.explain())
        print()


def _cmd_compare(args: argparse.Namespace) -> int:
    _print_comparison(args.a, args.b, args.type, args.json)
    return 0


def _cmd_examples(args: argparse.Namespace) -> int:
    rows = load_table(
        "examples/pairs.tsv", ("a", "b", "kind"), {"kind": one_of("person", "place")}
    )
    for row in rows:
        kind: Kind = "place" if row["kind"] == "place" else "person"
        _print_comparison(row["a"], row["b"], kind, args.json)
    return 0


def _cmd_calibrate(args: argparse.Namespace) -> int:
    from namematch.calibrate import write_model

    doc = write_model(args.out, args.seed)
    for kind in ("person", "place"):
        d = doc[kind]
        print(
            f"{kind}: fit on {d['fit_pairs']} pairs; held-out {d['heldout_pairs']} pairs: "
            f"ECE {d['heldout_ece']:.4f}, AUC {d['heldout_auc']:.4f}"
        )
    print(f"wrote {args.out}")
    return 0


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from namematch.evaluate import read_mentions, score_mention_pairs

    metrics, errors = score_mention_pairs(read_mentions(args.gold), args.threshold)
    print(
        f"pairs {metrics.pairs} (matches {metrics.positives}): ROC-AUC {metrics.auc:.4f}, "
        f"precision {metrics.precision:.4f}, recall {metrics.recall:.4f}, "
        f"F1 {metrics.f1:.4f} at threshold {metrics.threshold}"
    )
    if args.errors:
        for a, b, p, same in sorted(errors, key=lambda e: e[2]):
            print(f"  {'missed' if same else 'wrong '} {p:.3f}  {a} | {b}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``namematch`` command."""
    parser = argparse.ArgumentParser(prog="namematch", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("compare", help="score two names and explain the score")
    p.add_argument("a")
    p.add_argument("b")
    p.add_argument("--type", choices=("person", "place"), default=None,
                   help="what the names name (default: inferred)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=_cmd_compare)
    p = sub.add_parser("examples", help="score the bundled example pairs with explanations")
    p.add_argument("--json", action="store_true", help="print one JSON object per pair")
    p.set_defaults(func=_cmd_examples)
    p = sub.add_parser("calibrate", help="rebuild labelled pairs, refit, write the model")
    p.add_argument("--out", default="data/model.json")
    p.add_argument("--seed", type=int, default=20261121)
    p.set_defaults(func=_cmd_calibrate)
    p = sub.add_parser("evaluate", help="pairwise metrics on labelled mentions (JSONL)")
    p.add_argument("gold", help="JSONL with id, name, type, entity")
    p.add_argument("--threshold", type=float, default=0.5)
    p.add_argument("--errors", action="store_true", help="list the wrong decisions")
    p.set_defaults(func=_cmd_evaluate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``namematch`` console script."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except NamematchError as exc:
        print(f"namematch: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head`: stop quietly, as Unix tools do
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
