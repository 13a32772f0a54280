"""No parse -> write -> parse round trips inside a command (issue 15, item 6): a command reads
each input once; fmt reads its output once (that check is the point: fmt refuses a change of
meaning), merge at most once (the reading of the merged text tells each record its line, and the
files with fewer records that --drop-* makes are that reading without them), sign and generate
never (generate reads the unsigned text it made once: signing is defined on the records as the
reader reads them)."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest

import lictool.syntax.parser as parser
from entry import run_cli
from lictool.io import load_input
from lictool.merger import _reread, _without
from lictool.writer import dumps

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted((ROOT / "fixtures").glob("*.lic"))


@pytest.fixture
def parses(monkeypatch):
    """The texts parse() is called with, in order."""
    seen = []
    real = parser.parse

    def counting(text, path=None):
        seen.append(text)
        return real(text, path)

    monkeypatch.setattr(parser, "parse", counting)
    return seen


@pytest.fixture
def files(tmp_path, monkeypatch):
    """A key pair and two generated files of one license server, in the current folder."""
    monkeypatch.chdir(tmp_path)
    assert run_cli("keygen", "k").exit_code == 0
    for seed, name in ((1, "a.lic"), (2, "b.lic")):
        r = run_cli("generate", "--key", "k", "--records", "40", "--seed", seed,
                    "--hostid", "0091D8CDC310", "-o", name)
        assert r.exit_code == 0, r.stderr
    Path("u.lic").write_text("SERVER lic01  0091D8CDC310 7260\nvendor genesys.d\n"
                             "FEATURE x genesys.d 1.0 permanent 1 SIGN=0\n"
                             "INCREMENT x genesys.d 1.0 1-jan-2020 1 SIGN=0\n", encoding="utf-8")
    return tmp_path


def _texts(*names):
    return [Path(n).read_text(encoding="utf-8") for n in names]


def test_fmt_reads_its_input_once_and_its_output_once(files, parses):
    before, = _texts("u.lic")
    assert run_cli("fmt", "u.lic").exit_code == 0
    after, = _texts("u.lic")
    assert before != after
    assert parses == [before, after]
    parses.clear()
    assert run_cli("fmt", "--check", "u.lic").exit_code == 0     # formatted: nothing to do
    assert parses == [after, after]


def test_sign_never_reads_its_output(files, parses):
    before, = _texts("u.lic")
    assert run_cli("sign", "u.lic", "--key", "k", "-o", "s.lic").exit_code == 0
    assert parses == [before]
    parses.clear()
    assert run_cli("sign", "a.lic", "--key", "k", "--in-place").exit_code == 0
    assert len(parses) == 1


def test_verify_reads_each_input_once(files, parses):
    assert run_cli("verify", "a.lic", "b.lic", "--key", "k.pub").exit_code == 0
    assert parses == _texts("a.lic", "b.lic")


def test_generate_reads_once_and_never_its_output(files, parses):
    assert run_cli("generate", "--key", "k", "--records", "30", "-o", "g.lic").exit_code == 0
    out, = _texts("g.lic")
    assert len(parses) == 1 and parses[0] != out      # the unsigned text, not the file written


@pytest.mark.parametrize("extra", [(), ("--drop-expired", "--drop-superseded", "--today",
                                        "2031-01-01"), ("--drop-expired", "--today", "2031-01-01")])
@pytest.mark.parametrize("mode", [("-o", "m.lic"), ("--in-place",), ("--check",)])
def test_merge_reads_each_input_once_and_its_output_at_most_once(files, parses, mode, extra):
    inputs = _texts("a.lic", "b.lic")
    r = run_cli("merge", "a.lic", "b.lic", *mode, *extra)
    assert r.exit_code == 0, r.stderr
    assert parses[:2] == inputs and len(parses) == 3
    if extra:
        assert "dropped" in r.stdout                  # the smaller file was not read again


# --- the merged file with fewer records is the reading of the merged file without them ---------

def _positions(lf):
    out = []
    for rec in lf.records:
        src = rec.source
        out.append((rec.kind, rec.raw, rec.line, rec.end_line, rec.span, src.segments, src.bare,
                    src.problem, tuple((a.key, a.line, a.column, a.end_line, a.end_column)
                                       for a in getattr(rec, "attributes", ()))))
    return out


def _same_reading(derived, parsed):
    assert derived.records == parsed.records
    assert _positions(derived) == _positions(parsed)
    assert derived.diagnostics == parsed.diagnostics
    assert (derived.newline, derived.encoding, derived.bom, derived.path) == \
        (parsed.newline, parsed.encoding, parsed.bom, parsed.path)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_without_is_the_reading_of_the_smaller_file(path, parses):
    lf = load_input(str(path))
    rnd = random.Random(path.name)
    n = len(lf.records)
    derived_without_reading = 0
    for trial in range(12):
        keep = sorted(rnd.sample(range(n), rnd.randint(0, n))) if trial else list(range(n))
        smaller = replace(lf, records=tuple(lf.records[k] for k in keep), diagnostics=())
        read = _reread(replace(lf, diagnostics=()), lf)
        parses.clear()
        derived = _without(read, keep, smaller)
        derived_without_reading += not parses
        _same_reading(derived, _reread(smaller, lf))
        assert dumps(derived) == dumps(smaller)
    if not lf.diagnostics:
        assert derived_without_reading


# --- the report options: declared once (common.report_options), the same on the three commands --

def test_the_report_options_stand_where_report_stood():
    import inspect

    import typer.main

    from lictool.cli.app import app
    from lictool.cli.common import REPORT_OPTIONS, OutputOptions, report_options
    from lictool.cli.lint_cmd import lint_command

    names = [name for name, _, _ in REPORT_OPTIONS]
    params = list(inspect.signature(lint_command).parameters)
    assert "report" not in params
    at = params.index("quiet")
    assert params[at:at + 6] == names and params[at + 6] == "stdin_filename"
    command = typer.main.get_command(app)
    shapes = {}
    for name in ("lint", "check", "verify"):
        opts = [p for p in command.commands[name].params if p.name in names]
        assert [p.name for p in opts] == names
        shapes[name] = [(p.opts, p.default, p.help, repr(p.type)) for p in opts]
    assert shapes["lint"] == shapes["check"] == shapes["verify"]
    # the command gets the values as one callable that makes its OutputOptions
    got = {}

    def command_fn(fmt: str = "text", report=None):
        got["opts"] = report(fmt, strict=True)

    wrapped = report_options(command_fn)
    assert list(inspect.signature(wrapped).parameters) == ["fmt", *names]
    wrapped(fmt="text", quiet=True, concise=False, statistics=False, severity=None,
            exit_zero=True, color="never")
    assert got["opts"] == OutputOptions(quiet=True, exit_zero=True, color="never", strict=True)
