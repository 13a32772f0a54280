"""benchmarks/floor.py is a real reader, and benchmarks/bench.py runs and prints ratios.

No wall-clock assertion: how long anything takes belongs in the benchmark's output."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import lictool

ROOT = Path(__file__).resolve().parent.parent
FLOOR = ROOT / "benchmarks" / "floor.py"
BENCH = ROOT / "benchmarks" / "bench.py"

SMALL = (
    "# a comment, skipped\n"
    "SERVER lic01 0019B9A0B0C0 27000\n"
    "\n"
    "VENDOR acmed /opt/acme/bin/acmed PORT=27001\n"
    'FEATURE solver acmed 1.0 permanent 10 NOTICE="Acme Inc, site 1" \\\n'
    '\tSIGN="AAAA BBBB \\\n'
    '\tCCCC DDDD" TS_OK\n'
    'PACKAGE suite acmed 1.0 COMPONENTS="solver mesher:2.0" OPTIONS=SUITE\r\n'
    '   # an indented comment\n'
    'INCREMENT viewer acmed 1.0 1-jan-0 uncounted HOSTID="0a1b2c3d4e5f INTERNET=10.1.*.*"\n'
)

EXPECTED = [
    ["SERVER", "lic01", "0019B9A0B0C0", "27000"],
    ["VENDOR", "acmed", "/opt/acme/bin/acmed", "PORT=27001"],
    ["FEATURE", "solver", "acmed", "1.0", "permanent", "10", 'NOTICE="Acme Inc, site 1"',
     'SIGN="AAAA BBBB CCCC DDDD"', "TS_OK"],
    ["PACKAGE", "suite", "acmed", "1.0", 'COMPONENTS="solver mesher:2.0"', "OPTIONS=SUITE"],
    ["INCREMENT", "viewer", "acmed", "1.0", "1-jan-0", "uncounted",
     'HOSTID="0a1b2c3d4e5f INTERNET=10.1.*.*"'],
]


def _floor(*args: str) -> str:
    p = subprocess.run([sys.executable, str(FLOOR), *args], capture_output=True, text=True,
                       check=True)
    return p.stdout


def test_floor_reads_records_joins_continuations_and_keeps_quoted_values(tmp_path):
    path = tmp_path / "small.lic"
    path.write_bytes(SMALL.encode("utf-8"))
    tokens = json.loads(_floor("--json", str(path)))
    assert tokens == {str(path): EXPECTED}
    # the text output: one line of tokens per record
    assert _floor(str(path)).splitlines() == [" ".join(t) for t in EXPECTED]


def test_floor_reads_several_files_into_one_output(tmp_path):
    a, b, out = tmp_path / "a.lic", tmp_path / "b.lic", tmp_path / "out.txt"
    a.write_text("SERVER h 0019B9A0B0C0 1\n", encoding="utf-8")
    b.write_text('FEATURE f v 1.0 permanent 1 SIGN="00 \\\n 11"\n', encoding="utf-8")
    assert _floor(str(a), str(b), "-o", str(out)) == ""
    assert out.read_text(encoding="utf-8").splitlines() == [
        "SERVER h 0019B9A0B0C0 1", 'FEATURE f v 1.0 permanent 1 SIGN="00 11"']
    assert _floor("--version").strip() == "floor"


def _bench_module():
    spec = importlib.util.spec_from_file_location("lictool_bench", BENCH)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod          # dataclasses look their module up there
    spec.loader.exec_module(mod)
    return mod


def test_the_mixed_file_is_deterministic_has_every_kind_and_parses():
    bench = _bench_module()
    text = bench.mixed_text(300, seed=7)
    assert text == bench.mixed_text(300, seed=7)
    assert text != bench.mixed_text(300, seed=8)
    lf = lictool.parse(text)
    assert not lf.errors
    kinds = {r.kind for r in lf.records}
    assert {"SERVER", "VENDOR", "FEATURE", "INCREMENT", "UPGRADE", "PACKAGE", "COMMENT"} <= kinds
    assert sum(r.kind in {"FEATURE", "INCREMENT", "UPGRADE", "PACKAGE"} for r in lf.records) == 300
    assert len([r for r in lf.records if r.kind == "SERVER"]) == 3
    assert len({r.name for r in lf.records if r.kind == "VENDOR"}) == 2
    assert "uncounted HOSTID=" in text and "SUPERSEDE" in text and "COMPONENTS=" in text
    assert "\\\n\t" in text           # continued lines


def test_bench_prints_a_ratio_row_and_exits_0(tmp_path):
    p = subprocess.run([sys.executable, str(BENCH), "--records", "200", "--runs", "1",
                        "--only", "parse", "--out", str(tmp_path)],
                       capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr
    rows = [line for line in p.stdout.splitlines() if line.startswith("parse ")]
    assert len(rows) == 2, p.stdout           # the generate file and the mixed one
    for line, kind in zip(rows, ("generate", "mixed")):
        assert re.match(rf"parse\s+{kind}\s+\d+\.\d+ s\s+\d+\.\d+ s\s+\d+\.\d+x\s+<= 4x\s+"
                        r"(PASS|over)$", line), line
    assert (tmp_path / "generate-200.lic").exists() and (tmp_path / "mixed-200.lic").exists()
