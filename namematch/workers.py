"""Parsing a batch's distinct names: in one go for a small batch, in forked worker
processes while reading goes on for a big one (parsing is pure Python: threads would not
help).  Workers end with the process that forked them."""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from typing import Any

from namematch.batch import Node
from namematch.compare import prepared
from namematch.errors import ROW_ERRORS
from namematch.keys import name_keys
from namematch.naming import name_rank
from namematch.parse import Kind, infer_kind

PARALLEL_NAMES = 20_000
"""Distinct names from which a batch parses them in worker processes."""


FORK_LOCK = threading.Lock()
"""Held while the parse workers are forked.  A thread of namematch's own that may run
during a batch (the command line's progress heartbeat) is named in FORK_SAFE and does its
work under this lock, so a fork never catches it holding another lock (stderr's)."""

FORK_SAFE = frozenset({"namematch-progress"})


def _can_fork() -> bool:
    """Linux, no other thread running (a fork could catch one holding a lock) but those of
    FORK_SAFE, and not a daemonic process (a multiprocessing worker may not have
    children)."""
    others = [t for t in threading.enumerate()
              if t is not threading.current_thread() and t.name not in FORK_SAFE]
    return (sys.platform.startswith("linux") and not others
            and not multiprocessing.current_process().daemon)


class NameParser:
    """Parses a batch's distinct names as reading finds them.

    A small batch parses them in one go at the end.  Once PARALLEL_NAMES distinct names
    have arrived (on Linux, with more than one worker, and no other thread running that a
    fork could catch holding a lock), forked worker processes parse them in chunks while
    the rest is still being read: parsing is pure Python, so threads would not help, and a
    parsed name is plain values, cheap to send back.
    """

    def __init__(self, processes: int) -> None:
        self.processes = processes
        self.items: list[tuple[Kind | None, str]] = []
        self.sent = 0
        self.pool: Any = None
        self.pending: list[Any] = []

    def add(self, item: tuple[Kind | None, str]) -> None:
        self.items.append(item)
        if (len(self.items) - self.sent >= PARALLEL_NAMES and self.processes > 1
                and (self.pool is not None or _can_fork())):
            self._send()

    def _send(self) -> None:
        if self.pool is None:
            with FORK_LOCK:
                self.pool = multiprocessing.get_context("fork").Pool(
                    self.processes, initializer=_die_with_parent, initargs=(os.getpid(),))
        chunk = self.items[self.sent :]
        self.sent = len(self.items)
        size = -(-len(chunk) // (2 * self.processes))
        self.pending += [self.pool.apply_async(parse_chunk, (chunk[i : i + size],))
                         for i in range(0, len(chunk), size)]

    def results(self) -> list[Node | str]:
        """One parsed node (or the reason it cannot be parsed) per name, in order."""
        if self.pool is None:
            return parse_chunk(self.items)
        if self.sent < len(self.items):
            self._send()
        return [got for job in self.pending for got in job.get()]

    def __enter__(self) -> NameParser:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.terminate()  # results are in; on an error, stop the workers now
            self.pool.join()


def _die_with_parent(parent: int) -> None:
    """A parse worker ends when the process that forked it does (Linux's parent-death
    signal): killed, its workers went on parsing for seconds and printed BrokenPipeError."""
    with contextlib.suppress(OSError, AttributeError):  # no prctl: the pool ends them
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def parse_chunk(items: list[tuple[Kind | None, str]]) -> list[Node | str]:
    """Each (kind, name) parsed into a node, or the reason it cannot be."""
    out: list[Node | str] = []
    for given_kind, name in items:
        try:
            kind: Kind = given_kind or infer_kind(name)
            parsed, fields = prepared(name, kind)
            out.append(Node(kind, name, fields, name_keys(parsed).blocking, name_rank(parsed)))
        except ROW_ERRORS as exc:
            out.append(f"unusable name: {exc}")
    return out
