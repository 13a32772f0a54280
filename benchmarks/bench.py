"""Benchmark: `lictool parse` and `lictool lint` on a 10,000-record license file, and start-up.

    python benchmarks/bench.py [--records 10000] [--runs 5]

Generates a synthetic Genesys file with `lictool generate` (SERVER, VENDOR, then FEATURE/INCREMENT
records with SIGN values continued over lines: ~30,000 physical lines, ~3 MB), then times whole
processes
(best of --runs): `lictool --version`, `lictool parse` on a 2-line file, `lictool parse FILE`,
`lictool parse --format json FILE`, `lictool lint FILE` and `lictool report FILE` (the
entitlement engine), and `lictool lint FILE` with the rules that ask the engine ignored: what
those rules add to lint (issue 12: at most 25%), and in one process the engine's share of lint.
Targets: parse <= 0.6 s and start-up <= 0.2 s (issue 2), lint <= 1.0 s (issue 3), on the 2-core
reference machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
def generate(base, out: Path, records: int, seed: int = 20261127) -> Path:
    """The benchmark file, made by `lictool generate` (signed with a throw-away test key)."""
    key = out / "bench.key"
    path = out / f"bench-{records}.lic"
    subprocess.run(base + ["keygen", str(key), "--force"], check=True, stderr=subprocess.DEVNULL)
    subprocess.run(base + ["generate", "--key", str(key), "--records", str(records), "--seed",
                           str(seed), "-o", str(path)], check=True)
    return path


def best(cmd, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    exe = shutil.which("lictool", path=os.path.dirname(sys.executable)) or shutil.which("lictool")
    base = [exe] if exe else [sys.executable, "-m", "lictool"]
    path = generate(base, out, args.records)
    size = path.stat().st_size
    lines = path.read_bytes().count(b"\n")
    print(f"file: {path} ({args.records} records, {lines} physical lines, {size / 1e6:.2f} MB)")
    rc = subprocess.run(base + ["parse", str(path)], stdout=subprocess.DEVNULL).returncode
    if rc != 0:
        sys.exit(f"lictool parse failed with exit code {rc}")
    tiny = out / "tiny.lic"
    tiny.write_text("SERVER lic01 0019B9A0B0C0 7260\nUSE_SERVER\n", encoding="utf-8")
    results = {
        "lictool --version": best(base + ["--version"], args.runs),
        "lictool parse (2-line file)": best(base + ["parse", str(tiny)], args.runs),
        "lictool parse FILE": best(base + ["parse", str(path)], args.runs),
        "lictool parse --format json FILE": best(base + ["parse", "--format", "json", str(path)], args.runs),
        "lictool lint FILE": best(base + ["lint", "--today", "2026-06-01", str(path)], args.runs),
        "lictool report FILE": best(base + ["report", "--today", "2026-06-01", str(path)],
                                    args.runs),
    }
    results["lictool lint FILE, engine rules ignored"] = best(
        base + ["lint", "--today", "2026-06-01", "--ignore", ENGINE_RULES, str(path)], args.runs)
    for name, secs in results.items():
        print(f"{name:40s} {secs:6.3f} s (best of {args.runs})")
    lint_s = results["lictool lint FILE"]
    without = results["lictool lint FILE, engine rules ignored"]
    print(f"the rules answered by the entitlement engine add {100 * (lint_s / without - 1):.0f}% "
          "to lint (target: at most 25%, issue 12)")
    engine_s, lint_in = in_process(path, args.runs)
    print(f"in one process: lint {lint_in:.3f} s, the engine alone {engine_s:.3f} s "
          f"({100 * engine_s / lint_in:.0f}% of lint)")


#: the lint rules that ask the entitlement engine (lictool.lint.rule.Context.entitlement)
ENGINE_RULES = ("expired,duplicate-feature,feature-after-increment,superseded,"
                "upgrade-without-base,old-feature-version,mixed-feature-versions")


def in_process(path: Path, runs: int):
    """Best-of-``runs`` seconds of the engine alone and of the whole lint, on one parsed file."""
    import datetime

    import lictool
    from lictool.entitlement import entitlement
    from lictool.lint.engine import lint

    lf = lictool.load(path)
    today = datetime.date(2026, 6, 1)
    engine, whole = [], []
    for _ in range(runs):
        t = time.perf_counter()
        entitlement([lf], today)
        engine.append(time.perf_counter() - t)
        t = time.perf_counter()
        lint(lf, today=today)
        whole.append(time.perf_counter() - t)
    return min(engine), min(whole)


if __name__ == "__main__":
    main()
