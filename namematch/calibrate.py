"""Calibration: build labelled pairs reproducibly, fit the logistic model, write data/.

The pairs come from a simulated news archive.  A population of people is drawn from
data/calibration_names.tsv (Cyrillic given names, surnames, places; none from the seed
articles), surnames follow a Zipf law (a few are very common), and each mention renders
the person through one of the romanization systems of data/cyrillic.tsv in one of the
forms news uses: full name, bare surname, one or two initials and surname, with title, possessive,
reordered, with patronymic, rarely de-Russified (-ov -> -zoda), with a typo.  Pairs are
drawn the way blocking would propose them:

* one person, two mentions: positives;
* within a surname block: two mentions of different people, so a bare common surname
  is sometimes another person and a bare rare surname rarely is;
* the other family of one stem (Nazarov vs Nazarzoda, both real families): negatives;
* near-spelling surnames of different people (Karimov/Khalimov): hard negatives;
* one given name with other surnames (many men are called Abdullo): hard negatives;
* random pairs: easy negatives.

The bundled model is fitted on that population alone, so no system of namematch.synthetic
(public name lists through the iuliia schemas, national Latin alphabets and
European-language conventions) is in its fit: benchmarks/bench_calibration.py scores
that stream's candidate pairs system by system, a check on systems the fit never saw.
``calibrate(stream=True)`` adds pairs of such a stream (:func:`stream_pairs`), with a
system left out, so the bench can show what fitting on real systems would change
(docs/scoring.md: better AUC and ECE on those pairs, worse on the hard cases the
generated population is built for, Marina ~ Maria; not bundled).

Places work the same way with feature words (River, Valley, Gorno-...) and endings.  The
model is an L2-regularised logistic regression per kind (Newton's method, numpy) whose
score goes through an isotonic map fitted on the same pairs (pairs with a contradiction
on a map of their own), so its probabilities are calibrated for that population.  ECE and
AUC on pairs of held-out blocks (never seen in fitting) go into data/model.json and are
checked by the tests.
"""

from __future__ import annotations

import json
import random
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import attrs
import numpy as np
from rapidfuzz.distance import Indel

from namematch.errors import InputError
from namematch.evaluate import expected_calibration_error, roc_auc
from namematch.features import FEATURES
from namematch.model import MODEL_FILE, SEGMENTS, conflicted, kind_model, segment_columns
from namematch.parse import Kind
from namematch.scorer import Scorer
from namematch.tables import load_table, one_of
from namematch.translit import SYSTEMS, fold, given_key, romanize

SEED = 20261121
SCRIPT = "cyrillic"
"""A mention may keep its original script instead of being romanized."""

_TITLES = ("President", "General", "Maj. Gen.", "Defense Minister", "Mr.", "Colonel",
           "Deputy Minister", "Tajik President", "Gen.")
_PLACE_WORDS = {
    "river": ("River", "Darya", "river"), "valley": ("Valley", "valley", "Vodii"),
    "gorge": ("Gorge", "Canyon"), "region": ("Province", "Region", "Oblast", "Autonomous Region"),
    "mountain": ("Mountains", "Range"), "lake": ("Lake",), "sea": ("Sea",), "city": ("City",),
    "country": ("Republic",),
}


@attrs.frozen
class Person:
    pid: int
    given: str
    father: str
    surname: str  # masculine Cyrillic form
    female: bool


@attrs.frozen
class LabelledPair:
    a: str
    b: str
    same: bool
    block: str
    kind: Kind
    realistic: bool = False
    """Drawn from a stream's candidate pairs (:func:`stream_pairs`), at the rate the
    resolver meets them, not built half one person and half not."""


@cache
def source_names() -> dict[str, list[tuple[str, str]]]:
    """Cyrillic source names by role: given_m, given_f, surname, place (with class)."""
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in load_table(
        "calibration_names.tsv",
        ("name", "role", "class"),
        {"role": one_of("given_m", "given_f", "surname", "place")},
    ):
        out[r["role"]].append((r["name"], r["class"]))
    return dict(out)


def feminine(surname: str) -> str:
    """A Russian surname's feminine form (Назаров -> Назарова); others as they are."""
    for end in ("ов", "ев", "ин", "ёв"):
        if surname.endswith(end):
            return surname + "а"
    return surname


def patronymic(father: str, female: bool) -> str:
    """The Russian patronymic (Cyrillic) of a father's given name: Иван -> Иванович,
    Ивановна; Андрей -> Андреевич."""
    stem = father.rstrip("йьаи")
    if father.endswith(("й", "ь", "и")):
        return stem + ("евна" if female else "евич")
    return stem + ("овна" if female else "ович")


def _derussify(surname: str) -> str:
    for end in ("ов", "ев"):
        if surname.endswith(end) and len(surname) > 4:
            return surname[: -len(end)] + "зода"
    return surname


_ZODA_FORMS = ("зода", "зод", "заде", "задэ")
"""Spellings of the Tajik/Persian -zoda ending news uses for one family name."""


def _ending_variant(rng: random.Random, surname: str) -> str:
    if surname.endswith("зода") and rng.random() < 0.3:
        return surname[:-4] + rng.choice(_ZODA_FORMS)
    return surname


def _typo(rng: random.Random, s: str) -> str:
    letters = [i for i, c in enumerate(s) if c.isalpha()]
    if len(letters) < 5:
        return s
    i = rng.choice(letters[1:])
    op = rng.random()
    if op < 0.4:
        return s[:i] + rng.choice("aeioubdgklmnrstvz") + s[i + 1 :]
    if op < 0.7:
        return s[:i] + s[i + 1 :]
    if op < 0.85:
        return s[:i] + s[i] + s[i:]
    j = min(i + 1, len(s) - 1)
    return s[:i] + s[j] + s[i] + s[j + 1 :] if s[j].isalpha() else s


def _system(rng: random.Random) -> str:
    return rng.choice((*SYSTEMS, "bgn", "icao", SCRIPT))


def render(rng: random.Random, cyrillic: str, system: str | None = None) -> str:
    """Render a Cyrillic string in a system (random when None; may keep the script)."""
    system = system or _system(rng)
    return cyrillic if system == SCRIPT else romanize(cyrillic, system)


def random_people(rng: random.Random, n: int) -> list[Person]:
    """``n`` men of data/calibration_names.tsv, given name, father and surname drawn
    uniformly (the benchmarks' populations)."""
    names = source_names()
    return [Person(i, rng.choice(names["given_m"])[0], rng.choice(names["given_m"])[0],
                   rng.choice(names["surname"])[0], False) for i in range(n)]


def person_mention(rng: random.Random, p: Person, bare_ok: bool = True) -> str:
    """One news-like mention of a person (``bare_ok``: may be the bare surname)."""
    surname = feminine(p.surname) if p.female else p.surname
    if rng.random() < 0.015:  # the person took the Tajik form of the family name
        surname = _derussify(p.surname)
    surname = _ending_variant(rng, surname)
    given, pat = p.given, patronymic(p.father, p.female)
    form = rng.random()
    if form < 0.38:
        words = [given, surname]
    elif form < 0.62 and bare_ok:
        words = [surname]
    elif form < 0.62:
        words = [given, surname]
    elif form < 0.70:
        words = [given, pat, surname]
    elif form < 0.75:
        words = [surname, given]
    elif form < 0.78:
        words = [surname, given, pat]
    elif form < 0.89:
        words = [given[0] + ".", surname]
    else:  # given and patronymic initials, either order: I. O. Nalyvayko, Nalyvayko I. O.
        words = [given[0] + ".", pat[0] + ".", surname]
        if rng.random() < 0.4:
            words = words[-1:] + words[:-1]
    system = _system(rng)
    text = " ".join(render(rng, w, system) if not w.endswith(".")
                    else render(rng, w[0], system) + "." for w in words)
    if rng.random() < 0.10:
        text = _typo(rng, text)
    r = rng.random()
    if r < 0.12:
        text = f"{rng.choice(_TITLES)} {text}"
    elif r < 0.17:
        text += "'s"
    if rng.random() < 0.03:
        text = text.upper()
    return text


def place_mention(rng: random.Random, name: str, cls: str) -> str:
    """One mention of a place: core in some system, maybe a feature word or descriptor."""
    text = render(rng, name)
    if rng.random() < 0.10:
        text = _typo(rng, text)
    r = rng.random()
    if r < 0.3 and cls in _PLACE_WORDS:
        text = f"{text} {rng.choice(_PLACE_WORDS[cls])}"
    elif r < 0.38:
        text = f"{rng.choice(('Gorno-', 'Upper ', 'Northern ', 'Central '))}{text}"
    return text


def _zipf(rng: random.Random, n: int, s: float = 1.1) -> list[float]:
    ranks = list(range(1, n + 1))
    rng.shuffle(ranks)
    return [1.0 / r**s for r in ranks]


def person_pairs(rng: random.Random, n_people: int = 6000) -> list[LabelledPair]:
    """Labelled person pairs: one person twice, and different people with alike names."""
    names = source_names()
    male, female = names["given_m"], names["given_f"]
    surnames = [s for s, _ in names["surname"]]
    # Native -zoda families live beside -ov families of the same stem (Nazarov, Nazarzoda):
    # different people, so a de-Russified form is no proof of identity.
    surnames += [_derussify(s) for s in surnames if rng.random() < 0.6 and _derussify(s) != s]
    sweights = _zipf(rng, len(surnames), 0.8)
    people = []
    for pid in range(n_people):
        fem = rng.random() < 0.3
        given = rng.choice(female if fem else male)[0]
        people.append(Person(pid, given, rng.choice(male)[0],
                             rng.choices(surnames, sweights)[0], fem))
    blocks: dict[str, list[Person]] = defaultdict(list)
    for p in people:
        blocks[p.surname].append(p)
    pairs: list[LabelledPair] = []

    def add(p: Person, q: Person, block: str, bare_ok: bool = True) -> None:
        a, b = person_mention(rng, p, bare_ok), person_mention(rng, q, bare_ok)
        pairs.append(LabelledPair(a, b, p.pid == q.pid, block, "person"))

    for p in rng.sample(people, 5000):  # one person, two mentions
        add(p, p, p.surname)
    for surname, members in blocks.items():
        # different people sharing a surname: each names a given name or initial, but
        # a bare surname meets another bearer more often the commoner the surname is
        for _ in range(min(len(members) // 2, 40)):
            p, q = rng.sample(members, 2) if len(members) > 1 else (members[0], members[0])
            if p.pid != q.pid:
                add(p, q, surname, bare_ok=rng.random() < min(0.3, len(members) / 800))
    folded = {s: bgn_spelling(s) for s in blocks}
    keys = list(blocks)
    near = [(s, t) for i, s in enumerate(keys) for t in keys[i + 1 :]
            if Indel.normalized_similarity(folded[s], folded[t]) >= 0.7]
    for s, t in rng.sample(near, min(len(near), 1500)):
        add(rng.choice(blocks[s]), rng.choice(blocks[t]), s)
    # the other family of one stem: Nazarov's people are not Nazarzoda's
    for surname, members in blocks.items():
        other = blocks.get(_derussify(surname)) if _derussify(surname) != surname else None
        for _ in range(min(len(members), 30) if other else 0):
            add(rng.choice(members), rng.choice(other or members), surname)
    # one given name, other surnames: Abdullo is a common name
    by_given: dict[str, list[Person]] = defaultdict(list)
    for p in people:
        by_given[p.given].append(p)
    for members in by_given.values():
        for _ in range(min(len(members) // 2, 20)):
            p, q = rng.sample(members, 2)
            if p.surname != q.surname:
                add(p, q, p.surname, bare_ok=False)
    for _ in range(1000):
        p, q = rng.sample(people, 2)
        add(p, q, p.surname)
    return pairs


def alike_given_pairs(rng: random.Random) -> list[LabelledPair]:
    """People of one surname whose given names are alike in letters but other names
    (Marina ~ Maria, Miroslav ~ Mstislav), the other name from data/given_names.tsv of the
    same gender: knowing the names tells them apart, not their similarity."""
    names = source_names()
    male, female = names["given_m"], names["given_f"]
    surnames = [s for s, _ in names["surname"]]
    pairs: list[LabelledPair] = []
    for fem, given in ((False, male), (True, female)):
        others = _known_given_names("f" if fem else "m")
        alike = [(g, h) for g, _ in given for h in _alike_names(g, others)]
        for g, h in rng.sample(alike, min(len(alike), HARD_GIVEN_PAIRS)):
            surname = rng.choice(surnames)
            p = Person(-1, g, rng.choice(male)[0], surname, fem)
            q = Person(-2, h, rng.choice(male)[0], surname, fem)
            # both with a given name: the given names are what these pairs are about
            a, b = person_mention(rng, p, False), person_mention(rng, q, False)
            pairs.append(LabelledPair(a, b, False, surname, "person"))
    return pairs


def bgn_spelling(name: str) -> str:
    """A Cyrillic name's folded BGN/PCGN spelling (how near two names are in letters)."""
    return fold(romanize(name, "bgn").lower())


@cache
def _known_given_names(gender: str) -> tuple[tuple[str, str], ...]:
    """Given names of data/given_names.tsv (Cyrillic) that a person of ``gender`` bears,
    each with its folded BGN/PCGN spelling."""
    rows = load_table("given_names.tsv", ("name", "gender", "language", "source"))
    return tuple((r["name"], bgn_spelling(r["name"])) for r in rows if gender in r["gender"])


def alike_given_names(name: str, gender: str) -> list[str]:
    """Given names of data/given_names.tsv borne by ``gender`` ("m", "f") that are
    alike in letters to ``name`` (Cyrillic) but other names: Marina for Maria."""
    return _alike_names(name, _known_given_names(gender))


def _alike_names(name: str, others: Sequence[tuple[str, str]]) -> list[str]:
    """The names of ``others`` (name, folded spelling) whose letters are ALIKE_GIVEN alike
    to ``name``'s but that are other names (another translit.given_key)."""
    folded = bgn_spelling(name)
    key = given_key(folded)
    return [other for other, f in others
            if Indel.normalized_similarity(folded, f) >= ALIKE_GIVEN and given_key(f) != key]


ALIKE_GIVEN = 0.75
"""Letter similarity from which two given names count as alike."""

HARD_GIVEN_PAIRS = 120
"""Pairs of people per gender with one surname and alike given names."""


def place_pairs(rng: random.Random) -> list[LabelledPair]:
    """Labelled place pairs: same place rendered twice, same-ending and near negatives."""
    places = source_names()["place"]
    pairs: list[LabelledPair] = []
    for name, cls in places:
        for _ in range(25):
            pairs.append(LabelledPair(place_mention(rng, name, cls),
                                      place_mention(rng, name, cls), True, name, "place"))
        other_cls = rng.choice([c for c in _PLACE_WORDS if c != cls])
        a = f"{render(rng, name)} {rng.choice(_PLACE_WORDS[cls])}" if cls in _PLACE_WORDS else ""
        if a:
            b = f"{render(rng, name)} {rng.choice(_PLACE_WORDS[other_cls])}"
            pairs.append(LabelledPair(a, b, False, name, "place"))
    folded = {n: bgn_spelling(n) for n, _ in places}
    near = [(p, q) for i, p in enumerate(places) for q in places[i + 1 :]
            if Indel.normalized_similarity(folded[p[0]], folded[q[0]]) >= 0.5
            or folded[p[0]][-4:] == folded[q[0]][-4:]]
    for _ in range(3):
        for p, q in near:
            pairs.append(LabelledPair(place_mention(rng, *p), place_mention(rng, *q), False,
                                      p[0], "place"))
    for _ in range(1500):
        p, q = rng.sample(places, 2)
        pairs.append(LabelledPair(place_mention(rng, *p), place_mention(rng, *q), False,
                                  p[0], "place"))
    return pairs


def shared_word_place_pairs(rng: random.Random, n: int = 400) -> list[LabelledPair]:
    """Places of two words that share one: other places when the other word differs
    (Nowy Sacz, Nowy Targ; Biala Podlaska, Biala Rawska -- Slavic toponymy is full of
    them), one place when it is the same name rendered twice.  The whole strings are
    alike either way, so only the word-level feature tells them apart."""
    places = [name for name, _ in source_names()["place"] if " " not in name]
    pairs: list[LabelledPair] = []
    for _ in range(n):
        shared, x, y = rng.sample(places, 3)
        first = rng.random() < 0.5
        one, other = ((f"{shared} {x}", f"{shared} {y}") if first
                      else (f"{x} {shared}", f"{y} {shared}"))
        pairs.append(LabelledPair(render(rng, one), render(rng, other), False, one, "place"))
        pairs.append(LabelledPair(render(rng, one), render(rng, one), True, one, "place"))
    return pairs


_ADJECTIVE_PLACES = ("ск", "ское", "ский", "ская")
"""Russian endings that make a place name of a stem (Покровск a town, Покровское a
village, Покровский a district, Покровская an oblast or a station): other places."""


def ending_place_pairs(rng: random.Random, n: int = 300) -> list[LabelledPair]:
    """Places named from one stem (a surname's of data/calibration_names.tsv: Петров ->
    Петровск) with two of those endings: other places; the same one rendered twice (any
    two systems, a typo sometimes): one place.  Without them the fit never sees the
    difference the endings' classes (data/place_endings.tsv) mark."""
    stems = [name for name, _ in source_names()["surname"] if name.endswith(("ов", "ев", "ин"))]
    pairs: list[LabelledPair] = []
    for _ in range(n):
        stem = rng.choice(stems)
        one, other = rng.sample(_ADJECTIVE_PLACES, 2)
        block = f"ending:{stem}"
        pairs.append(LabelledPair(place_mention(rng, stem + one, ""),
                                  place_mention(rng, stem + other, ""), False, block, "place"))
        pairs.append(LabelledPair(place_mention(rng, stem + one, ""),
                                  place_mention(rng, stem + one, ""), True, block, "place"))
    return pairs


STREAM_MENTIONS = 30_000
"""Person mentions of the synthetic stream whose blocked pairs join a fit with
``calibrate(stream=True)``."""

STREAM_PAIRS = 20_000
"""Pairs drawn from that stream's candidate pairs."""


def stream_pairs(seed: int, *, n_mentions: int = STREAM_MENTIONS, n_pairs: int = STREAM_PAIRS,
                 exclude_systems: Sequence[str] = ()) -> list[LabelledPair]:
    """Person pairs as the resolver meets them, from names no table of ours rendered:
    a namematch.synthetic stream (public name lists through the iuliia schemas, national
    Latin alphabets and European-language conventions; every form, typos) blocked by
    namematch.block, ``n_pairs`` candidate pairs drawn, labelled same person or not.
    Needs the bench extra (``pip install 'namematch-translit[bench]'``).  ``exclude_systems``
    leaves systems out (the leave-one-system-out check of benchmarks/bench_calibration.py)."""
    from namematch import synthetic
    from namematch.block import name_candidates

    rows = synthetic.people(n_mentions, seed=seed, exclude_systems=exclude_systems)
    entities: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        entities[r["name"]].add(r["entity"])
    names = sorted(entities)
    ia, ib, _ = name_candidates(["person"] * len(names), names)
    pick = np.sort(np.random.default_rng(seed).choice(len(ia), min(len(ia), n_pairs),
                                                       replace=False))
    pairs = []
    for i, j in zip(ia[pick].tolist(), ib[pick].tolist(), strict=True):
        ea, eb = entities[names[i]], entities[names[j]]
        # the split holds a person's pairs out together (by the first entity named)
        pairs.append(LabelledPair(names[i], names[j], bool(ea & eb),
                                  f"stream:{min(ea | eb)}", "person", realistic=True))
    return pairs


def build_pairs(seed: int = SEED) -> list[LabelledPair]:
    """All labelled pairs of the generated population, deterministic for a seed."""
    rng = random.Random(seed)
    people, places = person_pairs(rng), place_pairs(rng)
    # a generator of its own, so the pairs above stay as they were without these
    return (people + alike_given_pairs(random.Random(f"{seed}:alike-given")) + places
            + shared_word_place_pairs(random.Random(f"{seed}:shared-word"))
            + ending_place_pairs(random.Random(f"{seed}:place-endings")))


def split(pairs: Sequence[LabelledPair], seed: int = SEED) -> tuple[list[LabelledPair], ...]:
    """(fit, held-out): one block in five is held out whole, so no name leaks across."""
    held: list[LabelledPair] = []
    fit: list[LabelledPair] = []
    for p in pairs:
        h = random.Random(f"{seed}:{p.kind}:{p.block}").random() < 0.2
        (held if h else fit).append(p)
    return fit, held


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1e-3, iters: int = 50) -> np.ndarray:
    """L2-regularised logistic regression by Newton's method (bias in column 0, unpenalised)."""
    w = np.zeros(x.shape[1])
    reg = np.full(x.shape[1], l2 * len(y))
    reg[0] = 0.0
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -50, 50)))
        grad = x.T @ (p - y) + reg * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(reg) + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return w


def isotonic(p: np.ndarray, y: np.ndarray, bins: int = 100) -> tuple[list[float], list[float]]:
    """Monotone map from logistic score to observed match rate (pool adjacent violators).

    Pairs are first grouped into ``bins`` quantile bins of the score; each pooled block's
    rate is smoothed ((matches + 0.5) / (n + 1)) so no non-identical pair reaches 0 or 1.
    Returns knots (score, probability) for piecewise-linear interpolation.
    """
    order = np.argsort(p, kind="stable")
    groups = np.array_split(order, min(bins, len(order)))
    blocks = [[float(p[g].mean()), float(y[g].sum()), float(len(g))] for g in groups if len(g)]
    def rate(b: list[float]) -> float:
        return (b[1] + 0.5) / (b[2] + 1.0)

    pooled: list[list[float]] = []
    for b in blocks:
        pooled.append(b)
        while len(pooled) > 1 and rate(pooled[-2]) >= rate(pooled[-1]):
            hi = pooled.pop()
            lo = pooled[-1]
            lo[0] = (lo[0] * lo[2] + hi[0] * hi[2]) / (lo[2] + hi[2])
            lo[1] += hi[1]
            lo[2] += hi[2]
    xs = [0.0, *(b[0] for b in pooled), 1.0]
    rates = [rate(b) for b in pooled]
    ys = [rates[0], *rates, rates[-1]]
    return [round(v, 6) for v in xs], [round(v, 6) for v in ys]


def matrices(pairs: Sequence[LabelledPair], kind: Kind
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Feature matrix, labels and which pairs come from a stream (:func:`stream_pairs`)
    of one kind's pairs.

    Pairs that are one name after normalization are left out: they score
    model.IDENTICAL_SCORE by rule, whoever bears the name.
    """
    sel = [p for p in pairs if p.kind == kind]
    x, identical = Scorer(on_error="raise").feature_matrix(
        [p.a for p in sel], [p.b for p in sel], kind
    )
    y = np.array([p.same for p in sel], dtype=np.float64)
    realistic = np.array([p.realistic for p in sel], dtype=bool)
    return x[~identical], y[~identical], realistic[~identical]


def calibrate(seed: int = SEED, *, stream: bool = False,
              exclude_systems: Sequence[str] = ()) -> dict[str, Any]:
    """Build pairs, fit both kinds, measure held-out ECE/AUC; returns the model document
    (``stream``: with :func:`stream_pairs`, ``exclude_systems`` left out of them)."""
    from namematch.synthetic import source_versions

    pairs = build_pairs(seed)
    if stream:
        pairs += stream_pairs(seed, exclude_systems=exclude_systems)
    doc = fit_model(pairs, seed)
    if stream:  # reproducible only with the same versions of the source libraries
        doc["stream"] = {"mentions": STREAM_MENTIONS, "pairs": STREAM_PAIRS,
                         "excluded_systems": list(exclude_systems),
                         "sources": source_versions()}
    return doc


MIN_PAIRS = 20
"""Pairs of each outcome (same, different) a kind's fit needs."""


def fit_model(pairs: Sequence[LabelledPair], seed: int = SEED) -> dict[str, Any]:
    """The model document fitted on labelled pairs: per kind, the logistic weights, the
    isotonic maps and the held-out ECE/AUC (one block in five held out, :func:`split`).
    A kind with no pair keeps the bundled model's parameters (marked ``"fitted": false``);
    InputError when a kind has pairs but fewer than MIN_PAIRS of an outcome."""
    from namematch.tables import load_json

    fit, held = split(pairs, seed)
    doc: dict[str, Any] = {"version": 1, "seed": seed, "threshold": 0.5}
    for kind in ("person", "place"):
        if not any(p.kind == kind for p in pairs):
            doc[kind] = {**load_json(MODEL_FILE)[kind], "fitted": False}
            continue
        x, y, realistic = matrices(fit, kind)
        xh, yh, _ = matrices(held, kind)
        same = int(y.sum() + yh.sum())
        different = len(y) + len(yh) - same
        if min(same, different) < MIN_PAIRS or min(yh.sum(), len(yh) - yh.sum()) < 1:
            raise InputError(
                f"{kind}: {same} pairs are one {kind} and {different} are not (pairs that are"
                f" one name after normalization left out), and the held-out fifth must have"
                f" both; give at least {MIN_PAIRS} of each, in several groups")
        doc[kind] = _fit_kind(kind, x, y, xh, yh, realistic)
    return doc


def _fit_kind(kind: Kind, x: np.ndarray, y: np.ndarray, xh: np.ndarray, yh: np.ndarray,
              realistic: np.ndarray) -> dict[str, Any]:
    """One kind's document: where the fit has pairs of a realistic stream
    (``realistic``: :func:`stream_pairs`), a part per :data:`model.SEGMENTS` entry,
    fitted on that stream's pairs of the part alone; the main part for the rest.  A
    part's rate is a fact of the population: of the pairs a stream's blocking proposes
    for Belov, most are other Belovs, where the generated population's short-form pairs
    are built half one person and half not -- fitted apart on those, a part would learn
    that half."""
    taken = np.zeros(len(y), dtype=bool)
    segments = []
    for when in SEGMENTS[kind] if realistic.any() else ():
        rows = ~taken & (x[:, segment_columns(kind, when)] > 0.5).any(axis=1)
        fit = rows & realistic
        if min(y[fit].sum(), (1 - y[fit]).sum()) < MIN_PAIRS:
            continue  # too few to fit apart: the main part scores them
        segments.append({"when": list(when), **_fit_part(kind, x[fit], y[fit])})
        taken |= rows
    doc = {"features": list(FEATURES[kind]), **_fit_part(kind, x[~taken], y[~taken])}
    if segments:
        doc["segments"] = segments
    ph = kind_model(kind, doc).score_many(xh)
    return {
        **doc,
        "fit_pairs": len(y),
        "fit_match_rate": round(float(y.mean()), 4),
        "heldout_pairs": len(yh),
        "heldout_ece": round(float(expected_calibration_error(ph, yh)), 4),
        "heldout_auc": round(roc_auc(ph, yh), 4),
    }


def _fit_part(kind: Kind, x: np.ndarray, y: np.ndarray) -> dict[str, Any]:
    """Logistic weights and the isotonic maps of one part's pairs."""
    w = fit_logistic(x, y)
    # contradicting pairs get a map of their own (model.KindModel)
    logistic = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -50, 50)))
    conflict = conflicted(x, kind)
    knots = isotonic(logistic[~conflict], y[~conflict])
    conflict_knots = isotonic(logistic[conflict], y[conflict]) if conflict.any() else knots
    return {
        "weights": [round(float(v), 6) for v in w],
        "isotonic": {"logistic": knots[0], "probability": knots[1]},
        "isotonic_conflict": {"logistic": conflict_knots[0],
                              "probability": conflict_knots[1]},
        "conflict_pairs": int(conflict.sum()),
        "conflict_match_rate": round(float(y[conflict].mean()), 4) if conflict.any() else 0,
    }


_TRUTH = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}


def read_pairs(path: str | Path) -> list[LabelledPair]:
    """Your labelled pairs for :func:`fit_model`: JSONL (objects) or CSV/TSV (a header
    row) with columns ``a``, ``b``, ``same`` (true/false, 1/0, yes/no), optional ``kind``
    (person or place; missing: inferred as compare() does) and ``group`` (pairs of one
    group are held out together; missing: each pair its own).  InputError naming the
    file and line of the first bad row: a fit on silently dropped rows is not yours."""
    from namematch.compare import resolve_kind
    from namematch.errors import NamematchError
    from namematch.mentions import numbered_rows
    from namematch.parse import parse

    p = Path(path)
    rows = numbered_rows(p, "pairs")
    pairs = []
    for line, row in rows:
        where = f"{p}:{line}"
        if not isinstance(row, dict) or not all(isinstance(row.get(c), str) and row[c].strip()
                                                for c in ("a", "b")):
            raise InputError(f"{where}: a pair needs text columns a and b")
        same = row.get("same")
        same = _TRUTH.get(str(same).strip().lower()) if not isinstance(same, bool) else same
        if same is None:
            raise InputError(f"{where}: same must be true or false, not {row.get('same')!r}")
        kind = row.get("kind") or None
        if kind not in (None, "person", "place"):
            raise InputError(f"{where}: kind must be person or place, not {kind!r}")
        try:
            k = resolve_kind(row["a"], row["b"], kind)
            parse(row["a"], k)
            parse(row["b"], k)
        except NamematchError as exc:
            raise InputError(f"{where}: unusable name: {exc}") from exc
        pairs.append(LabelledPair(row["a"], row["b"], same, str(row.get("group") or line), k))
    if not pairs:
        raise InputError(f"{p}: no labelled pairs")
    return pairs


MEMBERSHIP_MENTIONS = 20_000
"""Mentions of the stream the membership calibration resolves."""

MEMBERSHIP_SEED = 1
"""Its seed: benchmarks/bench_quality.py and the evaluation test use seed 0."""


def membership_calibration(seed: int = MEMBERSHIP_SEED,
                           n_mentions: int = MEMBERSHIP_MENTIONS) -> dict[str, Any]:
    """Isotonic maps from raw to calibrated membership confidence, fitted on a
    namematch.synthetic stream resolved with raw confidences: a mention among others of
    its entity is right when its true entity is the one most of its entity's mentions
    have; a mention whose name is alone in its entity is right when no other mention is
    of its true entity.  Needs the bench extra."""
    from namematch import synthetic
    from namematch.resolve import Resolver

    rows = synthetic.mixed(n_mentions, seed=seed)
    with Resolver.open(":memory:", calibrated_confidence=False) as r:
        found = r.add(synthetic.resolver_rows(rows))
        alone_entities = {e.id for e in r.entities() if len(e.variants) == 1}
    raw, right, alone = membership_outcomes(found.assignments, synthetic.gold(rows),
                                            alone_entities)
    member = isotonic(raw[~alone], right[~alone])
    lone = isotonic(raw[alone], right[alone])
    # entities: the mean of their members' calibrated confidences (what the resolver
    # computes) against whether all their mentions are of one real person or place, one
    # map for entities of one name and one for entities of several
    calibrated = np.where(alone, np.interp(raw, *lone), np.interp(raw, *member))
    mean, pure, single = entity_outcomes(found.assignments, calibrated, synthetic.gold(rows),
                                         alone_entities)
    one = isotonic(mean[single], pure[single])
    several = isotonic(mean[~single], pure[~single])
    return {"member": {"logistic": member[0], "probability": member[1]},
            "alone": {"logistic": lone[0], "probability": lone[1]},
            "entity_one_name": {"logistic": one[0], "probability": one[1]},
            "entity_names": {"logistic": several[0], "probability": several[1]},
            "stream": {"mentions": n_mentions, "seed": seed,
                       "sources": synthetic.source_versions()}}


def entity_outcomes(assignments: Sequence[Any], confidence: np.ndarray, gold: dict[str, str],
                    one_name: set[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per entity: the mean of its mentions' ``confidence``, whether all its mentions are
    of one true entity, and whether it has one name (is in ``one_name``)."""
    sums: dict[str, float] = defaultdict(float)
    count: Counter[str] = Counter()
    truths: dict[str, set[str]] = defaultdict(set)
    for a, c in zip(assignments, confidence.tolist(), strict=True):
        sums[a.entity] += c
        count[a.entity] += 1
        truths[a.entity].add(gold[a.mention])
    ids = sorted(count)
    return (np.array([sums[e] / count[e] for e in ids]),
            np.array([len(truths[e]) == 1 for e in ids], dtype=np.float64),
            np.array([e in one_name for e in ids], dtype=bool))


def membership_outcomes(assignments: Sequence[Any], gold: dict[str, str],
                        alone_entities: set[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(confidence, whether the mention is where it belongs, whether its name is alone in
    its entity) per assignment (see :func:`membership_calibration`)."""
    by_entity: dict[str, list[str]] = defaultdict(list)
    for a in assignments:
        by_entity[a.entity].append(gold[a.mention])
    major = {e: Counter(g).most_common(1)[0][0] for e, g in by_entity.items()}
    bearers = Counter(gold[a.mention] for a in assignments)
    conf = np.array([a.confidence for a in assignments], dtype=np.float64)
    alone = np.array([a.entity in alone_entities for a in assignments], dtype=bool)
    right = np.array([
        bearers[gold[a.mention]] == len(by_entity[a.entity]) if lone
        else gold[a.mention] == major[a.entity]
        for a, lone in zip(assignments, alone.tolist(), strict=True)], dtype=np.float64)
    return conf, right, alone


def write_model(path: str | Path, seed: int = SEED, *, membership: bool = True,
                pairs: Sequence[LabelledPair] | None = None, stream: bool = False,
                exclude_systems: Sequence[str] = ()) -> dict[str, Any]:
    """Fit and write the model document to ``path`` (data/model.json in the repo);
    ``membership``: with the membership calibration (needs the bench extra); ``pairs``:
    fit on these (:func:`read_pairs`) instead of the generated population; ``stream``,
    ``exclude_systems``: as :func:`calibrate` (not with ``pairs``)."""
    if pairs is not None and (stream or exclude_systems):
        raise InputError("a stream joins the generated population's pairs, not yours")
    doc = (calibrate(seed, stream=stream, exclude_systems=exclude_systems) if pairs is None
           else fit_model(pairs, seed))
    if membership:
        doc["membership"] = membership_calibration()
    try:
        Path(path).write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n",
                              encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot write the model: {exc}") from exc
    return doc
