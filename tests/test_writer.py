"""The canonical writer: what ``lictool fmt`` and edited records look like."""

from __future__ import annotations

import dataclasses

import pytest

import lictool
from golden import fixtures
from lictool.format import FormatRefused, format_file
from lictool.model import Attribute, Feature, Server
from lictool.values import count, expiry, version
from lictool.writer import WIDTH, render


def test_canonical_single_line():
    lf = lictool.parse("increment   f\tv 1.0  permanent 5   SN=x  NOTICE=\"a b\"\n")
    assert render(lf.records[0]) == 'INCREMENT f v 1.0 permanent 5 SN=x NOTICE="a b"'


def test_values_with_blanks_are_quoted_and_flags_bare():
    rec = Feature(keyword="FEATURE", name="f", vendor="v", version=version("8.1"),
                  expiry=expiry("permanent"), count=count("3"),
                  attributes=(Attribute("NOTICE", "Licensed to X"), Attribute("TS_OK", None),
                              Attribute("asset_info", "")))
    assert render(rec) == 'FEATURE f v 8.1 permanent 3 NOTICE="Licensed to X" TS_OK asset_info=""'


def test_long_sign_is_wrapped_at_group_boundaries():
    groups = " ".join(f"{i:04X}" for i in range(40))
    lf = lictool.parse(f'FEATURE tserver_sdn genesys.d 8.1 31-dec-2027 250 ISSUED=1-jun-2024 SIGN="{groups}"\n')
    text = render(lf.records[0])
    lines = text.split("\n")
    assert len(lines) > 2
    for ln in lines[:-1]:
        assert ln.endswith("\\") and len(ln.expandtabs(8)) <= WIDTH
    for ln in lines[1:]:
        assert ln.startswith("\t") and not ln.startswith("\t ")
    again = lictool.parse(text + "\n")
    assert again.records == lf.records                      # same meaning
    assert again.records[0].get("SIGN") == groups           # groups kept exactly


def test_new_record_uses_file_newline_and_no_missing_newline(fixtures_dir):
    lf = lictool.load(fixtures_dir / "windows-crlf.lic")
    server = lf.servers[0]
    new = dataclasses.replace(lf, records=lf.records + (
        Server(keyword="SERVER", host="h2", hostid=server.hostid, port=27001),))
    text = lictool.dumps(new)
    assert text.endswith("SERVER h2 ID=1234-5678 27001\r\n")
    tail = lictool.parse("SERVER a ANY")  # no final newline
    added = dataclasses.replace(tail, records=tail.records + (tail.records[0].__class__(
        keyword="SERVER", host="b", hostid=tail.records[0].hostid),))
    assert lictool.dumps(added) == "SERVER a ANY\nSERVER b ANY\n"


@pytest.mark.parametrize("lic", [p for p in fixtures() if not p.name.startswith("broken")],
                         ids=lambda p: p.name)
def test_fmt_keeps_meaning_and_is_idempotent(lic):
    lf = lictool.load(lic)
    new_lf, text, old = format_file(lf)
    again = lictool.parse(text)
    assert again.records == lf.records
    assert not again.errors
    assert format_file(again)[1] == text
    for ln in text.splitlines():
        if not ln.lstrip().startswith("#"):
            assert ln == ln.rstrip() or ln.strip() == ""  # no trailing blanks in records


def test_fmt_keeps_comments_and_blank_lines(fixtures_dir):
    lf = lictool.load(fixtures_dir / "genesys-7x.lic")
    _, text, old = format_file(lf)
    comments = [ln for ln in old.splitlines() if ln.lstrip().startswith("#") or not ln.strip()]
    assert [ln for ln in text.splitlines() if ln.lstrip().startswith("#") or not ln.strip()] == comments


def test_fmt_refuses_files_with_syntax_errors(fixtures_dir):
    with pytest.raises(FormatRefused) as exc:
        format_file(lictool.load(fixtures_dir / "broken.lic"))
    assert len(exc.value.diagnostics) == 3


def test_fmt_refuses_a_change_of_meaning():
    # A value ending in a backslash would read as a continuation if written unquoted: the
    # writer quotes it, and the meaning survives.
    lf = lictool.parse('VENDOR v "c:\\dir\\"\n')
    _, text, _ = format_file(lf)
    assert lictool.parse(text).records == lf.records
    # A record edited into something the grammar cannot express is refused, not written.
    edited = dataclasses.replace(lf, records=(dataclasses.replace(lf.records[0], name="two words"),))
    with pytest.raises(FormatRefused, match="meaning of record 1"):
        format_file(edited)


def test_wrapping_never_starts_a_continuation_with_a_hash():
    text = 'FEATURE legacy acmed 1.00 1-jan-98 01 0123456789ABCDEF0123 "cust 42" #2005771344\n'
    lf = lictool.parse(text)
    new_lf, out, _ = format_file(lf)
    assert "\n\t#" not in out and lictool.parse(out).records == lf.records


def test_mixed_newlines_do_not_merge_when_records_are_rewritten():
    for text in ["\rUSE_SERVER\n\n", "USE_SERVER\r\n\rSERVER a ANY\n\n"]:
        lf = lictool.parse(text)
        _, out, _ = format_file(lf)
        assert lictool.parse(out).records == lf.records, repr(out)
