"""Rebuild data/given_names_en.tsv from the English (United States) given names that the
Faker package ships (its en_US person provider: the most frequent names of the US Social
Security Administration's lists, MIT licence):

    pip install faker
    python data/sources/given_names_english.py > data/given_names_en.tsv

A name on both the men's and the women's list (Jordan, Taylor) is "mf".  The table says
only a name's gender (parse.given_gender), for names data/given_names.tsv does not have:
John and Jane, Francis and Frances.  Not run by the package or its tests: the table it
writes is the source of truth.
"""

from __future__ import annotations

import faker
from faker.providers.person.en_US import Provider

HEADER = """\
# English given names and their gender, from the en_US person provider of Faker {version}
# (frequent names of the US Social Security Administration's lists); rebuilt by
# data/sources/given_names_english.py. Used only for a given name's gender where
# data/given_names.tsv does not have the name (John ~ Jane Smith: two people).
# gender: m, f, mf (on both lists).
"""


def main() -> None:
    men, women = set(Provider.first_names_male), set(Provider.first_names_female)
    print(HEADER.format(version=faker.VERSION), end="")
    print("name\tgender\tlanguage\tsource")
    for name in sorted(men | women):
        gender = "mf" if name in men and name in women else "m" if name in men else "f"
        print(f"{name.lower()}\t{gender}\ten\tFaker en_US (US SSA)")


if __name__ == "__main__":
    main()
