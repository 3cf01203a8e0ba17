"""Translit: fold competing romanizations of one sound to one spelling.

``data/romanization.tsv`` lists weighted equivalences ("kh ≈ h: BGN/PCGN vs Tajik Latin"),
applied in file order to each lower-case Latin word.  Two spellings of one name fold to
the same string (Rakhmon, Rahmon -> rahmon; Khairulloyev, Khairulloev -> hairuloev); the
rules that fired are kept as a bit mask, so a comparison can say which equivalences it
used and charge for the weaker ones.

``data/cyrillic.tsv`` also says how each system writes each Cyrillic letter;
:func:`romanize` renders a Cyrillic name in a named system (the calibration pairs and the
hypothesis strategies are built with it).
"""

from __future__ import annotations

import re
from functools import cache

import attrs
import numpy as np
from unidecode import unidecode

from namematch.caching import word_cache
from namematch.errors import DataFileError, InputError
from namematch.tables import Row, cell, letter_maps, load_table, lower_ascii, number, one_of, regex

SYSTEMS = ("bgn", "iso9", "icao", "tajik", "uzbek", "french", "german")
"""Romanization systems described in data/cyrillic.tsv (besides namematch's canonical)."""

SYSTEM_NAMES = {
    "canonical": "namematch canonical",
    "bgn": "BGN/PCGN",
    "iso9": "ISO 9",
    "icao": "ICAO passport",
    "tajik": "Tajik Latin",
    "uzbek": "Uzbek Latin",
    "french": "French",
    "german": "German",
}


@attrs.frozen
class Rule:
    """One weighted equivalence: ``pattern`` is written ``replacement`` after folding."""

    index: int
    stage: str
    pattern: str
    replacement: str
    weight: float
    systems: str
    note: str
    line: int
    regex: re.Pattern[str] = attrs.field(eq=False, repr=False)

    def describe(self) -> str:
        """A human-readable line: "kh ≈ h (BGN/PCGN vs Tajik Latin)", "è/é/ê/ě ≈ e
        (ISO 9, French vs plain: э)"; a rule whose pattern is more than letters is told by
        its note ("final й, ы (English vs ICAO)"), never as a regular expression."""
        left = _readable(self.pattern)
        if left is None or "\\" in self.replacement:
            return f"{self.note or self.pattern} ({self.systems})"
        note = f": {self.note}" if self.stage == "letter" and self.note else ""
        return f"{left} ≈ {self.replacement or '∅'} ({self.systems}{note})"


def _readable(pattern: str) -> str | None:
    """A pattern of plain letters as it is, a class of letters as a/b/c; None for more."""
    if re.fullmatch(r"[^\W\d_]+'?|'", pattern):
        return pattern
    one_of = re.fullmatch(r"\[([^\W\d_]+)\]", pattern)
    return "/".join(one_of.group(1)) if one_of else None


@cache
def rules() -> tuple[Rule, ...]:
    """The romanization rules, validated, in application order."""
    rows = load_table(
        "romanization.tsv",
        ("stage", "pattern", "replacement", "weight", "systems", "note"),
        {"stage": one_of("letter", "fold", "continental", "key"), "pattern": regex,
         "weight": number(0.0, 1.0)},
    )
    _check_reachable(rows)
    return tuple(
        Rule(
            index=i,
            stage=r["stage"],
            pattern=r["pattern"],
            replacement=cell(r["replacement"]),
            weight=float(r["weight"]),
            systems=r["systems"],
            note=r["note"],
            line=r.line,
            regex=re.compile(r["pattern"]),
        )
        for i, r in enumerate(rows)
    )


_LITERAL = re.compile(r"[a-z']+")


def _check_reachable(rows: list[Row]) -> None:
    """DataFileError for a rule that an earlier rule of its stage always pre-empts: rules
    apply in file order, so a plain spelling holding an earlier one's (dsch after sch)
    is already rewritten when its turn comes and never applies."""
    earlier: dict[str, list[str]] = {}
    for r in rows:
        pattern, before = r["pattern"], earlier.setdefault(r["stage"], [])
        if _LITERAL.fullmatch(pattern):
            hidden = next((p for p in before if p in pattern), None)
            if hidden is not None:
                raise DataFileError("romanization.tsv", r.line,
                                    f"{pattern!r} never applies: the earlier rule "
                                    f"{hidden!r} rewrites it first (move it above)")
            before.append(pattern)


@cache
def _costly_rules() -> tuple[tuple[int, ...], np.ndarray]:
    costly = tuple(r.index for r in rules() if r.weight < 1.0)
    if len(costly) > 64:
        raise ValueError("romanization.tsv: at most 64 rules may have weight < 1")
    return costly, np.array([1.0 - rules()[i].weight for i in costly], dtype=np.float64)


@word_cache(10_000)
def cost_mask(mask: int) -> int:
    """Compress a rule mask to the rules with weight < 1 (fits 64 bits, for numpy)."""
    out = 0
    for bit, index in enumerate(_costly_rules()[0]):
        if mask >> index & 1:
            out |= 1 << bit
    return out


@cache
def _byte_costs() -> np.ndarray:
    """(8, 256): summed cost of the rules in each byte value at each byte of a cost mask."""
    costs = np.zeros(64)
    weights = _costly_rules()[1]
    costs[: len(weights)] = weights
    bits = np.unpackbits(np.arange(256, dtype=np.uint8)[:, None], axis=1, bitorder="little")
    return np.stack([bits @ costs[8 * k : 8 * k + 8] for k in range(8)])


def cost_of_difference(cost_a: np.ndarray, cost_b: np.ndarray) -> np.ndarray:
    """Summed (1 - weight) of the rules that fired on one side only, for arrays of cost masks."""
    diff = np.bitwise_xor(cost_a.astype(np.uint64), cost_b.astype(np.uint64))
    table = _byte_costs()
    octets = diff.view(np.uint8).reshape(-1, 8)
    if not np.little_endian:  # make byte k hold bits 8k..8k+7
        octets = octets[:, ::-1]
    out: np.ndarray = table[0][octets[:, 0]]
    for k in range(1, 8):
        out = out + table[k][octets[:, k]]
    return out


@word_cache(200_000)
def fold_word(word: str) -> tuple[str, int]:
    """Fold one lower-case Latin word: (folded ASCII word, bit mask of the rules that fired)."""
    return _fold(word, _reading(continental=False))


@word_cache(200_000)
def fold_continental(word: str) -> str:
    """Fold a word as :func:`fold_word` does, but where the Slavic and Baltic Latin
    alphabets read a letter otherwise than English does, as they read it: a rule of stage
    "continental" in data/romanization.tsv stands in for the fold rule of its pattern (c is
    ц: Cerkiew, Kelcai, where English folding reads Victor's k); one whose pattern no fold
    rule has applies where it stands in the file (ch is х: Chudjak, Chruščov, before
    the letter rules turn Czech č into ch)."""
    return _fold(word, _reading(continental=True))[0]


@cache
def _reading(*, continental: bool) -> tuple[tuple[Rule, bool], ...]:
    """The rules one reading applies, in file order, each with whether it stands where a
    fold rule does (from there on a word is ASCII: unidecode first)."""
    twins = {r.pattern: r for r in rules() if r.stage == "continental"} if continental else {}
    folds = {r.pattern for r in rules() if r.stage == "fold"}
    out: list[tuple[Rule, bool]] = []
    for rule in rules():
        if rule.stage == "fold":
            out.append((twins.get(rule.pattern, rule), True))
        elif rule.stage == "letter" or (rule.stage == "continental" and continental
                                         and rule.pattern not in folds):
            out.append((rule, False))
    return tuple(out)


def _fold(word: str, reading: tuple[tuple[Rule, bool], ...]) -> tuple[str, int]:
    mask = 0
    s = word
    for rule, ascii_only in reading:
        if ascii_only and not s.isascii():
            s = unidecode(s).lower()
        new = rule.regex.sub(rule.replacement, s)
        if new != s:
            mask |= 1 << rule.index
            s = new
    return plain_letters(s), mask


_NOT_ASCII_LETTER = re.compile(r"[^a-z]")


@word_cache(100_000)
def spelled(word: str) -> str:
    """A lower-case Latin word with its letters with marks as their ASCII digraphs (stage
    "letter" of data/romanization.tsv: Šukrona -> shukrona) and nothing else folded
    (Yitzhak keeps its tz and h, which folding reads as t and zh)."""
    return _fold(word, _letter_stage())[0]


@cache
def _letter_stage() -> tuple[tuple[Rule, bool], ...]:
    return tuple((r, False) for r in rules() if r.stage == "letter")


def plain_letters(text: str) -> str:
    """The ASCII letters of a text, marks dropped, nothing folded (Čačak: cacak)."""
    return _NOT_ASCII_LETTER.sub("", unidecode(text).lower())


def fold(text: str) -> str:
    """Fold every word of a lower-case Latin string (words split on spaces and hyphens)."""
    return " ".join(fold_word(w)[0] for w in re.split(r"[\s-]+", text) if w)


_VOWEL_CLASS = str.maketrans({"o": "a", "u": "a", "e": "i", "y": "i"})


def vowel_skeleton(folded: str) -> str:
    """Merge vowels that alternate between Tajik and Russian spellings.

    a/o/u -> a and e/i/y -> i: Emomali ~ Imomali, Murodov ~ Muradov, Khorugh ~ Khorog.
    """
    return folded.translate(_VOWEL_CLASS)


_DOUBLED = re.compile(r"(.)\1+")


@word_cache(200_000)
def given_key(folded: str) -> str:
    """A folded name word with what the romanizations of one spelling disagree on merged
    -- vowel classes, й/ь written as i, y, j or not at all, doubled letters, and the
    "key" rules of data/romanization.tsv (ё as е, kh/h, dzh/dj/j, z/s) -- so that it
    can be looked up in data/given_names.tsv (Mariya, Maria, Marija, Mariia and Мария
    give "maria"; Yuliya, Yulia, Iuliia, Julija and Юлия give "ialia"; Marina stays
    apart, "marina"), and so that clustering can tell a surname spelt alike from one
    spelt otherwise (Solovjev, Solov'ev, Solovyev)."""
    for rule in _key_rules():
        folded = rule.regex.sub(rule.replacement, folded)
    return _DOUBLED.sub(r"\1", vowel_skeleton(folded))


@cache
def _western_armenian() -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """data/western_armenian.tsv: the surname endings that mark an Armenian name, and the
    stops both conventions read alike."""
    rows = load_table("western_armenian.tsv", ("kind", "pattern", "reading", "note"),
                      {"kind": one_of("ending", "letter"), "pattern": lower_ascii})
    return (tuple(r["pattern"] for r in rows if r["kind"] == "ending"),
            tuple((r["pattern"], cell(r["reading"])) for r in rows if r["kind"] == "letter"))


def armenian_stops() -> tuple[tuple[str, str], ...]:
    """The letters Western and Eastern Armenian write for one another's stops, each with
    the one both read it as (data/western_armenian.tsv: b and p as p, g and k as k)."""
    return _western_armenian()[1]


def armenian_reading(surname: str, *words: str) -> tuple[str, ...]:
    """The folded ``surname`` and ``words`` (the given name) read with Western and Eastern
    Armenian stops alike (data/western_armenian.tsv: Hagopian and Hakobyan are hakopyan),
    when the surname ends as an Armenian one does; "" for each otherwise."""
    endings, letters = _western_armenian()
    if not surname.endswith(endings):
        return ("",) * (1 + len(words))
    out = []
    for word in (surname, *words):
        for pattern, reading in letters:
            word = word.replace(pattern, reading)
        out.append(word)
    return tuple(out)


@cache
def _key_rules() -> tuple[Rule, ...]:
    """Stage "key" of data/romanization.tsv: what folding keeps apart and a given-name
    lookup merges (ё written е, дж as dzh, dj or j, х as kh or h, й as j, з as s)."""
    return tuple(r for r in rules() if r.stage == "key")


@cache
def _abjad_rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    rows = load_table("abjad.tsv", ("pattern", "class", "scripts", "note"), {"pattern": regex},
                      optional=("note",))
    return tuple((re.compile(r["pattern"]), cell(r["class"]).replace("-", "")) for r in rows)


@cache
def _abjad_reading_rows() -> tuple[tuple[str, str], ...]:
    """(abjad letter class, the Latin classes it fits) per row of
    data/abjad_readings.tsv (ج fits g as Egypt reads it)."""
    rows = load_table("abjad_readings.tsv", ("letter", "fits", "scripts", "note"),
                      {"letter": _symbol, "fits": _symbols})
    return tuple((r["letter"], r["fits"]) for r in rows)


@cache
def _abjad_readings() -> dict[str, str]:
    """Per abjad letter class, a regex of the Latin classes it fits."""
    return {letter: f"[{re.escape(fits)}]" for letter, fits in _abjad_reading_rows()}


def abjad_reading_spellings() -> tuple[tuple[str, ...], ...]:
    """Per row of data/abjad_readings.tsv, the Latin spellings of the classes its letter
    fits (ج: j and g), for blocking keys in each reading."""
    producers: dict[str, list[str]] = {}
    for pattern, cls in _abjad_rules():
        if re.fullmatch(r"\[[a-z]+\]", pattern.pattern):
            producers.setdefault(cls, []).extend(pattern.pattern[1:-1])
        elif re.fullmatch("[a-z]+", pattern.pattern):
            producers.setdefault(cls, []).append(pattern.pattern)
    return tuple(tuple(sp for sym in fits for sp in producers.get(sym, [sym] if sym.islower()
                                                                 else []))
                 for _, fits in _abjad_reading_rows())


def _symbol(value: str) -> str | None:
    return None if re.fullmatch(r"[A-Za-z]", value) else f"{value!r} is not one class symbol"


def _symbols(value: str) -> str | None:
    return None if re.fullmatch(r"[A-Za-z]+", value) else f"{value!r} is not class symbols"


def abjad_letter_classes() -> tuple[str, ...]:
    """The letters of each one-letter class of data/abjad.tsv ("bpvfw", "kqc")."""
    return tuple(p.pattern[1:-1] for p, _ in _abjad_rules()
                 if re.fullmatch(r"\[[a-z]+\]", p.pattern))


_DOUBLE_CLASS = re.compile(r"([A-Za-z])\1+")
_VOWEL_RUN = "[aeiouy]"
_SLOTS = {"a": "[aeou]", "e": "[aeiyj]", "i": "[eiyj]", "y": "[eiyj]", "o": "[ou]", "u": "[ou]"}
"""The Latin vowels a written vowel letter may stand for: alef for a, e and the o, u of
foreign names (ترامب Trump), yod and ye for e, i, y or a j read as y (בנימין Benjamin),
vav and waw for o, u (or the consonant w, v: :func:`_slot`)."""


def _slot(vowel: str) -> str:
    run = f"{_VOWEL_RUN}*{_SLOTS[vowel]}{_VOWEL_RUN}*"
    # vav and waw are also the consonant (الظواهري al-Zawahiri, وليد Walid)
    return f"(?:{run}|{_VOWEL_RUN}*B{_VOWEL_RUN}*)" if vowel in "ou" else run


@word_cache(100_000)
def abjad_form(folded: str) -> str:
    """A folded word as an abjad comparison sees it (data/abjad.tsv): consonants by class,
    vowels as written, doubled letters once (Muhammad -> mUhamad with m kept, b/p/f/v/w as
    B: Putin -> Butin)."""
    word = folded.lower()
    for pattern, cls in _abjad_rules():
        word = pattern.sub(cls, word)
    return _DOUBLE_CLASS.sub(r"\1", word)


@cache
def _abjad_pattern(form: str) -> re.Pattern[str]:
    """The Latin abjad forms that fit one written in an abjad script: its consonants in
    order; a vowel it writes is a run holding a vowel of that kind (at the word's start,
    where alef and ayn carry any vowel, any run); elsewhere at most one vowel, and an h
    may close a word that ends in a vowel (Fatima, Fatimah: h is class H)."""
    out: list[str] = []
    i = 0
    while i < len(form):
        ch = form[i]
        if ch == "'":  # ع inside a word: Latin writes vowels there, or none (Mu'ammar)
            out.append(f"{_VOWEL_RUN}*")
            i += 1
            continue
        if ch in _SLOTS:
            j = i
            while j < len(form) and form[j] in _SLOTS:
                j += 1
            if i == 0:
                out.append(f"{_VOWEL_RUN}+")
            else:
                out.append("".join(_slot(v) for v in form[i:j]))
            i = j
            continue
        if i == 0:
            out.append(f"{_VOWEL_RUN}?")
        out.append(_abjad_readings().get(ch, re.escape(ch)))
        if i + 1 == len(form) or form[i + 1] not in _SLOTS:
            out.append(f"{_VOWEL_RUN}?")
        i += 1
    tail = "H?" if form[-1:] in _SLOTS else ""
    return re.compile("".join(out) + tail)


def abjad_fit(a: str, b: str, **_: object) -> float:
    """1.0 when one word is the abjad form of a word written in an abjad script, marked
    by a leading "#", and the other, a lower-case Latin word, fits it: its letters
    (:func:`spelled`: š as sh, as the tables write ش) in abjad form match
    :func:`_abjad_pattern`; else 0.0.  A rapidfuzz-style scorer (extra keywords ignored)."""
    if a.startswith("#") == b.startswith("#") or not a or not b:
        return 0.0
    abjad, latin = (a[1:], b) if a.startswith("#") else (b[1:], a)
    if not abjad or not latin:
        return 0.0
    latin = abjad_form(spelled(latin).replace("'", ""))
    return 1.0 if _abjad_pattern(abjad).fullmatch(latin) else 0.0


def explain_mask(mask_a: int, mask_b: int) -> list[str]:
    """Descriptions of the rules that fired on one side only (what made the spellings differ)."""
    diff = mask_a ^ mask_b
    return [r.describe() for r in rules() if diff >> r.index & 1]


_CYR_VOWELS = set("аеёиоуыэюяіїєәөүұӣӯ")


def romanize(cyrillic: str, system: str) -> str:
    """Render a Cyrillic name in one romanization system (see SYSTEMS), capitalised."""
    if system not in SYSTEM_NAMES:
        raise InputError(f"unknown system {system!r}; one of {sorted(SYSTEM_NAMES)}")
    plain, initial, final = letter_maps("cyrillic.tsv", system)
    words = []
    for word in cyrillic.split():
        low = word.lower()
        out: list[str] = []
        i = 0
        while i < len(low):
            ch, two = low[i], low[i : i + 2]
            prev = low[i - 1] if i else ""
            if i + 2 == len(low) and two in final:
                out.append(final[two])
                i += 2
                continue
            if ch in initial and (not prev or prev in _CYR_VOWELS or prev in "ъь"):
                out.append(initial[ch])
            else:
                out.append(plain.get(ch, ch))
            i += 1
        rendered = "".join(out)
        words.append("-".join(p[:1].upper() + p[1:] for p in rendered.split("-")))
    return " ".join(words)
