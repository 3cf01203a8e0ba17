"""Keys: short codes under which spellings of one name meet (for blocking).

A word's *sound code* keeps the classes of its consonants (data/sound_classes.tsv): every
romanization convention of one name gives one code (Cherepovets, Tscherepowez,
Czerepowiec, Cserepovec, Tsjerepovets -> SRPVS; Mirzoyev, Mirsojew -> MRSV).  Spellings
whose letters read differently by convention (ch is ч in English and х in German; j is дж
or й) get the code of each reading.

A name's blocking keys never depend on word order:

* ``pp:`` two of its words' codes, sorted (Emomali Rahmon, Rahmon Emomali, "Rahmon,
  Emomali", Emomali Sharipovich Rahmon all share the pair); for a two-word person name a
  *same-name* key (``=``): who shares it is written alike (namematch.block);
* ``pi:`` one word's code with another word's first sound, so one word may differ by a
  typo or be an initial (Vladimir Pudin ~ Vladimir Putin; A. Mirzoyev ~ Aleksey Mirzoyev).
  A first sound is a consonant class, or for a vowel or glide start a vowel class (a/o/u
  or e/i/y: U. Kuznetsov meets Ustin, not Ivan, Kuznetsov);
* ``pd:`` one word's code with another word's code as it is or with one class after its
  first left out (weak probes): a pi: block finer cut.  At a million mentions the pi:
  block of a common surname and a given initial holds hundreds of names and is refined
  by neighbours, which miss one person's spellings that differ by a sound (Eremti ~
  Yeremey Kozlov, ARMT ~ ARM; Martjanas ~ Mart'yan Savel'ev); the pd: block holds them.
* ``w:`` one word's code.  A *short* name (a person written with one word, with or without
  initials: Mirzoyev, A. Mirzoyev) is a *probe* of its word's block; a full name is only a
  *member* there (``*``), so the block pairs short forms with full names but never the
  many full names that share a given name (see namematch.block);
* ``wp:`` the first three classes of a word, for a typo late in it (Nazarnod's ~
  Abduhalim Nazarzoda): a weak probe (``~``) for a bare short form (its block's size
  says nothing about ambiguity), a member for other names.

* ``j:`` a person's letters without word boundaries, in role and in written order
  (Name.joined), a same-name key: VladimirPutin, Alisher-Usmanov, Nikolai Patr ushev
  meet their spaced spellings.
* ``zh:`` a name read as Chinese (namematch.sino): its words' syllables read one way for
  pinyin and Wade-Giles, sorted, a same-name key (Mao Zedong, Mao Tse-tung, Tse-tung Mao).

Places key every core word (``w:``, ``wp:``), pairs of core words and all core words
run together (``w:``: Eski Shehir ~ Eskişehir), and each such code also under ``d:``: the
code, and for a code of ``DELETE_MIN`` classes or more the code with any one class left
out (weak probes): a place is often one word, with no other word to meet through when a
convention or a typo changes one sound (Kostjukovichi, Dutch tj, KSKVS ~ Kostyukovichi
KSTKVS; Lębork ~ Лемборк, nasal ę as em; Gabrovo ~ Garbowo, transposed).
"""

from __future__ import annotations

import itertools
import re
from functools import cache

import attrs
from unidecode import unidecode

from namematch import sino
from namematch.caching import word_cache
from namematch.parse import Kind, Name, given_form, parse
from namematch.tables import Row, cell, load_table, one_of, regex
from namematch.text import in_abjad_script
from namematch.translit import (
    abjad_letter_classes,
    abjad_reading_spellings,
    armenian_reading,
    armenian_stops,
    vowel_skeleton,
)

PREFIX = 3
"""Classes of a short name's code in its prefix key."""

DELETE_MIN = 4
"""Classes a place word's code needs for its ``d:`` keys (three left after a deletion:
shorter codes would gather unrelated places)."""

READINGS = ("english", "continental")

TWO_WORD = ("pp:", "pd:")
"""Prefixes of keys on two words' codes: who shares one writes one name (or a homonym's),
so blocking pairs a bigger block of them whole (namematch.block.WIDE_FACTOR)."""

_NOT_LETTER = re.compile(r"[^A-Za-z]")  # apostrophes (Mikh'ailov), hyphens
_NOT_CLASS = re.compile(r"[^A-Z]")  # vowels, y: not a class
_REPEATS = re.compile(r"([A-Z])\1+")


@attrs.frozen
class _SoundRules:
    letter: tuple[tuple[re.Pattern[str], str], ...]
    sound: dict[str, tuple[tuple[re.Pattern[str], str], ...]]  # per reading
    endings: tuple[re.Pattern[str], ...]
    initial: tuple[tuple[re.Pattern[str], str], ...]


@cache
def _rules() -> _SoundRules:
    rows = load_table(
        "sound_classes.tsv",
        ("stage", "reading", "pattern", "class", "systems", "note"),
        {"stage": one_of("letter", "sound", "ending", "initial"),
         "reading": one_of("both", *READINGS), "pattern": regex,
         "class": lambda v: None if re.fullmatch(r"[A-Z]+|-", v) else
         f"{v!r} is not upper-case class symbols or '-'"},
    )

    def rule(r: Row) -> tuple[re.Pattern[str], str]:
        return re.compile(r["pattern"]), cell(r["class"])

    letter = tuple(rule(r) for r in rows if r["stage"] == "letter")
    sound = {reading: tuple(rule(r) for r in rows if r["stage"] == "sound"
                            and r["reading"] in ("both", reading)) for reading in READINGS}
    endings = tuple(re.compile(r["pattern"]) for r in rows if r["stage"] == "ending")
    initial = tuple(rule(r) for r in rows if r["stage"] == "initial")
    return _SoundRules(letter, sound, endings, initial)


def _code(word: str, reading: str) -> str:
    rules = _rules()
    s = word
    for pattern, cls in rules.letter:
        s = pattern.sub(cls, s)
    s = "".join(c if c.isupper() else unidecode(c).lower() for c in s)
    for pattern, cls in rules.sound[reading]:
        s = pattern.sub(cls, s)
    # one sound written twice merges (Vassiliy, Saddam); the same class on both sides of
    # a vowel does not (Sirobaba is SRBB, not Zaruba's SRB)
    return _NOT_CLASS.sub("", _REPEATS.sub(r"\1", _NOT_LETTER.sub("", s)))


@word_cache(200_000)
def sound_codes(word: str) -> tuple[str, ...]:
    """The sound codes of one lower-case Latin word (as text writes it, diacritics kept):
    one per reading, and per reading without a case ending the word may carry; distinct,
    the English reading first.  A word with no consonant class codes to "" (dropped)."""
    word = word.lower()
    forms = [word, *_endings_off(word)]
    codes = (_code(f, r) for r in READINGS for f in forms)
    return tuple(c for c in dict.fromkeys(codes) if c)


def _endings_off(word: str) -> list[str]:
    """The word without each case ending it may carry (at least two letters left)."""
    return [f for p in _rules().endings if p.search(word) and len(f := p.sub("", word)) >= 2]


@word_cache(200_000)
def reading_codes(word: str) -> tuple[str, str]:
    """(English reading, continental reading) sound codes of a word without the case
    ending it may carry, for comparing words whose spellings follow other conventions
    (Schtscherban ~ Sjtsjerban, Solovjevas ~ Solovyev).  "" for no consonant class."""
    word = word.lower()
    word = next(iter(_endings_off(word)), word)
    return _code(word, READINGS[0]), _code(word, READINGS[1])


_VOWEL_BITS = {"a": 1 << 26, "i": 1 << 27}  # beside the 26 class letters' bits
_GLIDES = "jyi"


@word_cache(100_000)
def initial_mask(word: str) -> int:
    """The sounds a name word (or its initial) can start with, as bits, so that initials
    written by different conventions meet: Ch. ~ Х. (continental ch), Zh. ~ Ž., Ja. ~ Ya. ~
    Я.  A consonant start gives its class; a vowel or glide start gives the vowel after the
    glide, by the Tajik/Russian vowel classes a/o/u and e/i/y (Je. ~ E. ~ Ye.); a lone glide
    (J., Y., I.) may stand for either.  0 for a word with no letters."""
    finer = next((cls for p, cls in _rules().initial if p.match(word.lower())), "")
    mask = 0
    for code in sound_codes(word):
        if code[0] == "A":
            mask |= _vowel_bits(word)
        else:
            for cls in finer or code[0]:
                mask |= 1 << (ord(cls) - ord("A"))
    return mask


def _vowel_bits(word: str) -> int:
    w = unidecode(word.lower())
    if len(w) > 1 and w[0] in _GLIDES and w[1] in "aeiouy":
        w = w[1:]  # Ya, Ja, Ia, Ye, Je, Yu, Ju, Iu: the vowel after the glide
    elif len(w) == 1 and w in _GLIDES:  # the initial alone: Ja. or I. (Ivan, Iakov)
        return _VOWEL_BITS["a"] | _VOWEL_BITS["i"]
    return _VOWEL_BITS.get(vowel_skeleton(w[:1]), 0)


@attrs.frozen
class NameKeys:
    """The blocking keys of a name, and whether it is a *short* name (a person written
    with one word besides initials: its ``w:`` keys probe the blocks of full names)."""

    blocking: tuple[str, ...]
    short: bool


_Word = tuple[tuple[str, ...], tuple[str, ...]]
"""A word's sound codes and its first sounds (:func:`_firsts`)."""


def _words(name: Name) -> tuple[list[_Word], list[_Word]]:
    """The name's full words and its initials (titles, particles and feature words left
    out), each as its codes and first sounds; a given name that is a short form of
    data/nicknames.tsv also as its full name's (Bill, William; Sasha, Aleksandr)."""
    words: list[_Word] = []
    initials: list[_Word] = []
    abjad = in_abjad_script(name.original)
    armenian = name.kind == "person" and armenian_reading(name.surname)[0] != ""
    for p in name.parts:
        if p.role in ("given", "surname", "patronymic", "core", "initial"):
            codes = sound_codes(p.text) or sound_codes(p.folded)
            firsts = _firsts(p.text, codes) if codes else ()
            full = given_form(p.text, p.folded) if p.role == "given" else p.folded
            if full != p.folded:
                more = sound_codes(full)
                codes = tuple(dict.fromkeys((*codes, *more)))
                firsts = tuple(sorted({*firsts, *_firsts(full, more)}))
            if armenian and codes:  # Hagopian meets Hakobyan (translit.armenian_reading)
                codes = tuple(dict.fromkeys((*codes, *_armenian_variants(codes))))
            if abjad and codes:
                codes = _abjad_variants(codes)
                firsts = tuple(sorted({*firsts, *(c[0] for c in codes if c[0] != "A")}))
            if not codes:
                continue
            (initials if p.role == "initial" else words).append((codes, firsts))
    return words, initials


@cache
def _abjad_groups() -> tuple[frozenset[str], ...]:
    """Blocking's sound classes that an abjad script writes with one letter: per letter
    class of data/abjad.tsv ([bpvfw]: ب is b and p, ف f and v), the classes of its
    letters when more than one (P, B, V)."""
    groups = []
    # and the readings of data/abjad_readings.tsv (ج as j and as Egypt's g: جمال, Gamal)
    for letters in (*abjad_letter_classes(), *abjad_reading_spellings()):
        classes = frozenset(_letter_class(c) for c in letters)
        if len(classes) > 1:
            groups.append(classes)
    return tuple(groups)


def _letter_class(letters: str) -> str:
    """Blocking's sound class of a letter (or digraph) where it begins a word."""
    return sound_codes(f"{letters}ata")[0][0]


@cache
def _armenian_classes() -> dict[str, str]:
    """Blocking's sound class of each Armenian stop to the class both conventions read it
    as (data/western_armenian.tsv: B to P, G to K, D to T)."""
    out = {}
    for letter, reading in armenian_stops():
        a, b = _letter_class(letter), _letter_class(reading)
        if a != b:
            out[a] = b
    return out


def _armenian_variants(codes: tuple[str, ...]) -> tuple[str, ...]:
    """A word's codes with Western and Eastern Armenian stops read alike."""
    classes = _armenian_classes()
    return tuple("".join(classes.get(c, c) for c in code) for code in codes)


def _abjad_variants(codes: tuple[str, ...]) -> tuple[str, ...]:
    """A word's codes, and where a class of an abjad group stands, the codes with every
    class of that group read as each one of it: بيريز (biriz, BRS) is also PRS, Pérez's
    code; רבין (rvin, RVN) also RBN, Rabin's."""
    out = list(codes)
    for group in _abjad_groups():
        for code in codes:
            if any(c in group for c in code):
                out += ("".join(g if c in group else c for c in code) for g in sorted(group))
    return tuple(dict.fromkeys(out))


def _firsts(text: str, codes: tuple[str, ...]) -> tuple[str, ...]:
    """The first sounds a word (or initial) may start with, as blocking writes them: its
    consonant class, or for a vowel or glide start the vowel class of initial_mask (a/o/u
    "A", e/i/y "I": Emomali, Imomali, E. meet; Umar, Ulugbek, U. meet, apart from Ivan's
    I), both for a lone glide (J., I.: Iakov or Ivan)."""
    out = {c[0] for c in codes if c[0] != "A"}
    if any(c[0] == "A" for c in codes):  # a vowel start in some reading
        bits = _vowel_bits(text)
        out |= {cls for cls, bit in (("A", _VOWEL_BITS["a"]), ("I", _VOWEL_BITS["i"]))
                if bits & bit} or {"A"}
    return tuple(sorted(out))


def name_keys(name: Name) -> NameKeys:
    """All blocking keys of a parsed name (see the module docstring)."""
    words, initials = _words(name)
    if not words and initials:  # nothing but initials: the last one stands for the name
        words, initials = [initials[-1]], initials[:-1]
    keys: list[str] = []
    person = name.kind == "person"
    short = person and len(words) == 1
    same = "=" if person and len(words) == 2 else ""  # the whole name: one person's
    # each code's pd: cuts once per name, not once per pair of words it stands in
    cuts = [[(a, _later_cuts(a)) for a in u] for u, _ in words] if person else []
    for (i, (u, _)), (j, (v, _)) in itertools.combinations(enumerate(words), 2):
        keys += (f"pp:{min(a, b)}|{max(a, b)}{same}" for a in u for b in v)
        if person:  # either word as written, the other one sound off
            keys += (f"pd:{a}|{d}~" for a in u for _, ds in cuts[j] for d in ds)
            keys += (f"pd:{b}|{d}~" for _, ds in cuts[i] for b in v for d in ds)
    for i, (u, _) in enumerate(words):
        others = [w for j, w in enumerate(words) if j != i] + initials
        firsts = sorted({f for _, fs in others for f in fs})
        keys += (f"pi:{a}/{f}" for a in u for f in firsts)
        # a bare short form probes its word's block; full names and initialled short
        # forms (which meet full names through pi:) are members there
        member = "*" if person and (not short or initials) else ""
        keys += (f"w:{a}{member}" for a in u)
        keys += (f"wp:{a[:PREFIX]}{member or '~'}" for a in u if len(a) > PREFIX)
    if person:  # the same letters cut into other words (VladimirPutin, Patr ushev)
        keys += (f"j:{j}=" for j in name.joined)
        # a Chinese name's syllables in either romanization (Mao Zedong, Mao Tse-tung)
        keys += (f"zh:{z}=" for z in sino.blocking_words(name))
    else:
        # a place written in one word or several (Eski Shehir, Eskişehir; Hulyay-Pole,
        # Huljajpole) meets through the code of its core words' letters run together
        cores = [p.text for p in name.parts if p.role == "core"]
        whole = sound_codes("".join(cores)) if len(cores) > 1 else ()
        keys += (f"w:{a}" for a in whole)
        keys += (f"d:{d}~" for u in (*(u for u, _ in words), whole) for a in u
                 if len(a) >= DELETE_MIN - 1 for d in _deletions(a))
    return NameKeys(blocking=tuple(dict.fromkeys(keys)), short=short)


def _later_cuts(code: str) -> tuple[str, ...]:
    """The code, and for three classes or more the code with any one class after its
    first left out: two spellings one sound apart (ARM Yeremey, ARMT Eremti) share one of
    them.  The first class stays, so a pd: block lies inside the pi: block of its words
    and only refines it."""
    cuts = _one_left_out(code, 1) if len(code) >= 3 else []
    return tuple(dict.fromkeys((code, *cuts)))


def _one_left_out(code: str, start: int) -> list[str]:
    """The code with each one class from position ``start`` on left out."""
    return [code[:i] + code[i + 1:] for i in range(start, len(code))]


def _deletions(code: str) -> tuple[str, ...]:
    """The code, and when it has DELETE_MIN classes or more, the code with each one class
    left out: Lębork's LBRK meets Лемборк's LMBRK, Dębica's DBS Дембица's DMBS.  A cut
    that brings one class twice together gives both readings: the pair as it stands
    (Kharkiv KRKV without R is KKV, the code of its typo Khaokiv, whose K_K a vowel
    keeps apart) and merged (one sound written twice, as codes merge it)."""
    if len(code) < DELETE_MIN:
        return (code,)
    cuts = _one_left_out(code, 0)
    merged = (_REPEATS.sub(r"\1", c) for c in cuts)
    return tuple(dict.fromkeys((code, *cuts, *merged)))


def rank_order(name: Name) -> str:
    """A sort key under which alike names sort together (refined blocks pair neighbours):
    the compared words, sorted."""
    return " ".join(sorted(name.compared.split()))


def keys(name: str, kind: Kind | None = None) -> NameKeys:
    """Parse ``name`` and return its keys (see :class:`NameKeys`)."""
    return name_keys(parse(name, kind))
