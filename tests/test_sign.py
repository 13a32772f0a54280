"""lictool's TEST signer and generator: ``keygen``, ``sign``, ``verify``, ``lint --verify-key``
(rule L801 signature-mismatch) and ``generate``.

The contract under test (the issue, and the docstring of ``lictool/sign.py``):

* What is signed, per FEATURE/INCREMENT/UPGRADE/PACKAGE record: the keyword, the positional
  fields, every publisher (upper-case) attribute except SIGN, SIGN2, AUTH and ``ck``, in a
  canonical form, plus the hostids of the file's SERVER lines in order when the record is counted.
  Changing any of them makes ``lictool verify`` exit 1 with a ``signature-mismatch`` finding
  naming the path, the record's first line and the feature name.
* Not signed: end-user (lower-case) attributes, SERVER host names and ports, VENDOR paths,
  options files and ports, comments and layout (quoting, spacing, continuation, keyword case,
  attribute order, newline style). Changing them keeps ``verify`` at exit 0.
* ``sign`` writes SIGN="..." (32 groups of 4 upper-case hex digits, continued over lines) on every
  feature record, keeps every other byte, adds one comment at the top, and is idempotent.
* ``keygen`` writes a 0600 PEM private key and PATH.pub, refuses to overwrite without --force,
  and no command ever shows the private key.
* ``generate`` writes a realistic, signed, reproducible file.

Every edit is made on real license text: the fixtures (signed once per module with a key made
once per module) and generated files. Expected failures (which records, which lines) are read
from the edited text itself, not from lictool. The commands run in-process through typer's
CliRunner; ``fixtures/`` is only read.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import stat
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Callable, Dict, List, Optional, Set, Tuple

import pytest
from typer.testing import CliRunner

from lictool import sign as signer
from lictool.cli.app import app
from lictool.generate import GENERIC_NAMES
from lictool.io import load, loads_bytes

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
ALL_FIXTURES = sorted(p.name for p in FIXTURES.glob("*.lic"))
GOOD_FIXTURES = [n for n in ALL_FIXTURES if not n.startswith("broken")]  # broken*: on purpose
BOM = b"\xef\xbb\xbf"
TODAY = "2026-06-01"
ENCODING = {"latin1.lic": "latin-1"}  # every other fixture is UTF-8 (utf8-bom.lic with a BOM)

HEAD = re.compile(r"(FEATURE|INCREMENT|UPGRADE|PACKAGE)[ \t]", re.IGNORECASE)
FINDING = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): L801 \[error\] "
                     r"(?P<kind>[A-Z]+) '(?P<name>[^']*)': .* \(signature-mismatch\)$")
# a SIGN= value (not SIGN2=), quotes included, possibly continued over lines
SIGN_VALUE = re.compile(r'(?<![A-Za-z0-9_])SIGN="[^"]*"')
BRACED_VALUE = re.compile(r'=\{(?:[^{}"]|"[^"]*")*\}')
CONTINUATION = re.compile(r"[ \t]*\\[ \t]*(?:\r\n|\r|\n)[ \t]*")
TOKEN = re.compile(r'(?:[^\s"]|"[^"]*")+')
KV = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)=(.*)$", re.DOTALL)


# --------------------------------------------------------------------------------------------
# running the command
# --------------------------------------------------------------------------------------------

RUNNER = CliRunner()  # typer's runner keeps result.stderr apart from result.stdout
OUTPUTS: List[str] = []  # every stdout/stderr seen in this module (the key-leak test reads them)


def run(*args: Any, input: Optional[bytes] = None):
    """``lictool ARGS`` in-process. Fails the test on an uncaught exception (a traceback)."""
    argv = [str(a) for a in args]
    result = RUNNER.invoke(app, argv, prog_name="lictool", input=input)
    OUTPUTS.append(result.stdout_bytes.decode("latin-1"))
    OUTPUTS.append(result.stderr)
    exc = result.exception
    assert exc is None or isinstance(exc, SystemExit), (
        f"lictool {' '.join(argv)} crashed with {exc!r} (exit {result.exit_code}) instead of "
        f"reporting a message; stderr:\n{result.stderr}")
    assert "Traceback" not in result.stderr, result.stderr
    return result


def findings(result) -> Set[Tuple[str, int, str]]:
    """(path, line, feature name) of each signature-mismatch finding in a text report."""
    out = set()
    for ln in result.stdout.splitlines():
        m = FINDING.match(ln)
        if m:
            out.add((m["path"], int(m["line"]), m["name"]))
    return out


# --------------------------------------------------------------------------------------------
# keys and signed fixtures, made once per module
# --------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def keys(tmp_path_factory):
    d = tmp_path_factory.mktemp("keys")
    priv, pub = signer.generate_key(d / "test.key")
    other, other_pub = signer.generate_key(d / "other.key")
    return SimpleNamespace(priv=priv, pub=pub, other=other, other_pub=other_pub)


@pytest.fixture(scope="module")
def signed(tmp_path_factory, keys) -> Dict[str, bytes]:
    """Every fixture without syntax errors, signed in place by one ``lictool sign`` call."""
    d = tmp_path_factory.mktemp("signed")
    paths = []
    for n in GOOD_FIXTURES:
        shutil.copyfile(FIXTURES / n, d / n)
        paths.append(d / n)
    r = run("sign", *paths, "--key", keys.priv, "--in-place")
    assert r.exit_code == 0, r.stderr
    out = {n: (d / n).read_bytes() for n in GOOD_FIXTURES}
    for n in GOOD_FIXTURES:
        assert out[n] != (FIXTURES / n).read_bytes(), f"sign --in-place left {n} unchanged"
    return out


def text_of(name: str, data: bytes) -> str:
    return data.decode(ENCODING.get(name, "utf-8"))  # a BOM stays as U+FEFF


def bytes_of(name: str, text: str) -> bytes:
    return text.encode(ENCODING.get(name, "utf-8"))


def newline_of(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def lines_of(text: str) -> List[str]:
    return re.split(r"\r\n|\r|\n", text)


def feature_heads(text: str) -> List[Tuple[int, str, str, bool]]:
    """(line, KEYWORD, name, counted) for the first physical line of every feature record, read
    from the text: a record starts at column 1 with its keyword and goes on while a line ends
    with a backslash; count ``uncounted`` or ``0`` means uncounted."""
    out = []
    lines = lines_of(text)
    for i, line in enumerate(lines):
        if not HEAD.match(line):
            continue
        logical, j = line, i
        while logical.rstrip(" \t").endswith("\\") and j + 1 < len(lines):
            j += 1
            logical = logical.rstrip(" \t")[:-1] + " " + lines[j]
        toks = TOKEN.findall(logical)
        kw = toks[0].upper()
        counted = False
        if kw != "PACKAGE":
            count = toks[6 if kw == "UPGRADE" else 5]
            counted = count.lower() != "uncounted" and int(count) != 0
        out.append((i + 1, kw, toks[1], counted))
    return out


def record_line(text: str, prefix: str) -> Tuple[int, str]:
    """(line, feature name) of the one record whose first line starts with ``prefix``."""
    hits = [(i, name) for i, _, name, _ in feature_heads(text)
            if lines_of(text)[i - 1].startswith(prefix)]
    assert len(hits) == 1, f"{prefix!r} should start exactly one record, found {hits}"
    return hits[0]


def edit(text: str, old: str, new: str) -> str:
    nl = newline_of(text)
    old, new = old.replace("\n", nl), new.replace("\n", nl)
    assert text.count(old) == 1, f"{old!r} should occur exactly once (found {text.count(old)})"
    out = text.replace(old, new)
    assert out != text
    return out


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_bytes(bytes_of(name, text))
    lf = load(p)
    assert not lf.errors, f"the edited text should still be valid: {lf.errors}"
    return p


def assert_mismatches(tmp_path: Path, keys, name: str, text: str,
                      expected: Set[Tuple[int, str]]) -> None:
    """``lictool verify`` exits 1 and names exactly these (line, feature) records."""
    assert expected, "a test of a signed field must expect at least one mismatch"
    p = write(tmp_path, name, text)
    r = run("verify", p, "--key", keys.pub)
    want = {(str(p), line, nm) for line, nm in expected}
    assert r.exit_code == 1, f"exit {r.exit_code}, expected 1:\n{r.stdout}{r.stderr}"
    assert findings(r) == want, f"expected {sorted(want)}, got:\n{r.stdout}"
    assert r.stdout.count("(signature-mismatch)") == len(expected), r.stdout


def assert_verifies(tmp_path: Path, keys, name: str, text: str) -> None:
    p = write(tmp_path, name, text)
    r = run("verify", p, "--key", keys.pub)
    assert r.exit_code == 0, f"an editable change broke the signature:\n{r.stdout}{r.stderr}"
    assert "signature-mismatch" not in r.stdout


# --------------------------------------------------------------------------------------------
# 0. the signed fixtures verify
# --------------------------------------------------------------------------------------------

def test_every_signed_fixture_verifies(signed, keys, tmp_path):
    paths = []
    for n, data in signed.items():
        (tmp_path / n).write_bytes(data)
        paths.append(tmp_path / n)
    r = run("verify", *paths, "--key", keys.pub)
    assert r.exit_code == 0, r.stdout + r.stderr
    assert findings(r) == set()
    assert r.stderr == ""


@pytest.mark.parametrize("name", [n for n in GOOD_FIXTURES if n != "client-pointer.lic"])
def test_unsigned_fixtures_fail_verification(name, keys):
    """The fixtures' own SIGN values are fakes (15-21 groups): none is a test signature."""
    text = text_of(name, (FIXTURES / name).read_bytes())
    heads = feature_heads(text)
    r = run("verify", FIXTURES / name, "--key", keys.pub)
    assert r.exit_code == 1
    assert findings(r) == {(str(FIXTURES / name), line, nm) for line, _, nm, _ in heads}


# --------------------------------------------------------------------------------------------
# 1. signed fields: every change fails verification
# --------------------------------------------------------------------------------------------

# (id, fixture, old text, new text, first-line prefix of the record that must fail)
SIGNED_EDITS = [
    ("keyword FEATURE->INCREMENT", "eda-suite.lic", "FEATURE solver acmed", "INCREMENT solver acmed",
     "INCREMENT solver acmed 2024.0601 permanent"),
    ("keyword INCREMENT->FEATURE", "genesys-7x.lic", "INCREMENT tserver_sdn", "FEATURE tserver_sdn",
     "FEATURE tserver_sdn genesys.d 7.6 31-dec-2027"),
    ("name", "eda-suite.lic", "FEATURE solver acmed", "FEATURE solvers acmed", "FEATURE solvers"),
    ("name case", "genesys-8x.lic", "FEATURE GIS genesys.d", "FEATURE gis genesys.d", "FEATURE gis "),
    ("vendor", "eda-suite.lic", "FEATURE solver acmed ", "FEATURE solver acmex ", "FEATURE solver"),
    ("version", "genesys-8x.lic", "FEATURE tserver_sdn genesys.d 8.1 ",
     "FEATURE tserver_sdn genesys.d 8.2 ", "FEATURE tserver_sdn"),
    ("UPGRADE from_version", "eda-suite.lic", "UPGRADE solver acmed 2024.0601 2025.0101",
     "UPGRADE solver acmed 2024.0501 2025.0101", "UPGRADE solver"),
    ("UPGRADE version", "eda-suite.lic", "UPGRADE solver acmed 2024.0601 2025.0101",
     "UPGRADE solver acmed 2024.0601 2025.0201", "UPGRADE solver"),
    ("expiry date", "eda-suite.lic", "INCREMENT solver acmed 2024.0601 31-dec-2026 5",
     "INCREMENT solver acmed 2024.0601 31-dec-2028 5", "INCREMENT solver"),
    ("expiry permanent->date", "genesys-7x.lic", "FEATURE MLSNMP genesys.d 7.6 permanent 1",
     "FEATURE MLSNMP genesys.d 7.6 31-dec-2099 1", "FEATURE MLSNMP"),
    ("count", "genesys-triad.lic", "FEATURE tserver_sdn genesys.d 8.0 permanent 1200",
     "FEATURE tserver_sdn genesys.d 8.0 permanent 2400", "FEATURE tserver_sdn"),
    ("count uncounted->counted", "genesys-8x.lic", "GIS_STATSERVICE genesys.d 8.1 permanent uncounted",
     "GIS_STATSERVICE genesys.d 8.1 permanent 10", "FEATURE GIS_STATSERVICE"),
    ("count on CRLF", "windows-crlf.lic", "Layout_Editor_L cdslmd 23.10 31-dec-2027 4",
     "Layout_Editor_L cdslmd 23.10 31-dec-2027 40", "FEATURE Layout_Editor_L"),
    ("legacy key v2", "legacy-v2.lic", "0123456789ABCDEF0123", "0123456789ABCDEF0124", "FEATURE legacy "),
    ("legacy key v3", "legacy-v2.lic", "3C7A91E04B2D", "3C7A91E04B2E", "FEATURE netlist"),
    ("legacy key counted INCREMENT", "legacy-v2.lic", "5D20F3A8C611", "5D20F3A8C612", "INCREMENT drc"),
    ("legacy key node-locked", "legacy-v2.lic", "uncounted 0F3C8B21E6D5", "uncounted 0F3C8B21E6D6",
     "INCREMENT viewer acmed 3.0 permanent uncounted 0F3C8B21E6D6"),
    ("v2 vendor string", "legacy-v2.lic", '"cust 42"', '"cust 43"', "FEATURE legacy "),
    ("v2 empty vendor string filled", "legacy-v2.lic", '9F8E7D6C5B4A39281706 ""',
     '9F8E7D6C5B4A39281706 "cust 42"', "FEATURE legacy_plot"),
    ("v2 hostid", "legacy-v2.lic", '"cust 42" ANY', '"cust 42" 80B2C3D4', "FEATURE legacy "),
    ("ISSUED", "genesys-7x.lic", "ISSUED=2-feb-2011 SN=GCTI-76-118204-07",
     "ISSUED=3-feb-2011 SN=GCTI-76-118204-07", "INCREMENT tserver_sdn"),
    ("SN", "genesys-8x.lic", "SN=GL81-220517-05", "SN=GL81-220517-55", "FEATURE ics_multi_media_agent_seat"),
    ("SN on CRLF", "windows-crlf.lic", "SN=CS-0411-2209", "SN=CS-0411-2299",
     "INCREMENT Analog_Sim_Core cdslmd 23.10 31-dec-2027"),
    ("START", "eda-suite.lic", "START=1-jan-2024 SN=ACME-2024-0100", "START=1-feb-2024 SN=ACME-2024-0100",
     "INCREMENT acme_suite"),
    ("NOTICE", "tabs-continued.lic", 'NOTICE="Licensed to Example Corp for evaluation"',
     'NOTICE="Licensed to Example Corp for production"', "FEATURE orbit_gui"),
    ("NOTICE split inside its quotes", "tabs-continued.lic", '\tExample Corp for evaluation"',
     '\tExample Corp for production"', "FEATURE orbit_solver"),
    ("NOTICE Latin-1", "latin1.lic", 'SN=AL-2022-0815-2 \\\n\tNOTICE="Lizenz f\u00fcr M\u00fcller',
     'SN=AL-2022-0815-2 \\\n\tNOTICE="Lizenz f\u00fcr M\u00f6ller', "FEATURE fem_core"),
    ("NOTICE case", "genesys-7x.lic", 'GCTI-76-118204-09 \\\n\tNOTICE="Northwind Contact Services',
     'GCTI-76-118204-09 \\\n\tNOTICE="northwind contact services', "FEATURE vcb_full"),
    ("ISSUER", "tabs-continued.lic", 'ISSUER="Orbit Numerics Inc." \\\n\tSIGN',
     'ISSUER="Orbit Numerics GmbH" \\\n\tSIGN', "INCREMENT orbit_parallel orbitd 5.2 31-dec-2028"),
    ("VENDOR_STRING", "eda-suite.lic",
     'VENDOR_STRING="tier=gold; site=HQ" DUP_GROUP=UHD \\\n\tISSUED=1-jun-2024 START=1-jan-2024 SN=ACME-2024-0101',
     'VENDOR_STRING="tier=silver; site=HQ" DUP_GROUP=UHD \\\n\tISSUED=1-jun-2024 START=1-jan-2024 SN=ACME-2024-0101',
     "FEATURE solver"),
    ("DUP_GROUP", "eda-suite.lic", "DUP_GROUP=UHD \\\n\tISSUED=1-jun-2024 START=1-jan-2024 SN=ACME-2024-0102",
     "DUP_GROUP=UH \\\n\tISSUED=1-jun-2024 START=1-jan-2024 SN=ACME-2024-0102", "INCREMENT solver"),
    ("HOSTID node-locked", "genesys-8x.lic", "HOSTID=0019B9A0B0C1", "HOSTID=0019B9A0B0C2",
     "FEATURE GIS_STATSERVICE"),
    ("HOSTID list member", "eda-suite.lic", "INTERNET=10.1.*.*", "INTERNET=10.2.*.*", "INCREMENT viewer"),
    ("HOSTID typed", "legacy-v2.lic", "HOSTID=USER=jdoe", "HOSTID=USER=jroe", "INCREMENT checker acmed 3.0 permanent 0 E7A4"),
    ("HOSTID typed CRLF", "windows-crlf.lic", "DISK_SERIAL_NUM=3e2e17fd", "DISK_SERIAL_NUM=3e2e17fe",
     "FEATURE Waveform_Viewer"),
    ("HOSTID DEMO->ANY", "legacy-v2.lic", "HOSTID=DEMO", "HOSTID=ANY", "FEATURE demo_suite"),
    ("SUPERSEDE flag removed", "eda-suite.lic", "8 SUPERSEDE ISSUED", "8 ISSUED",
     "INCREMENT mesher acmed 2.0 31-dec-2026"),
    ("SUPERSEDE flag->list", "eda-suite.lic", "8 SUPERSEDE ISSUED", "8 SUPERSEDE=mesher ISSUED",
     "INCREMENT mesher acmed 2.0 31-dec-2026"),
    ("SUPERSEDE added", "eda-suite.lic", "31-dec-2024 4 ISSUED", "31-dec-2024 4 SUPERSEDE ISSUED",
     "INCREMENT mesher acmed 2.0 31-dec-2024"),
    ("BORROW value", "eda-suite.lic", "BORROW=72", "BORROW=168", "INCREMENT solver"),
    ("BORROW removed", "eda-suite.lic", "BORROW=72 ", "", "INCREMENT solver"),
    ("BORROW flag added", "genesys-8x.lic", "SN=GL81-220517-01 ", "SN=GL81-220517-01 BORROW ",
     "FEATURE tserver_sdn"),
    ("TS_OK removed", "eda-suite.lic", " TS_OK", "", "INCREMENT viewer"),
    ("TS_OK added", "genesys-8x.lic", "SN=GL81-220517-02 ", "SN=GL81-220517-02 TS_OK ",
     "FEATURE cti_ha_option"),
    ("ISSUER added", "utf8-bom.lic", "SN=GM-41-30093 ", 'SN=GM-41-30093 ISSUER="Geom SA" ',
     "FEATURE geom_mesher"),
    ("OVERDRAFT added", "opaque.lic", "SN=ACME-2025-0603 ", "SN=ACME-2025-0603 OVERDRAFT=2 ",
     "INCREMENT viewer acmed 1.0 31-dec-2028 5"),
    ("START removed", "eda-suite.lic", "ISSUED=1-jun-2024 START=1-jan-2024 SN=ACME-2024-0101",
     "ISSUED=1-jun-2024 SN=ACME-2024-0101", "FEATURE solver"),
    ("NOTICE removed", "genesys-triad.lic", 'SN=GL80-305511-05 NOTICE="Fabrikam Care Line" \\\n',
     "SN=GL80-305511-05 \\\n", "FEATURE MLDistributed"),
    ("unknown upper-case keyword added", "genesys-7x.lic", "SN=GCTI-76-118204-05 ",
     "SN=GCTI-76-118204-05 SEATS_MAX=9 ", "FEATURE MLSNMP"),
    ("unknown upper-case flag added", "latin1.lic", "SN=AL-2022-0815-1 ", "SN=AL-2022-0815-1 GOLD_TIER ",
     "FEATURE statik_pro"),
    ("PACKAGE COMPONENTS version", "eda-suite.lic", "mesher:2.0 ", "mesher:2.1 ", "PACKAGE acme_suite"),
    ("PACKAGE COMPONENTS member removed", "eda-suite.lic", 'COMPONENTS="solver mesher:2.0',
     'COMPONENTS="mesher:2.0', "PACKAGE acme_suite"),
    ("PACKAGE OPTIONS=SUITE removed", "eda-suite.lic", " OPTIONS=SUITE", "", "PACKAGE acme_suite"),
    ("PACKAGE version", "eda-suite.lic", "PACKAGE acme_suite acmed 2024.0601",
     "PACKAGE acme_suite acmed 2024.0602", "PACKAGE acme_suite"),
]


@pytest.mark.parametrize("case", SIGNED_EDITS, ids=[c[0] for c in SIGNED_EDITS])
def test_signed_field_change_fails(case, signed, keys, tmp_path):
    _, name, old, new, record = case
    text = edit(text_of(name, signed[name]), old, new)
    assert_mismatches(tmp_path, keys, name, text, {record_line(text, record)})


def test_signature_value_altered_or_removed_fails(signed, keys, tmp_path):
    name = "genesys-8x.lic"
    text = text_of(name, signed[name])
    m = SIGN_VALUE.search(text)
    value = m.group(0)
    flipped = value[:7] + ("0" if value[7] != "0" else "1") + value[8:]
    assert flipped != value
    line = text[:m.start()].count("\n") + 1
    first = [h for h in feature_heads(text) if h[0] <= line][-1]
    t1 = text[:m.start()] + flipped + text[m.end():]
    assert_mismatches(tmp_path, keys, name, t1, {(first[0], first[2])})
    # removing SIGN (and its continuation) leaves the record unsigned
    t2 = re.sub(r"[ \t]*(\\\n[ \t]*)?" + re.escape(value), "", text, count=1)
    assert value not in t2
    p = write(tmp_path, name, t2)
    r = run("verify", p, "--key", keys.pub)
    assert r.exit_code == 1
    assert findings(r) == {(str(p), first[0], first[2])}
    assert "no SIGN" in r.stdout


def test_unknown_keywords_upper_signed_lower_not(keys, tmp_path):
    """An unknown upper-case keyword is the publisher's (signed); a lower-case one is not."""
    name = "genesys-8x.lic"
    src = text_of(name, (FIXTURES / name).read_bytes())
    src = edit(src, "SN=GL81-220517-09 ", "SN=GL81-220517-09 SEATS_MAX=9 site_code=emea ")
    p = tmp_path / "in.lic"
    p.write_bytes(bytes_of(name, src))
    r = run("sign", p, "--key", keys.priv, "-o", tmp_path / "s.lic")
    assert r.exit_code == 0, r.stderr
    text = text_of(name, (tmp_path / "s.lic").read_bytes())
    assert_verifies(tmp_path, keys, name, edit(text, "site_code=emea", "site_code=apac"))
    assert_verifies(tmp_path, keys, name, edit(text, " site_code=emea", ""))
    changed = edit(text, "SEATS_MAX=9", "SEATS_MAX=99")
    assert_mismatches(tmp_path, keys, name, changed, {record_line(changed, "FEATURE ISDK_FACTORY")})
    removed = edit(text, " SEATS_MAX=9", "")
    assert_mismatches(tmp_path, keys, name, removed, {record_line(removed, "FEATURE ISDK_FACTORY")})


# SERVER hostids: every counted record fails, uncounted records (and PACKAGE) still verify
SERVER_EDITS = [
    ("eda-suite.lic", "SERVER edalic01 3C4A92D1E5F0", "SERVER edalic01 3C4A92D1E5F1"),
    ("genesys-8x.lic", "SERVER lic01 0019B9A0B0C0", "SERVER lic01 0019B9A0B0C9"),
    ("legacy-v2.lic", "SERVER this_host 80B2C3D4", "SERVER this_host 80B2C3D5"),
    ("genesys-triad.lic", "glic-c.example.net 0024E8F0A1B2", "glic-c.example.net 0024E8F0A1B3"),
    ("windows-crlf.lic", "ID=1234-5678 27000", "ID=1234-5679 27000"),
    ("tabs-continued.lic", "SERVER beta 00A0C9445566", "SERVER beta 00A0C9445567"),
    ("latin1.lic", "SERVER rechner01 002590A1B2C3", "SERVER rechner01 002590A1B2C4"),
    ("genesys-triad.lic", "SERVER glic-c.example.net 0024E8F0A1B2 7260\n", ""),  # a SERVER removed
    ("genesys-7x.lic", "SERVER lic01 0019B9A0B0C0 7260\n",
     "SERVER lic01 0019B9A0B0C0 7260\nSERVER lic02 0019B9A0B0D0 7260\nSERVER lic03 0019B9A0B0E0 7260\n"),
]


@pytest.mark.parametrize("case", SERVER_EDITS, ids=[f"{c[0]}:{c[1][:30]}" for c in SERVER_EDITS])
def test_server_hostid_change_fails_counted_records_only(case, signed, keys, tmp_path):
    name, old, new = case
    text = edit(text_of(name, signed[name]), old, new)
    heads = feature_heads(text)
    expected = {(line, nm) for line, _, nm, counted in heads if counted}
    assert_mismatches(tmp_path, keys, name, text, expected)


def test_server_hostid_change_spares_uncounted_node_locked_lines(signed, keys, tmp_path):
    """The same edit as above, seen from the uncounted lines: they are named nowhere."""
    name = "genesys-8x.lic"
    text = edit(text_of(name, signed[name]), "SERVER lic01 0019B9A0B0C0",
                "SERVER lic01 0019B9A0B0C9")
    p = write(tmp_path, name, text)
    r = run("verify", p, "--key", keys.pub)
    assert r.exit_code == 1
    names = {nm for _, _, nm in findings(r)}
    assert "GIS_STATSERVICE" not in names and "tserver_sdn" in names
    # a file whose feature lines are all uncounted: a new SERVER hostid changes nothing
    src = "\n".join([
        "SERVER lic01 0019B9A0B0C0 7260",
        "VENDOR genesys.d /opt/genesys/flexlm/genesys.d",
        "FEATURE GIS_STATSERVICE genesys.d 8.1 permanent uncounted \\",
        "  HOSTID=0019B9A0B0C1 ISSUED=21-jun-2013 SN=GL81-220517-11",
        "FEATURE GIS genesys.d 8.1 permanent 0 HOSTID=0019B9A0B0C1 SN=GL81-220517-12", ""])
    (tmp_path / "u.lic").write_text(src)
    assert run("sign", tmp_path / "u.lic", "--key", keys.priv, "--in-place").exit_code == 0
    text = (tmp_path / "u.lic").read_text()
    assert_verifies(tmp_path, keys, "u2.lic",
                    edit(text, "lic01 0019B9A0B0C0", "lic01 0019B9A0B0FF"))


@pytest.mark.parametrize("order", [(0, 2, 1), (1, 0, 2), (2, 1, 0)])
def test_triad_server_order_fails_counted_records(order, signed, keys, tmp_path):
    name = "genesys-triad.lic"
    text = text_of(name, signed[name])
    lines = text.split("\n")
    idx = [i for i, ln in enumerate(lines) if ln.startswith("SERVER ")]
    assert len(idx) == 3
    servers = [lines[i] for i in idx]
    for i, j in zip(idx, order):
        lines[i] = servers[j]
    swapped = "\n".join(lines)
    expected = {(line, nm) for line, _, nm, counted in feature_heads(swapped) if counted}
    assert len(expected) == 7
    assert_mismatches(tmp_path, keys, name, swapped, expected)


def test_triad_server_order_spares_uncounted_records(keys, tmp_path):
    name = "genesys-triad.lic"
    src = text_of(name, (FIXTURES / name).read_bytes())
    src += ("FEATURE GIS_STATSERVICE genesys.d 8.0 permanent uncounted HOSTID=0019B9A0B0C1 \\\n"
            "        ISSUED=9-sep-2011 SN=GL80-305511-08\n")
    (tmp_path / "in.lic").write_text(src)
    r = run("sign", tmp_path / "in.lic", "--key", keys.priv, "-o", tmp_path / "s.lic")
    assert r.exit_code == 0, r.stderr
    text = (tmp_path / "s.lic").read_text()
    a = "SERVER glic-b.example.net 00219B3C4D5E 7260\n"
    b = "SERVER glic-c.example.net 0024E8F0A1B2 7260\n"
    swapped = edit(text, a + b, b + a)
    heads = feature_heads(swapped)
    expected = {(line, nm) for line, _, nm, counted in heads if counted}
    assert any(not counted for *_, counted in heads)
    assert_mismatches(tmp_path, keys, name, swapped, expected)


def test_changed_record_verifies_again_after_signing(signed, keys, tmp_path):
    name = "eda-suite.lic"
    text = edit(text_of(name, signed[name]), "BORROW=72", "BORROW=168")
    p = write(tmp_path, name, text)
    assert run("verify", p, "--key", keys.pub).exit_code == 1
    assert run("sign", p, "--key", keys.priv, "--in-place").exit_code == 0
    assert run("verify", p, "--key", keys.pub).exit_code == 0
    assert "BORROW=168" in p.read_text()


def test_record_made_unreadable_by_an_edit_does_not_pass(signed, keys, tmp_path):
    """A signed field edited into something that no longer parses (count 600 -> 6OO, version
    8.1 -> 8.x) is a changed signed field: ``verify`` must not report "No problems found"
    and exit 0 for it."""
    name = "genesys-8x.lic"
    base = text_of(name, signed[name])
    for old, new in [("permanent 600 ", "permanent 6OO "),
                     ("tserver_sdn genesys.d 8.1 ", "tserver_sdn genesys.d 8.x ")]:
        text = edit(base, old, new)
        line = record_line(base, "FEATURE tserver_sdn")[0]
        p = tmp_path / name
        p.write_bytes(bytes_of(name, text))
        assert load(p).errors, "the edit should make the record unreadable"
        r = run("verify", p, "--key", keys.pub)
        assert r.exit_code != 0, (
            f"BUG: a signed record whose count/version was edited into invalid text "
            f"({old.strip()!r} -> {new.strip()!r}, line {line}) passes `lictool verify` "
            f"(exit 0):\n{r.stdout}{r.stderr}")
        assert f":{line}:" in r.stdout + r.stderr


# --------------------------------------------------------------------------------------------
# 2. editable fields: every change still verifies
# --------------------------------------------------------------------------------------------

EDITABLE_EDITS = [
    ("sort value", "eda-suite.lic", "sort=50", "sort=10"),
    ("sort added", "genesys-8x.lic", "SN=GL81-220517-03 ", "SN=GL81-220517-03 sort=5 "),
    ("sort removed", "eda-suite.lic", " sort=60", ""),
    ("asset_info value", "eda-suite.lic", 'BORROW=72 asset_info="PO 4711"', 'BORROW=72 asset_info="PO 9000, cc 12"'),
    ("asset_info removed", "eda-suite.lic", 'sort=50 asset_info="PO 4711" ', "sort=50 "),
    ("dist_info added", "genesys-7x.lic", "SN=GCTI-76-118204-04 ", 'SN=GCTI-76-118204-04 dist_info="reseller 7" '),
    ("user_info value", "eda-suite.lic", 'user_info="renewal"', 'user_info="renewal, approved by J. Doe"'),
    ("user_info Windows path", "windows-crlf.lic", 'user_info="C:\\Projects\\pll"', 'user_info="D:\\Work\\adc"'),
    ("user_info Latin-1", "latin1.lic", 'user_info="B\u00fcro H\u00f6ngg', 'user_info="B\u00fcro Oerlikon'),
    ("vendor_info added", "genesys-triad.lic", "SN=GL80-305511-07 ", "SN=GL80-305511-07 vendor_info=rack4 "),
    ("ck value", "legacy-v2.lic", "ck=103", "ck=250"),
    ("ck removed", "legacy-v2.lic", " ck=27", ""),
    ("ck added", "genesys-8x.lic", "SN=GL81-220517-04 ", "SN=GL81-220517-04 ck=42 "),
    ("lower-case unknown keyword", "genesys-8x.lic", "SN=GL81-220517-06 ", "SN=GL81-220517-06 site_code=emea "),
    ("SERVER host and port", "eda-suite.lic", "SERVER edalic01 3C4A92D1E5F0 27020",
     "SERVER edalic02.example.com 3C4A92D1E5F0 27099"),
    ("SERVER port removed", "genesys-7x.lic", "SERVER lic01 0019B9A0B0C0 7260", "SERVER lic01 0019B9A0B0C0"),
    ("SERVER triad host and port", "genesys-triad.lic", "SERVER glic-b.example.net 00219B3C4D5E 7260",
     "SERVER glic-b2 00219B3C4D5E 27001"),
    ("SERVER TCP: port", "tabs-continued.lic", "SERVER gamma 00A0C9778899 TCP:27000",
     "SERVER gamma.example.org 00A0C9778899 TCP:27009"),
    ("SERVER host CRLF", "windows-crlf.lic", "SERVER WINLIC01 ID=1234-5678 27000", "SERVER WINLIC02 ID=1234-5678 27001"),
    ("SERVER hostid case", "windows-crlf.lic", "ID=1234-5678 27000", "id=1234-5678 27000"),
    ("SERVER hostid lower-case hex", "legacy-v2.lic", "SERVER this_host 80B2C3D4", "SERVER this_host 80b2c3d4"),
    ("SERVER hostid #decimal", "legacy-v2.lic", "SERVER this_host 80B2C3D4", "SERVER this_host #2159199188"),
    ("VENDOR path, options, port", "eda-suite.lic",
     "VENDOR acmed /opt/acme/2024.06/bin/acmed /opt/acme/licenses/acmed.opt port=27021",
     "VENDOR acmed /opt/acme/2025.01/bin/acmed /etc/acmed.opt port=28000"),
    ("VENDOR OPTIONS= PORT=", "genesys-8x.lic", "OPTIONS=/opt/genesys/flexlm/genesys.opt PORT=7261",
     "OPTIONS=/srv/genesys.opt PORT=7300"),
    ("VENDOR path removed", "genesys-triad.lic", "VENDOR genesys.d /opt/genesys/flexlm/genesys.d PORT=7261",
     "VENDOR genesys.d PORT=7262"),
    ("DAEMON paths", "legacy-v2.lic", "DAEMON acmed /usr/local/flexlm/acmed /usr/local/flexlm/acmed.opt",
     "DAEMON acmed /opt/flexlm/acmed"),
    ("VENDOR Windows paths", "windows-crlf.lic", "VENDOR cdslmd c:\\flexlm\\cdslmd.exe c:\\flexlm\\cdslmd.opt",
     "VENDOR cdslmd d:\\lic\\cdslmd.exe"),
    ("comment removed", "eda-suite.lic", "# Floating solver seats\n", ""),
    ("comment added", "genesys-7x.lic", "\nFEATURE vcb_full", "\n# added by the administrator\nFEATURE vcb_full"),
    ("comment Latin-1", "latin1.lic", "# Statik-Module (g\u00fcltig bis Ende 2028)", "# Statik (verl\u00e4ngert)"),
    ("comment BOM file", "utf8-bom.lic", "Soci\u00e9t\u00e9 G\u00e9n\u00e9rale", "Soci\u00e9t\u00e9 Anonyme"),
    ("old-style | comment removed", "opaque.lic", "| FLEXlm license for ACME tools, order ACME-O-5512 -- keep this line\n", ""),
    ("test-signature comment removed", "genesys-8x.lic", signer.COMMENT + "\n", ""),
    ("blank lines added", "genesys-8x.lic", "\n# Interaction Server", "\n\n\n# Interaction Server"),
    ("blank line removed", "eda-suite.lic", "\n\n# Floating", "\n# Floating"),
    ("attribute order", "eda-suite.lic", "ISSUED=1-jun-2024 START=1-jan-2024 SN=ACME-2024-0101",
     "SN=ACME-2024-0101 START=1-jan-2024 ISSUED=1-jun-2024"),
    ("quoting SN", "genesys-8x.lic", "SN=GL81-220517-07", 'SN="GL81-220517-07"'),
    ("quoting HOSTID", "genesys-8x.lic", "HOSTID=0019B9A0B0C1", 'HOSTID="0019B9A0B0C1"'),
    ("quoting DUP_GROUP", "eda-suite.lic", "DUP_GROUP=UHD \\\n\tISSUED=1-jun-2024 START=1-jan-2024 SN=ACME-2024-0102",
     'DUP_GROUP="UHD" \\\n\tISSUED=1-jun-2024 START=1-jan-2024 SN=ACME-2024-0102'),
    ("keyword case feature", "genesys-7x.lic", "FEATURE ha_redundancy", "feature ha_redundancy"),
    ("keyword case Increment", "eda-suite.lic", "INCREMENT viewer", "Increment viewer"),
    ("keyword case package", "eda-suite.lic", "PACKAGE acme_suite", "package acme_suite"),
    ("spacing", "genesys-triad.lic", "FEATURE iwd_jms_cp genesys.d 8.0 31-dec-2028 1 ISSUED",
     "FEATURE  iwd_jms_cp\tgenesys.d   8.0 31-dec-2028\t\t1    ISSUED"),
    ("continuation moved", "genesys-8x.lic",
     "FEATURE tserver_sdn genesys.d 8.1 permanent 600 ISSUED=21-jun-2013 \\\n  SN=GL81-220517-01",
     "FEATURE tserver_sdn genesys.d 8.1 permanent 600 \\\n\tISSUED=21-jun-2013 SN=GL81-220517-01"),
    ("continuation joined", "genesys-7x.lic", "ISSUED=14-mar-2009 SN=GCTI-76-118204-01 \\\n\tNOTICE",
     "ISSUED=14-mar-2009 SN=GCTI-76-118204-01 NOTICE"),
    ("continuation inside quotes moved", "tabs-continued.lic", 'NOTICE="Licensed to \\\n\tExample Corp for evaluation"',
     'NOTICE="Licensed to Example Corp \\\n\tfor evaluation"'),
    ("continuation inside COMPONENTS joined", "eda-suite.lic", 'mesher:2.0 \\\n\tviewer:1.0:2"', 'mesher:2.0 viewer:1.0:2"'),
]


@pytest.mark.parametrize("case", EDITABLE_EDITS, ids=[c[0] for c in EDITABLE_EDITS])
def test_editable_field_change_verifies(case, signed, keys, tmp_path):
    _, name, old, new = case
    assert_verifies(tmp_path, keys, name, edit(text_of(name, signed[name]), old, new))


# whole-file layout changes ------------------------------------------------------------------

def _records(text: str, fn: Callable[[List[str]], str]) -> str:
    """Unwrap every record, then rewrite each feature record from its tokens with ``fn``."""
    nl = newline_of(text)
    flat = CONTINUATION.sub(" ", text.replace(nl, "\n"))
    out = []
    for ln in flat.split("\n"):
        out.append(fn(TOKEN.findall(ln)) if HEAD.match(ln) else ln)
    return "\n".join(out).replace("\n", nl)


def unwrap(text: str) -> str:
    return _records(text, " ".join)


def rewrap(text: str) -> str:
    """Two tokens per physical line, 3-space continuations."""
    return _records(text, lambda t: " \\\n   ".join(" ".join(t[i:i + 2])
                                                     for i in range(0, len(t), 2)))


def spacing(text: str) -> str:
    return _records(text, " \t  ".join)


def keyword_case(text: str) -> str:
    return _records(text, lambda t: " ".join([t[0].lower()] + t[1:]))


def reorder(text: str) -> str:
    """The KEY=value attributes of each record in reverse order (flags and fields stay)."""
    def fn(t: List[str]) -> str:
        slots = [i for i, tok in enumerate(t) if i > 2 and KV.match(tok)]
        vals = [t[i] for i in slots][::-1]
        t = list(t)
        for i, v in zip(slots, vals):
            t[i] = v
        return " ".join(t)
    return _records(text, fn)


def quote(text: str) -> str:
    """Quote every unquoted KEY=value (the signature fields excepted)."""
    def q(tok: str) -> str:
        m = KV.match(tok)
        if not m or m.group(2).startswith('"') or m.group(1).upper().startswith("SIGN"):
            return tok
        return f'{m.group(1)}="{m.group(2)}"'
    return _records(text, lambda t: " ".join(q(x) for x in t))


def no_comments(text: str) -> str:
    # blank lines stay: an unknown line right after a record would continue it (v7.0+ reading)
    nl = newline_of(text)
    kept = [ln for ln in text.split(nl)
            if not ln.lstrip("\ufeff").startswith(("#", "|"))]
    return ("\ufeff" if text.startswith("\ufeff") else "") + nl.join(kept) + nl


def newlines(text: str) -> str:
    return text.replace("\r\n", "\n") if "\r\n" in text else text.replace("\n", "\r\n")


TRANSFORMS = {f.__name__: f for f in (unwrap, rewrap, spacing, keyword_case, reorder, quote,
                                      no_comments, newlines)}
WITH_FEATURES = [n for n in GOOD_FIXTURES if n != "client-pointer.lic"]


# the token-level transforms split records on blanks: a braced AUTH={ ... } value holds blanks
# and KEY=value pairs of its own, so reordering or quoting its pieces is not a layout change
TOKEN_LEVEL = ("reorder", "quote")
BRACED = ("cvd-auth.lic",)


@pytest.mark.parametrize("transform,name", [
    (t, n) for t in sorted(TRANSFORMS) for n in WITH_FEATURES
    if not (t in TOKEN_LEVEL and n in BRACED)])
def test_layout_changes_verify(name, transform, signed, keys, tmp_path):
    text = text_of(name, signed[name])
    out = TRANSFORMS[transform](text)
    assert out != text, f"{transform} should change {name}"
    assert len(feature_heads(out)) == len(feature_heads(text))
    assert_verifies(tmp_path, keys, name, out)


def test_fmt_keeps_signatures(signed, keys, tmp_path):
    changed = []
    paths = []
    for name in WITH_FEATURES:
        p = tmp_path / name
        p.write_bytes(signed[name])
        paths.append(p)
    r = run("fmt", *paths)
    assert r.exit_code == 0, r.stderr
    for name, p in zip(WITH_FEATURES, paths):
        if p.read_bytes() != signed[name]:
            changed.append(name)
    assert changed, "lictool fmt should reformat at least one signed fixture (long SIGN lines)"
    r = run("verify", *paths, "--key", keys.pub)
    assert r.exit_code == 0, r.stdout + r.stderr


# --------------------------------------------------------------------------------------------
# 3. keys
# --------------------------------------------------------------------------------------------

def test_wrong_key_fails_every_record(signed, keys, tmp_path):
    for name in ("eda-suite.lic", "legacy-v2.lic", "windows-crlf.lic"):
        p = tmp_path / name
        p.write_bytes(signed[name])
        r = run("verify", p, "--key", keys.other_pub)
        heads = feature_heads(text_of(name, signed[name]))
        assert r.exit_code == 1
        assert findings(r) == {(str(p), line, nm) for line, _, nm, _ in heads}
        assert "another key" in r.stdout


def test_private_key_given_to_verify_is_refused(signed, keys, tmp_path):
    p = tmp_path / "s.lic"
    p.write_bytes(signed["genesys-8x.lic"])
    r = run("verify", p, "--key", keys.priv)
    assert r.exit_code == 2
    assert r.stdout == ""
    assert "private key" in r.stderr and ".pub" in r.stderr and str(keys.priv) in r.stderr


@pytest.mark.parametrize("content", [b"garbage\n", b"",
                                     b"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n",
                                     "ec"])
def test_bad_key_files_are_usage_errors(content, signed, keys, tmp_path):
    if content == "ec":  # a valid PEM public key of another type
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import ec

        k = ec.generate_private_key(ec.SECP256R1())
        content = k.public_key().public_bytes(serialization.Encoding.PEM,
                                              serialization.PublicFormat.SubjectPublicKeyInfo)
    bad = tmp_path / "bad.pub"
    bad.write_bytes(content)
    p = tmp_path / "s.lic"
    p.write_bytes(signed["genesys-8x.lic"])
    for args in (["verify", p, "--key", bad], ["sign", p, "--key", bad, "-o", tmp_path / "o.lic"],
                 ["lint", p, "--verify-key", bad]):
        r = run(*args)
        assert r.exit_code == 2, (args, r.stdout, r.stderr)
        assert str(bad) in r.stderr, r.stderr
    assert not (tmp_path / "o.lic").exists()


def test_missing_key_and_public_key_to_sign(signed, keys, tmp_path):
    p = tmp_path / "s.lic"
    p.write_bytes(signed["genesys-8x.lic"])
    r = run("verify", p, "--key", tmp_path / "nope.pub")
    assert r.exit_code == 2 and "nope.pub" in r.stderr
    r = run("sign", p, "--key", keys.pub, "--in-place")
    assert r.exit_code == 2 and "private key" in r.stderr
    assert p.read_bytes() == signed["genesys-8x.lic"]
    r = run("generate", "--key", keys.pub, "-o", tmp_path / "g.lic")
    assert r.exit_code == 2 and not (tmp_path / "g.lic").exists()


def test_keygen_writes_a_working_pair_with_mode_0600(tmp_path):
    old = os.umask(0)  # even with a permissive umask
    try:
        r = run("keygen", tmp_path / "k")
    finally:
        os.umask(old)
    assert r.exit_code == 0, r.stderr
    priv, pub = tmp_path / "k", tmp_path / "k.pub"
    assert stat.S_IMODE(priv.stat().st_mode) == 0o600
    assert priv.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
    assert pub.read_bytes().startswith(b"-----BEGIN PUBLIC KEY-----")
    assert b"PRIVATE" not in pub.read_bytes()
    assert sorted(x.name for x in tmp_path.iterdir()) == ["k", "k.pub"]  # no temporary left
    lic = tmp_path / "a.lic"
    shutil.copyfile(FIXTURES / "genesys-7x.lic", lic)
    assert run("sign", lic, "--key", priv, "--in-place").exit_code == 0
    assert run("verify", lic, "--key", pub).exit_code == 0


@pytest.mark.parametrize("existing", ["both", "private", "public"])
def test_keygen_refuses_to_overwrite(existing, tmp_path):
    assert run("keygen", tmp_path / "k").exit_code == 0
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.iterdir()}
    if existing == "private":
        (tmp_path / "k.pub").unlink()
    elif existing == "public":
        (tmp_path / "k").unlink()
    left = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.iterdir()}
    r = run("keygen", tmp_path / "k")
    assert r.exit_code == 2
    assert "--force" in r.stderr
    now = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.iterdir()}
    assert now == left, "keygen without --force must not create or change any file"
    assert set(left) <= set(before)


def test_keygen_force_replaces_both(signed, tmp_path):
    assert run("keygen", tmp_path / "k").exit_code == 0
    priv, pub = tmp_path / "k", tmp_path / "k.pub"
    old_priv, old_pub = priv.read_bytes(), pub.read_bytes()
    old_pub_copy = tmp_path / "old.pub"
    old_pub_copy.write_bytes(old_pub)
    priv.chmod(0o644)
    r = run("keygen", priv, "--force")
    assert r.exit_code == 0, r.stderr
    assert priv.read_bytes() != old_priv and pub.read_bytes() != old_pub
    assert stat.S_IMODE(priv.stat().st_mode) == 0o600
    lic = tmp_path / "a.lic"
    lic.write_bytes(signed["utf8-bom.lic"])
    assert run("sign", lic, "--key", priv, "--in-place").exit_code == 0
    assert run("verify", lic, "--key", pub).exit_code == 0
    assert run("verify", lic, "--key", old_pub_copy).exit_code == 1


def test_keygen_into_a_missing_folder_is_a_clear_usage_error(tmp_path):
    target = tmp_path / "no-such-dir" / "k"
    r = RUNNER.invoke(app, ["keygen", str(target)], prog_name="lictool")
    assert r.exception is None or isinstance(r.exception, SystemExit), (
        f"BUG: `lictool keygen {target}` (the folder does not exist) crashes with "
        f"{r.exception!r} (the real entry point prints 'internal error: FileNotFoundError(...)' "
        f"without the path) instead of a usage error naming the path")
    assert r.exit_code == 2 and "no-such-dir" in r.stderr


@pytest.mark.parametrize("command", ["sign", "generate"])
def test_output_into_a_missing_folder_is_a_clear_usage_error(command, keys, tmp_path):
    out = tmp_path / "no-such-dir" / "o.lic"
    args = (["sign", str(FIXTURES / "genesys-7x.lic"), "--key", str(keys.priv), "-o", str(out)]
            if command == "sign" else ["generate", "--key", str(keys.priv), "-o", str(out)])
    r = RUNNER.invoke(app, args, prog_name="lictool")
    assert r.exception is None or isinstance(r.exception, SystemExit), (
        f"BUG: `lictool {' '.join(args)}` crashes with {r.exception!r} (the real entry point "
        f"prints 'internal error: FileNotFoundError(...)' without the path) instead of a "
        f"usage error naming {out}")
    assert r.exit_code == 2 and "no-such-dir" in r.stderr


def _secret_forms(priv: Path) -> List[str]:
    """The private key's PEM body lines, the body joined, and its raw bytes in hex/base64."""
    from cryptography.hazmat.primitives import serialization

    pem = priv.read_text()
    body = [ln for ln in pem.splitlines() if ln and not ln.startswith("-----")]
    key = signer.load_private_key(priv)
    raw = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                            serialization.NoEncryption())
    forms = body + ["".join(body), raw.hex(), raw.hex().upper(), base64.b64encode(raw).decode()]
    forms += [" ".join(raw.hex().upper()[i:i + 4] for i in range(0, 64, 4))]
    return [f for f in forms if len(f) >= 16]


def test_private_key_never_shown(signed, tmp_path, caplog, capfd):
    caplog.set_level("DEBUG")
    start = len(OUTPUTS)
    priv, pub = tmp_path / "k", tmp_path / "k.pub"
    good = tmp_path / "good.lic"
    good.write_bytes(signed["eda-suite.lic"])
    bad = tmp_path / "bad.lic"
    bad.write_bytes(signed["eda-suite.lic"].replace(b"BORROW=72", b"BORROW=73"))
    broken = tmp_path / "broken.lic"
    shutil.copyfile(FIXTURES / "broken.lic", broken)
    (tmp_path / ".lictool.toml").write_text('verify-key = "k"\n')  # a private key as verify-key
    codes = [
        run("keygen", priv).exit_code,
        run("keygen", priv).exit_code,
        run("keygen", priv, "--force").exit_code,
        run("sign", good, "--key", priv, "-o", tmp_path / "o.lic").exit_code,
        run("sign", good, "--key", priv, "-o", "-").exit_code,
        run("sign", good, bad, "--key", priv, "--in-place").exit_code,
        run("sign", broken, "--key", priv, "-o", "-").exit_code,
        run("sign", good, "--key", pub, "-o", "-").exit_code,
        run("verify", good, "--key", pub).exit_code,
        run("verify", good, "--key", priv).exit_code,
        run("verify", good, "--key", priv, "-f", "json").exit_code,
        run("generate", "--key", priv).exit_code,
        run("generate", "--key", priv, "--servers", "3", "--records", "3").exit_code,
        run("generate", "--key", priv, "--release", "x").exit_code,
        run("lint", good, "--verify-key", pub, "--select", "L801").exit_code,
        run("lint", good, "--verify-key", priv).exit_code,
        run("lint", good, "--config", tmp_path / ".lictool.toml").exit_code,
    ]
    assert codes == [0, 2, 0, 0, 0, 0, 1, 2, 0, 2, 2, 0, 0, 2, 0, 2, 2], codes
    seen = OUTPUTS[start:] + [caplog.text] + list(capfd.readouterr())
    assert sum('SIGN="' in s for s in seen) >= 3  # sign -o - and generate printed signed text
    secrets = _secret_forms(priv)
    assert len(secrets) >= 5
    for secret in secrets:
        for s in seen:
            assert secret not in s, "private key material appeared in a command's output"


# --------------------------------------------------------------------------------------------
# 4. sign: determinism, idempotence, bytes kept
# --------------------------------------------------------------------------------------------

def _normalized(text: str) -> str:
    """The text with SIGN values (and a continuation that only introduces one) blanked and the
    test-signature comment removed: what ``sign`` must keep byte for byte."""
    text = SIGN_VALUE.sub("SIGN=@", text)
    text = re.sub(r" \\(?:\r\n|\r|\n)[ \t]*SIGN=@", "", text)
    return re.sub(r"(?m)^(\ufeff?)" + re.escape(signer.COMMENT) + r"(?:\r\n|\r|\n)", r"\1", text)


@pytest.mark.parametrize("name", GOOD_FIXTURES)
def test_sign_keeps_every_other_byte(name, signed):
    orig = text_of(name, (FIXTURES / name).read_bytes())
    out = text_of(name, signed[name])
    assert _normalized(out) == _normalized(orig)
    # the comment is the first line (after a BOM), and says what the signatures are
    top = lines_of(out.lstrip("\ufeff"))[0]
    assert top == signer.COMMENT and top.startswith("# ")
    assert re.search(r"lictool TEST signatures", top) and re.search(r"not FlexNet", top)
    assert out.count(signer.COMMENT) == 1
    # literally: the lines holding no SIGN value are the same lines, in the same order
    def plain(t: str) -> List[str]:
        t = SIGN_VALUE.sub("\0", t.lstrip("\ufeff"))
        return [ln for ln in lines_of(t) if "\0" not in ln and ln != signer.COMMENT]
    if all("SIGN=" in ln or not HEAD.match(ln) for ln in lines_of(unwrap(orig))):
        assert plain(out) == plain(orig)
    # SIGN2 values are not touched
    assert re.findall(r'SIGN2="[^"]*"', out) == re.findall(r'SIGN2="[^"]*"', orig)


@pytest.mark.parametrize("name", GOOD_FIXTURES)
def test_signing_a_signed_file_again_changes_nothing(name, signed, keys, tmp_path):
    p = tmp_path / name
    p.write_bytes(signed[name])
    r = run("sign", p, "--key", keys.priv, "--in-place")
    assert r.exit_code == 0, r.stderr
    assert p.read_bytes() == signed[name]


def test_signatures_are_deterministic(keys, tmp_path):
    for name in ("eda-suite.lic", "latin1.lic", "windows-crlf.lic"):
        a, b = tmp_path / f"a-{name}", tmp_path / f"b-{name}"
        assert run("sign", FIXTURES / name, "--key", keys.priv, "-o", a).exit_code == 0
        assert run("sign", FIXTURES / name, "--key", keys.priv, "-o", b).exit_code == 0
        assert a.read_bytes() == b.read_bytes()
        lib = signer.sign_file(load(FIXTURES / name), signer.load_private_key(keys.priv))
        assert a.read_bytes() == lib.encode(ENCODING.get(name, "utf-8"))
    # another key gives other SIGN values and nothing else
    c = tmp_path / "c.lic"
    assert run("sign", FIXTURES / "eda-suite.lic", "--key", keys.other, "-o", c).exit_code == 0
    a = (tmp_path / "a-eda-suite.lic").read_text()
    assert c.read_text() != a and _normalized(c.read_text()) == _normalized(a)


@pytest.mark.parametrize("name", WITH_FEATURES)
def test_sign_values_are_32_hex_groups_continued(name, signed):
    text = text_of(name, signed[name])
    values = SIGN_VALUE.findall(BRACED_VALUE.sub("", text))   # not the SIGNs inside AUTH={...}
    assert len(values) == len(feature_heads(text)), "one SIGN= on every feature record"
    for v in values:
        assert CONTINUATION.search(v), f"SIGN value not continued over lines: {v!r}"
        groups = CONTINUATION.sub(" ", v[len('SIGN="'):-1]).split(" ")
        assert len(groups) == 32 and all(re.fullmatch(r"[0-9A-F]{4}", g) for g in groups), v
    nl = newline_of(text)
    for v in values:
        assert v.count("\\" + nl) == v.count("\\"), "continuations use the file's newline"


def test_record_without_sign_gets_one(signed, keys):
    before = signer.feature_records(load(FIXTURES / "legacy-v2.lic"))
    unsigned = [r.name for r in before if r.attribute("SIGN") is None]
    assert len(unsigned) >= 5  # the v2, v3 and old node-locked lines
    after = signer.feature_records(loads_bytes(signed["legacy-v2.lic"]))
    assert [r.name for r in after] == [r.name for r in before]
    for rec in after:
        sig = rec.attribute("SIGN")
        assert sig is not None, rec.name
        assert re.fullmatch(r"[0-9A-F]{128}", "".join(sig.value.split())), rec.name


def test_newlines_encoding_and_bom_are_kept(signed, keys, tmp_path):
    crlf = signed["windows-crlf.lic"]
    assert crlf.count(b"\r\n") == crlf.count(b"\n") == crlf.count(b"\r")
    assert crlf.startswith(signer.COMMENT.encode() + b"\r\n")
    lat = signed["latin1.lic"]
    with pytest.raises(UnicodeDecodeError):
        lat.decode("utf-8")
    assert "M\u00fcller".encode("latin-1") in lat and b"\xc3" not in lat
    orig = (FIXTURES / "latin1.lic").read_bytes()
    latin = [ln for ln in orig.split(b"\n") if re.search(rb"[\x80-\xff]", ln) and b"SIGN" not in ln]
    assert len(latin) >= 5 and all(ln in lat.split(b"\n") for ln in latin)
    bom = signed["utf8-bom.lic"]
    assert bom.startswith(BOM + signer.COMMENT.encode() + b"\n")
    assert bom.count(BOM) == 1 and b"\r" not in bom
    # a CR-only file stays CR-only
    cr = tmp_path / "cr.lic"
    cr.write_bytes((FIXTURES / "genesys-8x.lic").read_bytes().replace(b"\n", b"\r"))
    assert run("sign", cr, "--key", keys.priv, "--in-place").exit_code == 0
    assert b"\n" not in cr.read_bytes() and run("verify", cr, "--key", keys.pub).exit_code == 0


def test_sign_outputs_agree(keys, tmp_path):
    for name in ("latin1.lic", "utf8-bom.lic", "windows-crlf.lic"):
        out = tmp_path / f"o-{name}"
        assert run("sign", FIXTURES / name, "--key", keys.priv, "-o", out).exit_code == 0
        r = run("sign", FIXTURES / name, "--key", keys.priv, "-o", "-")
        assert r.exit_code == 0 and r.stderr == ""
        inplace = tmp_path / name
        shutil.copyfile(FIXTURES / name, inplace)
        assert run("sign", inplace, "--key", keys.priv, "--in-place").exit_code == 0
        assert out.read_bytes() == r.stdout_bytes == inplace.read_bytes()
        assert (FIXTURES / name).read_bytes() != out.read_bytes()


def test_sign_usage_errors(keys, tmp_path):
    a, b = tmp_path / "a.lic", tmp_path / "b.lic"
    shutil.copyfile(FIXTURES / "genesys-7x.lic", a)
    shutil.copyfile(FIXTURES / "genesys-8x.lic", b)
    for args in (["sign", a, "--key", keys.priv],
                 ["sign", a, "--key", keys.priv, "-o", tmp_path / "o.lic", "--in-place"],
                 ["sign", a, b, "--key", keys.priv, "-o", tmp_path / "o.lic"],
                 ["sign", tmp_path / "missing.lic", "--key", keys.priv, "-o", tmp_path / "o.lic"]):
        r = run(*args)
        assert r.exit_code == 2, (args, r.stderr)
    assert not (tmp_path / "o.lic").exists()
    assert a.read_bytes() == (FIXTURES / "genesys-7x.lic").read_bytes()


def test_sign_refuses_a_file_with_syntax_errors(keys, tmp_path):
    broken = tmp_path / "broken.lic"
    shutil.copyfile(FIXTURES / "broken.lic", broken)
    before = broken.read_bytes()
    r = run("sign", broken, "--key", keys.priv, "-o", tmp_path / "out.lic")
    assert r.exit_code == 1 and ":20:" in r.stderr and "syntax error" in r.stderr
    assert not (tmp_path / "out.lic").exists()
    r = run("sign", broken, "--key", keys.priv, "-o", "-")
    assert r.exit_code == 1 and r.stdout_bytes == b""
    # --in-place on several files: the good one is signed, the broken one left alone, exit 1
    good = tmp_path / "good.lic"
    shutil.copyfile(FIXTURES / "genesys-8x.lic", good)
    r = run("sign", good, broken, "--key", keys.priv, "--in-place")
    assert r.exit_code == 1
    assert broken.read_bytes() == before
    assert run("verify", good, "--key", keys.pub).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.lic", "good.lic"]


@pytest.mark.parametrize("last", ["one-line", "two-line", "three-line"])
def test_sign_a_file_without_final_newline(last, keys, tmp_path):
    """The last record of a file without a final newline, on one, two or three physical lines."""
    text = text_of("eda-suite.lic", (FIXTURES / "eda-suite.lic").read_bytes())
    upgrade = text.index("UPGRADE solver")
    if last == "one-line":  # an unsigned one-line record: SIGN is added on a continuation line
        text = text[:upgrade] + "UPGRADE solver acmed 2024.0601 2025.0101 31-dec-2026 2 SN=X"
    elif last == "two-line":  # the UPGRADE record: SIGN value continued on its second line
        text = text[:text.index('"\n', upgrade) + 1]
    else:  # the INCREMENT viewer record, the fixture's last one
        text = text.rstrip("\n")
    assert text.count("\n") > 10
    assert not text.endswith("\n")
    p = tmp_path / "eof.lic"
    p.write_text(text)
    r = RUNNER.invoke(app, ["sign", str(p), "--key", str(keys.priv), "--in-place"],
                      prog_name="lictool")
    assert r.exception is None or isinstance(r.exception, SystemExit), (
        f"BUG: `lictool sign` crashes with {r.exception!r} on a file whose last record is "
        f"{last} and has no final newline (sign.py _indent_of reads the third "
        f"physical line of the record)")
    assert r.exit_code == 0, r.stderr
    assert run("verify", p, "--key", keys.pub).exit_code == 0
    again = p.read_bytes()
    assert run("sign", p, "--key", keys.priv, "--in-place").exit_code == 0
    assert p.read_bytes() == again


# --------------------------------------------------------------------------------------------
# 5. generate
# --------------------------------------------------------------------------------------------

def gen(keys, *args) -> bytes:
    r = run("generate", "--key", keys.priv, *args)
    assert r.exit_code == 0, r.stderr
    return r.stdout_bytes


def test_generate_is_reproducible(keys, tmp_path):
    a = gen(keys, "--seed", "7", "--records", "12")
    assert a == gen(keys, "--seed", "7", "--records", "12")
    assert a != gen(keys, "--seed", "8", "--records", "12")
    out = tmp_path / "g.lic"
    r = run("generate", "--key", keys.priv, "--seed", "7", "--records", "12", "-o", out)
    assert r.exit_code == 0 and r.stdout == ""
    assert out.read_bytes() == a
    assert gen(keys) == gen(keys, "--seed", "1", "--records", "20", "--vendor", "genesys.d",
                            "--release", "8.1", "--servers", "1")


def test_generate_default_file_is_valid_signed_and_lints_clean(keys, tmp_path):
    for seed in ("1", "2", "3"):
        p = tmp_path / f"g{seed}.lic"
        p.write_bytes(gen(keys, "--seed", seed))
        lf = load(p)
        assert not lf.errors
        text = p.read_text()
        heads = feature_heads(text)
        assert len(heads) == 20
        assert {kw for _, kw, _, _ in heads} <= {"FEATURE", "INCREMENT"}
        assert len(lf.servers) == 1 and "genesys.d" in text and "VENDOR genesys.d" in text
        assert lines_of(text)[0] == signer.COMMENT
        assert run("verify", p, "--key", keys.pub).exit_code == 0
        assert run("verify", p, "--key", keys.other_pub).exit_code == 1
        r = run("lint", p, "--today", TODAY, "--verify-key", keys.pub, "-f", "json")
        data = json.loads(r.stdout)
        errors = [f for f in data if f["severity"] == "error"]
        assert errors == [] and r.exit_code == 0, errors
        # the generated file is already signed: signing it again changes nothing
        before = p.read_bytes()
        assert run("sign", p, "--key", keys.priv, "--in-place").exit_code == 0
        assert p.read_bytes() == before


def test_generate_triad(keys, tmp_path):
    p = tmp_path / "t.lic"
    p.write_bytes(gen(keys, "--servers", "3", "--records", "6", "--seed", "4"))
    lf = load(p)
    assert not lf.errors and len(lf.servers) == 3
    assert all(s.port is not None for s in lf.servers)
    assert len({s.hostid.normalized for s in lf.servers}) == 3
    assert lf.servers[0].has("PRIMARY_IS_MASTER")
    assert not lf.servers[1].has("PRIMARY_IS_MASTER") and not lf.servers[2].has("PRIMARY_IS_MASTER")
    assert run("verify", p, "--key", keys.pub).exit_code == 0
    # the SERVER hostids are signed into the (counted) generated lines
    text = p.read_text()
    lines = text.split("\n")
    i = [n for n, ln in enumerate(lines) if ln.startswith("SERVER ")]
    lines[i[1]], lines[i[2]] = lines[i[2]], lines[i[1]]
    swapped = "\n".join(lines)
    assert_mismatches(tmp_path, keys, "t2.lic", swapped,
                      {(ln, nm) for ln, _, nm, c in feature_heads(swapped) if c})


def test_generate_hostid_vendor_release_records(keys, tmp_path):
    p = tmp_path / "h.lic"
    p.write_bytes(gen(keys, "--hostid", "0019B9A0B0C0", "--records", "3"))
    assert load(p).servers[0].hostid.text == "0019B9A0B0C0"
    p.write_bytes(gen(keys, "--hostid", "00A0C9112233", "--servers", "3", "--records", "3"))
    lf = load(p)
    assert lf.servers[0].hostid.text == "00A0C9112233"
    assert "00A0C9112233" not in {s.hostid.text for s in lf.servers[1:]}
    p.write_bytes(gen(keys, "--vendor", "other", "--records", "15"))
    lf = load(p)
    feats = signer.feature_records(lf)
    assert len(feats) == 15 and {f.vendor for f in feats} == {"other"}
    assert {f.name for f in feats} <= set(GENERIC_NAMES)
    assert [v.name for v in lf.records if v.kind == "VENDOR"] == ["other"]
    assert run("verify", p, "--key", keys.pub).exit_code == 0
    p.write_bytes(gen(keys, "--release", "7.6", "--records", "5"))
    feats = signer.feature_records(load(p))
    assert len(feats) == 5 and {f.version.text for f in feats} == {"7.6"}
    assert run("verify", p, "--key", keys.pub).exit_code == 0
    p.write_bytes(gen(keys, "--records", "0"))
    lf = load(p)
    assert not lf.errors and signer.feature_records(lf) == [] and len(lf.servers) == 1
    assert run("verify", p, "--key", keys.pub).exit_code == 0


@pytest.mark.parametrize("args", [["--servers", "2"], ["--servers", "0"], ["--release", "x"],
                                  ["--release", "8.x"], ["--records", "-1"]])
def test_generate_bad_options(args, keys, tmp_path):
    out = tmp_path / "g.lic"
    r = run("generate", "--key", keys.priv, "-o", out, *args)
    assert r.exit_code == 2, r.stderr
    assert not out.exists()
    assert r.stdout == ""


# --------------------------------------------------------------------------------------------
# 6. lint --verify-key (L801 signature-mismatch)
# --------------------------------------------------------------------------------------------

@pytest.fixture
def tampered(signed, tmp_path, monkeypatch):
    """A signed eda-suite.lic with two signed fields changed, in an empty folder (cwd)."""
    monkeypatch.chdir(tmp_path)
    text = text_of("eda-suite.lic", signed["eda-suite.lic"])
    text = edit(text, "BORROW=72", "BORROW=73")
    text = edit(text, "mesher:2.0 ", "mesher:2.5 ")
    p = tmp_path / "t.lic"
    p.write_text(text)
    expected = {(str(p), record_line(text, "INCREMENT solver")[0], "solver"),
                (str(p), record_line(text, "PACKAGE acme_suite")[0], "acme_suite")}
    return p, expected


def test_lint_verify_key_text(tampered, keys):
    p, expected = tampered
    r = run("lint", p, "--verify-key", keys.pub, "--today", TODAY)
    assert r.exit_code == 1
    assert findings(r) == expected
    assert r.stdout.count("L801") == 2


def test_lint_verify_key_json(tampered, keys):
    p, expected = tampered
    r = run("lint", p, "--verify-key", keys.pub, "--today", TODAY, "-f", "json")
    assert r.exit_code == 1
    data = json.loads(r.stdout)
    mine = [f for f in data if f["rule"] == "signature-mismatch"]
    assert all(f["code"] == "L801" and f["severity"] == "error" for f in mine)
    assert {(f["path"], f["line"]) for f in mine} == {(pp, ln) for pp, ln, _ in expected}
    assert all(any(f"'{nm}'" in f["message"] for _, _, nm in expected) for f in mine)
    assert not [f for f in data if f["code"] == "L801" and f["rule"] != "signature-mismatch"]


def test_verify_json_matches_lint(tampered, keys):
    p, expected = tampered
    r = run("verify", p, "--key", keys.pub, "-f", "json")
    assert r.exit_code == 1
    data = json.loads(r.stdout)
    assert {(f["path"], f["line"]) for f in data} == {(pp, ln) for pp, ln, _ in expected}
    assert {f["code"] for f in data} == {"L801"}
    assert {f["rule"] for f in data} == {"signature-mismatch"}


def test_lint_without_key_is_silent(tampered, keys):
    p, _ = tampered
    r = run("lint", p, "--today", TODAY, "-f", "json")
    assert not [f for f in json.loads(r.stdout) if f["code"] == "L801"]
    r = run("lint", p, "--today", TODAY, "--select", "L801")
    assert r.exit_code == 0 and "L801" not in r.stdout
    # with the key, the same selection finds them
    r = run("lint", p, "--today", TODAY, "--select", "L801", "--verify-key", keys.pub)
    assert r.exit_code == 1 and r.stdout.count("L801") == 2


def test_lint_verify_key_from_config(tampered, keys, signed, tmp_path, monkeypatch):
    p, expected = tampered
    (tmp_path / "keys").mkdir()
    shutil.copyfile(keys.pub, tmp_path / "keys" / "test.pub")
    (tmp_path / ".lictool.toml").write_text('verify-key = "keys/test.pub"\n')
    sub = tmp_path / "sub"
    sub.mkdir()
    monkeypatch.chdir(sub)  # found upward; the key path is relative to the configuration file
    r = run("lint", p, "--today", TODAY, "--select", "L801")
    assert r.exit_code == 1, r.stderr
    assert findings(r) == expected
    good = tmp_path / "good.lic"
    good.write_bytes(signed["eda-suite.lic"])
    r = run("lint", good, "--today", TODAY, "--select", "L801")
    assert r.exit_code == 0 and "L801" not in r.stdout
    # --config from elsewhere: still relative to the configuration file
    monkeypatch.chdir(ROOT)
    r = run("lint", p, "--config", tmp_path / ".lictool.toml", "--select", "L801", "--today", TODAY)
    assert r.exit_code == 1 and findings(r) == expected
    # a wrong key in the configuration
    (tmp_path / ".lictool.toml").write_text('verify-key = "keys/none.pub"\n')
    r = run("lint", p, "--config", tmp_path / ".lictool.toml")
    assert r.exit_code == 2 and "verify-key" in r.stderr


def test_lint_missing_key_file(tampered, tmp_path):
    p, _ = tampered
    r = run("lint", p, "--verify-key", tmp_path / "missing.pub")
    assert r.exit_code == 2
    assert "missing.pub" in r.stderr and r.stdout == ""


def test_verify_several_files_and_stdin(tampered, signed, keys, tmp_path):
    p, expected = tampered
    good = tmp_path / "good.lic"
    good.write_bytes(signed["eda-suite.lic"])
    r = run("verify", good, p, "--key", keys.pub)
    assert r.exit_code == 1 and findings(r) == expected
    r = run("verify", "-", "--key", keys.pub, input=good.read_bytes())
    assert r.exit_code == 0
    r = run("verify", "-", "--key", keys.pub, input=p.read_bytes())
    assert r.exit_code == 1
    assert {(ln, nm) for _, ln, nm in findings(r)} == {(ln, nm) for _, ln, nm in expected}
    assert all(pp == "<stdin>" for pp, _, _ in findings(r))
    r = run("verify", good, tmp_path / "missing.lic", "--key", keys.pub)
    assert r.exit_code == 2 and "missing.lic" in r.stderr
