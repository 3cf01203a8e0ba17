"""Parse: words -> a Name whose parts have roles.

People: title, given, patronymic, surname, initial, particle.  Places: core words vs
feature words (River, Valley, Gorno-, Autonomous Region...).  All knowledge of which word
is which lives in data/ tables; this module holds the mechanism: leading titles are peeled
off longest phrase first, patronymics and surnames are recognised by their endings, and
the surname is the word with the strongest surname ending (else the last word).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import Literal

import attrs
from rapidfuzz.distance import OSA, Levenshtein

from namematch.caching import word_cache
from namematch.errors import DataFileError, InputError, InvalidNameError, NameTypeError
from namematch.tables import (
    cell,
    load_table,
    lower_ascii,
    lower_letters,
    number,
    one_of,
    one_word,
    regex,
)
from namematch.text import in_abjad_script, to_text
from namematch.translit import fold_continental, fold_word, given_key, plain_letters, spelled

Kind = Literal["person", "place"]
KINDS: tuple[Kind, ...] = ("person", "place")
KIND_ALIASES: dict[str, Kind] = {
    "person": "person", "per": "person", "people": "person",
    "place": "place", "loc": "place", "location": "place", "gpe": "place"}
"""Names of a kind that inputs use (NER tags: PER, LOC, GPE), lower case."""
Role = Literal[
    "title", "given", "patronymic", "surname", "initial", "particle", "suffix", "core",
    "feature"
]

_ROLE_ORDER = {"given": 0, "initial": 0, "patronymic": 1, "particle": 2, "surname": 3}
"""Where a part's letters go in Name.joined: a particle just before the surname (Osama bin
Laden, bin Laden, Osama)."""

NAMES_CACHED = 1_024
"""Parsed names kept per cache (parse, compare.prepared): a parsed name is a dozen objects
the cyclic garbage collector walks, so a long-running process holding 200,000 of them
paused for 2 s in a full collection (1,024: about 20 ms); word-level caches (namematch.caching,
which it skips) stay large, and they are what a new name reuses."""

DEFAULT_PER_MILLION = 20.0
"""Frequency assumed for a name part that data/name_frequency.tsv does not list (rare)."""


@attrs.frozen
class Part:
    """One word of a name: as written (transliterated), folded, and its role."""

    text: str
    folded: str
    role: Role
    feature_class: str = ""


@attrs.frozen
class Name:
    """A parsed name.  Fields after ``parts`` are derived once and used by compare/keys."""

    original: str
    kind: Kind
    parts: tuple[Part, ...]
    rule_mask: int = attrs.field(repr=False)
    # people
    surname: str = ""
    surname_stem: str = ""
    surname_class: str = ""
    surname_family: str = ""
    given: str = ""
    # the given name without a case ending (data/given_endings.tsv: Vladimiras, Sergejus)
    given_base: str = ""
    initial: str = ""
    patronymic: str = ""
    # m or f by each source apart (see ``gender``)
    surname_gender: str = ""
    patronymic_gender: str = ""
    surname_per_million: float = DEFAULT_PER_MILLION
    # places
    core: str = ""
    core_stem: str = ""
    ending_class: str = ""
    feature_classes: frozenset[str] = frozenset()
    # senses of contrasting words (upper, lower, new, old...: data/place_senses.tsv)
    place_senses: frozenset[str] = frozenset()

    @property
    def gender(self) -> str:
        """m or f: by the patronymic when there is one, else by the surname's ending (a
        surname ending Russian genders, -in, may be a Ukrainian form no gender changes:
        Viktoriya Borisivna Gavrilishin is a woman); "" when neither tells."""
        return self.patronymic_gender or self.surname_gender

    @property
    def generation(self) -> int:
        """Which generation of a family a suffix names (data/generation_suffixes.tsv: 1
        for Sr., 2 for Jr. and II, 3 for III); 0 when the name has none."""
        return max((int(p.folded) for p in self.parts if p.role == "suffix"), default=0)

    @property
    def titles(self) -> tuple[str, ...]:
        """Titles and ranks that stood before the name (kept, but not compared)."""
        return tuple(p.text for p in self.parts if p.role == "title")

    def role_parts(self, role: Role) -> tuple[Part, ...]:
        """The parts with one role."""
        return tuple(p for p in self.parts if p.role == role)

    @property
    def compared(self) -> str:
        """The folded words that take part in comparison, in written order."""
        return " ".join(p.folded for p in self.parts if p.role not in ("title", "particle"))

    @property
    def joined(self) -> tuple[str, str]:
        """A person's letters as written without word boundaries, in role order (given
        names and initials in written order, then the patronymic, particles, the surname)
        and in written order.  A name cut into other words shares one of them with its
        spaced spelling (VladimirPutin, Alisher-Usmanov, Nikolai Patr ushev; Mumin zoda,
        read as surname Mumin, keeps its written order).  Letters unfolded: folding across
        a cut would merge Yunus Samirov with Iunus Amirov (ss, iu); an initial keeps its
        period, so A. Aksenov and Arkhipov A. stay apart from Aksenov and Arkhipova."""
        parts = [p for p in self.parts if p.role in _ROLE_ORDER]
        ordered = sorted(parts, key=lambda p: _ROLE_ORDER[p.role])
        return _letters_of(ordered), _letters_of(parts)


def _letters_of(parts: Sequence[Part]) -> str:
    return "".join(p.text + "." if p.role == "initial" else p.text
                   for p in parts).replace("-", "").replace("'", "")


def _fold_phrase(phrase: str) -> tuple[str, ...]:
    """A table phrase as the folded words a name holding it becomes (any script; a hyphen
    splits, as in a title compound: "г-н", "Major-General")."""
    return tuple(fold_word(p)[0] for w in to_text(phrase).words for p in w.split("-") if p)


def _dimension_sense(value: str) -> str | None:
    """A place_senses.tsv sense cell: "dimension:sense" in lower-case letters."""
    if re.fullmatch(r"[a-z]+:[a-z]+", value):
        return None
    return f"{value!r} is not dimension:sense (height:upper)"


@attrs.frozen
class _Lexicon:
    titles: dict[tuple[str, ...], str]
    title_max: int
    abjad_titles: dict[tuple[str, ...], str]  # those written in Arabic or Hebrew script
    particles: frozenset[str]
    surname_suffixes: tuple[tuple[str, str, str, str, int], ...]  # longest first
    suffix_choice: dict[str, int]  # suffix -> 2 chooses the surname, 1 weakly, 0 not
    patronymic_suffixes: tuple[tuple[str, str, int], ...]
    patronymic_words: dict[str, str]
    features: dict[tuple[str, ...], str]
    feature_max: int
    place_senses: dict[str, str]  # folded word -> sense (data/place_senses.tsv)
    endings: tuple[tuple[str, str], ...]
    generic_endings: frozenset[str]  # classes of words for land or town (-stan, -grad)
    nicknames: dict[str, str]
    given_prefixes: tuple[str, ...]
    apart_prefixes: tuple[re.Pattern[str], ...]  # a prefix written as a word of its own
    per_million: dict[tuple[str, str], float]  # (stem, class) or (given, "given")
    given_names: frozenset[str]  # known given names, folded
    given_keys: frozenset[str]  # and their translit.given_key
    given_genders: dict[str, str]  # folded -> m or f, where the table's names agree
    english_genders: dict[str, str]  # folded -> m or f (data/given_names_en.tsv)
    given_endings: tuple[re.Pattern[str], ...]  # case endings of given names, at the end
    father_restore: tuple[str, ...]  # endings a father's name lost to its patronymic
    father_glides: tuple[str, ...]  # letters put before the patronymic ending (й, л, ин)
    generations: dict[str, int]  # generational suffix as written or folded -> 1 (Sr.), 2...


def _chains(names: dict[str, str]) -> dict[str, str]:
    """Each short form to the end of its chain of full forms (Mike -> Michael -> Mikhail:
    Mikhail); a cycle stops before it comes back."""
    out = {}
    for short, full in names.items():
        seen = {short}
        while full in names and full not in seen:
            seen.add(full)
            full = names[full]
        if full != short:
            out[short] = full
    return out


@cache
def lexicon() -> _Lexicon:
    """All word lists of data/, loaded, validated and folded once."""
    title_rows = load_table("titles.tsv", ("phrase", "kind", "language"),
                            {"phrase": lower_letters})
    titles = {_fold_phrase(r["phrase"]): r["kind"] for r in title_rows}
    # an Arabic or Hebrew name's words have no short vowels: only titles written in those
    # scripts are its titles (معمر, Muammar, reads mmr, folded as the English Mr)
    abjad_titles = {_fold_phrase(r["phrase"]): r["kind"] for r in title_rows
                    if in_abjad_script(r["phrase"])}
    particles = frozenset(
        fold_word(r["particle"])[0]
        for r in load_table("particles.tsv", ("particle", "meaning"), {"particle": lower_ascii})
    )
    suffixes = []
    choice: dict[str, int] = {}
    for r in load_table(
        "surname_suffixes.tsv",
        ("suffix", "class", "gender", "family", "min_stem", "chooses"),
        {"suffix": lower_ascii, "gender": one_of("m", "f", "-"), "min_stem": number(1, 10),
         "chooses": one_of("yes", "weakly", "no")},
    ):
        suffixes.append(
            (fold_word(r["suffix"])[0], r["class"], r["gender"].strip("-"), r["family"],
             int(float(r["min_stem"])))
        )
        choice[fold_word(r["suffix"])[0]] = ("no", "weakly", "yes").index(r["chooses"])
    suffixes.sort(key=lambda s: -len(s[0]))
    pat_suffixes: list[tuple[str, str, int]] = []
    pat_words: dict[str, str] = {}
    for r in load_table(
        "patronymic_suffixes.tsv",
        ("form", "text", "gender", "min_words", "system"),
        {"form": one_of("suffix", "word"), "text": lower_ascii, "gender": one_of("m", "f"),
         "min_words": number(2, 3)},
    ):
        folded = fold_word(r["text"])[0]
        if r["form"] == "suffix":
            pat_suffixes.append((folded, r["gender"], int(float(r["min_words"]))))
        else:
            pat_words[folded] = r["gender"]
    pat_suffixes.sort(key=lambda s: -len(s[0]))
    features = {
        _fold_phrase(r["word"].replace("'", "")): r["class"]
        for r in load_table("place_features.tsv", ("word", "class", "language"))
    }
    place_senses: dict[str, str] = {}
    for r in load_table("place_senses.tsv", ("word", "sense", "language"),
                        {"sense": _dimension_sense}):
        for word in _fold_phrase(r["word"]):
            # spellings that fold alike must mean alike, or a word would contrast with itself
            if place_senses.setdefault(word, r["sense"]) != r["sense"]:
                raise DataFileError("place_senses.tsv", r.line,
                                    f"{r['word']!r} folds to {word!r}, already "
                                    f"{place_senses[word]!r}")
    ending_rows = load_table("place_endings.tsv", ("ending", "class", "generic", "meaning"),
                             {"ending": lower_ascii, "generic": one_of("yes", "no")})
    endings = sorted(((fold_word(r["ending"])[0], r["class"]) for r in ending_rows),
                     key=lambda e: -len(e[0]))
    generic = frozenset(r["class"] for r in ending_rows if r["generic"] == "yes")
    # a nickname in its own script (Микола, Яўген) is read as a name in that script is
    nicknames = _chains({
        _fold_phrase(r["nickname"])[0]: fold_word(r["full"])[0]
        for r in load_table(
            "nicknames.tsv", ("nickname", "full", "language"),
            {"nickname": one_word, "full": lower_ascii}
        )
    })
    prefix_rows = load_table("given_prefixes.tsv", ("prefix", "meaning", "apart"),
                             {"prefix": lower_ascii, "apart": regex})
    given_prefixes = tuple(fold_word(r["prefix"])[0] for r in prefix_rows)
    apart_prefixes = tuple(re.compile(cell(r["apart"])) for r in prefix_rows
                           if cell(r["apart"]))
    # keyed by (stem, ending class) for surnames, so Nazarova and Nazarzod find their forms
    per_million = {
        (surname_morphology(fold_word(r["name"])[0], suffixes)[:2] if r["role"] == "surname"
         else (fold_word(r["name"])[0], "given")): float(r["per_million"])
        for r in load_table(
            "name_frequency.tsv",
            ("name", "role", "per_million"),
            {"name": lower_ascii, "role": one_of("surname", "given"),
             "per_million": number(0.001, 1e6)},
        )
    }
    given_rows = load_table("given_names.tsv", ("name", "gender", "language", "source"),
                            {"name": lower_letters, "gender": one_of("m", "f", "mf", "-")})
    given_folded = [fold_word(r["name"])[0] for r in given_rows]
    given_names = frozenset(given_folded)
    # a folded spelling that names of both genders share (or of no known gender) says
    # none; folded spellings, not the coarser given_key (under which Bulgarian Маньо, a
    # man's name, met the woman's Маня)
    given_genders: dict[str, str] = {}
    for key, r in zip(given_folded, given_rows, strict=True):
        seen = given_genders.get(key)
        given_genders[key] = r["gender"] if seen in (None, r["gender"]) else "-"
    # a form of data/nicknames.tsv whose gender there disagrees with its full name's says
    # none either: the name list is machine-tagged (OpenCorpora has свитлана as a man's
    # name), and a wrong gender would be a cannot-link (Svitlana ~ Svetlana)
    for form, full in nicknames.items():
        own, of_full = given_genders.get(form), given_genders.get(full)
        if own in ("m", "f") and of_full in ("m", "f") and own != of_full:
            given_genders[form] = "-"
    fathers = load_table("patronymic_fathers.tsv", ("ending", "change", "language", "note"),
                         {"ending": lower_ascii, "change": one_of("restore", "glide")})
    generations: dict[str, int] = {}
    by_fold: dict[str, set[int]] = defaultdict(set)
    for r in load_table("generation_suffixes.tsv", ("suffix", "generation", "language"),
                        {"suffix": one_word, "generation": number(1, 9)}):
        word, generation = to_text(r["suffix"]).words[0], int(float(r["generation"]))
        generations[word] = generation
        by_fold[fold_word(word)[0]].add(generation)
    # and as folded (mladshii, mladshiy), where the folded form names one generation
    # (folding reads ii and iii alike: those match as written)
    for folded, found in by_fold.items():
        if len(found) == 1:
            generations.setdefault(folded, found.pop())
    return _Lexicon(
        generations=generations,
        titles=titles,
        title_max=max(len(k) for k in titles),
        abjad_titles=abjad_titles,
        particles=particles,
        surname_suffixes=tuple(suffixes),
        suffix_choice=choice,
        patronymic_suffixes=tuple(pat_suffixes),
        patronymic_words=pat_words,
        features=features,
        feature_max=max(len(k) for k in features),
        place_senses=place_senses,
        endings=tuple(endings),
        generic_endings=generic,
        nicknames=nicknames,
        given_prefixes=given_prefixes,
        apart_prefixes=apart_prefixes,
        per_million=per_million,
        given_names=given_names,
        given_keys=frozenset(given_key(g) for g in given_names),
        given_genders={k: g for k, g in given_genders.items() if g in ("m", "f")},
        english_genders={
            fold_word(r["name"])[0]: r["gender"]
            for r in load_table("given_names_en.tsv", ("name", "gender", "language", "source"),
                                {"name": lower_ascii, "gender": one_of("m", "f", "mf")})
            if r["gender"] != "mf"
        },
        given_endings=tuple(
            re.compile(f"(?:{r['ending']})$")
            for r in load_table("given_endings.tsv", ("ending", "language", "note"),
                                {"ending": regex})
        ),
        father_restore=tuple(
            fold_word(cell(r["ending"]))[0] if cell(r["ending"]) else ""
            for r in fathers if r["change"] == "restore"),
        father_glides=tuple(r["ending"] for r in fathers if r["change"] == "glide"),
    )


@word_cache(100_000)
def given_form(text: str, folded: str) -> str:
    """A given word (as written, and folded) as the name lists know it: the full name of
    a short or foreign form of data/nicknames.tsv (Sasha, Mykola), and for a spelling
    neither list holds, what its continental reading (translit.fold_continental: j is й)
    is there -- Josyp and Yosyp are both Yosif, Nadija is Nadiya, Semjon is Semyon, where
    the exact spelling alone left one side without its full name.  Else ``folded``."""
    lex = lexicon()
    if folded in lex.nicknames:
        return lex.nicknames[folded]
    if folded in lex.given_names:
        return folded
    other = fold_continental(text.lower())
    if other != folded and other in lex.nicknames:
        return lex.nicknames[other]
    return other if other in lex.given_names else folded


@word_cache(100_000)
def father_name(root: str) -> tuple[str, bool]:
    """The father's given name a patronymic's root (what its ending leaves: nikola of
    Nikolaevich, mykolay of Mykolaiovych, kuzm of Kuzmich) names, as the name lists read
    it (:func:`given_form`: both of those are Nikolai): the root with the endings of
    data/patronymic_fathers.tsv added back, the first that a list holds as a name not
    only a woman's, and True; else the root and False (a typo's root, Jubjevič: no name
    to tell apart from another)."""
    lex = lexicon()
    stems = [root] + [root[: -len(g)] for g in lex.father_glides
                      if root.endswith(g) and len(root) > len(g) + 1]
    for stem in stems:
        for ending in lex.father_restore:
            word = stem + ending
            form = given_form(word, word)  # Josyp (Josypovyč) is Yosif
            # a father is a man: Andreevich is not of the woman's name Andra
            if ((form != word or word in lex.given_names) and given_gender(word) != "f"
                    and given_gender(form) != "f"):
                return form, True
    return root, False


def father_of(name: Name) -> tuple[str, bool]:
    """:func:`father_name` of the name's patronymic (("", False) for none); where the lists
    know no father of that root, of the patronymic as read continentally
    (translit.fold_continental: Juxymovyč is Yukhym's son, where English reads x as ks);
    where they know neither, the root as written (translit.spelled), whose sounds folding
    would blur (Zhdanovna: folded jdan, which the continental reading hears as Ydan)."""
    if not name.patronymic:
        return "", False
    found = father_name(name.patronymic)
    part = next((p for p in name.parts if p.role == "patronymic"), None)
    if found[1] or part is None:
        return found
    text = part.text.lower()
    read = _patronymic(fold_continental(text), len(name.parts))
    if read is not None and read[0] != name.patronymic:
        other = father_name(read[0])
        if other[1]:
            return other
    written = _patronymic(spelled(text), len(name.parts))
    return (written[0], False) if written is not None else found


@word_cache(100_000)
def given_gender(folded: str) -> str:
    """A folded given name's gender, "m" or "f", where the names of data/given_names.tsv
    so folded agree on one; for a name that table lacks, data/given_names_en.tsv's (John,
    Jane; not a short form of data/nicknames.tsv: Sasha is Aleksandr's and Aleksandra's),
    and a man's name of the first table and -a is a woman's (Nodira of Nodir, Dilshoda,
    Ruslana); else ""."""
    lex = lexicon()
    if folded in lex.given_genders:
        return lex.given_genders[folded]
    if folded in lex.given_names:  # of both genders, or of none
        return ""
    if folded in lex.english_genders and folded not in lex.nicknames:
        return lex.english_genders[folded]
    if folded.endswith("a") and len(folded) > 3 and lex.given_genders.get(folded[:-1]) == "m":
        return "f"
    return ""


@word_cache(100_000)
def given_base(word: str) -> str:
    """A given name as written, folded, without the case endings of data/given_endings.tsv
    it carries: one comes off while what is left folds to a given name of
    data/given_names.tsv (:func:`known_given`), then the next may (Vladimiras, Vladimirs:
    vladimir; Sergejus: sergei; Jurijus: juri; Boriss and Denis both go as far as the
    table allows, so they meet).
    The folded word itself when none comes off."""
    lex = lexicon()
    letters = plain_letters(word)
    base = fold_word(word)[0]
    stripped = True
    while stripped:
        stripped = False
        for ending in lex.given_endings:
            rest = ending.sub("", letters)
            if (rest != letters and len(rest) >= 3
                    and known_given(folded := fold_word(rest)[0], 0)):
                letters, base, stripped = rest, folded, True
                break
    return base


def surname_morphology(
    folded: str, suffixes: Sequence[tuple[str, str, str, str, int]] | None = None
) -> tuple[str, str, str, str]:
    """(stem, class, gender, family) of a folded surname by its longest known ending."""
    if suffixes is None:
        return _morphology(folded)
    return _by_suffix(folded, suffixes)


@word_cache(100_000)
def _morphology(folded: str) -> tuple[str, str, str, str]:
    return _by_suffix(folded, lexicon().surname_suffixes)


def _by_suffix(
    folded: str, suffixes: Sequence[tuple[str, str, str, str, int]]
) -> tuple[str, str, str, str]:
    for suffix, cls, gender, family, min_stem in suffixes:
        if folded.endswith(suffix) and len(folded) - len(suffix) >= min_stem:
            return folded[: -len(suffix)], cls, gender, family
    return folded, "", "", ""


def _ending_choice(folded: str) -> int:
    """How strongly a word's surname ending marks it as the surname: 2, 1 or 0 (none)."""
    stem = _morphology(folded)[0]  # the ending it found is what follows the stem
    return lexicon().suffix_choice[folded[len(stem):]] if len(stem) < len(folded) else 0


@word_cache(100_000)
def _patronymic(folded: str, words: int) -> tuple[str, str] | None:
    """(father's name, gender) when ``folded`` ends like a patronymic, in a name of
    ``words`` name words (some endings are also surnames', and count only in longer names).
    The father's name keeps at least two letters: folding merges doubled letters (Illivna
    is ilivna, from Illia)."""
    for suffix, gender, min_words in lexicon().patronymic_suffixes:
        if folded.endswith(suffix) and len(folded) - len(suffix) >= 2 and words >= min_words:
            return folded[: -len(suffix)], gender
    return None


NEAR_SUFFIX = 4
"""Shortest patronymic ending (data/patronymic_suffixes.tsv) matched within one edit."""


@word_cache(100_000)
def _near_patronymic(folded: str, words: int) -> tuple[str, str] | None:
    """(father's name, gender) when ``folded`` is a known given name (data/given_names.tsv,
    three letters or more) followed by an ending one edit from a patronymic ending of
    NEAR_SUFFIX letters or more: a typo (Danilovuna, Valerioivych, Evgeniiopvych) or a
    spelling the table lacks (Tarasyvna, Mykolaiovyc), in a name of ``words`` name words;
    an edit may swap two letters (Ivanvona).  An ending that ends surnames
    (data/surname_suffixes.tsv: Ivan-ova is one edit from -ovna) is none.  Of the father's
    names that fit, one the table has letter for letter wins (Borisvna: Boris, not Bori),
    then the shortest (Valerioivych: Valery, not Valeryo)."""
    lex = lexicon()
    found: list[tuple[bool, int, str, str]] = []
    for k in range(max(3, len(folded) - NEAR_SUFFIX - 2), len(folded) - NEAR_SUFFIX + 2):
        father, rest = folded[:k], folded[k:]
        if rest in lex.suffix_choice or not known_given(father, 0):
            continue
        gender = next((g for suffix, g, least in lex.patronymic_suffixes
                       if len(suffix) >= NEAR_SUFFIX and words >= least
                       and OSA.distance(rest, suffix, score_cutoff=1) <= 1), None)
        if gender is not None:
            found.append((father in lex.given_names, -k, father, gender))
    return max(found)[2:] if found else None


def _match_phrase(
    words: list[str], start: int, table: dict[tuple[str, ...], str], longest: int
) -> int:
    """Length of the longest phrase of ``table`` starting at ``start`` (0 if none)."""
    for n in range(min(longest, len(words) - start), 0, -1):
        if tuple(words[start : start + n]) in table:
            return n
    return 0


def _letters(raw: list[str], original: str, cues: Sequence[str] = ()
             ) -> tuple[list[str], list[str], list[int], list[str]]:
    """The words, their folded forms, the rule masks of their folding and their text cues,
    without words that fold to nothing (a lone "ǝ" or "@"); InvalidNameError when none is
    left."""
    kept = [(w, *fold_word(w), cue) for w, cue in zip(raw, cues or [""] * len(raw), strict=True)]
    kept = [k for k in kept if k[1]]
    if not kept:
        raise InvalidNameError(f"name has no foldable letters: {original[:50]!r}", original)
    return [k[0] for k in kept], [k[1] for k in kept], [k[2] for k in kept], [k[3] for k in kept]


def _split_titles(raw: list[str], folded: list[str], abjad: bool = False) -> int:
    """How many leading words are titles (always leaving at least one word); ``abjad``:
    the name is written in Arabic or Hebrew script, whose titles are its script's."""
    lex = lexicon()
    titles = lex.abjad_titles if abjad else lex.titles
    i = 0
    while i < len(folded) - 1:
        n = _match_phrase(folded, i, titles, lex.title_max)
        if n == 0 or i + n >= len(folded):
            break
        i += n
    return i


def _person_words(words: Sequence[str], cues: Sequence[str]) -> tuple[list[str], list[str]]:
    """Hyphenated words: title compounds split ("Major-General"), name compounds join.
    Each word keeps its text cue (the last piece of a split one)."""
    out: list[str] = []
    out_cues: list[str] = []
    for w, cue in zip(words, cues, strict=True):
        pieces = _person_word(w, len(words) == 1) if "-" in w else (w,)
        out += pieces
        out_cues += [""] * (len(pieces) - 1) + [cue]
    return out, out_cues


_ARTICLES = frozenset({"al", "ul", "el"})
"""An Arabic article written between a prefix and the name it joins (Abd al-Rashid)."""


def _join_apart_prefixes(words: list[str], cues: list[str]) -> tuple[list[str], list[str]]:
    """A given-name prefix written as a word of its own (data/given_prefixes.tsv, apart)
    joins the word after it, and an article between them, while two words or more stay:
    Abdul Rashid Dostum is Abdurashid Dostum, Abd al-Rashid Dostum too; Abdul Rashid alone
    stays two words (given name and surname)."""
    apart = lexicon().apart_prefixes
    if not apart or len(words) < 3:
        return words, cues
    out, out_cues = list(words), list(cues)
    i = 0
    while i < len(out) - 1:
        if any(p.fullmatch(fold_word(out[i])[0]) for p in apart):
            take = 3 if (fold_word(out[i + 1])[0] in _ARTICLES and i < len(out) - 2) else 2
            if len(out) - take + 1 >= 2:  # a name of one word would be a surname alone
                out[i : i + take] = ["".join(out[i : i + take])]
                out_cues[i : i + take] = [out_cues[i + take - 1]]
        i += 1
    return out, out_cues


@word_cache(100_000)
def _person_word(w: str, alone: bool) -> tuple[str, ...]:
    """The words of one hyphenated word; ``alone``: it is the whole name, so a known given
    name before a word that is none is a name whose spaces became hyphens (a slug:
    alisher-usmanov), where Ter-Petrosyan, Petrov-Vodkin and Abdul-Rahman are one word."""
    lex = lexicon()
    pieces = [p for p in w.split("-") if p]
    folded = [fold_word(p)[0] for p in pieces]
    if len(pieces) > 1 and _match_phrase(folded, 0, lex.titles, lex.title_max) == len(pieces):
        return tuple(pieces)
    if len(pieces) > 1 and folded[0] in lex.particles:
        return (pieces[0], "".join(pieces[1:]))
    if (alone and len(pieces) > 1 and known_given(folded[0], 0)
            and not known_given(folded[-1], 0)):
        return tuple(pieces)
    return ("".join(pieces),)


def _choose_surname(candidates: list[int], folded: list[str], cues: list[str],
                    roles: list[Role]) -> int:
    """Which of the name words (given-name candidates, in order) is the surname.

    What the writer marked comes first: the word before a comma ("Rahmon, Emomali"), then
    a word in capitals among words that are not ("RAHMON Emomali").  Then a word that is
    not a known given name (Ryabets Stefan), then a surname ending (Nazarov, Nazarzoda;
    -ina weakly: Krylova, but Galina too), then the official Russian order (Surname Given
    Patronymic), then the last word.
    """
    if len(candidates) == 1:
        return candidates[0]
    comma = next((i for i in candidates if "," in cues[i]), -1)
    if comma >= 0 and comma < max(i for i, r in enumerate(roles) if r in ("given", "initial")):
        return comma
    capitals = [i for i in candidates if "U" in cues[i]]
    if capitals and len(capitals) < len(candidates):
        return capitals[0]
    # beside a patronymic, the given name comes right before it (Given Patronymic
    # Surname, Surname Given Patronymic): the other word is the surname, whatever it looks
    # like (Perebyinis Hordii Mykolaiovych; Hordii is no given name the table knows)
    fathers = [i for i, r in enumerate(roles) if r == "patronymic"]
    if len(candidates) == 2 and fathers and fathers[0] - 1 in candidates:
        return next(i for i in candidates if i != fathers[0] - 1)
    # A word that is no known given name (data/given_names.tsv) comes before any ending:
    # "Ryabets Stefan", Galina Ryabets (-ina ends surnames too), Valerian Rogov (-yan too).
    # Then the strongest ending chooses (data/surname_suffixes.tsv: -ova over -ina, which
    # Galina and Ekaterina end with too; Tajik -i never, Emomali); of two alike words the
    # later wins (Marina Petrova)
    strength = [_ending_choice(folded[i]) for i in candidates]
    strength = [s + 3 * (not known_given(folded[i], s)) for s, i in zip(strength, candidates,
                                                                         strict=True)]
    if max(strength) > min(strength) or min(strength) > 0:
        return max(zip(strength, candidates, strict=True))[1]
    if roles[-1] == "patronymic":
        return candidates[0]
    return candidates[-1]


def known_given(folded: str, ending: int) -> bool:
    """Whether a folded word is a given name of data/given_names.tsv: looked up by its
    translit.given_key (Mariya, Marija, Maria), or letter for letter when it has a strong
    surname ending (``ending`` 2: Aliyeva is not the rare Aleva, Valeryan is Valerian); or
    a form of one in data/nicknames.tsv (Kate, Mykola, Zmitser)."""
    lex = lexicon()
    if folded in lex.nicknames:  # a short or foreign form of one (Kate, Mykola)
        return True
    return folded in lex.given_names if ending > 1 else given_key(folded) in lex.given_keys


_part = lru_cache(maxsize=4 * NAMES_CACHED)(Part)
"""Parts are frozen and names share their words: build each distinct one once."""


def _parse_person(original: str, words: tuple[str, ...], cues: tuple[str, ...]) -> Name:
    lex = lexicon()
    pieces, piece_cues = _join_apart_prefixes(*_person_words(words, cues))
    raw, folded, masks, word_cues = _letters(pieces, original, piece_cues)
    n_titles = _split_titles(raw, folded, in_abjad_script(original))
    # generational suffixes at the end (Jr., III: data/generation_suffixes.tsv), matched
    # as written -- folding reads ii and iii alike -- and folded to their generation, so
    # that Henry Ford II and Henry Ford III are two names and Jr. and II one
    end = len(raw)
    while end - n_titles > 2 and (raw[end - 1] in lex.generations
                                  or folded[end - 1] in lex.generations):
        end -= 1
        folded[end] = str(lex.generations.get(raw[end]) or lex.generations[folded[end]])
    roles: list[Role] = ["title"] * n_titles
    roles += ["given"] * (end - n_titles)
    roles += ["suffix"] * (len(raw) - end)
    gender = ""
    patronymic = ""
    name_idx = list(range(n_titles, end))
    # patronymic words ("Ahmad ogly") join the word before them
    for i in name_idx[1:]:
        if folded[i] in lex.patronymic_words and roles[i - 1] == "given":
            roles[i - 1] = "patronymic"
            roles[i] = "particle"
            patronymic = folded[i - 1]
            gender = lex.patronymic_words[folded[i]]
    for i in name_idx:
        if roles[i] != "given":
            continue
        if len(folded[i]) == 1 or ("." in word_cues[i] and len(folded[i]) <= 3):
            roles[i] = "initial"  # "A.", and "Ja.", "Ch.", "Yu." (one letter written as two)
        elif folded[i] in lex.particles and len(name_idx) > 1:
            roles[i] = "particle"
    candidates = [i for i in name_idx if roles[i] == "given"]
    if not patronymic and len(candidates) >= 2:
        for i in candidates:
            pat = _patronymic(folded[i], len(candidates))
            # a known given name is none (Kazakh Aisulu, Azeri Aligulu end like -ulu), nor is
            # the word right after a comma: "Surname, Given" (Berdimuhamedow, Gurbanguly:
            # Turkmen -guly ends given names as Kazakh -uly ends patronymics)
            if pat is not None and i != candidates[0] and folded[i] not in lex.given_names \
                    and "," not in word_cues[i - 1]:
                roles[i] = "patronymic"
                patronymic, gender = pat
                break
    if not patronymic and len(candidates) >= 3:
        # no ending of the table: one within an edit of one, after a father's name the
        # given-name table knows (a patronymic is never the first word: three words are
        # Given Patronymic Surname or Surname Given Patronymic)
        for i in candidates[1:]:
            pat = _near_patronymic(folded[i], len(candidates))
            if pat is not None and folded[i] not in lex.given_names:
                roles[i] = "patronymic"
                patronymic, gender = pat
                break
    candidates = [i for i in name_idx if roles[i] == "given"]
    # with only initials and particles left, the last word stands for the surname
    surname_i = (_choose_surname(candidates, folded, word_cues, roles) if candidates
                 else end - 1)
    roles[surname_i] = "surname"
    surname = folded[surname_i]
    stem, cls, sur_gender, family = surname_morphology(surname)
    givens = [i for i in range(len(raw)) if roles[i] == "given"]
    given = base = ""
    if givens:
        # Abdullo vs Abduhalim: lo vs halim
        given = after_prefix(given_form(raw[givens[0]], folded[givens[0]]),
                             lex.given_prefixes, 2)
        base = given_base(raw[givens[0]])
        base = (given if base == folded[givens[0]]
                else after_prefix(given_form(base, base), lex.given_prefixes, 2))
    initials = [folded[i] for i in range(len(raw)) if roles[i] in ("given", "initial")]
    per_million = lex.per_million.get((stem, cls))
    parts = tuple(_part(raw[i], folded[i], roles[i]) for i in range(len(raw)))
    mask = 0  # only the compared words: a title's spelling says nothing about the person
    for i in range(len(raw)):
        if roles[i] not in ("title", "particle", "suffix"):
            mask |= masks[i]
    return Name(
        original=original,
        kind="person",
        parts=parts,
        rule_mask=mask,
        surname=surname,
        surname_stem=stem,
        surname_class=cls,
        surname_family=family,
        given=given,
        given_base=base,
        initial=initials[0][0] if initials else "",
        patronymic=patronymic,
        surname_gender=sur_gender,
        patronymic_gender=gender,
        surname_per_million=per_million if per_million is not None else DEFAULT_PER_MILLION,
    )


FUZZY_PREFIX = 6
"""Shortest given-name prefix matched within one edit (a typo in Muhammad- must not keep
one side's prefix while the other's goes: Mkuhammadamin is still Muhammadamin)."""


@word_cache(100_000)
def after_prefix(word: str, prefixes: tuple[str, ...], rest: int) -> str:
    """``word`` without the first of ``prefixes`` it starts with, when at least ``rest``
    letters are left; a prefix of FUZZY_PREFIX letters or more also matches the word's
    start within one edit.  The word itself when none does."""
    exact = [p for p in prefixes if word.startswith(p)]
    for prefix in exact:
        if len(word) - len(prefix) >= rest:
            return word[len(prefix):]
    if exact:  # Muhammad alone: the prefix is the name
        return word
    for prefix in prefixes:
        n = len(prefix)
        if n >= FUZZY_PREFIX:
            for cut in (n, n + 1, n - 1):  # a letter changed, added, dropped
                if (len(word) - cut >= rest
                        and Levenshtein.distance(word[:cut], prefix, score_cutoff=1) <= 1):
                    return word[cut:]
    return word


def _parse_place(original: str, words: tuple[str, ...]) -> Name:
    lex = lexicon()
    raw, folded, masks, _ = _letters([p for w in words for p in w.split("-") if p], original)
    mask = 0
    for m in masks:
        mask |= m
    roles: list[Role] = ["core"] * len(raw)
    classes: list[str] = [""] * len(raw)
    i = 0
    while i < len(raw):
        n = _match_phrase(folded, i, lex.features, lex.feature_max)
        if n:
            cls = lex.features[tuple(folded[i : i + n])]
            for j in range(i, i + n):
                roles[j], classes[j] = "feature", cls
            i += n
        else:
            i += 1
    if "core" not in roles:  # "The Valley": nothing but feature words, so they are the name
        roles = ["core"] * len(raw)
        classes = [""] * len(raw)
    core_words = [folded[i] for i in range(len(raw)) if roles[i] == "core"]
    core = "".join(core_words)
    stem, ending = core, ""
    for suffix, cls in lex.endings:
        if core.endswith(suffix) and len(core) - len(suffix) >= 2:
            stem, ending = core[: -len(suffix)], cls
            break
    parts = tuple(_part(raw[i], folded[i], roles[i], classes[i]) for i in range(len(raw)))
    return Name(
        original=original,
        kind="place",
        parts=parts,
        rule_mask=mask,
        core=core,
        core_stem=stem,
        ending_class=ending,
        feature_classes=frozenset(c for c in classes if c and c != "descriptor"),
        place_senses=frozenset(lex.place_senses[f] for f in folded if f in lex.place_senses),
    )


def infer_kind(name: str) -> Kind:
    """Guess person or place from the words alone (feature words, -stan/-obod endings).

    The one rule wherever a kind is not given: compare(), Scorer.score_pairs(), a row
    without a type in resolve() and link().  Names with no cue count as people (Dushanbe
    and Khorog have none: give the type).
    """
    place = parse(name, "place")
    if place.feature_classes or place.ending_class in ("stan", "abad", "kent", "grad"):
        person = parse(name, "person")
        if not (person.titles or person.patronymic or person.surname_class in ("ov", "zoda")):
            return "place"
    return "person"


def parse(name: str, kind: Kind | None = None) -> Name:
    """Parse a raw name (any script) as a person or a place (inferred when ``kind`` is None).

    Raises the errors of :func:`namematch.text.to_text` for bad input (NameTypeError for a
    non-str, checked before the cache sees it: a list is no cache key), and ValueError for
    an unknown kind (InputError, a ValueError).  Results are cached per (string, kind).
    """
    if not isinstance(name, str):
        raise NameTypeError(f"a name must be str, not {type(name).__name__}")
    if kind is not None and kind not in KINDS:
        raise InputError(f"kind must be one of {KINDS} or None, not {kind!r}")
    return _parse(name, kind)


@lru_cache(maxsize=NAMES_CACHED)
def _parse(name: str, kind: Kind | None) -> Name:
    if kind is None:
        kind = infer_kind(name)
    text = to_text(name)
    if kind == "person":
        return _parse_person(text.original, text.words, text.cues)
    return _parse_place(text.original, text.words)


def rarity(per_million: float) -> float:
    """-log10 of a frequency: 2 for a very common surname, about 4.7 for an unlisted one."""
    return -math.log10(max(per_million, 1e-3) / 1e6)
