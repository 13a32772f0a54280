"""Benchmark: `lictool parse` and `lictool.parse` on the big and degenerate inputs of
tests/test_bad_input.py (tests/big_inputs.py: a 2 MB NOTICE, a 2 MB token, a million flags,
50,000 continued lines, 20,000 attributes, ...), against the bounds measured on the 2-core
reference machine (tests/big_inputs.py, BOUNDS: about 3x the measurement).

    python benchmarks/bad_input.py [--runs 3]

The tests check that the work grows linearly with the size of the input (counting steps, in one
process), never how long it takes: a loaded machine fails any time bound. This prints the
times (best of --runs) and exits 1 when one is over its bound.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from big_inputs import BOUNDS, DEGENERATE, SCALABLE  # noqa: E402


def best(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    import lictool

    texts = {name: case.make(case.full) for name, case in SCALABLE.items()}
    texts.update(DEGENERATE)
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    over = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in texts.items():
            path = Path(tmp) / f"{name}.lic"
            path.write_text(text, encoding="utf-8", newline="")
            cmd = [sys.executable, "-m", "lictool", "parse", str(path)]
            cli = best(lambda: subprocess.run(cmd, stdout=subprocess.DEVNULL,
                                              stderr=subprocess.DEVNULL, env=env), args.runs)
            lib = best(lambda: lictool.parse(text), args.runs)
            cli_bound, lib_bound = BOUNDS[name]
            flag = ""
            if cli > cli_bound or lib > lib_bound:
                over.append(name)
                flag = "  OVER THE BOUND"
            print(f"{name:22s} CLI {cli:6.3f} s (bound {cli_bound:4.1f})   "
                  f"lib {lib:6.3f} s (bound {lib_bound:4.1f}){flag}")
    if over:
        sys.exit(f"over the bound (best of {args.runs}): {', '.join(over)}")


if __name__ == "__main__":
    main()
