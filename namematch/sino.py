"""Chinese names in pinyin and in Wade-Giles: one reading for both.

Mao Zedong and Mao Tse-tung, Deng Xiaoping and Teng Hsiao-p'ing are one name in two
romanizations whose letters differ in nearly every syllable (z for ts, d for t, x for
hs, -ong for -ung), so letters and sound codes score them apart.  Here a word is cut into
the syllables of data/chinese_syllables.tsv and each syllable read by its Wade-Giles
letters without the aspiration mark and the diaeresis, the form both systems reach
(zhou, chou: chou; dong, tung: tung).  A syllable some spelling reads two ways (chi: the
pinyin chi is Wade-Giles ch'ih; the Wade-Giles chi is pinyin ji) keeps both readings.

A name is read so only when it looks Chinese: two or three words, every one of them cut
into one or two syllables, one of them a common family name, and no word of two
syllables a given name of our lists (Dina Li is a Western given name: Dina and Tina, d and
t, are what the two systems confuse).  Ordinary names rarely pass (Ivanova is no
syllables); the reading then only adds evidence for a pair, it never takes any away.
"""

from __future__ import annotations

import itertools
from functools import cache

from namematch.caching import word_cache
from namematch.parse import Name, lexicon
from namematch.tables import load_table, lower_letters, one_of

MAX_READINGS = 8
"""Readings kept per word (syllables read two ways multiply)."""

_NAME_ROLES = frozenset(("given", "surname", "patronymic", "particle"))  # Zhu De: de


def _plain(syllable: str) -> str:
    return syllable.replace("'", "").replace("ü", "u")


@cache
def _tables() -> tuple[dict[str, frozenset[str]], frozenset[str], int]:
    """(spelling -> its readings, readings of the family names, longest spelling)."""
    readings: dict[str, set[str]] = {}
    families: set[str] = set()
    for r in load_table("chinese_syllables.tsv", ("pinyin", "wade_giles", "family"),
                        {"pinyin": lower_letters, "wade_giles": lower_letters,
                         "family": one_of("yes", "no")}):
        reading = _plain(r["wade_giles"])
        for spelling in (_plain(r["pinyin"]), reading):
            readings.setdefault(spelling, set()).add(reading)
        if r["family"] == "yes":
            families.add(reading)
    table = {k: frozenset(v) for k, v in readings.items()}
    return table, frozenset(families), max(map(len, table))


@word_cache(1 << 16)
def word_readings(word: str) -> tuple[tuple[str, ...], int]:
    """A word's readings (sorted) and its number of syllables; ((), 0) when the word is
    not cut into syllables of the table.  The cut with fewest syllables wins (xiaoping:
    xiao ping, not xi ao ping)."""
    table, _, longest = _tables()
    letters = _plain(word.replace("-", ""))
    n = len(letters)
    # best[i]: fewest syllables that spell letters[:i], and the cut that gives it
    none = n + 1  # more syllables than any cut has
    count, back = [0] + [none] * n, [0] * (n + 1)
    for end in range(1, n + 1):
        for start in range(max(0, end - longest), end):
            if count[start] + 1 < count[end] and letters[start:end] in table:
                count[end], back[end] = count[start] + 1, start
    if not n or count[n] == none:
        return (), 0
    cuts: list[str] = []
    end = n
    while end:
        cuts.append(letters[back[end]:end])
        end = back[end]
    cuts.reverse()
    combos = itertools.islice(itertools.product(*(sorted(table[c]) for c in cuts)),
                              MAX_READINGS)
    return tuple(sorted("".join(c) for c in combos)), len(cuts)


def reading(name: Name) -> str:
    """The name's Chinese reading for :func:`fit` ("" when it does not look Chinese):
    per word its syllables, ":" and its readings joined by "|"; words joined by " ", in
    the order written (Mao Tse-tung: "1:mao 2:tsetung")."""
    parts = [p for p in name.parts if p.role in _NAME_ROLES]
    if not 2 <= len(parts) <= 3:
        return ""
    read = [word_readings(p.text) for p in parts]
    if any(not 1 <= count <= 2 for _, count in read):
        return ""
    # a word of two syllables that is a given name of our lists (Dina, Tina, Lena) makes
    # the name a Western one with a Chinese family name: Dina Li is not Tina Li
    known = lexicon().given_names
    if any(count == 2 and p.folded in known for p, (_, count) in zip(parts, read, strict=True)):
        return ""
    families = _tables()[1]
    if not any(count == 1 and families.intersection(r) for r, count in read):
        return ""
    return " ".join(f"{count}:" + "|".join(r) for r, count in read)


def _words(text: str) -> list[tuple[int, set[str]]]:
    """A :func:`reading` as (syllables, readings) per word."""
    out = []
    for w in text.split(" "):
        count, _, readings = w.partition(":")
        out.append((int(count), set(readings.split("|"))))
    return out


def _alignments(a: str, b: str) -> list[list[tuple[tuple[int, set[str]], tuple[int, set[str]]]]]:
    """The word pairs of two readings of as many words, in the same order and reversed."""
    if not a or not b:
        return []
    wa, wb = _words(a), _words(b)
    if len(wa) != len(wb):
        return []
    return [list(zip(wa, order, strict=True)) for order in (wb, wb[::-1])]


def fit(a: str, b: str, **_: object) -> float:
    """1.0 when two readings of :func:`reading` are one name: as many words, and each
    word shares a reading with its counterpart in the same order or reversed (Mao
    Zedong, Tse-tung Mao); else 0.0."""
    for pairs in _alignments(a, b):
        if all(x[1] & y[1] for x, y in pairs):
            return 1.0
    return 0.0


def differ(a: str, b: str, **_: object) -> float:
    """1.0 when two readings are other names by their syllables: as many words, a word
    read alike on both sides (the family name) and a word whose counterpart has another
    number of syllables (李克强 Li Keqiang ~ Li Qiang: a character more is another name);
    else 0.0."""
    for pairs in _alignments(a, b):
        if any(x[1] & y[1] for x, y in pairs) and any(x[0] != y[0] for x, y in pairs):
            return 1.0
    return 0.0


def blocking_words(name: Name) -> tuple[str, ...]:
    """Keys for blocking: the name's words' readings, sorted, one key per combination
    (a few: most syllables read one way)."""
    text = reading(name)
    if not text:
        return ()
    words = [sorted(r) for _, r in _words(text)]
    return tuple(dict.fromkeys(
        "|".join(sorted(c)) for c in itertools.islice(itertools.product(*words), MAX_READINGS)))
