"""Pathological input, through the real command line (``python -m lictool parse FILE`` in a
subprocess) and through the library.

Exit codes of ``lictool parse``: 0 every file parses, 1 syntax errors, 2 unreadable input (a
binary file is unreadable). Whatever the input, no traceback may reach the user.

Big inputs (tests/big_inputs.py: 20,000 to 1,000,000 tokens, 50,000 lines, 2 MB tokens) must take
work that grows linearly with their size, where a quadratic step costs minutes. No test here
reads a clock (a loaded machine makes any time bound fail): the growth test counts the
Python lines and the function calls the parser runs, and measures its peak memory at three sizes in one process;
benchmarks/bad_input.py times the full-size inputs against the bounds measured on the reference
machine.
"""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

import lictool
import lictool.io
from big_inputs import DEGENERATE, HEAD, MB2, RECORDS, SCALABLE, attributes_bad_column

SEED = 20261127


def run_parse(path: Path, *args: str, timeout: float = 300):
    """Run ``python -m lictool parse path`` -> CompletedProcess. (The timeout only stops a hung
    process; it is no time bound.)"""
    env = dict(os.environ)
    env.pop("LICTOOL_DEBUG", None)          # the user's view: no traceback, ever
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run([sys.executable, "-m", "lictool", "parse", str(path), *args],
                          capture_output=True, text=True, encoding="utf-8", errors="replace",
                          env=env, timeout=timeout)


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
    proc = run_parse(path)
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
    proc = run_parse(path)
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
    proc = run_parse(path)
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
    proc = run_parse(path)
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
    proc = run_parse(path)
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
    proc = run_parse(path)
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
    proc = run_parse(path)
    assert_no_traceback(proc)
    assert proc.returncode in (0, 1), (proc.returncode, short(proc.stderr))


# ---------------------------------------------------------------------------------------------
# Big and degenerate inputs: exit 0/1, no traceback, linear growth
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def big_text():
    """name -> the full-size text, made once per module (and worker), not once per test."""
    made = {}

    def text(name):
        if name not in made:
            case = SCALABLE.get(name)
            made[name] = case.make(case.full) if case else DEGENERATE[name]
        return made[name]

    return text


@pytest.mark.parametrize("name", list(SCALABLE) + list(DEGENERATE))
def test_big_and_degenerate_inputs_cli(tmp_path, big_text, name):
    text = big_text(name)
    code = SCALABLE[name].code if name in SCALABLE else 0
    path = tmp_path / f"{name}.lic"
    path.write_text(text, encoding="utf-8", newline="")
    proc = run_parse(path)
    assert_no_traceback(proc)
    assert proc.returncode == code, (proc.returncode, short(proc.stderr))
    if code == 1:
        col = attributes_bad_column(SCALABLE[name].full)
        assert f"{path}:1:{col}:" in proc.stderr, (
            f"the error must point at the bad token (column {col}): {short(proc.stderr)}")


@pytest.mark.parametrize("name", list(SCALABLE) + list(DEGENERATE))
def test_big_and_degenerate_inputs_library(big_text, name):
    text = big_text(name)
    lf = lictool.parse(text)
    assert lictool.dumps(lf) == text
    kinds = [r.kind for r in lf.records]
    if name == "attributes-20k-bad":
        assert kinds == ["UNPARSED"]
        assert [(d.line, d.column, d.code) for d in lf.diagnostics] == [
            (1, attributes_bad_column(20_000), "syntax-error")], lf.diagnostics
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


# --- linear growth, measured without a clock ----------------------------------------------------


def steps_and_peak(text: str):
    """(steps, peak bytes allocated) of ``lictool.parse(text)``. Steps are the Python lines the
    tracer sees run (``sys.settrace``) and the Python and C functions the profiler sees called
    (``sys.setprofile``): deterministic, and a quadratic loop anywhere in the parser
    multiplies them. The peak (``tracemalloc``, on a second parse, so the counters' own
    allocations stay out of it) catches quadratic work that runs no Python line: a copy of the
    rest of the text per token, say."""
    steps = 0

    def line(frame, event, arg):
        nonlocal steps
        steps += 1
        return line

    def call(frame, event, arg):
        nonlocal steps
        steps += 1
        return line

    def c_call(frame, event, arg):
        nonlocal steps
        if event == "c_call":
            steps += 1

    trace, profile = sys.gettrace(), sys.getprofile()
    sys.settrace(call)
    sys.setprofile(c_call)
    try:
        lictool.parse(text)
    finally:
        sys.setprofile(profile)
        sys.settrace(trace)
    tracemalloc.start()
    try:
        lictool.parse(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return steps, peak


#: the smallest size of each input in the growth test (then twice and four times as big):
#: large enough that the per-size work dwarfs the fixed work, small enough to profile quickly
GROWTH_SIZES = {"huge-quoted-notice": 100_000, "huge-unquoted-token": 100_000,
                "million-flags": 4_000, "continued-50k-lines": 1_000, "attributes-20k": 2_000,
                "attributes-20k-bad": 2_000, "records": 250}
GROWTH_CASES = dict(SCALABLE, records=RECORDS)


@pytest.mark.parametrize("name", list(GROWTH_CASES))
def test_the_work_grows_linearly_with_the_size_of_the_input(name):
    case = GROWTH_CASES[name]
    n = GROWTH_SIZES[name]
    lictool.parse(case.make(n))                     # warm the caches (grammar, regexes)
    sizes = [case.make(k) for k in (n, 2 * n, 4 * n)]
    (c1, p1), (c2, p2), (c4, p4) = (steps_and_peak(t) for t in sizes)
    # the increments from n to 2n and from 2n to 4n: equal work per unit of size makes the
    # second twice the first, a quadratic term up to four times. The steps are exact (2.000 on
    # every input); the peak wobbles by up to 10% with the over-allocation of lists and dicts.
    # The allowances (2.25 and 2.5, and a few steps or bytes that do not scale) are far below a
    # quadratic step large enough to matter.
    steps = (c2 - c1, c4 - c2)
    peak = (p2 - p1, p4 - p2)
    assert steps[1] <= 2.25 * steps[0] + 100, (
        f"{name}: the parser's steps grow faster than the input: {c1}, {c2}, {c4} at sizes "
        f"{n}, {2 * n}, {4 * n}")
    assert peak[1] <= 2.5 * peak[0] + 64 * 1024, (
        f"{name}: peak memory grows faster than the input: {p1}, {p2}, {p4} bytes at sizes "
        f"{n}, {2 * n}, {4 * n}")
    # the measures see the work at all: memory holds the input, and an input of many tokens
    # or lines takes steps per token (otherwise the step count would check nothing)
    assert peak[0] > len(sizes[1]) - len(sizes[0]), (name, p1, p2)
    if case.per_token:
        assert steps[0] >= n, (name, c1, c2)
