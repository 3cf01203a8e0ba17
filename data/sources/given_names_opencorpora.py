"""Rebuild data/given_names.tsv from the OpenCorpora dictionary (CC BY-SA 3.0), as
shipped by the pymorphy3-dicts-ru package:

    python -m venv /tmp/oc && /tmp/oc/bin/pip install pymorphy3 pymorphy3-dicts-ru
    /tmp/oc/bin/python data/sources/given_names_opencorpora.py > data/given_names.tsv

Every lemma tagged ``Name`` (a given name) in the nominative singular, with its gender;
names under three letters are left out (they read like initials and particles).  Not
run by the package or its tests: the table it writes is the source of truth.
"""

from __future__ import annotations

import sys
from importlib.metadata import version

import pymorphy3  # type: ignore[import-not-found]

HEADER = """\
# Given names as Russian writes them (any origin: Emomali, Oksana, Shavkat), from the
# OpenCorpora dictionary (CC BY-SA 3.0, opencorpora.org), lemmas tagged Name, via
# pymorphy3-dicts-ru {version}; rebuilt by data/sources/given_names_opencorpora.py.
# gender: m, f, mf (both), - (unknown).
"""


def main() -> None:
    morph = pymorphy3.MorphAnalyzer()
    genders: dict[str, set[str]] = {}
    for parse in morph.iter_known_word_parses():
        tag = parse.tag
        if "Name" in tag and "nomn" in tag and "sing" in tag and parse.word == parse.normal_form:
            g = "f" if "femn" in tag else "m" if "masc" in tag else ""
            if len(parse.word) >= 3:
                genders.setdefault(parse.word, set()).add(g)
    out = sys.stdout
    out.write(HEADER.format(version=version("pymorphy3-dicts-ru")))
    out.write("name\tgender\tlanguage\tsource\n")
    for word in sorted(genders):
        g = "".join(sorted((x for x in genders[word] if x), key="mf".index)) or "-"
        out.write(f"{word}\t{g}\tru\tOpenCorpora\n")


if __name__ == "__main__":
    main()
