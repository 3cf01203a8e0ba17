"""Progress of one batch for the command line: a bar with percentage and time left on a
terminal, a plain line every PLAIN_EVERY seconds in a log file (also while a phase runs
without reporting: a heartbeat thread repeats the last state with the time so far).

The resolver reports phases (``Resolver.add``'s ``progress(phase, count)``); each phase
owns a share of the batch's time, measured on the quality benchmark at 1M mentions
(docs/resolution.md: reading with parsing 59 s, blocking 25 s, scoring 77 s, clustering
27 s, writing 46 s), so the percentage moves at about the pace of the clock.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import TextIO

from namematch.workers import FORK_LOCK

PLAIN_EVERY = 10.0
"""Seconds between plain progress lines (stderr not a terminal)."""

# phase -> (share done when it is reported, share it runs to; None: a point)
_SHARES: dict[str, tuple[float, float | None]] = {
    "read": (0.0, 0.25), "names": (0.25, None), "pairs": (0.35, None),
    "scored": (0.35, 0.69), "clustered": (0.80, None), "writing": (0.90, None),
}
_DOING = {"read": "reading rows", "names": "blocking names", "pairs": "scoring pairs",
          "scored": "scoring pairs", "clustered": "writing the store",
          "writing": "writing the store"}


def count_rows(path: str) -> int | None:
    """Rows of an input file, fast (lines of CSV/TSV/JSONL less a header, Parquet's
    metadata); None when not known beforehand (standard input, an unreadable file)."""
    p = Path(path)
    if path == "-" or not p.is_file():
        return None
    try:
        if p.suffix.lower() == ".parquet":
            import pyarrow.parquet as pq

            return int(pq.ParquetFile(p).metadata.num_rows)
        lines = 0
        last = b"\n"
        with p.open("rb") as f:
            while block := f.read(1 << 20):
                lines += block.count(b"\n")
                last = block[-1:]
        lines += last != b"\n"  # a last line without its newline
        return max(lines - (p.suffix.lower() != ".jsonl"), 0)
    except (OSError, ImportError, ValueError):  # a count is a nicety: the read reports errors
        return None


class ProgressBar:
    """``progress(phase, count)`` for Resolver.add, drawn on ``stream``: a bar when it
    is a terminal, else a plain line at most every PLAIN_EVERY seconds."""

    def __init__(self, stream: TextIO, total_rows: int | None, *, terminal: bool) -> None:
        self.stream = stream
        self.total_rows = total_rows
        self.terminal = terminal
        self.start = self.last = time.monotonic()
        self.pairs = 0
        self.drawn = False
        self.state = (0.0, "starting")
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        self.beat: threading.Thread | None = None
        if not terminal:  # a phase may run for minutes without a report: say it goes on
            self.beat = threading.Thread(target=self._heartbeat, daemon=True,
                                         name="namematch-progress")  # workers.FORK_SAFE
            self.beat.start()

    def _heartbeat(self) -> None:
        # under the workers' fork lock: a batch may fork its parse workers meanwhile
        while not self.stopped.wait(max(PLAIN_EVERY / 4, 0.05)):
            now = time.monotonic()
            with FORK_LOCK, self.lock:
                if now - self.last >= PLAIN_EVERY:
                    self._plain(*self.state, now)

    def __call__(self, phase: str, count: int) -> None:
        if phase == "pairs":
            self.pairs = count
        low, high = _SHARES.get(phase, (0.0, None))
        total = self.total_rows if phase == "read" else self.pairs
        done = low
        detail = _DOING.get(phase, phase)
        if high is not None and total:
            done = low + (high - low) * min(count / total, 1.0)
            detail += f" {count:,}/{total:,}"
        elif phase == "read":
            detail += f" {count:,}"
        now = time.monotonic()
        with self.lock:
            self.state = (done, detail)
            if self.terminal:
                self._draw(done, detail, now)
            elif now - self.last >= PLAIN_EVERY:
                self._plain(done, detail, now)

    def _plain(self, done: float, detail: str, now: float) -> None:
        elapsed = int(now - self.start)
        self.stream.write(f"namematch: {done:.0%} {detail}, {elapsed // 60}:{elapsed % 60:02d}"
                          f" so far{self._left(done, now)}\n")
        self.stream.flush()
        self.last = now

    def _left(self, done: float, now: float) -> str:
        if done < 0.02:
            return ""
        left = (now - self.start) * (1.0 - done) / done
        return f", about {int(left) // 60}:{int(left) % 60:02d} left"

    def _draw(self, done: float, detail: str, now: float) -> None:
        width = 24
        filled = int(done * width)
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(f"\rnamematch: [{bar}] {done:4.0%} {detail}{self._left(done, now)}"
                          "\x1b[K")  # clear what a longer line left behind
        self.stream.flush()
        self.drawn = True

    def close(self, *, finished: bool = True) -> None:
        """End the bar's line (a terminal) so the summary starts on a line of its own:
        at 100% when the batch ``finished``."""
        self.stopped.set()
        if self.beat is not None:
            self.beat.join()
        if self.terminal and finished:
            self._draw(1.0, "done", time.monotonic())
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()
