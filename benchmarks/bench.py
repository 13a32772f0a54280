"""Benchmark: `lictool parse` and `lictool lint` on a 10,000-record license file, and start-up.

    python benchmarks/bench.py [--records 10000] [--runs 5]

Generates a synthetic Genesys-style file (SERVER, VENDOR, then FEATURE/INCREMENT records with
SIGN values continued over lines: ~30,000 physical lines, ~2.5 MB), then times whole processes
(best of --runs): `lictool --version`, `lictool parse` on a 2-line file, `lictool parse FILE`,
`lictool parse --format json FILE` and `lictool lint FILE`.
Targets: parse <= 0.6 s and start-up <= 0.2 s (issue 2), lint <= 1.0 s (issue 3), on the 2-core
reference machine.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
NAMES = ["tserver_sdn", "cti_ha_option", "tserver_isc", "router_ha_option", "MLSNMP",
         "ics_multi_media_agent_seat", "ics_email_webform_channel", "GIS", "ISDK_FACTORY",
         "vcb_preview", "iwd_jms_cp", "ha_redundancy"]
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def generate(records: int, seed: int = 20261127) -> str:
    rnd = random.Random(seed)
    out = ["# Synthetic benchmark license file (lictool benchmarks/bench.py)\n",
           "SERVER lic01 0019B9A0B0C0 7260\n",
           "VENDOR genesys.d /opt/genesys/flexlm/genesys.d OPTIONS=/opt/genesys/genesys.opt\n"]
    for i in range(records):
        kw = "FEATURE" if i % 7 == 0 else "INCREMENT"
        name = NAMES[i % len(NAMES)] + ("" if i % 3 else f"_{i}")
        ver = rnd.choice(["7.6", "8.0", "8.1", "8.5"])
        exp = "permanent" if i % 4 == 0 else f"{rnd.randint(1, 28)}-{rnd.choice(MONTHS)}-20{rnd.randint(26, 35)}"
        count = rnd.randint(1, 9999)
        sign = " ".join("%04X" % rnd.getrandbits(16) for _ in range(21))
        out.append(
            f"{kw} {name} genesys.d {ver} {exp} {count} ISSUED=1-jun-2024 SN=GEN-{i:08d} "
            f"NOTICE=\"Synthetic Contact Center Inc, site {i % 50}\" \\\n"
            f"\tSIGN=\"{sign[:54]} \\\n\t{sign[55:]}\"\n")
    return "".join(out)


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
    path = out / f"bench-{args.records}.lic"
    text = generate(args.records)
    path.write_text(text, encoding="utf-8", newline="")
    size = path.stat().st_size
    lines = text.count("\n")
    exe = shutil.which("lictool", path=os.path.dirname(sys.executable)) or shutil.which("lictool")
    base = [exe] if exe else [sys.executable, "-m", "lictool"]
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
    }
    for name, secs in results.items():
        print(f"{name:40s} {secs:6.3f} s (best of {args.runs})")


if __name__ == "__main__":
    main()
