"""Error types raised by namematch.

Every error the library raises on purpose derives from :class:`NamematchError`, so a
pipeline can catch one type.  Input errors also derive from the built-in type a caller
would expect (``TypeError`` for a wrong type, ``ValueError`` for a bad value).
"""

from __future__ import annotations


class NamematchError(Exception):
    """Base class of every error namematch raises on purpose."""


class InvalidNameError(NamematchError, ValueError):
    """A name string that cannot be compared (empty, no letters, lone surrogates...)."""

    def __init__(self, message: str, value: object = None) -> None:
        super().__init__(message)
        self.value = value


class NameTypeError(NamematchError, TypeError):
    """A name that is not a ``str`` (``None``, bytes, numbers...)."""


class NameTooLongError(InvalidNameError):
    """A name longer than :data:`namematch.text.MAX_NAME_CHARS` characters."""


class DataFileError(NamematchError, ValueError):
    """A rule table in ``data/`` is malformed; names the file and line."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.reason = message


class ModelError(NamematchError):
    """The fitted model parameters are missing or do not match the feature set."""


class InputError(NamematchError, ValueError):
    """A mention source that cannot be read at all (unknown format, missing file)."""


class ConstraintError(NamematchError, ValueError):
    """User constraints that contradict each other (one pair both must- and cannot-link)."""


class StoreError(NamematchError):
    """A resolver store that is not a namematch store or is of another schema version."""


ROW_ERRORS: tuple[type[NamematchError], ...] = (InvalidNameError, NameTypeError, InputError)
"""What one name (or its type) can raise: a batch skips that row, a scorer reports that
pair, never more.  A broken rule table (:class:`DataFileError`) or model
(:class:`ModelError`) is not among them: it fails the call once, rather than every row
of a batch being skipped as unusable."""
