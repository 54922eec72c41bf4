"""The stability benchmark's modules import one another as the scripts do when run
from benchmarks/ (`python benchmarks/stability.py`); the folder is appended to the
import path so that its tests read the same modules (appended: it shadows nothing)."""

import sys
from pathlib import Path

_BENCHMARKS = str(Path(__file__).resolve().parents[2] / "benchmarks")
if _BENCHMARKS not in sys.path:
    sys.path.append(_BENCHMARKS)
