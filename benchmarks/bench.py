"""Benchmark: lictool's commands against a pure-Python floor (benchmarks/floor.py), as ratios.

    python benchmarks/bench.py [--records 10000] [--runs 5] [--only NAME,...] [--memory] [--json]
    python benchmarks/bench.py --records 1000000 --only memory    # peak memory at 100k and 1M

The machine is noisy and absolute times are not comparable between runs, so every lictool
command is timed against benchmarks/floor.py on the same file in the same run (whole processes,
the same interpreter: ``sys.executable``), alternating lictool and floor runs, median of --runs.
The floor reads a file, joins backslash continuations with one regex and tokenises each record
with one regex: the least a Python reader of license files does.

Two files of --records feature records each, the same bytes for the same --seed:

- ``generate``: made by ``lictool generate`` (SERVER, VENDOR, FEATURE/INCREMENT lines, every SIGN
  continued over two lines), signed with a test key derived from the seed;
- ``mixed``: made here from a seeded random and signed with ``lictool sign``: a SERVER triad, two
  VENDOR lines, counted FEATURE/INCREMENT lines, uncounted node-locked lines with HOSTID=,
  comments, SUPERSEDE, UPGRADE lines and PACKAGE lines with COMPONENTS=, some lines continued.

Rows (NAME for --only in brackets), each with its target ratio to the floor:

- [version]  ``lictool --version`` against the floor's bare start-up (``floor.py --version``): 2x
- [startup]  ``lictool parse`` and ``lictool lint`` on a 2-line file against the floor on it: 3x
- [parse]    ``lictool parse FILE``: 4x
- [json]     ``lictool parse --format json FILE`` against ``floor.py --json FILE``: 5x
- [lint]     ``lictool lint FILE``: 5x
- [fmt]      ``lictool fmt --check FILE``: 6x
- [merge]    ``lictool merge A B -o OUT`` (A and B: two files of the kind with the same SERVER
             lines) against ``floor.py A B -o OUT``: 6x
- [verify]   ``lictool verify FILE --key K.pub``: at most 1.5 x ``lictool parse FILE`` plus the
             Ed25519 verifications themselves (timed in this process with ``cryptography`` over
             the file's signatures; printed)
- [memory]   peak RSS of ``lictool parse`` and ``lictool lint`` on the ``generate`` file at 100,000
             records (and at --records when that is 1,000,000 or more) against the floor's: 3x.
             Only with --memory, --only memory, or --records >= 1,000,000.

Exit 0 (with --strict: 1 when a row is over its target); 2 when a command fails.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence

HERE = Path(__file__).resolve().parent
FLOOR = [sys.executable, str(HERE / "floor.py")]
TODAY = "2026-06-01"          # lint's date rules: the same findings whatever the day
HOSTID = "0019B9A0B0C0"       # the SERVER hostid of both `generate` files (merge needs it)
NAMES = ("version", "startup", "parse", "json", "lint", "fmt", "merge", "verify", "memory")
TARGETS = {"version": 2.0, "startup": 3.0, "parse": 4.0, "json": 5.0, "lint": 5.0, "fmt": 6.0,
           "merge": 6.0, "memory": 3.0}
VERIFY_PARSE_FACTOR = 1.5
MEMORY_SIZES = (100_000, 1_000_000)


def lictool_command() -> List[str]:
    """The installed ``lictool`` script run by this interpreter (no runpy), else ``-m lictool``."""
    exe = shutil.which("lictool", path=os.path.dirname(sys.executable))
    return [sys.executable, exe] if exe else [sys.executable, "-m", "lictool"]


def log(*args) -> None:
    print(*args, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------
# Running a child: wall-clock seconds, exit code and its own peak RSS (os.wait4)
# --------------------------------------------------------------------------------------------

ENV = dict(os.environ, NO_COLOR="1", PYTHONIOENCODING="utf-8")


def run(cmd: Sequence[str]):
    """(seconds, exit code, peak RSS in bytes or None) of one whole process."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    if hasattr(os, "wait4"):
        _, status, usage = os.wait4(p.pid, 0)
        secs = time.perf_counter() - t
        p.returncode = os.waitstatus_to_exitcode(status)
        rss = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    else:                                     # no per-child rusage: no memory figure
        p.wait()
        secs, rss = time.perf_counter() - t, None
    return secs, p.returncode, rss


def checked(cmd: Sequence[str], ok=(0,)) -> None:
    """Run ``cmd`` once (the warm-up: page cache, .pyc) and stop when it exits outside ``ok``."""
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    if p.returncode not in ok:
        err = p.stderr.decode("utf-8", "replace").strip()[-2000:]
        sys.exit(f"bench: {' '.join(map(str, cmd))} exited {p.returncode}\n{err}")


# --------------------------------------------------------------------------------------------
# The input files (the same bytes for the same seed)
# --------------------------------------------------------------------------------------------

def write_key(out: Path, seed: int) -> Path:
    """A test key pair derived from the seed (so signed files are reproducible); the path of the
    private key, the public one beside it as PATH.pub."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519

    key = ed25519.Ed25519PrivateKey.from_private_bytes(
        hashlib.sha256(f"lictool benchmark key {seed}".encode()).digest())
    path = out / "bench.key"
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(pem)
    os.chmod(path, 0o600)
    pub = path.with_name(path.name + ".pub")
    pub.write_bytes(key.public_key().public_bytes(serialization.Encoding.PEM,
                                                  serialization.PublicFormat.SubjectPublicKeyInfo))
    os.chmod(pub, 0o644)
    return path


def generate_file(base, key: Path, path: Path, records: int, seed: int) -> Path:
    subprocess.run(base + ["generate", "--key", str(key), "--records", str(records), "--seed",
                           str(seed), "--hostid", HOSTID, "-o", str(path)], check=True, env=ENV)
    return path


#: the first half of the node-locked hostids: physical network cards' vendor prefixes
OUIS = ("0019B9", "3C4A92", "F8BC12", "001B21", "A4BADB", "00215A")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
SERVERS = ("SERVER lic01.example.com 0019B9A0B0C1 27000\n"
           "SERVER lic02.example.com 0019B9A0B0C2 27000\n"
           "SERVER lic03.example.com 0019B9A0B0C3 27000\n")
VENDORS = ("VENDOR alphad /opt/flexlm/bin/alphad PORT=27001\n"
           "VENDOR betad /opt/flexlm/bin/betad /opt/flexlm/betad.opt PORT=27002\n")


def mixed_text(records: int, seed: int) -> str:
    """A synthetic file of ``records`` feature records of every kind (see the module docstring);
    the same text for the same (records, seed). The SERVER and VENDOR lines do not depend on the
    seed: two files of different seeds can be merged."""
    rng = random.Random(seed)
    vendors = {"alphad": [f"alpha_{i:03d}" for i in range(300)],
               "betad": [f"BETA{i:03d}" for i in range(200)]}
    versions = {"alphad": ("2023.0101", "2024.0601", "2025.0101"), "betad": ("1.0", "2.0", "3.5")}

    def date(lo=2024, hi=2031):
        return f"{rng.randint(1, 28)}-{rng.choice(MONTHS)}-{rng.randint(lo, hi)}"

    def expiry():
        return rng.choice(("permanent", "1-jan-0", date(), date()))

    def tail(i: int) -> List[str]:
        attrs = [f"ISSUED={date(2020, 2025)}", f"SN=MX-{seed}-{i:07d}"]
        if rng.random() < 0.3:
            attrs.append(f'NOTICE="Synthetic Site {rng.randint(1, 99)}, Bldg {rng.randint(1, 9)}"')
        if rng.random() < 0.2:
            attrs.append(f'VENDOR_STRING="tier={rng.choice(("gold", "silver"))}; seats=x"')
        if rng.random() < 0.15:
            attrs.append(f'asset_info="PO {rng.randint(1000, 9999)}"')
        return attrs

    out = [f"# Synthetic mixed license file made by benchmarks/bench.py (seed {seed}); "
           "benchmarks only.\n#\n", SERVERS, VENDORS, "\n"]
    for i in range(1, records + 1):
        if i % 40 == 1:
            order = rng.randint(1, 10**6)
            out.append(f"\n# Block {i // 40 + 1}: synthetic entitlement, order {order}\n")
        vendor = rng.choice(("alphad", "alphad", "betad"))
        name = rng.choice(vendors[vendor])
        version = rng.choice(versions[vendor])
        r = rng.random()
        if r < 0.45:                                   # counted FEATURE / INCREMENT
            kw = rng.choice(("FEATURE", "INCREMENT", "INCREMENT"))
            head = [kw, name, vendor, version, expiry(), str(rng.choice((1, 5, 10, 25, 100)))]
            attrs = tail(i)
            if rng.random() < 0.2:
                attrs.insert(0, "SUPERSEDE" if rng.random() < 0.5 else
                             f'SUPERSEDE="{name} {rng.choice(vendors[vendor])}"')
            if rng.random() < 0.2:
                attrs.append(f"DUP_GROUP={rng.choice(('UHD', 'U', 'H', 'NONE'))}")
        elif r < 0.70:                                 # uncounted, node-locked
            head = ["INCREMENT", name, vendor, version, expiry(), "uncounted"]
            hostid = rng.choice(OUIS) + "".join(rng.choice("0123456789ABCDEF") for _ in range(6))
            attrs = [f"HOSTID={hostid}"] + tail(i)
            if rng.random() < 0.3:
                attrs.append("TS_OK")
        elif r < 0.85:                                 # UPGRADE
            vs = versions[vendor]
            k = rng.randrange(len(vs) - 1)
            head = ["UPGRADE", name, vendor, vs[k], vs[k + 1], expiry(),
                    str(rng.choice((1, 5, 10)))]
            attrs = tail(i)
        else:                                          # PACKAGE with COMPONENTS=
            pool = vendors[vendor]
            comps = " ".join(rng.choice(pool) + rng.choice(("", f":{version}", f":{version}:2"))
                             for _ in range(rng.randint(2, 6)))
            head = ["PACKAGE", f"{vendor[:-1]}_suite_{rng.randrange(40):02d}", vendor, version]
            attrs = [f'COMPONENTS="{comps}"']
            if rng.random() < 0.5:
                attrs.append("OPTIONS=SUITE")
        words = head + attrs
        if rng.random() < 0.5 and len(words) > len(head):   # continued after the head
            out.append(" ".join(head) + " \\\n\t" + " ".join(attrs) + "\n")
        else:
            out.append(" ".join(words) + "\n")
    return "".join(out)


def mixed_file(base, key: Path, path: Path, records: int, seed: int) -> Path:
    raw = path.with_name(path.stem + ".unsigned.lic")
    raw.write_text(mixed_text(records, seed), encoding="utf-8", newline="\n")
    subprocess.run(base + ["sign", "--key", str(key), "-o", str(path), str(raw)], check=True,
                   env=ENV)
    raw.unlink()
    return path


def check_parses(path: Path) -> Dict[str, int]:
    """The file's record kinds; stops when lictool finds a syntax error in it."""
    import lictool

    lf = lictool.load(path)
    if lf.errors:
        d = lf.errors[0]
        sys.exit(f"bench: {path}:{d.line}: syntax error: {d.message}")
    kinds: Dict[str, int] = {}
    for rec in lf.records:
        kinds[rec.kind] = kinds.get(rec.kind, 0) + 1
    return kinds


# --------------------------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------------------------

@dataclass
class Row:
    name: str                  # for --only
    command: str
    file: str
    lictool: float             # median seconds (memory rows: peak RSS in MB)
    floor: float
    ratio: float
    target: float              # the ratio not to exceed
    target_text: str
    status: str                # PASS / over
    unit: str = "s"
    lictool_runs: List[float] = field(default_factory=list)
    floor_runs: List[float] = field(default_factory=list)


def paired(lic_cmd, floor_cmd, runs: int, ok=(0,)):
    """Medians of ``runs`` alternating runs of the two commands (after one warm-up of each)."""
    checked(lic_cmd, ok)
    checked(floor_cmd)
    lic, flo = [], []
    for i in range(runs):
        order = (((lic_cmd, lic), (floor_cmd, flo)) if i % 2 == 0
                 else ((floor_cmd, flo), (lic_cmd, lic)))
        for cmd, times in order:
            secs, rc, _ = run(cmd)
            if cmd is lic_cmd and rc not in ok or cmd is floor_cmd and rc != 0:
                sys.exit(f"bench: {' '.join(map(str, cmd))} exited {rc}")
            times.append(secs)
    return statistics.median(lic), statistics.median(flo), lic, flo


def row(name, command, file, lic, flo, target, lic_runs=(), flo_runs=(), unit="s",
        target_text=None) -> Row:
    ratio = lic / flo if flo else float("inf")
    return Row(name, command, file, lic, flo, ratio, target,
               target_text or f"<= {target:g}x", "PASS" if ratio <= target else "over", unit,
               list(lic_runs), list(flo_runs))


def ed25519_seconds(path: Path, pub: Path, runs: int):
    """(median seconds, number) of the Ed25519 verifications of the file's signatures alone:
    the signed texts are made first, untimed; only ``cryptography``'s verify calls are timed."""
    import lictool
    from lictool.sign import feature_records, load_public_key, signed_text

    lf = lictool.load(path)
    key = load_public_key(pub)
    pairs = []
    for rec in feature_records(lf):
        attr = rec.attribute("SIGN")  # type: ignore[attr-defined]
        if attr is not None and attr.value:
            pairs.append((bytes.fromhex("".join(attr.value.split())),
                          signed_text(rec, lf).encode("utf-8")))
    times = []
    for _ in range(max(runs, 1)):
        verify = key.verify
        t = time.perf_counter()
        for sig, msg in pairs:
            verify(sig, msg)
        times.append(time.perf_counter() - t)
    return statistics.median(times), len(pairs)


def peak_rss(cmd, ok=(0,)) -> float:
    """Peak RSS (MB) of one run of ``cmd``."""
    _, rc, rss = run(cmd)
    if rc not in ok:
        sys.exit(f"bench: {' '.join(map(str, cmd))} exited {rc}")
    if rss is None:
        sys.exit("bench: no per-process peak memory on this platform (os.wait4)")
    return rss / 2**20


# --------------------------------------------------------------------------------------------

def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=int, default=10_000,
                    help="feature records per file (default 10000); 1000000 or more also "
                         "measures peak memory at that size")
    ap.add_argument("--runs", type=int, default=5, help="timed runs of each command (median)")
    ap.add_argument("--only", default="", help=f"comma-separated: {','.join(NAMES)}")
    ap.add_argument("--memory", action="store_true",
                    help="also peak RSS of parse and lint at 100,000 records")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ap.add_argument("--seed", type=int, default=20261127)
    ap.add_argument("--out", type=Path, default=HERE / "out", help="where the files are made")
    ap.add_argument("--strict", action="store_true", help="exit 1 when a row is over its target")
    args = ap.parse_args(argv)
    only = {n.strip() for n in args.only.split(",") if n.strip()}
    bad = only - set(NAMES)
    if bad:
        ap.error(f"--only: unknown {', '.join(sorted(bad))} (choose from {', '.join(NAMES)})")
    memory = args.memory or "memory" in only or args.records >= 1_000_000
    timed = (only or set(NAMES)) - {"memory"}
    if only == {"memory"}:
        timed = set()
    if "verify" in timed:
        timed.add("parse")        # verify's target is relative to parse's time
    runs = max(args.runs, 1)

    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    base = lictool_command()
    key = write_key(out, args.seed)
    pub = key.with_name(key.name + ".pub")
    rows: List[Row] = []
    info: Dict[str, object] = {"python": sys.version.split()[0], "lictool": base,
                               "records": args.records, "runs": runs, "seed": args.seed}
    files: Dict[str, Dict[str, object]] = {}

    tiny = out / "tiny.lic"
    tiny.write_text(f"SERVER lic01 {HOSTID} 7260\nUSE_SERVER\n", encoding="utf-8")
    if "version" in timed:
        lm, fm, lr, fr = paired(base + ["--version"], FLOOR + ["--version"], runs)
        rows.append(row("version", "--version", "-", lm, fm, TARGETS["version"], lr, fr,
                        target_text="<= 2x (floor.py --version)"))
    if "startup" in timed:
        for cmd in ("parse", "lint"):
            extra = ["--today", TODAY] if cmd == "lint" else []
            lm, fm, lr, fr = paired(base + [cmd] + extra + [str(tiny)], FLOOR + [str(tiny)],
                                    runs, ok=(0, 1))
            rows.append(row("startup", f"{cmd} (start-up)", "2-line", lm, fm,
                            TARGETS["startup"], lr, fr))

    per_file = timed & {"parse", "json", "lint", "fmt", "merge", "verify"}
    if per_file:
        made = {}
        log(f"making the {args.records:,}-record files in {out} ...")
        for kind, maker in (("generate", generate_file), ("mixed", mixed_file)):
            a = maker(base, key, out / f"{kind}-{args.records}.lic", args.records, args.seed)
            b = maker(base, key, out / f"{kind}-{args.records}-b.lic", args.records,
                      args.seed + 1) if "merge" in per_file else None
            kinds = check_parses(a)
            data = a.read_bytes()
            files[kind] = {"path": str(a), "bytes": len(data), "physical_lines": data.count(b"\n"),
                           "records": kinds}
            made[kind] = (a, b)
            log(f"  {kind}: {a.name}, {len(data) / 1e6:.2f} MB, "
                f"{files[kind]['physical_lines']:,} physical lines, records {kinds}")
        for kind, (a, b) in made.items():
            f = str(a)
            parse_med = None
            if "parse" in per_file:
                lm, fm, lr, fr = paired(base + ["parse", f], FLOOR + [f], runs)
                parse_med = lm
                rows.append(row("parse", "parse", kind, lm, fm, TARGETS["parse"], lr, fr))
            if "json" in per_file:
                lm, fm, lr, fr = paired(base + ["parse", "--format", "json", f],
                                        FLOOR + ["--json", f], runs)
                rows.append(row("json", "parse --format json", kind, lm, fm, TARGETS["json"],
                                lr, fr, target_text="<= 5x (floor --json)"))
            if "lint" in per_file:
                lm, fm, lr, fr = paired(base + ["lint", "--today", TODAY, f], FLOOR + [f],
                                        runs, ok=(0, 1))
                rows.append(row("lint", "lint", kind, lm, fm, TARGETS["lint"], lr, fr))
            if "fmt" in per_file:
                lm, fm, lr, fr = paired(base + ["fmt", "--check", f], FLOOR + [f], runs,
                                        ok=(0, 1))
                rows.append(row("fmt", "fmt --check", kind, lm, fm, TARGETS["fmt"], lr, fr))
            if "merge" in per_file:
                merged, floored = out / f"{kind}-merged.lic", out / f"{kind}-floor-merged.txt"
                lm, fm, lr, fr = paired(
                    base + ["merge", f, str(b), "-o", str(merged), "--today", TODAY],
                    FLOOR + [f, str(b), "-o", str(floored)], runs)
                rows.append(row("merge", "merge A B -o OUT", kind, lm, fm, TARGETS["merge"],
                                lr, fr, target_text="<= 6x (floor A B -o OUT)"))
            if "verify" in per_file:
                lm, fm, lr, fr = paired(base + ["verify", f, "--key", str(pub)], FLOOR + [f],
                                        runs)
                crypto, n = ed25519_seconds(a, pub, runs)
                files[kind]["ed25519_seconds"] = crypto
                files[kind]["signatures"] = n
                log(f"  {kind}: Ed25519 verify of its {n:,} signatures alone, in-process: "
                    f"{crypto:.3f} s (median of {runs})")
                bound = VERIFY_PARSE_FACTOR * parse_med + crypto
                r = row("verify", "verify --key K.pub", kind, lm, fm, bound / fm, lr, fr,
                        target_text=f"<= {bound / fm:.2f}x (1.5 x parse + Ed25519 {crypto:.2f} s)")
                rows.append(r)

    if memory:
        sizes = [MEMORY_SIZES[0]] + ([args.records] if args.records >= MEMORY_SIZES[1] else [])
        for n in sizes:
            log(f"making the {n:,}-record file for the memory rows ...")
            path = generate_file(base, key, out / f"generate-{n}.lic", n, args.seed)
            f = str(path)
            flo = peak_rss(FLOOR + [f])
            for cmd in ("parse", "lint"):
                extra = ["--today", TODAY] if cmd == "lint" else []
                lic = peak_rss(base + [cmd] + extra + [f], ok=(0, 1) if cmd == "lint" else (0,))
                rows.append(row("memory", f"{cmd} peak RSS", f"generate {n:,}",
                                lic, flo, TARGETS["memory"], [lic], [flo], unit="MB"))

    failed = [r for r in rows if r.status != "PASS"]
    if args.json:
        print(json.dumps({"info": info, "files": files, "rows": [asdict(r) for r in rows]},
                         indent=2))
    else:
        what = (f"{args.records:,} records, median of {runs} alternating runs" if timed else
                "peak RSS of one run each")
        print(f"lictool against benchmarks/floor.py: {what}, Python {info['python']}")
        print(table(rows))
        over = ", ".join(f"{r.command} ({r.file})" for r in failed)
        print(f"{len(rows) - len(failed)} of {len(rows)} rows within their targets"
              + (f"; over: {over}" if failed else ""))
    return 1 if args.strict and failed else 0


def table(rows: List[Row]) -> str:
    head = ("command", "file", "lictool", "floor", "ratio", "target", "status")
    body = []
    for r in rows:
        fmt = (lambda v: f"{v:.0f} MB") if r.unit == "MB" else (lambda v: f"{v:.3f} s")
        body.append((r.command, r.file, fmt(r.lictool), fmt(r.floor), f"{r.ratio:.2f}x",
                     r.target_text, r.status))
    widths = [max(len(x[i]) for x in [head] + body) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(line, widths)).rstrip()
             for line in [head] + body]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
