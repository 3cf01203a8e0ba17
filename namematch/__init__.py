"""namematch: resolve transliterated names of people and places.

    >>> from namematch import compare
    >>> compare("Khorugh", "Khorog", kind="place").score > 0.9
    True

The path a name takes: text -> translit -> parse -> keys -> features -> compare (one pair)
or scorer (many pairs) -> block -> cluster -> resolve (mentions into entities).
"""

from namematch.compare import Comparison, Explanation, compare
from namematch.errors import (
    DataFileError,
    InvalidNameError,
    ModelError,
    NamematchError,
    NameTooLongError,
    NameTypeError,
)
from namematch.keys import NameKeys, keys
from namematch.link import Candidate, Link, Reference
from namematch.mentions import Mention, Skipped, read_mentions
from namematch.parse import Name, Part, parse
from namematch.resolve import Resolver, resolve
from namematch.results import Assignment, Entity, Resolution
from namematch.scorer import Scorer
from namematch.text import MAX_NAME_CHARS

__all__ = [
    "MAX_NAME_CHARS",
    "Assignment",
    "Candidate",
    "Comparison",
    "DataFileError",
    "Entity",
    "Explanation",
    "InvalidNameError",
    "Link",
    "Mention",
    "ModelError",
    "Name",
    "NameKeys",
    "NameTooLongError",
    "NameTypeError",
    "NamematchError",
    "Part",
    "Reference",
    "Resolution",
    "Resolver",
    "Scorer",
    "Skipped",
    "compare",
    "keys",
    "parse",
    "read_mentions",
    "resolve",
]
__version__ = "0.1.0"
