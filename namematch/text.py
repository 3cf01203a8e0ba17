"""Text: any script in, lower-case Latin words out.

The first room a name enters.  It checks the input (type, length, surrogates), folds
Unicode (NFKC, apostrophe and dash variants), drops possessives ("Nazarzod's"), and
transliterates Cyrillic (Russian, Tajik, Uzbek, Kazakh, Kyrgyz letters), Persian/Arabic,
Greek, Armenian and Hebrew script with the tables ``data/cyrillic.tsv``,
``data/arabic.tsv``, ``data/greek.tsv``, ``data/armenian.tsv`` and ``data/hebrew.tsv``; a
solid Hangul or Han name splits into family name and given name
(``data/cjk_surnames.tsv``); any other script goes through unidecode.  Latin diacritics
are kept here: ``translit`` folds them with the rules that say which systems write them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import attrs
from unidecode import unidecode

from namematch.caching import word_cache
from namematch.errors import InvalidNameError, NameTooLongError, NameTypeError
from namematch.tables import letter_maps, letters_only, load_table, lower_letters, one_of

MAX_NAME_CHARS = 1000
"""Longest accepted name, in characters; a longer one raises NameTooLongError.

Real names are far shorter; the bound keeps every later step in bounded time."""

_APOSTROPHES = "ʻʼ’‘`´′ʹʾʿ'ʺ″"
"""Marks read as an apostrophe: the soft and hard signs of transliteration among them
(ISO 9 and the Bulgarian scientific system write ъ as ʺ: Prʺndačka)."""
_INNER_QUOTE = re.compile(r'(?<=[^\W\d_])[”"](?=[^\W\d_])')
"""A double quote between two letters is a hard sign, not a quotation (P”kov for Пъков,
V"rtuninski): read as an apostrophe, so the word stays whole."""
_DASHES = "‐‑‒–—―−"
_VOWELS = set("аеёиоуыэюяіїєәөүұӣӯaeiouy")
_FOLD_MARKS = str.maketrans({**{a: "'" for a in _APOSTROPHES}, **{d: "-" for d in _DASHES}})
_POSSESSIVE = re.compile(r"'s$")
"""An English possessive ending (Nazarzod's).  A bare apostrophe after s (Abbas',
Poltavets', Rjabec' with ь written ') is stripped like any edge apostrophe, the s kept."""
_DIGITS = re.compile(r"\d+")
_NOT_LATIN = re.compile(r"[^a-z\u00c0-\u024f\u0250-\u02af\u1e00-\u1eff'-]+")
_SEPARATORS = r"[\s,;/|()\[\]{}\"«»„“”.:!?&+*=_<>~^#%@$\\]+"
_CHUNK = re.compile(_SEPARATORS.replace("[", "[^", 1))


@attrs.frozen
class Text:
    """A name after text handling: lower-case Latin words, hyphens kept inside words.

    ``cues`` holds, per word, what its writing said that lower case loses: "U" for a word
    in capitals among words that are not ("ZIMINA Daria", "ПАХОМОВ Онуфрий": the surname
    by a common convention), "." for a word of at most three letters followed by a period
    ("Ja.", "Ch.": an initial), "," for the last word before a comma ("Rahmon, Emomali").
    """

    original: str
    words: tuple[str, ...]
    scripts: frozenset[str]
    cues: tuple[str, ...]


@cache
def _script_tables() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(plain, word-initial, word-final) letter maps for Cyrillic, Arabic, Greek, Armenian
    and Hebrew script; a plain key of two letters is a digraph read as one sound (Greek ου,
    Armenian ու), an initial one a word's opening (Arabic ال, the article)."""
    maps = [letter_maps(f, "canonical") for f in
            ("cyrillic.tsv", "arabic.tsv", "greek.tsv", "armenian.tsv", "hebrew.tsv")]
    return ({k: v for m in maps for k, v in m[0].items()},
            {k: v for m in maps for k, v in m[1].items()},
            {k: v for m in maps for k, v in m[2].items()})


_GREEK_ACCENTS = re.compile("[\u0301\u0300\u0342\u0313\u0314\u0345]")  # not the diaeresis


def _unaccented(word: str) -> str:
    """A Greek word without its accents (ί -> ι), the diaeresis kept (ϊ stays, so Αϊβάζ
    reads a-i and not the digraph αι); other scripts as they are."""
    if not any("\u0370" <= c <= "\u03ff" or "\u1f00" <= c <= "\u1fff" for c in word):
        return word
    # an accent on a digraph's first vowel makes two vowels (Σεργκέι: e-i, not ει = i)
    split = _ACCENT_THEN_VOWEL.sub(lambda m: m.group(1) + _DIAERESIS[m.group(2)],
                                   unicodedata.normalize("NFC", word))
    return unicodedata.normalize("NFC", _GREEK_ACCENTS.sub("", unicodedata.normalize("NFD", split)))


_ACCENT_THEN_VOWEL = re.compile("([άέόύ])([ιυ])")
_DIAERESIS = {"ι": "ϊ", "υ": "ϋ"}


_ABJAD_SCRIPT = re.compile("[\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\ufb1d-\ufdff\ufe70-\ufeff]")


def in_abjad_script(name: str) -> bool:
    """Whether a name holds Hebrew or Arabic-script letters: scripts that write
    consonants and long vowels only, one letter for Latin b and p (translit.abjad_form)."""
    return bool(_ABJAD_SCRIPT.search(name))


def cjk_script(name: str) -> str:
    """"hangul" or "han" for a name holding Korean Hangul syllables or Han characters
    (its given name's syllables then compare as written: 김정은 is not 김정일), else ""."""
    if _HANGUL_SYLLABLE.search(name):
        return "hangul"
    return "han" if _HAN_CHARACTER.search(name) else ""


def script_of(ch: str) -> str:
    """The script of one letter: latin, cyrillic, arabic or other."""
    if ch.isascii():
        return "latin"
    name = unicodedata.name(ch, "")
    for script in ("LATIN", "CYRILLIC", "ARABIC"):
        if name.startswith(script) or f" {script} " in name:
            return script.lower()
    return "other"


def _transliterate_word(word: str) -> str:
    plain, initial, final = _script_tables()
    word = _unaccented(word)
    out: list[str] = []
    i = 0
    n = len(word)
    while i < n:
        ch = word[i]
        two = word[i : i + 2]
        if i == 0 and len(two) == 2 and two in initial:  # a word-initial pair (Arabic al-)
            out.append(initial[two])
            i += 2
            continue
        if len(two) == 2 and two in plain:  # a digraph read as one sound
            out.append(plain[two])
            i += 2
            continue
        if i + 2 == n and two in final:
            out.append(final[two])
            i += 2
            continue
        if i + 1 == n and ch in final:
            out.append(final[ch])
            i += 1
            continue
        prev = word[i - 1] if i else ""
        if ch in initial and (not prev or prev in _VOWELS or prev in "ъь'"):
            out.append(initial[ch])
        elif ch in plain:
            out.append(plain[ch])
        elif ch.isascii() or script_of(ch) == "latin":
            out.append(ch)
        else:
            out.append(unidecode(ch).lower())
        i += 1
    return "".join(out)


def _check(name: object) -> str:
    if not isinstance(name, str):
        raise NameTypeError(f"a name must be str, not {type(name).__name__}")
    if len(name) > MAX_NAME_CHARS:
        raise NameTooLongError(
            f"name of {len(name)} characters is longer than {MAX_NAME_CHARS}", name[:50]
        )
    try:
        name.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidNameError("name holds a lone surrogate", name) from exc
    return name


def visible(s: str) -> str:
    """``s`` as a reader sees it: format characters (zero-width space, soft hyphen, byte
    order and direction marks; not the zero-width non-joiner Persian spells with) and
    control characters other than whitespace are dropped, inside a word too
    (Nazar\u200bzoda is Nazarzoda, Rakh\x07mon Rakhmon); tabs, line breaks and the
    Unicode line and paragraph separators act as spaces."""
    if s.isprintable():
        return s
    return "".join(
        " " if c.isspace() or unicodedata.category(c) in ("Zl", "Zp")
        else "" if unicodedata.category(c) in ("Cc", "Cf") and c != "\u200c" else c
        for c in s
    )


def has_hyphen(text: str) -> bool:
    """Whether a name's words hold a hyphen as :func:`to_text` reads them (any dash)."""
    return "-" in unicodedata.normalize("NFKC", text).translate(_FOLD_MARKS)


def to_text(name: object) -> Text:
    """Check ``name`` and turn it into lower-case Latin words.

    Raises NameTypeError for a non-str, NameTooLongError past MAX_NAME_CHARS characters and
    InvalidNameError for lone surrogates or a name with no letters.  Invisible characters
    go as :func:`visible` says; digits and punctuation other than apostrophes and hyphens
    are dropped.
    """
    s = visible(unicodedata.normalize("NFKC", _check(name)))
    words: list[str] = []
    cues: list[str] = []
    scripts: set[str] = set()
    capitals: list[bool] = []
    s = _INNER_QUOTE.sub("'", s).translate(_FOLD_MARKS)
    chunks = list(_CHUNK.finditer(s))
    for m in chunks:
        cjk = _cjk_words(m.group(), solo=len(chunks) == 1)
        found, script = (cjk, ("other",)) if cjk is not None else _word(m.group())
        if not found:
            continue
        words += found
        scripts.update(script)
        letters = [c for c in m.group() if c.isalpha()]
        capitals += [len(letters) >= 2 and all(c.isupper() for c in letters)] * len(found)
        after = s[m.end():m.end() + 3].lstrip(" ")
        cue = "." if after.startswith(".") and len(letters) <= 3 else ""
        cues += [""] * (len(found) - 1) + [cue + ("," if after.startswith(",") else "")]
        if cjk is not None and len(chunks) == 1 and _CJK_SOLID.fullmatch(m.group()):
            cues[-len(found)] += ","  # family name first, as if written "Kim, Jong-un"
    if not words:
        raise InvalidNameError(f"name has no letters: {str(name)[:50]!r}", name)
    if _syllable_name(words):  # Ким Чен Ын: kim, chen-yn, family name first
        words, cues = [words[0], f"{words[1]}-{words[2]}"], [cues[0] + ",", cues[2]]
        capitals = [capitals[0], capitals[1] and capitals[2]]
    if not all(capitals):  # capitals mark a word only beside words that are not in capitals
        cues = [c + "U" if cap else c for c, cap in zip(cues, capitals, strict=True)]
    return Text(original=str(name), words=tuple(words), scripts=frozenset(scripts),
                cues=tuple(cues))


@cache
def _capital_prefixes() -> frozenset[str]:
    return frozenset(r["prefix"] for r in load_table(
        "capital_prefixes.tsv", ("prefix", "language"), {"prefix": lower_letters}))


def _hyphenate_capitals(raw: str) -> str:
    """A chunk with a hyphen before each capital that follows a small letter, as if the
    writer had hyphenated a compound (VladimirPutin, ЕвроповКирилов, AnaMarija), unless
    what precedes it in the word is a prefix of data/capital_prefixes.tsv (McDonald,
    DiCaprio, FitzGerald).  Parsing then reads it as any hyphenated word: a double
    surname or given name stays one word, a lone given name and surname become two."""
    out: list[str] = []
    start = 0
    for i in range(1, len(raw)):
        # a soft sign written ' may stand between (Aygul'Usmonova), not after a prefix
        # letter (D'Artagnan, O'Neill)
        sign = raw[i - 1] == "'" and i - start >= 4 and raw[i - 2].islower()
        if raw[i].isupper() and (raw[i - 1].islower() or sign):
            piece = raw[start:i]
            head = re.split(r"[-']", piece.rstrip("'"))[-1].lower()
            if head not in _capital_prefixes() and (not sign or len(head) >= 3):
                out.append(piece.rstrip("'"))
                start = i
    return "-".join([*out, raw[start:]])


_HANGUL_SYLLABLE = re.compile("[\uac00-\ud7a3]")
_HAN_CHARACTER = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HANGUL = re.compile("[\uac00-\ud7a3]{2,4}")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,4}")


@cache
def _family_name_rows() -> tuple[tuple[str, str, str], ...]:
    return tuple((r["surname"], r["script"], r["reading"]) for r in load_table(
        "cjk_surnames.tsv", ("surname", "script", "reading", "note"),
        {"script": one_of("Hangul", "Han", "Cyrillic", "Latin"), "reading": lower_letters,
         "surname": letters_only}, optional=("note",)))


@cache
def _cjk_surnames() -> dict[str, str]:
    """Family name in Hangul or Han script -> its reading (data/cjk_surnames.tsv)."""
    return {name: reading for name, script, reading in _family_name_rows()
            if script in ("Hangul", "Han")}


@cache
def _syllable_family_names() -> frozenset[str]:
    """Korean family names as Latin words (their readings, the Cyrillic and other Latin
    spellings of data/cjk_surnames.tsv, transliterated): the first word of a name written
    syllable by syllable (Ким Чен Ын, Kim Jong Un)."""
    out = {reading for _, script, reading in _family_name_rows() if script == "Hangul"}
    for name, script, _ in _family_name_rows():
        if script in ("Cyrillic", "Latin"):
            out.update(_word(name)[0])
    return frozenset(out)


_SYLLABLE = re.compile(r"[^aeiouy]{0,3}[aeiouy]{1,2}[^aeiouy]{0,2}")


def _syllable_name(words: list[str]) -> bool:
    """A Korean name written syllable by syllable: a family name of
    :func:`_syllable_family_names`, then two words of one syllable each."""
    return (len(words) == 3 and words[0] in _syllable_family_names()
            and all(len(w) <= 4 and _SYLLABLE.fullmatch(w) for w in words[1:]))


_CJK_CHUNK = re.compile("[\uac00-\ud7a3\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff·・]+")
_MIDDLE_DOT = re.compile("[·・]+")
_CJK_SOLID = re.compile("[\uac00-\ud7a3\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,4}")


def _cjk_words(raw: str, *, solo: bool) -> tuple[str, ...] | None:
    """The words of a chunk of Hangul or Han characters (None for any other chunk).  A
    name that is one solid chunk is a family name and a given name (:func:`_cjk_name`);
    in a name of several chunks (블라디미르 푸틴, 弗拉基米尔·普京: a foreign name, its
    parts set apart by spaces or middle dots) each part is one word, its syllables
    joined, as a Latin word is."""
    if not _CJK_CHUNK.fullmatch(raw):
        return None
    parts = [p for p in _MIDDLE_DOT.split(raw) if p]
    if solo and len(parts) == 1:
        split = _cjk_name(parts[0])
        if split is not None:
            return split
    return tuple("".join(unidecode(c).strip().lower() for c in p) for p in parts)


def _cjk_name(raw: str) -> tuple[str, ...] | None:
    """A solid Korean or Han-script name of two to four characters as (family name,
    given name) in Latin letters, family name first (김정은: gim, jeongeun; 習近平: xi,
    jinping), or None for another chunk.  A family name of data/cjk_surnames.tsv reads as
    the table says (김 Kim, 이 Lee), other syllables as unidecode reads them (Revised
    Romanization for Hangul, pinyin for Han).  The family name is one character, two for
    one of the table's and in a four-character Han name; a family name of the table alone
    is itself (김: kim)."""
    if raw in _cjk_surnames():  # a family name alone (김: Kim, as in 김정은)
        return (_cjk_surnames()[raw],)
    hangul = _HANGUL.fullmatch(raw)
    if not hangul and not _HAN.fullmatch(raw):
        return None
    lead = 2 if raw[:2] in _cjk_surnames() or (not hangul and len(raw) == 4) else 1
    if lead >= len(raw):
        return None

    def latin(chars: str) -> str:
        return "".join(unidecode(c).strip().lower() for c in chars)

    family = raw[:lead]
    return _cjk_surnames().get(family) or latin(family), latin(raw[lead:])


@word_cache(100_000)
def _word(raw: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """One separator-free chunk -> its Latin words and the scripts of its letters (names
    repeat their words, so this is cached)."""
    # a tuple of strings, not a set: the cache then holds nothing the cyclic garbage
    # collector must walk (a full collection over 100,000 sets paused calls for 0.3 s)
    scripts = tuple(sorted({script_of(c) for c in raw if c.isalpha()}))
    w = _hyphenate_capitals(raw) if not raw.islower() else raw
    w = _POSSESSIVE.sub("", w.lower())  # possessive: Nazarzod's, Abbas'
    w = _DIGITS.sub("", w).strip("'-")
    if not any(c.isalpha() for c in w):
        return (), scripts
    w = _transliterate_word(w)
    # "\u200c" (ZWNJ) is legal inside Persian words; transliteration removes it.
    parts = (p.strip("'-") for p in _NOT_LATIN.split(w))
    return tuple(p for p in parts if any(c.isalpha() for c in p)), scripts
