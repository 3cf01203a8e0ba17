"""Link: mentions against a reference list (a gazetteer, a watch list, a register).

For each mention, the reference entities whose names could be its name, best first, with
calibrated scores; "no match" when even the best is under the threshold.  Reference ids
and spellings come back as given: a list is never renamed or merged (two listed people
stay two, whatever their names).  A reference id may have several names (aliases); a
mention meets each, and the entity's score is its best alias's.

Candidates come from the resolver's blocking keys (namematch.block) over the reference
names and the mentions' names together, so word order, romanization conventions and
typos meet as they do in resolution; the pairs are scored in bulk by
:class:`~namematch.scorer.Scorer`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs
import numpy as np
from rapidfuzz import fuzz, process
from unidecode import unidecode

from namematch.block import name_candidates
from namematch.compare import Explanation, compare
from namematch.errors import ROW_ERRORS, InputError
from namematch.mentions import Format, Skipped, read_plain
from namematch.model import DEFAULT_THRESHOLD, IDENTICAL_SCORE, ModelChoice, check_threshold
from namematch.parse import Kind, infer_kind
from namematch.results import require
from namematch.scorer import Scorer

TOP = 3
"""Reference entities kept per mention by default."""


@attrs.frozen
class Candidate:
    """An entity a mention may be: its id, the name (alias or stored spelling) that
    scored best, the score, and the entity's own name (a reference list's first name
    for the id; a store's canonical name)."""

    id: str
    name: str
    score: float
    canonical: str = ""
    kind: Kind = "person"


@attrs.frozen
class Link:
    """One mention and its candidates, best first (empty: no reference name was near)."""

    mention: str
    name: str
    candidates: tuple[Candidate, ...]
    threshold: float = DEFAULT_THRESHOLD
    model: ModelChoice = attrs.field(default=None, eq=False, repr=False)

    def explain(self, rank: int = 1) -> Explanation:
        """Why the candidate at ``rank`` (1 = best) scored what it did: compare()'s
        explanation of the mention's name against that candidate's name."""
        if not 1 <= rank <= len(self.candidates):
            raise InputError(f"rank {rank} is not among the {len(self.candidates)} candidates")
        c = self.candidates[rank - 1]
        return compare(self.name, c.name, kind=c.kind, model=self.model).explain()

    def rows(self, *, explain: bool = False) -> list[dict[str, Any]]:
        """One row per candidate, LINK_COLUMNS (reference: the reference id, or the
        store's entity id for Resolver.search); no candidate gives one row with an empty
        reference and no score.  ``explain``: the explanation column holds the evidence for and
        against (:meth:`explain`, one compare() per row); otherwise it is empty."""
        shown = self.candidates or (None,)
        return [{"mention": self.mention, "name": self.name, "rank": rank if c else 0,
                 "reference": c.id if c else "", "reference_name": c.name if c else "",
                 "canonical": c.canonical if c else "", "score": c.score if c else None,
                 "matched": self.matched and rank == 1,
                 "explanation": evidence(self.explain(rank)) if c and explain else ""}
                for rank, c in enumerate(shown, start=1)]

    @property
    def best(self) -> Candidate | None:
        """The best candidate, matched or not."""
        return self.candidates[0] if self.candidates else None

    @property
    def matched(self) -> bool:
        """Whether the best candidate reaches the threshold."""
        return bool(self.candidates) and self.candidates[0].score >= self.threshold


LINK_COLUMNS = ("mention", "name", "rank", "reference", "reference_name", "canonical", "score",
                "matched", "explanation")


@attrs.frozen
class Linked:
    """What :meth:`Reference.link` found: a link per mention read, and the skipped rows."""

    links: tuple[Link, ...]
    skipped: tuple[Skipped, ...]

    def __iter__(self) -> Iterator[Link]:
        return iter(self.links)

    def rows(self, *, explain: bool = False) -> list[dict[str, Any]]:
        """One row per (mention, candidate), LINK_COLUMNS (see :meth:`Link.rows`)."""
        return [row for k in self.links for row in k.rows(explain=explain)]

    def to_pandas(self, *, explain: bool = False) -> Any:
        """:meth:`rows` as a pandas DataFrame."""
        return require("pandas").DataFrame(self.rows(explain=explain),
                                           columns=list(LINK_COLUMNS))

    def to_arrow(self, *, explain: bool = False) -> Any:
        """:meth:`rows` as a pyarrow Table."""
        rows = self.rows(explain=explain)
        return require("pyarrow").table({c: [r[c] for r in rows] for c in LINK_COLUMNS})


def evidence(e: Explanation) -> str:
    """An explanation's evidence on one line: "+ for; - against", for a table cell."""
    return "; ".join([*(f"+ {t}" for t in e.supporting), *(f"- {t}" for t in e.against)])


def _read_typed(source: object, format: Format | None, columns: Mapping[str, str] | None,
                *, unique_ids: bool) -> tuple[list[tuple[str, str, Kind]], list[Skipped]]:
    """(id, name, kind) rows read from ``source``, the kind inferred when not given (the
    rule of parse.infer_kind), and the skipped rows (a name that cannot be read too)."""
    rows: list[tuple[str, str, Kind]] = []
    skipped: list[Skipped] = []
    for row, item in read_plain(source, format=format, unique_ids=unique_ids,
                                columns=columns):
        if isinstance(item, Skipped):
            skipped.append(item)
            continue
        try:
            rows.append((item[0], item[1], item[2] or infer_kind(item[1])))
        except ROW_ERRORS as exc:
            skipped.append(Skipped(row, item[0], f"unusable name: {type(exc).__name__}"))
    return rows, skipped


class Reference:
    """A reference list: (id, name, kind) rows; repeated ids are aliases of one entity."""

    def __init__(self, rows: Sequence[tuple[str, str, Kind]],
                 skipped: Sequence[Skipped] = ()) -> None:
        if not rows:
            raise InputError("the reference list holds no usable row")
        self.rows = tuple(rows)
        self.skipped = tuple(skipped)

    @classmethod
    def read(cls, source: object, *, format: Format | None = None,
             columns: Mapping[str, str] | None = None) -> Reference:
        """A reference list from anything :func:`namematch.read_mentions` reads (columns id,
        name, optional type: missing is a person); bad rows are kept in ``skipped``."""
        return cls(*_read_typed(source, format, columns, unique_ids=False))

    def link(self, mentions: object, *, top: int = TOP, threshold: float = DEFAULT_THRESHOLD,
             format: Format | None = None, columns: Mapping[str, str] | None = None,
             model: ModelChoice = None) -> Linked:
        """The top ``top`` reference entities of each mention (anything read_mentions
        reads, or plain name strings), best first; ``model``: the bundled scoring model,
        or yours (namematch.model.ModelChoice)."""
        check_top(top)
        check_threshold(threshold)
        source = ([{"id": str(i), "name": s} for i, s in enumerate(mentions, start=1)]
                  if isinstance(mentions, list | tuple) and all(isinstance(m, str)
                                                                 for m in mentions)
                  else mentions)
        queries, skipped = _read_typed(source, format, columns, unique_ids=True)
        found = self._candidates({(k, n) for _, n, k in queries}, top, Scorer(
            on_error="nan", model=model))
        links = tuple(Link(mid, name, found.get((kind, name), ()), threshold, model)
                      for mid, name, kind in queries)
        return Linked(links, tuple(skipped))

    def _candidates(self, wanted: set[tuple[Kind, str]], top: int, scorer: Scorer
                    ) -> dict[tuple[Kind, str], tuple[Candidate, ...]]:
        """Per distinct (kind, name) asked for: its best reference entities."""
        ids_of: dict[tuple[Kind, str], list[str]] = defaultdict(list)
        for rid, name, kind in self.rows:
            ids_of[(kind, name)].append(rid)
        distinct = sorted(set(ids_of) | wanted)
        ia, ib, _ = name_candidates([k for k, _ in distinct], [n for _, n in distinct])
        best: dict[tuple[Kind, str], dict[str, Candidate]] = defaultdict(dict)

        first_name: dict[str, str] = {}
        for rid, name, _ in self.rows:
            first_name.setdefault(rid, name)

        def offer(query: tuple[Kind, str], ref: tuple[Kind, str], score: float) -> None:
            for rid in ids_of[ref]:
                held = best[query].get(rid)
                if held is None or score > held.score:
                    best[query][rid] = Candidate(rid, ref[1], score, first_name[rid], ref[0])

        for q in wanted:  # a mention written as a reference name is that name
            if q in ids_of:
                offer(q, q, IDENTICAL_SCORE)
        a, b = ia.tolist(), ib.tolist()
        cross = [(x, y) for x, y in zip(a, b, strict=True)
                 if (distinct[x] in wanted and distinct[y] in ids_of)
                 or (distinct[y] in wanted and distinct[x] in ids_of)]
        for kind in ("person", "place"):
            pairs = [(x, y) for x, y in cross if distinct[x][0] == kind]
            if not pairs:
                continue
            scores = scorer.score_pairs([distinct[x][1] for x, _ in pairs],
                                        [distinct[y][1] for _, y in pairs], kind=kind)
            for (x, y), s in zip(pairs, scores.tolist(), strict=True):
                if np.isnan(s):
                    continue
                for q, r in ((distinct[x], distinct[y]), (distinct[y], distinct[x])):
                    if q in wanted and r in ids_of:
                        offer(q, r, round(float(s), 6))
        # a mention no key brought near any listed name still gets its best score: the
        # listed names nearest in letters are scored ("no match, best 0.12 for ...")
        for kind in ("person", "place"):
            alone = sorted(q for q in wanted if q[0] == kind and q not in best)
            refs = [r for r in ids_of if r[0] == kind]
            if not alone or not refs:
                continue
            near = nearest_in_letters([n for _, n in alone], [n for _, n in refs], NEAREST)
            pairs = [(q, refs[j]) for q, js in zip(alone, near, strict=True) for j in js]
            scores = scorer.score_pairs([q[1] for q, _ in pairs], [r[1] for _, r in pairs],
                                        kind=kind)
            for (q, r), s in zip(pairs, scores.tolist(), strict=True):
                if not np.isnan(s):
                    offer(q, r, round(float(s), 6))
        return {q: best_first(c.values(), top) for q, c in best.items()}


NEAREST = 20
"""Names nearest in letters scored for a mention blocking brought near none."""

NEAREST_CELLS = 6_250_000
"""Query-by-name similarity cells computed at once by :func:`nearest_in_letters` (50 MB of
float64: rapidfuzz's own scores, so ties fall as process.extract lets them)."""


def nearest_in_letters(queries: Sequence[str], names: Sequence[str], top: int
                       ) -> list[list[int]]:
    """Per query, the indices of the ``top`` names nearest in letters (rapidfuzz's token
    sort ratio over ASCII-folded lower case, in bulk), nearest first, ties to the earlier
    name (as rapidfuzz.process.extract orders them): where blocking found nothing to
    score, or too much, the next best thing to know which names are near."""
    if not names:
        return [[] for _ in queries]
    q = [unidecode(x).lower() for x in queries]
    c = [unidecode(x).lower() for x in names]
    k = min(top, len(c))
    step = max(1, NEAREST_CELLS // len(c))
    out: list[list[int]] = []
    for start in range(0, len(q), step):
        sim = process.cdist(q[start:start + step], c, scorer=fuzz.token_sort_ratio,
                            dtype=np.float64, workers=-1)
        for row in sim:
            # the k-th best similarity; of the names at it, the earliest fill up to k
            at = row[np.argpartition(-row, k - 1)[k - 1]]
            above = np.flatnonzero(row > at)
            chosen = np.concatenate([above, np.flatnonzero(row == at)[: k - len(above)]])
            out.append(chosen[np.lexsort((chosen, -row[chosen]))].tolist())
    return out


def best_first(candidates: Iterable[Candidate], top: int) -> tuple[Candidate, ...]:
    """The ``top`` best candidates, best first (ties by id)."""
    return tuple(sorted(candidates, key=lambda c: (-c.score, c.id))[:top])


def check_top(top: object) -> int:
    """``top`` if a whole number of at least 1, else InputError."""
    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise InputError(f"top must be a whole number of at least 1, not {top!r}")
    return top
