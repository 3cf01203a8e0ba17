"""Hypothesis runs derandomized under CI (``CI=true``): a property's examples are then the
same on every run, so the exit code of ``.ci/run`` says whether the code changed, not
which random examples a run drew.  Locally each run draws new examples (and keeps the
failing ones in .hypothesis/) to find what the fixed set misses."""

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
    settings.load_profile("ci")
