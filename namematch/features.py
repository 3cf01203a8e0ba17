"""Features of a pair of parsed names, written once for one pair and for arrays of pairs.

The same function computes the features of one pair (Python scalars, rapidfuzz's scalar
scorers) and of a million pairs (numpy arrays; strings as integer codes into a vocabulary
of distinct values, scored with rapidfuzz.process): the arithmetic is shared and only the
few primitives in :class:`Ops` differ.  That keeps ``compare()`` and the bulk
:class:`~namematch.scorer.Scorer` in exact agreement.

Both callers put the two sides in a canonical order first (by the ``order`` field), so
the one asymmetric choice below -- which side's roles swap on reordering -- gives
compare(a, b) == compare(b, a).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Indel, Levenshtein

from namematch import sino
from namematch.keys import initial_mask, reading_codes
from namematch.parse import (
    Name,
    after_prefix,
    father_of,
    given_base,
    given_form,
    given_gender,
    known_given,
    lexicon,
    rarity,
)
from namematch.text import cjk_script, has_hyphen, in_abjad_script, to_text
from namematch.translit import (
    _costly_rules,
    abjad_fit,
    abjad_form,
    armenian_reading,
    cost_mask,
    cost_of_difference,
    fold_continental,
    fold_word,
    given_key,
    plain_letters,
    vowel_skeleton,
)

PERSON_FEATURES = (
    "bias", "surname_sim", "surname_sim_hinge", "surname_skeleton_sim", "surname_exact",
    "surname_derussified", "surname_ending_conflict", "gender_conflict", "given_both",
    "given_sim", "given_differ", "given_missing_one", "given_missing_both", "initial_match",
    "initial_conflict", "patronymic_sim", "patronymic_conflict", "rarity_without_given",
    "rarity", "reordered", "translit_cost", "short_surname", "full_name_agrees",
    "bare_surname_agrees", "surname_one_edit", "surname_sound_sim", "given_sound_sim",
    "second_initial_conflict", "given_unlike", "given_known_differ", "surname_unlike",
    "generation_conflict",
)
PLACE_FEATURES = (
    "bias", "core_sim", "core_sim_hinge", "core_skeleton_sim", "core_exact", "stem_sim",
    "ending_same", "ending_differ", "feature_conflict", "feature_missing_one",
    "translit_cost", "short_core", "core_sound_sim", "core_word_unmatched", "stem_unlike",
)
FEATURES = {"person": PERSON_FEATURES, "place": PLACE_FEATURES}
CONFLICTS = {
    "person": ("given_differ", "patronymic_conflict", "gender_conflict",
               "second_initial_conflict", "generation_conflict"),
    "place": ("feature_conflict",),
}
"""Features that, when set, say two names cannot be one entity (clustering's cannot-link)."""

# Per-name values.  "order" puts a pair's sides in canonical order; "words" (the sorted
# compared words) decides identity.  String fields become vocabulary codes in bulk.
_PERSON_FIELDS = (
    "order", "words", "sur", "stem", "cls", "skel", "given", "gskel", "initial", "pat",
    "sgender", "pgender", "has_given", "has_info", "rarity", "cost", "short", "sce", "scc",
    "gce", "gcc", "pce", "pcc", "initial2", "abbr2", "gknown", "lead", "lead2", "gall", "multi",
    "joined", "joined_w", "gvowels", "gbase", "declined", "bknown", "surc", "givenc", "hasc",
    "surp", "givenp", "sur2", "skel2", "s2ce", "s2cc", "abjad", "sab", "gab", "cjk",
    "gparts", "sino", "ggender", "gkeys", "father", "gword", "surj", "surjp",
    "sjce", "sjcc", "surh", "gen", "arm", "garm", "armw",
)
_PLACE_FIELDS = (
    "order", "words", "core", "stem", "ending", "skel", "feat", "cost", "short", "ce", "cc",
    "cwords", "corec", "plain", "generic", "abjad", "cab", "senses",
)
FIELD_NAMES = {"person": _PERSON_FIELDS, "place": _PLACE_FIELDS}
BIT_FIELDS = frozenset({"cost", "feat", "initial", "initial2", "senses"})
"""Integer fields that are bit sets (compared with &, held as uint64 in bulk)."""
ORDER, WORDS = 0, 1
"""Indices of the order and words fields (the same for both kinds)."""
_JOINED = (_PERSON_FIELDS.index("joined"), _PERSON_FIELDS.index("joined_w"))
_GENERATION = _PERSON_FIELDS.index("gen")
SHARED_VOCABULARY = {"joined": "joined", "joined_w": "joined"}
"""String fields whose columns share one vocabulary (compared with each other by code)."""


def same_name(a: Sequence[Any], b: Sequence[Any], kind: str) -> Any:
    """Whether two names' fields (scalars or arrays) are one name written alike: the
    same compared words, or for people the same letters (Name.joined, in role or written
    order), the words cut elsewhere (VladimirPutin, Alisher-Usmanov, Nikolai Patr ushev)."""
    same = a[WORDS] == b[WORDS]
    if kind == "person":
        cut = a[_JOINED[0]] == b[_JOINED[0]]
        for i in _JOINED:
            for j in _JOINED:
                cut = cut | (a[i] == b[j])
        # the letters leave a generational suffix out (Henry Ford II, Henry Ford III)
        same = same | (cut & (a[_GENERATION] == b[_GENERATION]))
    return same


@cache
def _feature_bits() -> dict[str, int]:
    classes = sorted({c for c in lexicon().features.values() if c != "descriptor"})
    return {c: 1 << i for i, c in enumerate(classes)}


def _word_token(text: str, folded: str) -> str:
    """One core word as :func:`_word_floor` compares it: its vowel skeleton and its sound
    codes in both readings (keys.reading_codes), joined by '|'."""
    return "|".join((vowel_skeleton(folded), *reading_codes(text)))


def _word_sim(a: str, b: str) -> float:
    """Two words' best similarity: of their skeletons, or of their sound codes in any
    pairing of the readings (Rih ~ Rog, Tserkva ~ Cerkiew)."""
    xa, xb = a.split("|"), b.split("|")
    best = _indel(xa[0], xb[0])
    for ca in xa[1:]:
        for cb in xb[1:]:
            if ca and cb:
                best = max(best, _indel(ca, cb))
    return float(best)


def _word_floor(a: str, b: str, **_: Any) -> float:
    """How well the worst-matched word of the name with fewer words finds a counterpart
    in the other (:func:`_word_sim`), for names of several words: 1.0 for Kryvyi Rih ~
    Krivoy Rog, low for Ostrow Wielkopolski ~ Gorzow Wielkopolski, whose shared word
    makes the whole strings alike.  1.0 when both are one word."""
    wa, wb = a.split(), b.split()
    if len(wa) < 2 and len(wb) < 2:
        return 1.0
    if len(wa) > len(wb):
        wa, wb = wb, wa
    return min((max((_word_sim(w, v) for v in wb), default=0.0) for w in wa), default=1.0)


def fields(name: Name) -> tuple[Any, ...]:
    """The per-name values the features read, in the order of the kind's field list."""
    cost = cost_mask(name.rule_mask)
    words = " ".join(sorted(name.compared.split()))
    order = f"{words}\x00{name.compared}"
    if name.kind == "person":
        surname, stem, sur_text = _surname_compared(name)
        given_text = _given_text(name)
        known = _known_given(name)
        father, fknown = father_of(name)
        armenian = armenian_reading(surname, name.given)
        return (
            order, words, surname, stem, name.surname_class,
            vowel_skeleton(surname), name.given, vowel_skeleton(name.given),
            # initials compare by first sound: E. Rahmon ~ Imomali Rahmon, Ch. ~ Kh.
            _initial_sounds(name), name.patronymic, name.surname_gender,
            name.patronymic_gender, bool(name.given), bool(name.given or name.initial),
            rarity(name.surname_per_million), cost, len(name.surname) <= 4,
            # the given name's codes after nicknames and shared prefixes (Abdullo vs
            # Abduhalim compares lo vs halim, as the letters do)
            *_codes(sur_text), *_codes(given_text),
            # a patronymic's letters compare as written, its sounds as its father's
            # name's (Mykolaiovych ~ Nikolaevich: Nikolai), where the ending all share
            # (Leonidovna, Gennadievna: -ovna) made any two sound alike
            *_codes(father), *_second_initial(name),
            known, _lead(name, 0), _lead(name, 1), *_given_words(name),
            *name.joined, _vowel_runs(vowel_skeleton(name.given)), name.given_base,
            name.given_base != name.given,
            _known_given(name, base=True) if name.given_base != name.given else known,
            *_continental_pair(surname, sur_text, name.given, given_text),
            *_plain_pair(sur_text, given_text), *_before_surname(name),
            *_abjad_fields(name, _first(name, ("surname",)), _first(name, ("given",))),
            cjk_script(name.original), _given_parts(name), sino.reading(name),
            _given_gender(name), _given_keys(name), given_key(father) if fknown else "",
            # the first given word as written (its shared prefix gone, as name.given's)
            after_prefix(next((p.folded for p in name.parts if p.role == "given"), ""),
                         lexicon().given_prefixes, 2),
            *_joined_surname(name), _hyphenated_surname(name), name.generation,
            *armenian,
            # -ian or -yan as written: the Western reading is read against the other only
            plain_letters(sur_text)[-3:] if armenian[0] else "",
        )
    bits = _feature_bits()
    feat = 0
    for c in name.feature_classes:
        feat |= bits[c]
    return (
        order, words, name.core, name.core_stem, name.ending_class,
        vowel_skeleton(name.core), feat, cost, len(name.core) <= 4,
        # the core's codes from its letters as written (Szczecin: folding reads c as k)
        *_codes("".join(p.text for p in name.parts if p.role == "core")),
        " ".join(_word_token(p.text, p.folded) for p in name.parts if p.role == "core"),
        "".join(fold_continental(p.text) for p in name.parts if p.role == "core"),
        plain_letters("".join(p.text for p in name.parts if p.role == "core")),
        name.ending_class in lexicon().generic_endings,
        *_abjad_fields(name, "".join(p.text for p in name.parts if p.role == "core")),
        sum(_sense_bits()[x] for x in name.place_senses),
    )


@cache
def _sense_bits() -> dict[str, int]:
    senses = sorted(set(lexicon().place_senses.values()))
    return {x: 1 << i for i, x in enumerate(senses)}


@cache
def _dimension_masks() -> tuple[int, ...]:
    """Per dimension of data/place_senses.tsv (height, age...), the bits of its senses."""
    masks: dict[str, int] = defaultdict(int)
    for sense, bit in _sense_bits().items():
        masks[sense.split(":")[0]] |= bit
    return tuple(masks[d] for d in sorted(masks))


def _senses_contrast(x: Any, y: Any) -> Any:
    """Whether two places hold senses of one dimension and share none of it (Gornji ~
    Donji: height; Stara ~ Nova: age)."""
    out = (x & 0) != 0  # False, as a scalar or an array
    for m in _dimension_masks():
        out = out | (((x & m) != 0) & ((y & m) != 0) & ((x & y & m) == 0))
    return out


def _abjad_fields(name: Name, *texts: str) -> tuple[Any, ...]:
    """Whether the name was written in an abjad script, and per word: for a name so
    written, its abjad form (translit.abjad_form of the letters our tables wrote, not
    folded: folding would merge the k and h of כהן, qhn, into kh), marked "#"; for a Latin
    one the word as written, whose form translit.abjad_fit makes only when it meets an
    abjad name (a million Latin names need none)."""
    if in_abjad_script(name.original):
        return (True, *("#" + abjad_form(t) if t else "" for t in texts))
    return (False, *texts)


def _continental_pair(surname: str, sur_text: str, given: str, given_text: str
                      ) -> tuple[str, str, bool]:
    """The surname and the given name read continentally (translit.fold_continental: c
    is ц, Cickov ~ Tsitskov), and whether either reads otherwise than folded."""
    surc = fold_continental(sur_text) if sur_text else surname
    givenc = fold_continental(given_text) if given_text else given
    return surc, givenc, surc != surname or givenc != given


def _before_surname(name: Name) -> tuple[str, str, str, str]:
    """The last of two or more given words, which may be a first surname (Spanish García
    Márquez, Aznar López) or a father's name (Arabic Mohammad bin Salman Al Saud): folded,
    its vowel skeleton and its sound codes; four "" for none."""
    givens = [p for p in name.parts if p.role == "given"]
    if len(givens) < 2:
        return "", "", "", ""
    word = givens[-1]
    return (word.folded, vowel_skeleton(word.folded), *_codes(word.text))


def _hyphenated_surname(name: Name) -> bool:
    """Whether the surname was written as one hyphenated word (Zeta-Jones, Rimsky-Korsakov)."""
    if not has_hyphen(name.original):  # most names: no second pass over the text
        return False
    surname = next((p.text for p in name.parts if p.role == "surname"), "")
    return any("-" in w and w.replace("-", "").replace("'", "") == surname
               for w in to_text(name.original).words)


def _joined_surname(name: Name) -> tuple[str, str, str, str]:
    """The surname joined with a given word or particle beside it, when that word is not
    the first given word: a double surname written apart (Katherine Zeta Jones, Rimskij
    Korsakow, Mamin Sibirjak read as surname Mamin), compared with a surname written
    hyphenated only (person_features).  Folded as one word and compared as a surname is (a
    given-name prefix gone), as written (translit.plain_letters, as the surname's
    ``surp``), and its sound codes; four "" otherwise."""
    words = [p for p in name.parts if p.role in ("given", "particle", "surname")]
    givens = [p for p in words if p.role == "given"]
    if not givens or not any(p.role == "surname" for p in words):
        return "", "", "", ""
    at = next(i for i, p in enumerate(words) if p.role == "surname")
    for i in (at + 1, at - 1):  # read on first: Mamin Sibirjak, then Zeta Jones
        # (a piece may read as a particle: Ter, Der, As of Arabic names)
        if (0 <= i < len(words) and words[i].role in ("given", "particle")
                and words[i] is not givens[0]):
            text = "".join(p.text for p in sorted((words[at], words[i]),
                                                  key=words.index))
            # a shared given-name prefix goes as from the surname (_surname_compared:
            # Mu hammadiev ~ Mukhammadiyev compares adiev ~ adiyev)
            return (after_prefix(fold_word(text)[0], lexicon().given_prefixes, PREFIX_REST),
                    plain_letters(text), *_codes(text))
    return "", "", "", ""


def _plain_pair(sur_text: str, given_text: str) -> tuple[str, str]:
    """The surname and the given name as written, marks dropped and nothing folded
    (translit.plain_letters: Čačak ~ Cacak, where folding reads č as ch and c as k)."""
    return plain_letters(sur_text), plain_letters(given_text)


PREFIX_REST = 4
"""Letters a surname must keep after a shared given-name prefix for the prefix to go."""


def _surname_compared(name: Name) -> tuple[str, str, str]:
    """(surname, stem, text for its sound codes) as compared: a surname formed from a
    prefixed given name drops the prefix as the given name does (data/given_prefixes.tsv:
    Muhammadaminov ~ Muhammadazizov compares aminov ~ azizov, not the shared muhammad-),
    its sound codes then come from the folded rest."""
    surname, stem = name.surname, name.surname_stem
    rest = after_prefix(surname, lexicon().given_prefixes, PREFIX_REST)
    if rest == surname:
        return surname, stem, _first(name, ("surname",))
    cut = len(surname) - len(rest)  # the stem starts as the surname does
    return rest, stem[cut:] or rest, rest


_VOWEL_RUN = re.compile(r"[aeiou]+")
_DOUBLED = re.compile(r"(.)\1+")


def _vowel_runs(skeleton: str) -> str:
    """The vowel groups of a vowel skeleton (translit.vowel_skeleton: o/u are a, e/y are
    i), doubled letters as one, a glide i before a vowel dropped inside the word: the
    romanizations of one name mostly agree (Schanna, Zhanna: a-a; Gyulnara, Gulnara:
    a-a-a), two known names whose consonants agree often do not (Roza a-a, Raisa ai-a;
    Alla a-a, Ella i-a).  Compared only for two known names of other keys, so a glide
    written j or y (Julija, Yulia: one key) never decides."""
    # a glide before the vowel is a convention, not a vowel (Gyulnara, Gulnara; Lyudmila,
    # Ludmila), except where the word starts with it: Yu-, Ya- are ю, я, not у, а (Yulia
    # is not Alla, Yana not Anna)
    runs = [(m.start(), _DOUBLED.sub(r"\1", m.group())) for m in _VOWEL_RUN.finditer(skeleton)]
    return "-".join(r[1:] if len(r) > 1 and r[0] == "i" and at else r for at, r in runs)


def _first(name: Name, roles: tuple[str, ...]) -> str:
    """The text of the name's first word with one of ``roles`` ("" if none)."""
    return next((p.text for p in name.parts if p.role in roles), "")


def _given_gender(name: Name) -> str:
    """The gender of the first given name as written (parse.given_gender; before
    nicknames: Sasha is Aleksandr's and Aleksandra's), "" when the table does not say, or
    when the name's own surname ending or patronymic says the other: a typo made that
    given name (Irian Shestakova, Muslim Mironova: Irina and Muslima with a swap or a
    letter lost), and it is no evidence against the other spellings of the name."""
    folded = next((p.folded for p in name.parts if p.role == "given"), "")
    gender = given_gender(given_base(folded)) if folded else ""
    own = {name.surname_gender, name.patronymic_gender} - {""}
    return "" if gender and own and gender not in own else gender


def _given_text(name: Name) -> str:
    """The given name as written when parsing only folded it (Maxdi: its x reads as ks
    or as kh, and folding keeps one reading), else as parsed (a nickname's full name, or
    what follows a shared prefix: Abdullo vs Abduhalim compares lo vs halim)."""
    text = _first(name, ("given",))
    return text if fold_word(text)[0] == name.given else name.given


def _lead(name: Name, k: int) -> str:
    """The Cyrillic letter the name's ``k``-th given word (given name, initial or
    patronymic) starts with, as its folded spelling shows it: the first letter, or a
    glide and its vowel (Yu., Iuliia, Julija: "ju" for ю, apart from Ulyana's у; Ja.,
    Iakov: "ja"), where е written ye or je is plain "e"; "" for none.  Not a feature:
    clustering prefers a short form's referent whose given name starts with its initial's
    letter (O. is Olimpiada before Anzhela, whose vowel class it shares)."""
    words = [p.folded for p in name.parts if p.role in ("given", "initial", "patronymic")]
    word = words[k] if k < len(words) else ""
    if len(word) > 1 and word[0] in "yij" and word[1] in "aeiouy":
        return word[1] if word[1] == "e" else "j" + word[1]
    return word[:1]


def _known_given(name: Name, base: bool = False) -> str:
    """The translit.given_key of the name's first given word when data/given_names.tsv
    knows it, else "": two known names whose keys differ are two names (Marina ~ Maria,
    Yulia ~ Alla), where letters and sounds are near.  The key of the word as the lists
    read it (parse.given_form: Sasha is Aleksandr, Josyp is Yosif) and, where that is
    another, the keys of the word as written and as read continentally, space-separated:
    a spelling that one table reads as a short form and another as a name of its own
    (Jakob: German for Yakov, and Якоб written continentally; Czech Michal: Mikhail, and
    Михал) shares one with the other's (Yakob, Mihal).  With
    ``base``, of the word without its case ending (parse.given_base: Jurijus is Juri)."""
    part = next((p for p in name.parts if p.role == "given"), None)
    if part is None:
        return ""
    if base and name.given_base != name.given:  # as written, a shared prefix kept
        written = given_base(part.text)
        word = given_form(written, written)
    else:
        written, word = part.folded, given_form(part.text, part.folded)
    if not (word and known_given(word, 0)):
        return ""
    continental = fold_continental(written if base else part.text.lower())
    return " ".join(dict.fromkeys((given_key(word), given_key(written), given_key(continental))))


def _keys_apart(a: str, b: str, **_: Any) -> float:
    """1.0 when two :func:`_known_given` values share no key, else 0.0."""
    return 0.0 if set(a.split()) & set(b.split()) else 1.0


def _given_words(name: Name) -> tuple[str, bool]:
    """The name's given words (nicknames read as their full names), vowel skeletons,
    sorted, and whether there are two or more: a name may give one of several given names
    (Boris Johnson, Alexandre Boris de Pfeffel Johnson)."""
    words = sorted(vowel_skeleton(given_form(p.text, p.folded))
                   for p in name.parts if p.role == "given")
    return " ".join(words), len(words) > 1


def _given_keys(name: Name) -> str:
    """The translit.given_key of each given word (nicknames read as their full names),
    joined by spaces, when there are two or more ("" otherwise)."""
    given = [p for p in name.parts if p.role == "given"]
    if len(given) < 2:
        return ""
    # the key for letters; the sound codes in both readings of the word as written
    return " ".join(":".join((given_key(given_form(p.text, p.folded)), *_codes(p.text)))
                    for p in given)


def _other_given_words(a: str, b: str, **_: Any) -> float:
    """1.0 when each of two names of several given words has one the other lacks (no word
    of the other within GIVEN_WORD_ALIKE by letters nor of one sound code: Dschawad is
    Javad): Ahmad Zia ~ Ahmad Shah Massoud, José María ~ José Luis Aznar are other
    people; else 0.0."""
    wa = [w.split(":") for w in a.split()]
    wb = [w.split(":") for w in b.split()]

    def alike(u: list[str], v: list[str]) -> bool:
        return (Indel.normalized_similarity(u[0], v[0]) >= GIVEN_WORD_ALIKE
                or bool({c for c in u[1:] if c} & {c for c in v[1:] if c}))

    def lacks(x: list[list[str]], y: list[list[str]]) -> bool:
        return any(not any(alike(u, v) for v in y) for u in x)

    return 1.0 if wa and wb and lacks(wa, wb) and lacks(wb, wa) else 0.0


def _compound_given(parts: str, keys: str, **_: Any) -> float:
    """Letters (Indel similarity of given keys) of a hyphenated given name's parts
    (_given_parts) against another name's given words joined in written order
    (_given_keys)."""
    left = "".join(given_key(p) for p in parts.split("-") if p)
    right = "".join(w.split(":")[0] for w in keys.split())
    return float(Indel.normalized_similarity(left, right))


COMPOUND_ALIKE = 0.85
"""Letters (Indel similarity of given keys) from which a hyphenated given name and given
words written apart are one name (_compound_given): one edit in a name of ten letters."""

GIVEN_WORD_ALIKE = 0.72
"""Letters (Indel similarity of given keys) from which two given words may be one name
written two ways; the bound given names' contradiction uses (features.given_differ)."""


def _given_parts(name: Name) -> str:
    """The first given name's parts when it is hyphenated (Jong-un, Chen-yn as Ким Чен Ын
    is read, Jean-Pierre), folded and joined by '-'; "" otherwise."""
    text = _first(name, ("given",))
    # only a hyphen as written, a Korean name of three syllable words or a solid Hangul
    # or Han name has parts (text joins or cuts those): the rest skip the text again
    if not text or ("-" not in name.original and len(name.original.split()) != 3
                    and not cjk_script(name.original)):
        return ""
    # parsing joins a hyphenated word; its text (namematch.text) still shows the parts
    written = next((w for w in to_text(name.original).words
                    if "-" in w and w.replace("-", "") == text), "")
    parts = [fold_word(p)[0] for p in written.split("-") if p]
    return "-".join(parts) if len(parts) > 1 else ""


def _parts_sim(a: str, b: str, **_: Any) -> float:
    """The least similarity (Indel) of two hyphenated given names' parts, in order (Jong-un
    ~ Jong-il 0.0: one syllable other; Jong-un ~ Jung-eun 0.75); 1.0 when the counts of
    parts differ (nothing to align).  A rapidfuzz-style scorer (keywords ignored)."""
    pa, pb = a.split("-"), b.split("-")
    if len(pa) != len(pb):
        return 1.0
    return float(min(Indel.normalized_similarity(x, y) for x, y in zip(pa, pb, strict=True)))


def _codes(word: str) -> tuple[str, str]:
    """Sound codes (English, continental reading) of a word; two "" for no word."""
    return reading_codes(word) if word else ("", "")


def _second_initial(name: Name) -> tuple[int, bool]:
    """The first sounds of the name's second given word (its patronymic or a second
    initial: I. O. Nalyvayko, Igor Olegovych Nalyvayko) and whether it is an initial;
    (0, False) when there is none."""
    words = [p for p in name.parts if p.role in ("given", "initial", "patronymic")]
    if len(words) < 2:
        return 0, False
    return initial_mask(words[1].text), words[1].role == "initial"


def _initial_sounds(name: Name) -> int:
    first = _first(name, ("given", "initial"))
    return initial_mask(first) if first else 0


class Ops:
    """Primitives for one pair of Python scalars."""

    @staticmethod
    def sim(scorer: Callable[..., float], a: Any, b: Any, only: Any = None) -> Any:
        """``scorer(a, b)``; with ``only``, just where it holds (0 elsewhere: a value
        that ``where`` then discards -- the swapped readings matter for few pairs)."""
        return scorer(a, b) if only is None or only else 0.0

    @staticmethod
    def where(c: Any, x: Any, y: Any) -> Any:
        return x if c else y

    maximum = staticmethod(max)
    minimum = staticmethod(min)

    @staticmethod
    def cost(a: Any, b: Any) -> Any:
        costs = _costly_rules()[1]
        diff = a ^ b
        total = 0.0
        while diff:
            low = diff & -diff
            total += float(costs[low.bit_length() - 1])
            diff ^= low
        return total

    @staticmethod
    def f(x: Any) -> Any:
        return float(x)

    @staticmethod
    def not_(x: Any) -> Any:
        return not x

    @staticmethod
    def ones(like: Any) -> Any:
        return 1.0

    def several(self, x: Any) -> Any:
        """Whether a string field holds several space-separated values."""
        return " " in x


class Column:
    """Strings of one field for many names: integer codes into a shared vocabulary.

    Code 0 is always the empty string, so ``column != ""`` is a code test and two columns
    of one field compare by code.  Similarities are computed once per distinct pair of
    values (a cdist matrix when the distinct values are few, else cpdist on distinct
    pairs) and gathered back with integer indexing.
    """

    __slots__ = ("codes", "vocab")
    __hash__ = None  # type: ignore[assignment]

    def __init__(self, codes: np.ndarray, vocab: np.ndarray) -> None:
        self.codes = codes
        self.vocab = vocab

    def take(self, index: np.ndarray) -> Column:
        return Column(self.codes[index], self.vocab)

    def _other(self, other: object) -> Any:
        if isinstance(other, Column):
            if other.vocab is not self.vocab:
                raise ValueError("columns of different fields do not compare by code")
            return other.codes
        if other == "":
            return 0
        raise TypeError(f"a Column compares with a Column or '', not {other!r}")

    def __eq__(self, other: object) -> Any:
        return self.codes == self._other(other)

    def __ne__(self, other: object) -> Any:
        return self.codes != self._other(other)


MATRIX_CELLS = 8_000_000
"""Largest distinct-values matrix worth a cdist (about 50 ms on two cores) when it is at
most CELLS_PER_PAIR cells per pair asked for."""

CELLS_PER_PAIR = 16
"""Cells of a distinct-values matrix worth computing per pair asked for (measured: 4 or
32 are slower on a million-mention batch)."""


PARALLEL_WORK = 50_000
"""Similarities below which rapidfuzz runs on one thread (thread start-up dominates)."""


class ArrayOps(Ops):
    """The same primitives over numpy arrays and :class:`Column` strings."""

    def __init__(self, workers: int = 1) -> None:
        self.workers = workers
        # per vocabulary (shared by every batch of one scoring run): which values hold a
        # space, looked at once, not once per batch of pairs
        self._spaced: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    def sim(self, scorer: Callable[..., float], a: Any, b: Any,  # type: ignore[override]
            only: Any = None) -> Any:
        if only is not None:
            rows = np.flatnonzero(only)
            out = np.zeros(len(a.codes))
            if len(rows):
                out[rows] = self.sim(scorer, a.take(rows), b.take(rows))
            return out
        ua = _used(a.codes, len(a.vocab))
        ub = _used(b.codes, len(b.vocab))
        asked = len(a.codes)
        # a matrix of every distinct value pair pays off while it is not much bigger than
        # the pairs asked for; a small batch over many values takes cpdist instead
        cells = len(ua) * len(ub)
        if cells <= max(min(MATRIX_CELLS, CELLS_PER_PAIR * asked), 4 * asked):
            matrix = process.cdist(a.vocab[ua], b.vocab[ub], scorer=scorer,
                                   workers=self._workers(cells), dtype=np.float32)
            pos_a = np.zeros(len(a.vocab), dtype=np.int64)
            pos_a[ua] = np.arange(len(ua))
            pos_b = np.zeros(len(b.vocab), dtype=np.int64)
            pos_b[ub] = np.arange(len(ub))
            return matrix[pos_a[a.codes], pos_b[b.codes]].astype(np.float64)
        key = a.codes.astype(np.int64) * len(b.vocab) + b.codes
        pairs, inverse = np.unique(key, return_inverse=True)
        sims = process.cpdist(a.vocab[pairs // len(b.vocab)], b.vocab[pairs % len(b.vocab)],
                              scorer=scorer, workers=self._workers(len(pairs)),
                              dtype=np.float32)
        return sims[inverse.reshape(-1)].astype(np.float64)

    def _workers(self, work: int) -> int:
        # starting threads costs more than a small matrix: one thread below ~50k cells
        return self.workers if work >= PARALLEL_WORK else 1

    @staticmethod
    def where(c: Any, x: Any, y: Any) -> Any:
        return np.where(c, x, y)

    maximum = staticmethod(np.maximum)  # type: ignore[assignment]
    minimum = staticmethod(np.minimum)  # type: ignore[assignment]

    @staticmethod
    def cost(a: Any, b: Any) -> Any:
        return cost_of_difference(np.asarray(a, dtype=np.uint64), np.asarray(b, dtype=np.uint64))

    @staticmethod
    def f(x: Any) -> Any:
        return np.asarray(x, dtype=np.float64)

    @staticmethod
    def not_(x: Any) -> Any:
        return ~np.asarray(x, dtype=bool)

    @staticmethod
    def ones(like: Any) -> Any:
        return np.ones(len(like), dtype=np.float64)

    def several(self, x: Any) -> Any:
        vocab, spaced = self._spaced.get(id(x.vocab), (None, None))
        if vocab is not x.vocab or spaced is None:
            spaced = np.fromiter((" " in v for v in x.vocab), dtype=bool, count=len(x.vocab))
            self._spaced[id(x.vocab)] = (x.vocab, spaced)
        return spaced[x.codes]


def _used(codes: np.ndarray, size: int) -> np.ndarray:
    present = np.zeros(size, dtype=bool)
    present[codes] = True
    return np.flatnonzero(present)


_indel = Indel.normalized_similarity
_token_set = fuzz.token_set_ratio  # 0-100: 100 when one side's words are all the other's
_lev = Levenshtein.distance
_osa = OSA.distance  # a swap of two letters is one edit, as a typo's is


def _sound(ops: Ops, x_e: Any, x_c: Any, y_e: Any, y_c: Any, only: Any = None) -> Any:
    """Similarity of two words' sound codes: the best of the readings, each side in
    either (Eofeevich read in English against Jerofejevics read continentally)."""
    return ops.maximum(
        ops.maximum(ops.sim(_indel, x_e, y_e, only), ops.sim(_indel, x_c, y_c, only)),
        ops.maximum(ops.sim(_indel, x_e, y_c, only), ops.sim(_indel, x_c, y_e, only)))


class _View:
    """Named access to one side's fields (scalars or arrays): plain attributes, since the
    features read a hundred of them per pair and compare() scores one pair at a time."""

    def __init__(self, values: Sequence[Any], names: tuple[str, ...]) -> None:
        self.__dict__.update(zip(names, values, strict=True))

    def __getattr__(self, item: str) -> Any:  # only for names that are no field
        raise AttributeError(f"no field {item!r}")


def person_features(a: Sequence[Any], b: Sequence[Any], ops: Ops) -> list[Any]:
    """Features of person pairs; ``a`` and ``b`` hold :func:`fields` values (or arrays),
    ``a`` first in canonical order."""
    A, B = _View(a, _PERSON_FIELDS), _View(b, _PERSON_FIELDS)
    w, sim = ops.where, ops.sim
    both_given = A.has_given & B.has_given
    # a given name's similarities count only where both have one (swap needs both too);
    # letters compare in either reading of c, where one side has a c to read (Cickov ~
    # Tsitskov: Czech, Bulgarian streamlined; Victor's c is English k), and as written
    # without marks (Čačak ~ Cacak; always, so that a mark never changes a score)
    hasc = A.hasc | B.hasc
    s_ss = ops.maximum(ops.maximum(sim(_indel, A.sur, B.sur),
                                   sim(_indel, A.surc, B.surc, hasc)),
                       sim(_indel, A.surp, B.surp))
    s_gg = ops.maximum(ops.maximum(sim(_indel, A.given, B.given, both_given),
                                   sim(_indel, A.givenc, B.givenc, hasc & both_given)),
                       sim(_indel, A.givenp, B.givenp, both_given))
    # two Armenian names, Western and Eastern stops read alike (translit.armenian_reading:
    # Hagop Hagopian ~ Hakob Hakobyan, Dikran ~ Tigran)
    # (one written -yan, the other -ian: two Eastern spellings read as written, Babayan
    # and Papayan being two families)
    armenian = (A.arm != "") & (B.arm != "") & (A.armw != B.armw)
    s_ss = ops.maximum(s_ss, sim(_indel, A.arm, B.arm, armenian))
    s_gg = ops.maximum(s_gg, sim(_indel, A.garm, B.garm, armenian & both_given))
    s_sg = sim(_indel, A.sur, B.given, both_given)
    s_gs = sim(_indel, A.given, B.sur, both_given)
    # Reordering, "Rahmon Emomali" vs "Emomali Rahmon": swap b's roles when that aligns the
    # words better.  A lone word is read as a surname, never matched to a given name:
    # "Khalimov" is not "Abduhalim Nazarzoda".
    swap = both_given & (s_sg + s_gs > s_ss + s_gg + 0.05)
    # One side's surname is the other's word before its surname (_before_surname: José
    # María Aznar ~ José María Aznar López, Gabriel García ~ Gabriel García Márquez,
    # Mohammed bin Salman ~ Mohammad bin Salman Al Saud): the surnames compare so, where
    # that aligns them much better and the given names then agree
    second = (ops.not_(swap) & both_given & ((A.sur2 != "") | (B.sur2 != ""))
              & (s_gg >= 0.8))
    s_ab = sim(_indel, A.sur, B.sur2, second & (B.sur2 != ""))
    s_ba = sim(_indel, A.sur2, B.sur, second & (A.sur2 != ""))
    shift_b = second & (s_ab >= s_ba) & (s_ab > s_ss + 0.2) & (s_ab >= 0.8)
    shift = shift_b | (second & ops.not_(shift_b) & (s_ba > s_ss + 0.2) & (s_ba >= 0.8))
    s_ss = w(shift, ops.maximum(s_ab, s_ba), s_ss)
    # One side's surname is the other's surname joined with the given word beside it
    # (_joined_surname: Catherine Zeta-Jones ~ Katherine Zeta Jones, Rimsky-Korsakov ~
    # Rimskij Korsakow), where that aligns them much better -- only against a surname
    # written hyphenated: a middle name beside a surname is
    # otherwise as often another family's name (Karl Heinz Mann is not Karl Heinemann,
    # Robert Lee Mann not Robert Lehmann)
    joint = (ops.not_(swap | shift) & both_given & ((A.surj != "") | (B.surj != "")))
    ab, ba = joint & (B.surj != "") & A.surh, joint & (A.surj != "") & B.surh
    s_j = ops.maximum(ops.maximum(sim(_indel, A.sur, B.surj, ab), sim(_indel, A.surp, B.surjp, ab)),
                      ops.maximum(sim(_indel, A.surj, B.sur, ba), sim(_indel, A.surjp, B.surp, ba)))
    # and by sounds, for a convention on top of the split (Petrow Wodkin ~ Petrov-Vodkin)
    s_js = ops.maximum(_sound(ops, A.sce, A.scc, B.sjce, B.sjcc, ab),
                       _sound(ops, A.sjce, A.sjcc, B.sce, B.scc, ba))
    best = ops.maximum(s_j, s_js)
    join = joint & (best > s_ss + 0.1) & (best >= 0.8)
    s_ss = w(join, ops.maximum(s_j, s_ss), s_ss)
    shift_join = shift | join
    same_cls = w(swap, A.cls == "", A.cls == B.cls) | shift_join
    stem_sim = w(swap, s_sg, w(shift_join, s_ss, sim(_indel, A.stem, B.stem)))
    sur_sim = ops.maximum(w(swap, s_sg, s_ss), stem_sim * same_cls)
    skel_sim = w(swap, sim(_indel, A.skel, B.gskel, swap),
                 w(shift, w(shift_b, sim(_indel, A.skel, B.skel2, shift_b),
                            sim(_indel, A.skel2, B.skel, shift & ops.not_(shift_b))),
                   sim(_indel, A.skel, B.skel)))
    # the joined letters stand for their skeleton
    skel_sim = ops.maximum(skel_sim, s_j * join)
    cls_conflict = ((A.cls != "") & (B.cls != "") & ops.not_(swap) & ops.not_(same_cls))
    # de-Russified: same stem, other family ending (Nazarov vs Nazarzoda)
    derus = cls_conflict * stem_sim * (stem_sim >= 0.85)
    # genders by the surnames' endings (Ivanov, Ivanova), or by the patronymics
    # (Petrovich, Petrovna): each source against its own kind only, so a surname ending
    # Russian genders (-in) never contradicts a patronymic (Viktoriya Borisivna
    # Gavrilishin: a Ukrainian surname no gender changes); aligned sides only
    # and by the given names (data/given_names.tsv): Oleksandr ~ Oleksandra Kovalenko,
    # Nodir ~ Nodira Karimzoda are two people where the surname has one form for both;
    # not where a side has several given names (John Forbes Kerry ~ Forbes Kerry: the
    # first given names are other words of one name)
    gender_conflict = ((((A.sgender != "") & (B.sgender != "") & (A.sgender != B.sgender))
                        | ((A.pgender != "") & (B.pgender != "") & (A.pgender != B.pgender))
                        | (both_given & (A.ggender != "") & (B.ggender != "")
                           & (A.ggender != B.ggender) & ops.not_(A.multi | B.multi)))
                       & ops.not_(swap))

    # one side's given names all among the other's: the same given name, the rest left
    # out (Boris Johnson ~ Alexandre Boris de Pfeffel Johnson), never a contradiction
    several = both_given & (A.multi | B.multi) & ops.not_(swap)
    subset = sim(_token_set, A.gall, B.gall, several) * several >= 99.99
    # a given name with a case ending against one without (Vladimiras, Sergejus ~ Sergei:
    # parse.given_base) compares by its base too
    declined = both_given & ops.not_(swap) & (A.declined | B.declined)
    # the first given words as written count too: a typo keeps one side from the name
    # lists' full name while the other finds it (Myyta ~ Mykyta: Nikita; Chnaa ~ Chana:
    # Anna), where the lists' forms alone look like two names
    written = both_given & ops.not_(swap)
    g_sim = ops.maximum(ops.maximum(ops.maximum(
        ops.maximum(w(swap, s_gs, s_gg), sim(_indel, A.gbase, B.gbase, declined) * declined),
        w(swap, sim(_indel, A.gskel, B.skel, swap),
          sim(_indel, A.gskel, B.gskel, both_given)),
    ), ops.f(subset)), sim(_indel, A.gword, B.gword, written) * written) * both_given
    a_info, b_info = A.has_info, B.has_info
    missing_one = a_info ^ b_info
    missing_both = ops.not_(a_info) & ops.not_(b_info)
    initial_only = a_info & b_info & ops.not_(both_given)
    initial_equal = (A.initial & B.initial) != 0
    rar = (A.rarity + B.rarity) * 0.5

    # sound codes survive the conventions string similarity does not (Sjtsjerban ~
    # Schtscherban, Chochlova ~ Khokhlova): the best of the readings, aligned as above --
    # each side may follow either convention (Eofeevich read in English against
    # Jerofejevics read continentally); never below the letters' similarity, since a
    # typo in a short code costs more than in the letters (Nazarzod ~ Nazarnod)
    def sound(x_e: Any, x_c: Any, y_e: Any, y_c: Any, only: Any = None) -> Any:
        return _sound(ops, x_e, x_c, y_e, y_c, only)

    s_sound = ops.maximum(skel_sim, w(swap, sound(A.sce, A.scc, B.gce, B.gcc, swap),
                                      w(shift, w(shift_b,
                                                 sound(A.sce, A.scc, B.s2ce, B.s2cc, shift_b),
                                                 sound(A.s2ce, A.s2cc, B.sce, B.scc,
                                                       shift & ops.not_(shift_b))),
                                        sound(A.sce, A.scc, B.sce, B.scc))))
    s_sound = ops.maximum(s_sound, s_js * join)
    g_sound = ops.maximum(g_sim, w(swap, sound(A.gce, A.gcc, B.sce, B.scc, swap),
                                   sound(A.gce, A.gcc, B.gce, B.gcc, both_given))
                          * both_given)
    # one side written in an abjad script (Arabic, Hebrew: no short vowels, one letter for
    # b and p): a Latin word that fits its letters is its reading (data/abjad.tsv; בני
    # גנץ ~ Benny Gantz, بوتين ~ Putin), as good as the same spelling
    # (aligned as above: Binyamin read as a surname meets Benjamin's given name)
    abjad = (A.abjad ^ B.abjad) & ops.not_(shift)
    straight, crossed = abjad & ops.not_(swap), abjad & swap
    s_fit = w(swap, sim(abjad_fit, A.sab, B.gab, crossed), sim(abjad_fit, A.sab, B.sab, straight))
    g_fit = w(swap, sim(abjad_fit, A.gab, B.sab, crossed),
              sim(abjad_fit, A.gab, B.gab, straight & both_given))
    sur_sim, skel_sim = ops.maximum(sur_sim, s_fit), ops.maximum(skel_sim, s_fit)
    s_sound, g_sim = ops.maximum(s_sound, s_fit), ops.maximum(g_sim, g_fit)
    g_sound = ops.maximum(g_sound, g_fit)
    # both read as Chinese names (namematch.sino): the pinyin and the Wade-Giles spelling
    # of one name (Mao Zedong ~ Mao Tse-tung, Xi Jinping ~ Hsi Chin-p'ing) are one name,
    # whichever word the parser took for the surname
    chinese = (A.sino != "") & (B.sino != "")
    z_fit = sim(sino.fit, A.sino, B.sino, chinese)
    sur_sim, skel_sim = ops.maximum(sur_sim, z_fit), ops.maximum(skel_sim, z_fit)
    s_sound = ops.maximum(s_sound, z_fit)
    z_given = z_fit * both_given
    g_sim, g_sound = ops.maximum(g_sim, z_given), ops.maximum(g_sound, z_given)
    # both written in one of Hangul or Han script, family names first: a name's syllables
    # are its characters, so another spelling is another name, however alike the letters
    # read (김정은 ~ 김정일, 王小明 ~ 王小红; 習 and 习 read alike)
    cjk = (A.cjk != "") & (A.cjk == B.cjk) & ops.not_(swap | shift)
    s_other, g_other = cjk & (A.sur != B.sur), cjk & both_given & (A.given != B.given)
    sur_sim, skel_sim, s_sound = (w(s_other, 0.0, sur_sim), w(s_other, 0.0, skel_sim),
                                  w(s_other, 0.0, s_sound))
    g_sim, g_sound = w(g_other, 0.0, g_sim), w(g_other, 0.0, g_sound)
    # two hyphenated given names of as many parts compare part by part: a part that
    # shares less than half its letters with its counterpart makes another name (Ким Чен
    # Ын ~ Ким Чен Ир, Jean-Pierre ~ Jean-Paul), however much of the whole the letters
    # share; parts alike (Jong-un ~ Jung-eun, Anna-Maria ~ Anna-Marie) change nothing
    parted = both_given & (A.gparts != "") & (B.gparts != "") & ops.not_(swap | shift)
    p_other = parted & (sim(_parts_sim, A.gparts, B.gparts, parted) < 0.5)
    g_sim, g_sound = w(p_other, 0.0, g_sim), w(p_other, 0.0, g_sound)
    # a hyphenated given name against the same words written apart, spelt otherwise
    # (Jean-Claude ~ Jean Claude Junker, Kassym-Jomart ~ Kasym Jomart Tokaev): its first
    # part alone is not the name, the words joined are
    ab = both_given & (A.gparts != "") & B.multi & ops.not_(swap)
    ba = both_given & (B.gparts != "") & A.multi & ops.not_(swap)
    c_sim = ops.maximum(sim(_compound_given, A.gparts, B.gkeys, ab) * ab,
                        sim(_compound_given, B.gparts, A.gkeys, ba) * ba)
    # a typo's worth apart at most (Anna-Maria ~ Anna Sofia share 0.75 of their letters)
    compound = c_sim >= COMPOUND_ALIKE
    c_sim = c_sim * compound
    g_sim, g_sound = ops.maximum(g_sim, c_sim), ops.maximum(g_sound, c_sim)
    # two edits or more in every reading and sounds not equal, with one ending class (or
    # none): the shape of two surnames (Kapustina ~ Kostina), where a typo is one edit (a
    # swap counts one); a typo that broke an ending is one edit from the other form of it
    # (Nazarnod ~ Nazarzod, of Nazarzoda's class: not counted here)
    s_unlike = ops.not_(swap | shift_join) & (s_sound < 0.999) & (A.cls == B.cls)
    s_edits = ops.minimum(ops.minimum(sim(_osa, A.sur, B.sur, s_unlike),
                                      sim(_osa, A.surc, B.surc, s_unlike)),
                          sim(_osa, A.surp, B.surp, s_unlike))
    # a contradiction needs both the letters and the sounds to differ (Hryhoriiovych ~
    # Grigorievich, Patsjo ~ Pacho are one name in two conventions).  Letters below 0.72
    # with other sounds are other names (Kamila ~ Karima, Sanjar ~ Sardor); measured on
    # benchmarks/bench_quality.py, 0.72 instead of 0.6 raised B-cubed precision at 1M
    # from 0.771 to 0.784 (F1 0.723 to 0.729), 100k 0.834 to 0.836, and cost 10k 0.003
    given_differ = both_given & (g_sim < 0.72) & (g_sound < 0.75)
    # both with several given names, and each with one the other lacks: Ahmad Zia ~ Ahmad
    # Shah Massoud, Abdullo Karim ~ Abdullo Rustam Nazarov (one name given in full and
    # one in part stays no contradiction: Boris Johnson ~ Alexandre Boris de Pfeffel
    # Johnson)
    # (the surnames as parsed alike: a misread order compares a surname with a given word)
    multi_both = both_given & A.multi & B.multi & ops.not_(swap | shift)
    multi_both = multi_both & (sim(_indel, A.sur, B.sur, multi_both) >= 0.8)
    given_differ = given_differ | (multi_both & (sim(_other_given_words, A.gkeys, B.gkeys,
                                                     multi_both) > 0))
    # two Chinese names, one word read alike, another of more syllables on one side: 李克强
    # Li Keqiang is not Li Qiang, however much of Qiang Keqiang holds (namematch.sino)
    given_differ = given_differ | (both_given & (sim(sino.differ, A.sino, B.sino, chinese) > 0))
    # Letters three edits apart whose sounds are alike but not equal (Elena ~ Anna,
    # Alevtina ~ Ivanna: one consonant class apart) are other names too, but a typo on top
    # of a convention looks the same (Machdi ~ Maxdki), so this is evidence for the model,
    # not a cannot-link.  Measured on benchmarks/bench_quality.py (model refit): B-cubed
    # 10k 0.919 -> 0.920, 100k 0.837 -> 0.840, 1M 0.729 -> 0.733; as a cannot-link it cost
    # 10k 0.005 in recall
    unlike = both_given & (g_sim < 0.72) & (g_sound < 0.999)  # edits counted only there
    g_edits = w(swap, sim(_lev, A.gskel, B.skel, swap & unlike),
                sim(_lev, A.gskel, B.gskel, unlike & ops.not_(swap)))
    given_unlike = unlike & (g_edits >= 3)
    # both known and other names (below), and no key of either first given name is the
    # other's (as the lists read it, as written or read continentally), nor of either's
    # base: the keys are looked at only where everything else says two names (a Python
    # comparison over every pair of known names cost 7 s of 20 at 100k mentions)
    known = ((A.bknown != "") & (B.bknown != "") & (A.bknown != B.bknown)
             & (A.gknown != B.gknown) & both_given & ops.not_(swap) & (g_fit < 1.0)
             & ((g_sound < 0.999) | (A.gvowels != B.gvowels)) & ops.not_(subset)
             & ops.not_(compound))
    for ka, kb in ((A.gknown, B.gknown), (A.bknown, B.bknown)):
        several = known & (ops.several(ka) | ops.several(kb))  # else != above decides
        known = known & ops.not_(several & (sim(_keys_apart, ka, kb, several) == 0))
    # two letters side by side swapped is a typo's shape, which two names rarely have
    # (Irena ~ Irean; Marina ~ Maria and Alla ~ Ella are an edit apart), as parsed or as
    # written (Irina ~ Irian: folding reads ia as я)
    for ga, gb in ((A.given, B.given), (A.givenp, B.givenp)):
        swapped = known & (sim(_osa, ga, gb, known) == 1)
        known = known & ops.not_(swapped & (sim(_lev, ga, gb, swapped) == 2))
    p_both = (A.pat != "") & (B.pat != "")
    p_sim = sim(_indel, A.pat, B.pat, p_both) * p_both
    p_unlike = p_both & (p_sim < 0.7)
    p_conflict = p_unlike & (sound(A.pce, A.pcc, B.pce, B.pcc, p_unlike) < 0.75)
    # and either both fathers' names are in the name lists (parse.father_name: Leonid,
    # Gennadi) or their sounds are two edits apart or more (Bolat, Azamat): a typo's root
    # (Fedosevich of Fedotevich, Leoovna of Leonovna) is one sound from its name
    fathers = (A.father != "") & (B.father != "")
    unsure = p_conflict & ops.not_(fathers)
    # two fathers the lists know as other names (one father's name in two conventions is
    # one key: Mykolaiovych ~ Nikolaevich, Nikolai) whose sounds are alike as a whole
    # contradict too when two sounds differ (Ostapivna ~ Orestivna) or their keys three
    # letters (Maksimovna ~ Kuzminichna: one sound apart); closer is a typo's shape, which
    # the lists' 12,000 names often read as a name (Evgeevich: Евгей, Evgeni's typo)
    others = p_unlike & fathers & (A.father != B.father) & ops.not_(p_conflict)
    counted = unsure | others
    code_edits = ops.minimum(
        ops.minimum(sim(_lev, A.pce, B.pce, counted), sim(_lev, A.pcc, B.pcc, counted)),
        ops.minimum(sim(_lev, A.pce, B.pcc, counted), sim(_lev, A.pcc, B.pce, counted)))
    far = others & ((code_edits >= 2) | (sim(_lev, A.father, B.father, others) >= 3))
    p_conflict = (p_conflict & ops.not_(unsure & (code_edits < 2))) | far
    # a second initial against a patronymic or another second initial: I. O. is not
    # Ada Tymofiivna (two full patronymics compare above, by letters and sounds)
    second_conflict = ((A.initial2 != 0) & (B.initial2 != 0) & ((A.initial2 & B.initial2) == 0)
                       & (A.abbr2 | B.abbr2) & ops.not_(swap))
    return [
        ops.ones(sur_sim),
        sur_sim,
        ops.maximum(sur_sim - 0.8, 0.0) * 5.0,
        skel_sim,
        ops.f(sur_sim >= 0.99999),
        ops.f(derus),
        ops.f(cls_conflict),
        ops.f(gender_conflict),
        ops.f(both_given),
        g_sim,
        ops.f(given_differ),
        ops.f(missing_one),
        ops.f(missing_both),
        ops.f(initial_only & initial_equal),
        ops.f(initial_only & ops.not_(initial_equal)),
        p_sim,
        ops.f(p_conflict),
        # a rare surname without a given name is evidence only when the surnames agree
        # (Samojlov is not SAMSONOV Boyan however rare both are)
        rar * ops.f(missing_one | missing_both) * ops.maximum(sur_sim - 0.8, 0.0) * 5.0,
        rar,
        ops.f(swap),
        ops.cost(A.cost, B.cost),
        ops.f(A.short | B.short),
        # agreement of every part says more than the parts' sum (a linear model's blind spot)
        ops.maximum(sur_sim - 0.8, 0.0) * ops.maximum(g_sim - 0.8, 0.0) * 25.0,
        ops.maximum(sur_sim - 0.8, 0.0) * 5.0 * ops.f(missing_both),
        # one letter apart in a long surname: the shape of a typo (Nazarzod, Nazarnod)
        ops.f((w(swap | shift, 2.0, sim(_lev, A.sur, B.sur)) == 1)
              & ops.not_(A.short | B.short)),
        s_sound,
        g_sound,
        ops.f(second_conflict),
        ops.f(given_unlike),
        # both given names known and other names (data/given_names.tsv), aligned, and
        # their sounds or their vowel groups differ: Firus ~ Firuz (German s) and Schanna ~
        # Zhanna are one name, Roza ~ Raisa and Alla ~ Ella (one consonant code) are two;
        # a name with a case ending counts by its base (Vadimas is Vadim), and two keys
        # that differ as written but not as bases are one name (Vladimiras ~ Vladimir)
        ops.f(known),
        ops.f(s_unlike & (s_edits >= 2)),
        # two generations of a family (data/generation_suffixes.tsv): Martin Luther King
        # Jr. ~ Martin Luther King III, John Smith Sr. ~ John Smith Jr.
        ops.f((A.gen != 0) & (B.gen != 0) & (A.gen != B.gen)),
    ]


def place_features(a: Sequence[Any], b: Sequence[Any], ops: Ops) -> list[Any]:
    """Features of place pairs; ``a`` and ``b`` hold :func:`fields` values (or arrays)."""
    A, B = _View(a, _PLACE_FIELDS), _View(b, _PLACE_FIELDS)
    stem_sim = ops.sim(_indel, A.stem, B.stem)
    # letters in either reading of c (Biała Cerkiew ~ Bila Tserkva: continental; Victor's
    # English k is folding's own), or as written without marks (Čačak ~ Cacak: a writer
    # who drops the háček keeps the letter, where folding reads č as ch)
    core_sim = ops.maximum(ops.maximum(ops.sim(_indel, A.core, B.core),
                                       ops.sim(_indel, A.corec, B.corec)),
                           ops.sim(_indel, A.plain, B.plain))
    skel_sim = ops.sim(_indel, A.skel, B.skel)
    both_end = (A.ending != "") & (B.ending != "")
    both_feat = (A.feat != 0) & (B.feat != 0)
    sound = ops.maximum(skel_sim, _sound(ops, A.ce, A.cc, B.ce, B.cc))
    # a core written in an abjad script read by the Latin one it fits (person_features;
    # دوشنبه ~ Dushanbe)
    fit = ops.sim(abjad_fit, A.cab, B.cab, A.abjad ^ B.abjad)
    core_sim, skel_sim, sound = (ops.maximum(core_sim, fit), ops.maximum(skel_sim, fit),
                                 ops.maximum(sound, fit))
    return [
        ops.ones(core_sim),
        core_sim,
        ops.maximum(core_sim - 0.8, 0.0) * 5.0,
        skel_sim,
        ops.f(core_sim >= 0.99999),
        stem_sim,
        ops.f(both_end & (A.ending == B.ending)),
        # two endings of other classes (Pokrovsk a town, Pokrovskoye a village); one name
        # without an ending says nothing (Kharkiv ~ Kharkov)
        ops.f(both_end & (A.ending != B.ending)),
        # other kinds of place (River, Valley), or contrasting words (Gornji ~ Donji Vakuf,
        # Stara ~ Nova Zagora: data/place_senses.tsv) on both sides, none shared
        ops.f((both_feat & ((A.feat & B.feat) == 0)) | _senses_contrast(A.senses, B.senses)),
        ops.f((A.feat != 0) ^ (B.feat != 0)),
        ops.cost(A.cost, B.cost),
        ops.f(A.short | B.short),
        # sounds survive what letters do not (Szczecin ~ Shchetsin, Csepén ~ Čepin, Lide ~
        # Lyda), never below the skeleton's similarity (a typo costs a short code more)
        sound,
        1.0 - ops.sim(_word_floor, A.cwords, B.cwords),
        # one generic ending (a word for land or town, data/place_endings.tsv), stems
        # unlike in letters and sounds: the names share little else (Pakistan ~
        # Tajikistan; not Shymkent ~ Chimkent, one sound)
        ops.f(both_end & (A.ending == B.ending) & A.generic & (stem_sim < 0.6)
              & (sound < 0.9)),
    ]


FEATURE_FUNCTIONS = {"person": person_features, "place": place_features}
