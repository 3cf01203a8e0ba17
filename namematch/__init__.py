"""namematch: resolve transliterated names of people and places.

    >>> from namematch import compare
    >>> compare("Khorugh", "Khorog", kind="place").score > 0.9
    True

The path a name takes: text -> translit -> parse -> keys -> features -> compare (one pair)
or scorer (many pairs).
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
from namematch.parse import Name, Part, parse
from namematch.scorer import Scorer
from namematch.text import MAX_NAME_CHARS

__all__ = [
    "MAX_NAME_CHARS",
    "Comparison",
    "DataFileError",
    "Explanation",
    "InvalidNameError",
    "ModelError",
    "Name",
    "NameKeys",
    "NameTooLongError",
    "NameTypeError",
    "NamematchError",
    "Part",
    "Scorer",
    "compare",
    "keys",
    "parse",
]
__version__ = "0.1.0"
