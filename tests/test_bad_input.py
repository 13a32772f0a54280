"""Pathological input, through the real command line (``python -m lictool parse FILE`` in a
subprocess) and through the library.

Exit codes of ``lictool parse``: 0 every file parses, 1 syntax errors, 2 unreadable input (a
binary file is unreadable). Whatever the input, no traceback may reach the user.

Time bounds: about 3x the time measured on the 2-core reference machine (the measurements are
next to BIG_CASES), at most 15 s: generous for a busy machine, but these inputs are 20,000 to
1,000,000 tokens long, where a quadratic step costs minutes.
"""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

import lictool
import lictool.io

SEED = 20261127


def run_parse(path: Path, *args: str, timeout: float = 60):
    """Run ``python -m lictool parse path``; -> (CompletedProcess, wall-clock seconds)."""
    env = dict(os.environ)
    env.pop("LICTOOL_DEBUG", None)          # the user's view: no traceback, ever
    env["PYTHONIOENCODING"] = "utf-8"
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "lictool", "parse", str(path), *args],
                          capture_output=True, text=True, encoding="utf-8", errors="replace",
                          env=env, timeout=timeout)
    return proc, time.perf_counter() - start


def assert_no_traceback(proc) -> None:
    for name, stream in (("stdout", proc.stdout), ("stderr", proc.stderr)):
        assert "Traceback" not in stream, f"traceback on {name}:\n{stream[-3000:]}"
        assert "internal error" not in stream, f"internal error on {name}:\n{stream[-3000:]}"


def short(s: str, n: int = 600) -> str:
    return s if len(s) <= n else s[:n] + f"... <{len(s)} chars>"


# ---------------------------------------------------------------------------------------------
# Binary input
# ---------------------------------------------------------------------------------------------


def test_binary_file_is_refused(tmp_path):
    data = random.Random(SEED).randbytes(100_000)
    assert b"\x00" in data
    path = tmp_path / "random.bin"
    path.write_bytes(data)
    proc, _ = run_parse(path)
    assert proc.returncode == 2, (proc.returncode, short(proc.stderr))
    assert str(path) in proc.stderr
    assert "binary" in proc.stderr.lower()
    assert_no_traceback(proc)
    # the library says the same, with the position of the first NUL byte
    with pytest.raises(lictool.LictoolError) as exc:
        lictool.load(path)
    nul = data.index(b"\x00")
    assert exc.value.path == str(path)
    # lines are counted as the parser counts them: LF, CRLF and a bare CR each end one
    assert exc.value.line == len(re.split(rb"\r\n|\r|\n", data[:nul]))
    with pytest.raises(lictool.LictoolError):
        lictool.io.loads_bytes(data)


GOOD_LINE = b"SERVER lic01 0019B9A0B0C0 27000"
NUL_LINE_HEAD = b"FEATURE solver acmed 1.0 per"       # the NUL goes after this: column 29
NUL_LINE_TAIL = b"manent 4 SN=42"


@pytest.mark.parametrize("newline", [b"\n", b"\r\n", b"\r"], ids=["LF", "CRLF", "CR"])
def test_nul_byte_in_the_middle(tmp_path, newline):
    data = (GOOD_LINE + newline + NUL_LINE_HEAD + b"\x00" + NUL_LINE_TAIL + newline
            + b"USE_SERVER" + newline)
    path = tmp_path / "nul.lic"
    path.write_bytes(data)
    col = len(NUL_LINE_HEAD) + 1
    proc, _ = run_parse(path)
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert f"{path}:2:{col}:" in proc.stderr, (
        f"expected the NUL at {path}:2:{col} (line 2 with {newline!r} newlines), got: "
        f"{proc.stderr!r}")
    assert "binary" in proc.stderr.lower() or "nul" in proc.stderr.lower()
    assert_no_traceback(proc)
    with pytest.raises(lictool.LictoolError) as exc:
        lictool.io.loads_bytes(data, "nul.lic")
    assert (exc.value.line, exc.value.column) == (2, col)


def test_nul_byte_column_after_a_bom():
    # Columns count characters after the BOM everywhere else (the BOM is not part of line 1).
    data = b"\xef\xbb\xbf" + NUL_LINE_HEAD + b"\x00\n"
    with pytest.raises(lictool.LictoolError) as exc:
        lictool.io.loads_bytes(data, "bom.lic")
    assert (exc.value.line, exc.value.column) == (1, len(NUL_LINE_HEAD) + 1), str(exc.value)


# ---------------------------------------------------------------------------------------------
# One bad record among good ones
# ---------------------------------------------------------------------------------------------

UNTERMINATED = (
    "SERVER lic01 0019B9A0B0C0 27000\n"
    "VENDOR acmed /opt/acme/bin/acmed PORT=27001\n"
    'FEATURE solver acmed 1.0 permanent 4 NOTICE="never closed SN=42\n'
    "INCREMENT solver acmed 1.0 31-dec-2027 2 SN=43\n"
    "USE_SERVER\n"
)


def test_unterminated_quote_is_reported_and_the_rest_is_read(tmp_path):
    path = tmp_path / "unterminated.lic"
    path.write_text(UNTERMINATED, encoding="utf-8")
    line3 = UNTERMINATED.splitlines()[2]
    col = line3.index('"') + 1
    proc, _ = run_parse(path)
    assert proc.returncode == 1, (proc.returncode, proc.stderr)
    assert f"{path}:3:{col}:" in proc.stderr, proc.stderr
    assert "unterminated" in proc.stderr.lower()
    assert_no_traceback(proc)

    lf = lictool.parse(UNTERMINATED)
    assert [r.kind for r in lf.records] == ["SERVER", "VENDOR", "UNPARSED", "INCREMENT",
                                            "USE_SERVER"]
    assert [r.line for r in lf.records] == [1, 2, 3, 4, 5]
    assert [(d.line, d.column, d.severity) for d in lf.diagnostics] == [(3, col, "error")]
    assert lictool.dumps(lf) == UNTERMINATED


@pytest.mark.parametrize("text, line", [
    ("SERVER lic01 ANY 27000\nFEATURE solver acmed 1.0 permanent 4 \\", 2),
    ("SERVER lic01 ANY 27000\nFEATURE solver acmed 1.0 permanent 4 \\\n", 2),
    ("SERVER lic01 ANY 27000\nFEATURE solver acmed 1.0 \\\n  permanent 4 \\  \n", 3),
    ("SERVER lic01 ANY 27000\n\\\n", 2),           # a line that is only a backslash
    ("SERVER lic01 ANY 27000\n   \\", 2),          # blanks and a backslash, no newline
], ids=["no-newline", "newline", "trailing-blanks", "lone-backslash", "indented-backslash"])
def test_continuation_backslash_at_end_of_file(tmp_path, text, line):
    path = tmp_path / "cut.lic"
    path.write_text(text, encoding="utf-8", newline="")
    proc, _ = run_parse(path)
    assert_no_traceback(proc)
    assert proc.returncode == 1, (proc.returncode, proc.stderr)
    assert f"{path}:{line}:" in proc.stderr, proc.stderr
    assert "backslash" in proc.stderr.lower() or "continu" in proc.stderr.lower(), proc.stderr
    try:
        lf = lictool.parse(text)
    except Exception as exc:  # noqa: BLE001
        raise AssertionError(f"lictool.parse({text!r}) raised {exc!r}") from exc
    assert [d.line for d in lf.errors] == [line]
    assert lictool.dumps(lf) == text


@pytest.mark.parametrize("text", [
    "SERVER lic01 ANY 27000\n\\\n\nUSE_SERVER\n",       # a backslash line, then an empty line
    "SERVER lic01 ANY 27000\r  \\\r \t\rUSE_SERVER\r",    # ... then a blank line (CR newlines)
], ids=["empty-next", "blank-next-CR"])
def test_continuation_of_nothing(tmp_path, text):
    try:
        lf = lictool.parse(text)
    except Exception as exc:  # noqa: BLE001
        raise AssertionError(f"lictool.parse({text!r}) raised {exc!r}") from exc
    assert lictool.dumps(lf) == text
    kinds = [r.kind for r in lf.records]
    assert kinds[0] == "SERVER" and kinds[-1] == "USE_SERVER", kinds
    path = tmp_path / "nothing.lic"
    path.write_text(text, encoding="utf-8", newline="")
    proc, _ = run_parse(path)
    assert_no_traceback(proc)
    assert proc.returncode in (0, 1), (proc.returncode, proc.stderr)


SEVEN = [
    # (text, expected kind, (line, column) of the syntax error or None)
    ("SERVER lic01 0019B9A0B0C0 27000\n", "SERVER", None),                              # 1
    ("FEATURE solver acmed 8.x permanent 4 \\\n"                                       # 2-3
     '\tSIGN="AAAA BBBB"\n', "UNPARSED", (2, 22)),
    ("VENDOR acmed /opt/acme/bin/acmed \\\n\tPORT=27001\n", "VENDOR", None),             # 4-5
    ("INCREMENT solver acmed 1.0 31-dec-2027 \\\n"                                       # 6-7
     '\tSIGN="AAAA \\\n\tBBBB"\n', "UNPARSED", (7, 2)),
    ("FEATURE mesher acmed 2.0 permanent uncounted HOSTID=ANY\n", "FEATURE", None),     # 9
    ('INCREMENT mesher acmed 2.0 permanent 2 NOTICE="open\n', "UNPARSED", (10, 47)),    # 10
    ("USE_SERVER\n", "USE_SERVER", None),                                               # 11
]


def test_bad_records_do_not_hide_the_good_ones(tmp_path):
    text = "".join(t for t, _, _ in SEVEN)
    lf = lictool.parse(text)
    assert [r.kind for r in lf.records] == [k for _, k, _ in SEVEN]
    assert [r.line for r in lf.records] == [1, 2, 4, 6, 9, 10, 11]
    assert len([r for r in lf.records if r.kind != "UNPARSED"]) == 4
    errors = [(d.line, d.column) for d in lf.diagnostics if d.code == "syntax-error"]
    assert errors == [pos for _, _, pos in SEVEN if pos], lf.diagnostics
    assert len(lf.diagnostics) == 3
    assert lictool.dumps(lf) == text

    path = tmp_path / "seven.lic"
    path.write_text(text, encoding="utf-8")
    proc, _ = run_parse(path)
    assert proc.returncode == 1
    assert_no_traceback(proc)
    reported = [ln for ln in proc.stderr.splitlines() if ln.startswith(f"{path}:")]
    assert [ln.split(":", 3)[1:3] for ln in reported] == [
        [str(a), str(b)] for _, _, (a, b) in [s for s in SEVEN if s[2]]], proc.stderr


# ---------------------------------------------------------------------------------------------
# Huge numbers (Python refuses to convert more than 4,300 digits to an int)
# ---------------------------------------------------------------------------------------------

BIG = "9" * 4301


@pytest.mark.parametrize("text", [
    f"FEATURE solver acmed 1.0 permanent {BIG}\n",
    f"SERVER lic01 ANY {BIG}\n",
    f"SERVER lic01 ANY PORT={BIG}\n",
    f'PACKAGE suite acmed COMPONENTS="solver:1.0:{BIG}"\n',
], ids=["count", "server-port", "PORT=", "component-count"])
def test_huge_numbers(tmp_path, text):
    try:
        lf = lictool.parse(text)
    except Exception as exc:  # noqa: BLE001
        raise AssertionError(f"lictool.parse raised {exc!r} on {short(text, 80)!r}") from exc
    assert lictool.dumps(lf) == text
    path = tmp_path / "big.lic"
    path.write_text(text, encoding="utf-8")
    proc, _ = run_parse(path)
    assert_no_traceback(proc)
    assert proc.returncode in (0, 1), (proc.returncode, short(proc.stderr))


# ---------------------------------------------------------------------------------------------
# Big and degenerate inputs: exit 0/1, no traceback, linear time
# ---------------------------------------------------------------------------------------------

MB2 = 2_000_000
HEAD = "FEATURE big acmed 1.0 permanent 1 "
ATTRS_20K = " ".join(f"K{i}=v{i}" for i in range(20_000))


def _notice() -> str:
    words = ("Licensed to Example Corp für Müller " * (MB2 // 36 + 1))[:MB2].rstrip()
    return HEAD + f'NOTICE="{words}"\n'


def _continued() -> str:
    return (HEAD + "\\\n" + "".join(f"\tK{i}=v{i} \\\n" for i in range(50_000))
            + "\tSN=last\n")


# name -> (text factory, expected exit code, CLI bound s, library bound s)
# Measured on the 2-core reference machine, median of 3 (CLI: wall clock of the whole process,
# about 0.14 s of it start-up; library: lictool.parse on the text):
#   huge-quoted-notice     CLI 0.18 s   lib 0.03 s
#   huge-unquoted-token    CLI 0.20 s   lib 0.06 s
#   million-flags          CLI 2.45 s   lib 1.70 s  (max of 3: 2.66 s / 1.96 s)
#   continued-50k-lines    CLI 0.39 s   lib 0.17 s
#   attributes-20k         CLI 0.28 s   lib 0.04 s
#   attributes-20k-bad     CLI 0.22 s   lib 0.07 s
#   empty, whitespace-only, comments-only   CLI 0.14-0.15 s   lib < 1 ms
# Bounds are 3x those, but never under 1 s for a process and 0.5 s in the library, where the
# measurement is mostly start-up or timer noise. A quadratic step on 20,000-1,000,000 tokens
# or 50,000 lines would take minutes.
BIG_CASES = {
    "huge-quoted-notice": (_notice, 0, 1.0, 0.5),
    "huge-unquoted-token": (lambda: HEAD + "SN=" + "x" * MB2 + "\n", 0, 1.0, 0.5),
    "million-flags": (lambda: HEAD + " ".join(["X"] * 1_000_000) + "\n", 0, 7.5, 6.0),
    "continued-50k-lines": (_continued, 0, 1.2, 0.6),
    "attributes-20k": (lambda: HEAD + ATTRS_20K + "\n", 0, 1.0, 0.5),
    "attributes-20k-bad": (lambda: HEAD + ATTRS_20K + " =bad\n", 1, 1.0, 0.5),
    "empty": (lambda: "", 0, 1.0, 0.5),
    "whitespace-only": (lambda: "  \n\t\n \t \n\n   ", 0, 1.0, 0.5),
    "comments-only": (lambda: "# one\n#two\n   # three \\\n#\n", 0, 1.0, 0.5),
}


@pytest.mark.parametrize("name", list(BIG_CASES))
def test_big_and_degenerate_inputs_cli(tmp_path, name):
    make, code, bound, _ = BIG_CASES[name]
    text = make()
    path = tmp_path / f"{name}.lic"
    path.write_text(text, encoding="utf-8", newline="")
    proc, took = run_parse(path)
    assert_no_traceback(proc)
    assert proc.returncode == code, (proc.returncode, short(proc.stderr))
    assert took < bound, f"{name}: lictool parse took {took:.2f} s (bound {bound} s)"
    if code == 1:
        bad_col = len(HEAD + ATTRS_20K) + 2
        assert f"{path}:1:{bad_col}:" in proc.stderr, (
            f"the error must point at the bad token (column {bad_col}): {short(proc.stderr)}")


@pytest.mark.parametrize("name", list(BIG_CASES))
def test_big_and_degenerate_inputs_library(name):
    make, code, _, bound = BIG_CASES[name]
    text = make()
    start = time.perf_counter()
    lf = lictool.parse(text)
    took = time.perf_counter() - start
    assert took < bound, f"{name}: lictool.parse took {took:.2f} s (bound {bound} s)"
    assert lictool.dumps(lf) == text
    kinds = [r.kind for r in lf.records]
    if name == "attributes-20k-bad":
        assert kinds == ["UNPARSED"]
        assert [(d.line, d.column, d.code) for d in lf.diagnostics] == [
            (1, len(HEAD + ATTRS_20K) + 2, "syntax-error")], lf.diagnostics
        return
    assert not lf.diagnostics, lf.diagnostics[:3]
    if name == "empty":
        assert kinds == []
    elif name == "whitespace-only":
        assert kinds == ["BLANK"] * 5
    elif name == "comments-only":
        assert kinds == ["COMMENT"] * 4
    else:
        assert kinds == ["FEATURE"]
        rec = lf.records[0]
        attrs = rec.attributes
        if name == "huge-quoted-notice":
            assert len(attrs) == 1 and attrs[0].quoted and len(attrs[0].value) > MB2 - 100
        elif name == "huge-unquoted-token":
            assert len(attrs) == 1 and attrs[0].value == "x" * MB2
        elif name == "million-flags":
            assert len(attrs) == 1_000_000 and attrs[-1].key == "X" and attrs[-1].is_flag
            assert attrs[-1].column == len(HEAD) + 2 * 999_999 + 1
        elif name == "continued-50k-lines":
            assert (rec.line, rec.end_line) == (1, 50_002)
            assert len(attrs) == 50_001
            assert (attrs[-1].key, attrs[-1].line, attrs[-1].column) == ("SN", 50_002, 2)
            assert (attrs[25_000].key, attrs[25_000].line) == ("K25000", 25_002)
        elif name == "attributes-20k":
            assert len(attrs) == 20_000 and attrs[-1].key == "K19999"
