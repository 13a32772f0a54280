"""The command-line contract of ``lictool``: ``parse`` (text and JSON), ``fmt`` and ``--version``.

Other tools rely on this contract, so the assertions are exact. Expected values are taken from
the fixture text itself (``fixtures/*.lic`` and ``fixtures/README.md``), not from the tool's
output. Formatting only ever happens on copies in ``tmp_path``; ``fixtures/`` is only read.

The commands run in-process through typer's ``CliRunner`` (stdout and stderr kept apart); the
``--version`` fast path in ``lictool.cli.main`` and the "never a traceback" guarantee of the real
entry point are also checked in a subprocess (``python -m lictool``).
"""

from __future__ import annotations

import datetime as _dt
import importlib.metadata
import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import pytest

import lictool
from entry import run_cli

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
README = FIXTURES / "README.md"

ALL_FIXTURES = sorted(p.name for p in FIXTURES.glob("*.lic"))
# fixtures with syntax errors on purpose are named broken*.lic
GOOD_FIXTURES = [n for n in ALL_FIXTURES if not n.startswith("broken")]

LINE_KEYWORDS = {"SERVER", "VENDOR", "DAEMON", "USE_SERVER", "FEATURE", "INCREMENT", "UPGRADE",
                 "PACKAGE", "FEATURESET"}
FEATURE_KINDS = {"FEATURE", "INCREMENT", "UPGRADE"}
BOM_BYTES = b"\xef\xbb\xbf"
WIDTH = 80  # the canonical wrap width (a tab counts as 8 columns)

MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}


# --------------------------------------------------------------------------------------------
# running the command
# --------------------------------------------------------------------------------------------

run = run_cli


def run_subprocess(*args: Any, cwd: Optional[Path] = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("LICTOOL_DEBUG", None)
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run([sys.executable, "-m", "lictool", *[str(a) for a in args]],
                          capture_output=True, text=True, encoding="utf-8", cwd=cwd or ROOT,
                          env=env, timeout=120)


def parse_json(*paths: Any, expect_exit: int = 0):
    result = run("parse", *paths, "--format", "json")
    assert result.exit_code == expect_exit, (
        f"parse {paths}: exit {result.exit_code}, expected {expect_exit}; stderr:\n{result.stderr}")
    try:
        data = json.loads(result.stdout)
    except ValueError as exc:  # pragma: no cover - a failure message
        pytest.fail(f"parse --format json did not print one JSON document ({exc}):\n"
                    f"{result.stdout[:2000]}")
    return result, data


def stderr_lines(result) -> List[str]:
    return [ln for ln in result.stderr.splitlines() if ln.strip()]


# --------------------------------------------------------------------------------------------
# reading the fixture text independently of lictool
# --------------------------------------------------------------------------------------------

def fixture(name: str) -> Path:
    return FIXTURES / name


def copy_fixture(tmp_path: Path, name: str) -> Path:
    dst = tmp_path / name
    shutil.copyfile(FIXTURES / name, dst)
    return dst


def decode(data: bytes) -> Tuple[str, str]:
    """-> (text without BOM, encoding); the rule the README describes: UTF-8 else Latin-1."""
    if data.startswith(BOM_BYTES):
        data = data[len(BOM_BYTES):]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def physical_lines(data: bytes) -> List[str]:
    text, _ = decode(data)
    lines = re.split(r"\r\n|\r|\n", text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def byte_lines(data: bytes) -> List[bytes]:
    """Physical lines as bytes, newline included, BOM removed (bytes.splitlines only knows
    \\r, \\n and \\r\\n, like :func:`physical_lines`)."""
    if data.startswith(BOM_BYTES):
        data = data[len(BOM_BYTES):]
    return data.splitlines(keepends=True)


def continues(line: str) -> bool:
    return line.rstrip(" \t").endswith("\\")


DECIMAL_LINE = re.compile(r"[A-Za-z0-9_.]+(?:-[A-Za-z0-9_.]+){3,}")


def _word(line: str) -> str:
    """The first word of a physical line, without a continuation backslash glued to it."""
    words = line.replace("\t", " ").split(" ")
    word = next((w for w in words if w), "")
    return word[:-1] if word.endswith("\\") else word


def _starts_a_line_of_its_own(line: str) -> bool:
    """Blank, a comment, a line keyword or a decimal-format license: not a continuation."""
    body = line.strip(" \t")
    return (not line.strip() or body.startswith("#") or _word(line).upper() in LINE_KEYWORDS
            or bool(DECIMAL_LINE.fullmatch(body)))


def spans(lines: List[str]) -> List[Tuple[str, int, int]]:
    """(kind, first line, last line), 1-based: 'BLANK', 'COMMENT' or 'RECORD'
    (continuation lines, ending in a backslash, joined; and, after a keyword record, lines that
    start no record: v7.0+ readers continue the record without a backslash)."""
    out = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip(" \t"):
            out.append(("BLANK", i + 1, i + 1))
        elif line.lstrip(" \t").startswith("#"):
            out.append(("COMMENT", i + 1, i + 1))
        else:
            start = i
            keyword = _word(line).upper() in LINE_KEYWORDS
            while i + 1 < len(lines) and (continues(lines[i]) or (
                    keyword and not _starts_a_line_of_its_own(lines[i + 1]))):
                i += 1
            out.append(("RECORD", start + 1, i + 1))
        i += 1
    return out


def raw_record(lines: List[str], first: int, last: int) -> str:
    return "\n".join(lines[first - 1:last])


def logical(raw: str) -> str:
    """Continuations joined the FlexNet way: inside quotes the break vanishes, outside it is
    one blank."""
    out = []
    quotes = 0
    phys = raw.split("\n")
    for n, line in enumerate(phys):
        body = line.lstrip(" \t") if n else line
        if n < len(phys) - 1:
            if continues(line):      # (a line continued without a backslash keeps its end)
                body = body.rstrip(" \t")[:-1]
            quotes += body.count('"')
            out.append(body + ("" if quotes % 2 else " "))
        else:
            out.append(body)
    return "".join(out)


def quoted_attributes(raw: str) -> Dict[str, str]:
    """KEY="value" pairs of a record's logical text."""
    text = re.sub(r'=\{(?:[^{}"]|"[^"]*")*\}', "={}", logical(raw))  # not inside AUTH={...}
    return dict(re.findall(r'(?<![^\s])([A-Za-z_][A-Za-z0-9_]*)="([^"]*)"', text))


def expected_expiry(token: str) -> str:
    if token.lower() == "permanent":
        return "permanent"
    d, mon, y = token.split("-")
    if int(y) == 0:
        return "permanent"
    year = int(y)
    if len(y) == 2:
        year += 1900 if year >= 50 else 2000
    return _dt.date(year, MONTHS[mon.lower()], int(d)).isoformat()


def fixture_records(name: str) -> List[Tuple[str, int, int, str]]:
    """(first token, first line, last line, logical text) of every keyword/opaque record."""
    lines = physical_lines(fixture(name).read_bytes())
    out = []
    for kind, a, b in spans(lines):
        if kind == "RECORD":
            text = logical(raw_record(lines, a, b))
            out.append((text.split()[0], a, b, text))
    return out


def by_line(data: Dict[str, Any]) -> Dict[int, Dict[str, Any]]:
    return {r["line"]: r for r in data["records"]}


def semantic(records: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Records without their positions: what a reformatting must not change."""
    return [{k: v for k, v in r.items() if k not in ("line", "end_line")} for r in records]


def readme_row(name: str) -> str:
    for line in README.read_text(encoding="utf-8").splitlines():
        if line.startswith(f"| `{name}`"):
            return line
    raise AssertionError(f"fixtures/README.md has no row for {name}")


ERROR_LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<msg>\S.*)$")


# --------------------------------------------------------------------------------------------
# --version
# --------------------------------------------------------------------------------------------

def test_version_matches_installed_distribution():
    assert lictool.__version__ == importlib.metadata.version("lictool"), (
        "lictool.__version__ differs from the installed distribution's version")


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version_subprocess_fast_path(flag):
    proc = run_subprocess(flag)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == f"lictool {lictool.__version__}\n"
    assert proc.stderr == ""


def test_version_fast_path_does_not_load_the_cli_framework():
    """``lictool.cli.main`` answers --version before importing typer (start-up time)."""
    code = (
        "import sys\n"
        "from lictool.cli import main\n"
        "try:\n"
        "    main(['--version'])\n"
        "except SystemExit as e:\n"
        "    code = e.code\n"
        "else:\n"
        "    code = 'no exit'\n"
        "print('typer' in sys.modules, code, file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)
    assert proc.stdout == f"lictool {lictool.__version__}\n"
    assert proc.stderr.strip() == "False 0", (
        f"expected exit 0 without importing typer, got {proc.stderr.strip()!r}")


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version_via_clirunner(flag):
    result = run(flag)
    assert result.exit_code == 0
    assert result.stdout == f"lictool {lictool.__version__}\n"
    assert result.stderr == ""


# --------------------------------------------------------------------------------------------
# parse --format json: shape
# --------------------------------------------------------------------------------------------

def test_json_one_file_is_one_object():
    path = fixture("genesys-8x.lic")
    result, data = parse_json(path)
    assert isinstance(data, dict), f"one file must give one JSON object, got {type(data).__name__}"
    assert data["path"] == str(path)
    assert isinstance(data["records"], list) and data["records"]


def test_json_several_files_is_an_array_in_argument_order():
    names = ["genesys-8x.lic", "client-pointer.lic", "eda-suite.lic"]
    paths = [fixture(n) for n in names]
    _, data = parse_json(*paths)
    assert isinstance(data, list), "several files must give a JSON array"
    assert [d["path"] for d in data] == [str(p) for p in paths]
    for d in data:
        assert isinstance(d, dict) and isinstance(d["records"], list)


@pytest.mark.parametrize("name", GOOD_FIXTURES)
def test_json_record_positions_match_the_fixture(name):
    """kind/line/end_line on every record; the records cover the file's physical lines once,
    in order, and the keyword records span exactly their continuation lines."""
    lines = physical_lines(fixture(name).read_bytes())
    _, data = parse_json(fixture(name))
    records = data["records"]
    for r in records:
        assert {"kind", "line", "end_line"} <= r.keys(), r
        assert isinstance(r["line"], int) and isinstance(r["end_line"], int)
        assert 1 <= r["line"] <= r["end_line"] <= len(lines), r
    got = [(r["line"], r["end_line"]) for r in records]
    expected = [(a, b) for _, a, b in spans(lines)]
    assert got == expected, "records must partition the file's physical lines"
    for (kind, a, b), r in zip(spans(lines), records):
        if kind in ("BLANK", "COMMENT"):
            assert r["kind"] == kind, (a, r)
            continue
        first = lines[a - 1].split()[0]
        if first.upper() in LINE_KEYWORDS:
            want = "VENDOR" if first.upper() == "DAEMON" else first.upper()
            assert r["kind"] == want, (a, r["kind"], first)
            assert r["keyword"] == first.upper(), (a, r)


@pytest.mark.parametrize("name", GOOD_FIXTURES)
def test_json_feature_fields_match_the_fixture(name):
    """name, vendor, version (as written), expiry and count of every FEATURE/INCREMENT/UPGRADE,
    from_version of UPGRADE, compared with the record's own tokens."""
    _, data = parse_json(fixture(name))
    got = by_line(data)
    checked = 0
    for first, a, _b, text in fixture_records(name):
        kw = first.upper()
        if kw not in FEATURE_KINDS:
            continue
        r = got[a]
        toks = text.split()
        assert r["kind"] == kw, r
        assert r["name"] == toks[1] and r["vendor"] == toks[2], r
        if kw == "UPGRADE":
            assert r["from_version"] == toks[3], r
            toks = toks[:3] + toks[4:]
        else:
            assert "from_version" not in r or r["from_version"] is None, r
        assert r["version"] == toks[3], f"version must be as written: {toks[3]!r} vs {r!r}"
        assert r["expiry"] == expected_expiry(toks[4]), (toks[4], r["expiry"])
        count = toks[5]
        if count.lower() == "uncounted":
            assert r["count"] == "uncounted", r
        elif int(count) == 0:  # FlexNet: a count of 0 means uncounted
            assert r["count"] in (0, "uncounted"), r
        else:
            assert r["count"] == int(count) and isinstance(r["count"], int), (count, r)
        assert isinstance(r["attributes"], dict), r
        checked += 1
    if name not in ("client-pointer.lic", "real-packages-only.lic"):   # no feature line on purpose
        assert checked, f"{name}: no FEATURE/INCREMENT/UPGRADE found"


@pytest.mark.parametrize("name", GOOD_FIXTURES)
def test_json_record_contract_types(name):
    """Every field the contract names is present with the contracted type."""
    _, data = parse_json(fixture(name))
    iso = re.compile(r"^\d{4}-\d{2}-\d{2}$")
    for r in data["records"]:
        kind = r["kind"]
        if kind in FEATURE_KINDS:
            for k in ("name", "vendor", "version", "expiry", "count", "attributes"):
                assert k in r, (k, r)
            assert isinstance(r["version"], str)
            assert r["expiry"] == "permanent" or (isinstance(r["expiry"], str)
                                                   and iso.match(r["expiry"])), r
            assert r["count"] == "uncounted" or (isinstance(r["count"], int)
                                                 and not isinstance(r["count"], bool)), r
            assert isinstance(r["attributes"], dict)
            if kind == "UPGRADE":
                assert isinstance(r["from_version"], str), r
        elif kind == "PACKAGE":
            for k in ("name", "vendor", "version", "components"):
                assert k in r, (k, r)
            assert isinstance(r["components"], list)
        elif kind == "SERVER":
            for k in ("host", "hostid", "port"):
                assert k in r, (k, r)
            assert r["port"] is None or (isinstance(r["port"], int)
                                         and not isinstance(r["port"], bool)), r
        elif kind == "VENDOR":
            for k in ("name", "path", "options", "port"):
                assert k in r, (k, r)
            assert r["keyword"] in ("VENDOR", "DAEMON"), r
            assert r["port"] is None or isinstance(r["port"], int), r


@pytest.mark.parametrize("name", GOOD_FIXTURES)
def test_json_quoted_values_are_unquoted_and_joined(name):
    """Every KEY="…" of every keyword record, continuations (inside the quotes too) joined,
    appears in "attributes" without its quotes."""
    _, data = parse_json(fixture(name))
    got = by_line(data)
    lines = physical_lines(fixture(name).read_bytes())
    n = 0
    for kind, a, b in spans(lines):
        if kind != "RECORD" or "attributes" not in got[a]:
            continue
        for key, value in quoted_attributes(raw_record(lines, a, b)).items():
            assert got[a]["attributes"].get(key) == value, (
                f"line {a}: {key}: expected {value!r}, got {got[a]['attributes'].get(key)!r}")
            n += 1
    if name not in ("client-pointer.lic", "cvd-auth.lic"):   # cvd-auth: all inside AUTH={...}
        assert n, f"{name}: no quoted attribute checked"


# --------------------------------------------------------------------------------------------
# parse --format json: concrete fixture facts
# --------------------------------------------------------------------------------------------

def test_json_genesys_8x_server_and_vendor():
    lines = physical_lines(fixture("genesys-8x.lic").read_bytes())
    assert lines[8] == "SERVER lic01 0019B9A0B0C0 7260"
    assert lines[9] == ("VENDOR genesys.d /opt/genesys/flexlm/genesys.d "
                        "OPTIONS=/opt/genesys/flexlm/genesys.opt PORT=7261")
    _, data = parse_json(fixture("genesys-8x.lic"))
    recs = by_line(data)
    server = recs[9]
    assert server["kind"] == "SERVER" and server["end_line"] == 9
    assert server["host"] == "lic01"
    assert server["hostid"] == "0019B9A0B0C0"
    assert server["port"] == 7260
    vendor = recs[10]
    assert vendor["kind"] == "VENDOR" and vendor["keyword"] == "VENDOR"
    assert vendor["name"] == "genesys.d"
    assert vendor["path"] == "/opt/genesys/flexlm/genesys.d"
    assert vendor["options"] == "/opt/genesys/flexlm/genesys.opt"
    assert vendor["port"] == 7261
    assert recs[11]["kind"] == "USE_SERVER"
    # the uncounted node-locked line (lines 50-53)
    gis = recs[50]
    assert (gis["name"], gis["end_line"], gis["count"]) == ("GIS_STATSERVICE", 53, "uncounted")
    assert gis["attributes"]["HOSTID"] == "0019B9A0B0C1"


def test_json_genesys_8x_continued_sign_joined():
    raw = fixture("genesys-8x.lic").read_text(encoding="ascii").splitlines()
    assert raw[14].endswith('29BC \\') and raw[15] == '  7C5E 7246 0BF0 AE35 27C2 4FFF 37AE"'
    sign = raw[14].split('SIGN="')[1][:-1] + raw[15].strip()[:-1]
    _, data = parse_json(fixture("genesys-8x.lic"))
    rec = by_line(data)[14]
    assert (rec["line"], rec["end_line"]) == (14, 16)
    assert rec["attributes"]["SIGN"] == sign
    groups = rec["attributes"]["SIGN"].split(" ")
    assert len(groups) == 15 and all(re.fullmatch(r"[0-9A-F]{4}", g) for g in groups)
    assert rec["attributes"]["SN"] == "GL81-220517-01"
    assert rec["attributes"]["ISSUED"] == "21-jun-2013"


def test_json_genesys_7x_daemon_is_a_vendor_record():
    lines = physical_lines(fixture("genesys-7x.lic").read_bytes())
    assert lines[11] == "DAEMON genesys.d /opt/genesys/flexlm/genesys.d"
    _, data = parse_json(fixture("genesys-7x.lic"))
    recs = by_line(data)
    daemon = recs[12]
    assert daemon["kind"] == "VENDOR"
    assert daemon["keyword"] == "DAEMON"
    assert daemon["name"] == "genesys.d"
    assert daemon["path"] == "/opt/genesys/flexlm/genesys.d"
    assert daemon["options"] is None and daemon["port"] is None
    assert recs[11]["hostid"] == "0019B9A0B0C0" and recs[11]["port"] == 7260
    # a quoted NOTICE with blanks, on a TAB-indented continuation line
    assert recs[15]["attributes"]["NOTICE"] == "Northwind Contact Services - Main site"
    assert recs[18]["kind"] == "INCREMENT" and recs[18]["expiry"] == "2027-12-31"


def test_json_eda_suite_upgrade_package_vendor_and_flags():
    lines = physical_lines(fixture("eda-suite.lic").read_bytes())
    assert lines[28].startswith("UPGRADE solver acmed 2024.0601 2025.0101 31-dec-2026 2 ")
    assert lines[12].endswith('COMPONENTS="solver mesher:2.0 \\')
    assert lines[13].startswith('\tviewer:1.0:2" OPTIONS=SUITE ')
    _, data = parse_json(fixture("eda-suite.lic"))
    recs = by_line(data)

    up = recs[29]
    assert up["kind"] == "UPGRADE" and up["keyword"] == "UPGRADE"
    assert (up["name"], up["vendor"]) == ("solver", "acmed")
    assert up["from_version"] == "2024.0601"
    assert up["version"] == "2025.0101"
    assert up["expiry"] == "2026-12-31"
    assert up["count"] == 2
    assert up["end_line"] == 30

    pkg = recs[13]
    assert pkg["kind"] == "PACKAGE"
    assert (pkg["name"], pkg["vendor"], pkg["version"]) == ("acme_suite", "acmed", "2024.0601")
    assert pkg["end_line"] == 15
    assert pkg["components"] == [
        {"name": "solver", "version": None, "count": None},
        {"name": "mesher", "version": "2.0", "count": None},
        {"name": "viewer", "version": "1.0", "count": 2},
    ]
    # continued inside the quotes: the break vanishes, the blank before the backslash stays
    assert pkg["attributes"]["COMPONENTS"] == "solver mesher:2.0 viewer:1.0:2"
    assert pkg["attributes"]["OPTIONS"] == "SUITE"

    vendor = recs[10]
    assert vendor["kind"] == "VENDOR"
    assert vendor["path"] == "/opt/acme/2024.06/bin/acmed"
    assert vendor["options"] == "/opt/acme/licenses/acmed.opt"
    assert vendor["port"] == 27021  # lower-case port=27021

    # flags -> true; lower-case keywords as written; upper-case month; 1-jan-0 permanent
    viewer = recs[40]
    assert viewer["attributes"]["TS_OK"] is True
    assert viewer["attributes"]["HOSTID"] == "0a1b2c3d4e5f INTERNET=10.1.*.*"
    assert viewer["attributes"]["sort"] == "60"
    assert viewer["expiry"] == "permanent" and viewer["count"] == "uncounted"
    assert recs[35]["attributes"]["SUPERSEDE"] is True
    solver = recs[20]
    assert solver["attributes"]["asset_info"] == "PO 4711"
    assert solver["attributes"]["user_info"] == "CFD team, bldg 3"
    assert solver["attributes"]["VENDOR_STRING"] == "tier=gold; site=HQ"
    assert solver["attributes"]["DUP_GROUP"] == "UHD"
    assert "SIGN2" in solver["attributes"]
    assert recs[16]["expiry"] == "2026-12-31"  # 31-DEC-2026
    assert recs[25]["attributes"]["BORROW"] == "72"


def test_json_windows_backslashes_are_data():
    _, data = parse_json(fixture("windows-crlf.lic"))
    recs = by_line(data)
    assert recs[7]["hostid"] == "ID=1234-5678" and recs[7]["port"] == 27000
    assert recs[8]["path"] == "c:\\flexlm\\cdslmd.exe"
    assert recs[8]["options"] == "c:\\flexlm\\cdslmd.opt"
    assert recs[19]["attributes"]["user_info"] == "C:\\Projects\\pll"
    assert recs[24]["attributes"]["HOSTID"] == "DISK_SERIAL_NUM=3e2e17fd"
    assert recs[24]["count"] == "uncounted"


def test_json_latin1_values_are_decoded():
    raw = fixture("latin1.lic").read_bytes()
    notice = re.search(rb'NOTICE="([^"]*)"', raw).group(1).decode("latin-1")
    assert notice == "Lizenz f\u00fcr M\u00fcller GmbH, Z\u00fcrich"
    _, data = parse_json(fixture("latin1.lic"))
    assert by_line(data)[11]["attributes"]["NOTICE"] == notice


# --------------------------------------------------------------------------------------------
# parse: syntax errors (broken.lic)
# --------------------------------------------------------------------------------------------

BROKEN_SPANS = [(20, 22), (29, 31), (38, 38)]  # the three bad records (fixture text)


def _readme_broken_lines() -> List[int]:
    return [int(n) for n in re.findall(r"line (\d+)", readme_row("broken.lic"))]


def test_broken_fixture_facts():
    """Guard: the README's lines are where the bad records start in the fixture."""
    assert _readme_broken_lines() == [a for a, _ in BROKEN_SPANS]
    lines = physical_lines(fixture("broken.lic").read_bytes())
    assert [(a, b) for k, a, b in spans(lines) if k == "RECORD" and (a, b) in BROKEN_SPANS] \
        == BROKEN_SPANS
    for a, _ in BROKEN_SPANS:
        assert lines[a - 2].startswith("# BAD:")


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_broken_exit_1_and_three_located_errors(fmt):
    path = fixture("broken.lic")
    result = run("parse", path, "--format", fmt)
    assert result.exit_code == 1, result.stderr
    errs = stderr_lines(result)
    assert len(errs) == 3, f"expected exactly 3 stderr lines, got:\n{result.stderr}"
    found = []
    for e in errs:
        m = ERROR_LINE.match(e)
        assert m, f"not path:line:col: message: {e!r}"
        assert m["path"] == str(path)
        found.append((int(m["line"]), int(m["col"])))
    # one error inside each bad record, in file order
    for (line, col), (a, b) in zip(found, BROKEN_SPANS):
        assert a <= line <= b, f"error at {line}:{col} is not inside the bad record {a}-{b}"
        assert col >= 1
    if fmt == "json":
        data = json.loads(result.stdout)  # the model is still printed
        recs = by_line(data)
        for a, _ in BROKEN_SPANS:
            assert recs[a]["kind"] not in FEATURE_KINDS, recs[a]
        # the parser resumed: every good record around the bad ones is there
        for line, name in [(12, "tserver_sdn"), (15, "cti_ha_option"), (24, "router_ha_option"),
                           (33, "GIS_INTERACTIONSERVICE"), (40, "ISDK_FACTORY")]:
            assert recs[line]["kind"] == "FEATURE" and recs[line]["name"] == name


def test_broken_error_columns_point_at_the_bad_token():
    lines = physical_lines(fixture("broken.lic").read_bytes())
    result = run("parse", fixture("broken.lic"))
    pos = [(int(m["line"]), int(m["col"]))
           for m in map(ERROR_LINE.match, stderr_lines(result)) if m]
    # (1) the version "8.x"
    start = lines[19].index(" 8.x ") + 2
    assert pos[0] == (20, start), f"version error at {pos[0]}, '8.x' is at 20:{start}"
    # (3) the unterminated NOTICE=" (anywhere from NOTICE to the end of the line)
    notice = lines[37].index('NOTICE="never closed') + 1
    assert pos[2][0] == 38 and notice <= pos[2][1] <= len(lines[37]), pos[2]


def test_broken_errors_point_where_the_parser_stopped():
    """The bad records start at lines 20, 29 and 38 (fixtures/README.md). The second one, an
    INCREMENT whose count is missing at the end of line 29, is reported where the count was
    expected: at the SIGN= that stands in its place on line 30."""
    result = run("parse", fixture("broken.lic"))
    got = [int(m["line"]) for m in map(ERROR_LINE.match, stderr_lines(result)) if m]
    assert _readme_broken_lines() == [20, 29, 38]
    assert got == [20, 30, 38], result.stderr
    assert "INCREMENT line: expected a license count" in result.stderr


# --------------------------------------------------------------------------------------------
# parse: unreadable input, usage errors
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["json", "text"])
def test_missing_file_exit_2_and_good_file_still_printed(tmp_path, fmt):
    missing = tmp_path / "no-such.lic"
    good = fixture("client-pointer.lic")
    result = run("parse", missing, good, "--format", fmt)
    assert result.exit_code == 2, result.stderr
    errs = stderr_lines(result)
    assert len(errs) == 1 and errs[0].startswith(f"lictool: {missing}:"), result.stderr
    if fmt == "json":
        data = json.loads(result.stdout)
        docs = data if isinstance(data, list) else [data]
        assert [d["path"] for d in docs] == [str(good)]
        assert [r["kind"] for r in docs[0]["records"]] == ["SERVER", "USE_SERVER"]
    else:
        assert f"{good}:1: SERVER licsrv.example.com" in result.stdout
        assert f"{good}:2: USE_SERVER" in result.stdout


def test_directory_exit_2(tmp_path):
    d = tmp_path / "dir.lic"
    d.mkdir()
    result = run("parse", d, fixture("client-pointer.lic"))
    assert result.exit_code == 2
    assert stderr_lines(result)[0].startswith(f"lictool: {d}:"), result.stderr
    assert "client-pointer.lic:1: SERVER" in result.stdout


def test_binary_file_exit_2_with_position(tmp_path):
    b = tmp_path / "binary.lic"
    b.write_bytes(b"SERVER lic01 ANY 27000\nFEAT\x00URE\n")
    result = run("parse", b, "--format", "json")
    assert result.exit_code == 2
    errs = stderr_lines(result)
    assert len(errs) == 1 and errs[0].startswith("lictool: ")   # an operational error
    m = ERROR_LINE.match(errs[0].removeprefix("lictool: "))
    assert m and m["path"] == str(b), errs[0]
    assert (int(m["line"]), int(m["col"])) == (2, 5), errs[0]


@pytest.mark.parametrize("argv", [
    ["parse"],
    ["parse", str(FIXTURES / "genesys-8x.lic"), "--format", "yaml"],
    ["parse", str(FIXTURES / "genesys-8x.lic"), "--no-such-option"],
    ["no-such-command"],
    ["fmt"],
    ["fmt", "-", str(FIXTURES / "genesys-8x.lic")],    # standard input alone (issue 14, item 7)
])
def test_bad_usage_exit_2(argv):
    result = run(*argv)
    assert result.exit_code == 2, (argv, result.exit_code, result.stderr)
    assert result.stderr.strip(), "a usage error must say something on stderr"


def test_real_entry_point_never_prints_a_traceback(tmp_path):
    d = tmp_path / "dir.lic"
    d.mkdir()
    b = tmp_path / "bin.lic"
    b.write_bytes(b"\x00\x01\x02")
    for args in (["parse", tmp_path / "missing.lic"], ["parse", d], ["parse", b],
                 ["fmt", tmp_path / "missing.lic"], ["parse", "--format", "xml", b]):
        proc = run_subprocess(*args)
        assert proc.returncode == 2, (args, proc.returncode, proc.stderr)
        assert "Traceback" not in proc.stderr and proc.stderr.strip(), (args, proc.stderr)
    proc = run_subprocess("parse", fixture("broken.lic"))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr


@pytest.mark.parametrize("expiry", ["32-dec-2027", "29-feb-2027", "31-foo-2027"])
def test_impossible_expiry_date_reads_as_null(tmp_path, expiry):
    """An impossible date has the shape of a date, so the record parses (the linter's bad-date
    rule reports it); its JSON expiry is null, as the README documents."""
    f = tmp_path / "date.lic"
    f.write_text(f"FEATURE f1 acmed 1.0 {expiry} 4 SIGN=\"AAAA BBBB\"\n", encoding="ascii")
    result = run("parse", f, "--format", "json")
    assert result.exit_code == 0, result.stderr
    rec = json.loads(result.stdout)["records"][0]
    assert rec["kind"] == "FEATURE" and rec["expiry"] is None and rec["count"] == 4


# --------------------------------------------------------------------------------------------
# parse --format text
# --------------------------------------------------------------------------------------------

def test_text_is_the_default_format_and_one_line_per_record():
    path = fixture("genesys-8x.lic")
    default = run("parse", path)
    text = run("parse", path, "--format", "text")
    assert default.exit_code == text.exit_code == 0
    assert default.stdout == text.stdout
    out = text.stdout.splitlines()
    expected = [(a, first.upper()) for first, a, _b, _t in fixture_records("genesys-8x.lic")]
    assert len(expected) == 14  # SERVER, VENDOR, USE_SERVER and 11 FEATURE lines
    record_lines = out[:-1]
    assert len(record_lines) == len(expected), text.stdout
    for line, (n, kind) in zip(record_lines, expected):
        assert line.startswith(f"{path}:{n}: {kind}"), (line, n, kind)
    assert record_lines[0].startswith(f"{path}:9: SERVER lic01")
    assert "0019B9A0B0C0" in record_lines[0]
    assert record_lines[3].startswith(f"{path}:14: FEATURE tserver_sdn genesys.d 8.1")
    summary = out[-1]
    assert summary.startswith(f"{path}: ") and not re.match(rf"{re.escape(str(path))}:\d+:",
                                                            summary), summary
    assert re.search(r"\b0 syntax errors?\b", summary), summary


def test_text_several_files_and_broken_summary():
    a, b = fixture("client-pointer.lic"), fixture("broken.lic")
    result = run("parse", a, b)
    assert result.exit_code == 1
    out = result.stdout.splitlines()
    assert out[0].startswith(f"{a}:1: SERVER licsrv.example.com"), out
    assert out[1].startswith(f"{a}:2: USE_SERVER"), out
    assert out[2].startswith(f"{a}: ") and re.search(r"\b0 syntax errors?\b", out[2])
    assert out[-1].startswith(f"{b}: ") and re.search(r"\b3 syntax errors?\b", out[-1])
    assert any(ln.startswith(f"{b}:40: FEATURE ISDK_FACTORY") for ln in out)


# --------------------------------------------------------------------------------------------
# fmt
# --------------------------------------------------------------------------------------------

def check_canonical_layout(data: bytes, where: str) -> None:
    """Upper-case line keywords, one blank between tokens, continuation ' \\' + one TAB, lines
    within WIDTH columns, and quoted SIGN values broken only between 4-hex-digit groups."""
    lines = physical_lines(data)
    for kind, a, b in spans(lines):
        if kind != "RECORD":
            continue
        first = lines[a - 1]
        kw = first.split()[0]
        if kw.upper() not in LINE_KEYWORDS:
            continue  # opaque lines are kept as they are
        assert kw == kw.upper() and first[0] not in " \t", f"{where}:{a}: {first!r}"
        in_quotes = False
        text_so_far = ""
        for n in range(a, b + 1):
            line = lines[n - 1]
            loc = f"{where}:{n}: {line!r}"
            assert len(line.expandtabs(8)) <= WIDTH, f"longer than {WIDTH} columns: {loc}"
            if n > a:
                assert re.match(r"\t[^ \t]", line), f"continuation must be one TAB: {loc}"
                body = line[1:]
            else:
                body = line
            if n < b:
                assert body.endswith(" \\") and not body.endswith("  \\"), loc
                body = body[:-1]
            else:
                assert body == body.rstrip(" \t"), f"trailing blanks: {loc}"
            for i, c in enumerate(body):
                if c == '"':
                    in_quotes = not in_quotes
                elif not in_quotes:
                    assert c != "\t", f"TAB between tokens: {loc}"
                    if c == " " and i + 1 < len(body):
                        assert body[i + 1] != " ", f"two blanks between tokens: {loc}"
            text_so_far += body
            if n < b and in_quotes:
                key = re.search(r'([A-Za-z_0-9]+)="[^"]*$', text_so_far)
                if key and key.group(1) in ("SIGN", "SIGN2"):
                    assert re.search(r'[0-9A-Fa-f]{4} $', body), f"SIGN group split: {loc}"
                    assert re.match(r'\t[0-9A-Fa-f]{4}[ "]', lines[n]), (
                        f"SIGN group split: {where}:{n + 1}: {lines[n]!r}")


def comment_and_blank_bytes(data: bytes) -> List[bytes]:
    lines = physical_lines(data)
    blines = byte_lines(data)
    assert len(lines) == len(blines)
    return [blines[a - 1] for kind, a, _ in spans(lines) if kind in ("COMMENT", "BLANK")]


def fmt_copy(tmp_path: Path, name: str) -> Tuple[Path, bytes, bytes]:
    path = copy_fixture(tmp_path, name)
    before = path.read_bytes()
    result = run("fmt", path)
    assert result.exit_code == 0, f"fmt {name}: exit {result.exit_code}\n{result.stderr}"
    return path, before, path.read_bytes()


@pytest.mark.parametrize("name", GOOD_FIXTURES)
def test_fmt_keeps_meaning_comments_and_blank_lines(tmp_path, name):
    path, before, after = fmt_copy(tmp_path, name)
    _, old = parse_json(FIXTURES / name)
    _, new = parse_json(path)
    assert semantic(new["records"]) == semantic(old["records"]), (
        f"{name}: formatting changed a record (SIGN/attribute/field values must be kept)")
    assert comment_and_blank_bytes(after) == comment_and_blank_bytes(before), (
        f"{name}: comments and blank lines must be kept byte for byte")
    assert before.startswith(BOM_BYTES) == after.startswith(BOM_BYTES)
    assert decode(after)[1] == decode(before)[1], "encoding changed"


@pytest.mark.parametrize("name", GOOD_FIXTURES)
def test_fmt_output_is_canonical_and_stable(tmp_path, name):
    path, _, after = fmt_copy(tmp_path, name)
    check_canonical_layout(after, name)
    again = run("fmt", path)
    assert again.exit_code == 0
    assert path.read_bytes() == after, f"{name}: formatting a formatted file changed it"
    check = run("fmt", "--check", path)
    assert check.exit_code == 0, f"fmt --check on a freshly formatted {name}: {check.stderr}"
    diff = run("fmt", "--diff", path)
    assert diff.exit_code == 0 and diff.stdout == ""


def test_fmt_crlf_stays_crlf(tmp_path):
    path, before, after = fmt_copy(tmp_path, "windows-crlf.lic")
    assert before.count(b"\r\n") == before.count(b"\n") == before.count(b"\r")
    assert after != before, "the fixture has non-canonical lines; fmt should change them"
    assert after.count(b"\n") > 0
    assert after.count(b"\r\n") == after.count(b"\n") == after.count(b"\r"), (
        "every newline must stay CRLF (no bare LF, no bare CR)")
    assert after.endswith(b"\r\n")
    assert b"VENDOR cdslmd c:\\flexlm\\cdslmd.exe c:\\flexlm\\cdslmd.opt\r\n" in after


def test_fmt_latin1_stays_latin1(tmp_path):
    path, before, after = fmt_copy(tmp_path, "latin1.lic")
    with pytest.raises(UnicodeDecodeError):
        after.decode("utf-8")
    assert b"\xc3" not in after, "Latin-1 text must not be re-encoded as UTF-8"
    notice = b'NOTICE="Lizenz f\xfcr M\xfcller GmbH, Z\xfcrich"'
    assert before.count(notice) == after.count(notice) == 3
    assert b"B\xfcro H\xf6ngg, Arbeitsplatz Gr\xf6\xdfe A0" in after
    assert after.splitlines()[:6] == before.splitlines()[:6]  # the German comment header


def test_fmt_keeps_the_bom(tmp_path):
    path, before, after = fmt_copy(tmp_path, "utf8-bom.lic")
    assert before.startswith(BOM_BYTES)
    assert after.startswith(BOM_BYTES) and after.count(BOM_BYTES) == 1
    assert after.decode("utf-8-sig").splitlines()[2] == "#  Client : Soci\u00e9t\u00e9 G\u00e9n\u00e9rale"


def test_fmt_upper_cases_keywords_and_normalises_blanks(tmp_path):
    src = ("server   lic01  0019B9A0B0C0   7260\n"
           "daemon\tgenesys.d   /opt/genesys/genesys.d\n"
           "#   a  comment   with  blanks  \n"
           "\n"
           "   \n"
           "feature  f1 genesys.d 8.1  permanent   4   TS_OK  SIGN=\"AAAA BBBB\"\n"
           "increment f1 genesys.d 8.1 31-dec-2027 uncounted HOSTID=ANY\n"
           "use_server\n")
    f = tmp_path / "lower.lic"
    f.write_bytes(src.encode("ascii"))
    _, old = parse_json(f)
    result = run("fmt", f)
    assert result.exit_code == 0, result.stderr
    assert f.read_bytes().decode("ascii").splitlines() == [
        "SERVER lic01 0019B9A0B0C0 7260",
        "DAEMON genesys.d /opt/genesys/genesys.d",
        "#   a  comment   with  blanks  ",
        "",
        "   ",
        'FEATURE f1 genesys.d 8.1 permanent 4 TS_OK SIGN="AAAA BBBB"',
        "INCREMENT f1 genesys.d 8.1 31-dec-2027 uncounted HOSTID=ANY",
        "USE_SERVER",
    ]
    _, new = parse_json(f)
    assert semantic(new["records"]) == semantic(old["records"])


def test_fmt_wraps_a_long_line(tmp_path):
    attrs = " ".join(f"ATTR{i}=value{i:02d}" for i in range(12))
    sign = " ".join(f"{i:04X}" for i in range(0x1A00, 0x1A00 + 21))
    src = f'FEATURE long_one acmed 1.0 31-dec-2027 5 {attrs} SIGN="{sign}"\n'
    assert len(src) > 2 * WIDTH
    f = tmp_path / "long.lic"
    f.write_text(src, encoding="ascii")
    _, old = parse_json(f)
    assert run("fmt", f).exit_code == 0
    out = f.read_bytes()
    lines = out.decode("ascii").splitlines()
    assert len(lines) > 2
    assert lines[0].startswith("FEATURE long_one acmed 1.0 31-dec-2027 5 ")
    assert all(ln.endswith(" \\") for ln in lines[:-1])
    assert all(ln.startswith("\t") and not ln.startswith("\t\t") for ln in lines[1:])
    check_canonical_layout(out, "long.lic")
    _, new = parse_json(f)
    assert semantic(new["records"]) == semantic(old["records"])
    assert new["records"][0]["attributes"]["SIGN"] == sign


def test_fmt_check_writes_nothing_and_exits_1(tmp_path):
    path = copy_fixture(tmp_path, "genesys-8x.lic")
    before = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    result = run("fmt", "--check", path)
    assert result.exit_code == 1, result.stderr
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime


def test_fmt_diff_prints_a_unified_diff_and_writes_nothing(tmp_path):
    path = copy_fixture(tmp_path, "genesys-8x.lic")
    before = path.read_bytes()
    result = run("fmt", "--diff", path)
    assert result.exit_code == 1, result.stderr
    assert path.read_bytes() == before, "--diff must not write"
    diff = result.stdout
    head = diff.splitlines()[:3]
    assert head[0].startswith("--- ") and str(path) in head[0], head
    assert head[1].startswith("+++ ") and str(path) in head[1], head
    assert head[2].startswith("@@ -"), head
    # applying the diff to the file gives exactly what fmt writes
    other = tmp_path / "other"
    other.mkdir()
    formatted = copy_fixture(other, "genesys-8x.lic")
    assert run("fmt", formatted).exit_code == 0
    patched = apply_unified_diff(before.decode("utf-8").splitlines(keepends=True), diff)
    assert patched == formatted.read_bytes().decode("utf-8")


def apply_unified_diff(old: List[str], diff: str) -> str:
    lines = diff.splitlines(keepends=True)
    k = 0
    while k < len(lines) and not lines[k].startswith("@@"):
        k += 1
    out: List[str] = []
    i = 0
    while k < len(lines):
        m = re.match(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@", lines[k])
        assert m, f"bad hunk header {lines[k]!r}"
        start, count = int(m.group(1)), int(m.group(2) or 1)
        at = start - 1 if count else start
        out.extend(old[i:at])
        i = at
        k += 1
        while k < len(lines) and not lines[k].startswith("@@"):
            tag, body = lines[k][0], lines[k][1:]
            if tag in " -":
                assert old[i] == body, f"diff context does not match line {i + 1}"
                i += 1
                if tag == " ":
                    out.append(body)
            elif tag == "+":
                out.append(body)
            k += 1
    out.extend(old[i:])
    return "".join(out)


def test_fmt_refuses_a_file_with_syntax_errors(tmp_path):
    path = copy_fixture(tmp_path, "broken.lic")
    before = path.read_bytes()
    for args in (["fmt", path], ["fmt", "--check", path], ["fmt", "--diff", path]):
        result = run(*args)
        assert result.exit_code == 1, (args, result.stderr)
        assert path.read_bytes() == before, f"{args}: a broken file must be left byte-identical"
        located = [m for m in map(ERROR_LINE.match, stderr_lines(result))
                   if m and m["path"] == str(path)]
        assert len(located) == 3, result.stderr
        for m, (a, b) in zip(located, BROKEN_SPANS):
            assert a <= int(m["line"]) <= b


def test_fmt_broken_and_good_file_together(tmp_path):
    broken = copy_fixture(tmp_path, "broken.lic")
    good = copy_fixture(tmp_path, "genesys-8x.lic")
    b_before, g_before = broken.read_bytes(), good.read_bytes()
    result = run("fmt", broken, good)
    assert result.exit_code == 1
    assert broken.read_bytes() == b_before
    assert good.read_bytes() != g_before, "the good file is still formatted"
    assert run("fmt", "--check", good).exit_code == 0


def test_fmt_missing_file_exit_2(tmp_path):
    missing = tmp_path / "missing.lic"
    good = copy_fixture(tmp_path, "client-pointer.lic")
    result = run("fmt", missing, good)
    assert result.exit_code == 2
    assert stderr_lines(result)[0].startswith(f"lictool: {missing}:"), result.stderr
    assert not missing.exists()


def test_fmt_is_atomic_and_keeps_the_mode(tmp_path):
    path = copy_fixture(tmp_path, "eda-suite.lic")
    os.chmod(path, 0o640)
    before = path.read_bytes()
    ino = path.stat().st_ino
    assert run("fmt", path).exit_code == 0
    assert path.read_bytes() != before
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["eda-suite.lic"], (
        "no temporary file may be left behind")
    # written through a new file renamed over the old one, not truncated in place
    assert path.stat().st_ino != ino


def test_fmt_leaves_canonical_file_untouched(tmp_path):
    path = copy_fixture(tmp_path, "client-pointer.lic")
    before = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    for args in (["fmt", path], ["fmt", "--check", path], ["fmt", "--diff", path]):
        result = run(*args)
        assert result.exit_code == 0, (args, result.stderr)
        assert result.stdout == ""
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime
