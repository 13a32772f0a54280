"""Reading what publishers ship as the license server reads it (issue 11, items 1-3, 5, 6, 10):
continuation without a backslash, braced ``AUTH={...}``, short old-style license keys, the
position of an unterminated quote, control characters inside quoted values, and the checks
that were silent (port 0, a keyword twice, a token glued to a quote, a stray word on a VENDOR
line). Each construct is in a synthetic fixture; the tests check the model, the round trip and
the lint findings."""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lictool
from entry import run_main
from lictool.layout import layout_key
from lictool.io import encode
from lictool.lint import lint

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
TODAY = _dt.date(2026, 6, 1)


def load(name):
    lf = lictool.load(FIXTURES / name)
    data = (FIXTURES / name).read_bytes()
    assert encode(lf, lictool.dumps(lf)) == data, f"{name} does not round-trip"
    return lf


def rules_at(lf, name):
    """{(line, rule)} of the findings on a fixture."""
    return {(f.line, f.rule) for f in lint(lf, name, today=TODAY)}


def features(lf):
    return [r for r in lf.records if r.kind in ("FEATURE", "INCREMENT", "UPGRADE", "PACKAGE")]


# --------------------------------------------------------------------------------------------
# 1. records continued without a backslash
# --------------------------------------------------------------------------------------------

def test_continued_without_backslash_is_read_into_the_record():
    lf = load("continued-without-backslash.lic")
    assert not lf.errors
    assert [r.kind for r in lf.records if r.kind not in ("COMMENT", "BLANK")] == [
        "SERVER", "VENDOR", "VENDOR", "FEATURE", "INCREMENT", "INCREMENT"]
    quartus, questa, ts = features(lf)
    assert (quartus.line, quartus.end_line, quartus.bare_continuations) == (9, 11, (10,))
    assert quartus.get("SN") == "FPGA-25-0311" and quartus.get("SIGN").startswith("3A5C")
    # the old-style key and HOSTID= of the uncounted INCREMENT are on its second line
    assert questa.license_key == "0A1B2C3D4E5F"
    assert [h.value for h in questa.hostids] == ["3C4A92D1E5F1"]
    assert questa.bare_continuations == (14,)
    assert ts.has("TS_OK") and ts.bare_continuations == (18,)


def test_continued_without_backslash_gives_a_warning_not_false_errors():
    lf = load("continued-without-backslash.lic")
    found = rules_at(lf, "c.lic")
    assert {r for _, r in found} == {"continuation-without-backslash"}, found
    assert found == {(10, "continuation-without-backslash"), (14, "continuation-without-backslash"),
                     (18, "continuation-without-backslash")}


@pytest.mark.parametrize("text,kinds", [
    ("TS_OK\nSERVER a ANY\n", ["OPAQUE", "SERVER"]),                  # at the start of the file
    ("SERVER a ANY\n# note\nTS_OK\n", ["SERVER", "COMMENT", "OPAQUE"]),  # after a comment
    ("SERVER a ANY\n\nTS_OK\n", ["SERVER", "BLANK", "OPAQUE"]),          # after a blank line
    ("SERVER a ANY\nVENDOR v\n", ["SERVER", "VENDOR"]),                 # a keyword line
    ("SERVER a ANY\nvendor v\n", ["SERVER", "VENDOR"]),                 # in any case
    ("FEATURE f v 1 permanent 1 SIGN=AA\nv-f1-00737-55296-1825\n", ["FEATURE", "DECIMAL"]),
    ("START_LICENSE\nEND_LICENSE\n", ["OPAQUE", "OPAQUE"]),             # after an unknown line
])
def test_what_stays_a_line_of_its_own(text, kinds):
    lf = lictool.parse(text)
    assert [r.kind for r in lf.records] == kinds
    assert lictool.dumps(lf) == text


def test_an_error_on_a_joined_line_says_it_was_joined():
    lf = lictool.parse("SERVER a 0019B9A0B0C0 27000\nVENDOR acmed /opt/acmed\n"
                       "REDIRECT acmed backup 27030\n")
    (d,) = lf.errors
    assert d.line == 3 and "continues the VENDOR line above" in d.message


ATTRS = st.lists(st.sampled_from(['ISSUED=1-jan-2025', 'SN=GL81-1', 'TS_OK', 'HOSTID=0019B9A0B0C1',
                                  'NOTICE="Main site"', 'SIGN="AAAA BBBB CCCC"', 'BORROW=72']),
                 min_size=1, max_size=6)


@settings(max_examples=200, deadline=None)
@given(attrs=ATTRS, cuts=st.lists(st.integers(0, 6), max_size=4), indent=st.sampled_from(
    ["", " ", "  ", "\t"]), nl=st.sampled_from(["\n", "\r\n"]))
def test_property_bare_continuation_reads_as_the_backslash_one(attrs, cuts, indent, nl):
    head = "INCREMENT GIS genesys.d 8.1 permanent uncounted"
    groups, start = [], 0
    for c in sorted({c for c in cuts if 0 < c < len(attrs)}):
        groups.append(attrs[start:c])
        start = c
    groups.append(attrs[start:])
    lines = [head] + [indent + " ".join(g) if indent else " ".join(g) for g in groups]
    bare = nl.join(lines) + nl
    slashed = (" \\" + nl).join(lines) + nl
    a, b = lictool.parse("SERVER a ANY" + nl + bare), lictool.parse("SERVER a ANY" + nl + slashed)
    assert lictool.dumps(a) == "SERVER a ANY" + nl + bare
    assert [r.kind for r in a.records] == ["SERVER", "INCREMENT"]
    assert layout_key(a.records[1]) == layout_key(b.records[1])
    assert a.records[1].bare_continuations == tuple(range(3, 3 + len(groups)))


def test_fmt_writes_the_backslashes(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "c.lic").write_bytes((FIXTURES / "continued-without-backslash.lic").read_bytes())
    code, _, err = run_main(capsys, "fmt", "c.lic")
    assert code == 0, err
    lf = lictool.load(tmp_path / "c.lic")
    assert not any(r.bare_continuations for r in lf.records)
    assert [layout_key(r) for r in features(lf)] == [
        layout_key(r) for r in features(load("continued-without-backslash.lic"))]


def test_the_writer_keeps_an_unknown_line_apart_from_a_keyword_record():
    """Records put together by a program (a merge, the API) can place an unknown line right
    after a keyword record, where a reader would join them: the writer keeps them apart with an
    empty line, so the text reads back record for record."""
    import dataclasses

    lf = lictool.parse('SERVER a ANY\nFEATURE f v 1.0 permanent 1 SIGN="AA"\n# note\n'
                       "REDIRECT v backup 27030\n")
    server, feature, _, opaque = lf.records
    joined = dataclasses.replace(lf, records=(server, feature, opaque))
    text = lictool.dumps(joined)
    assert text == ('SERVER a ANY\nFEATURE f v 1.0 permanent 1 SIGN="AA"\n\n'
                    "REDIRECT v backup 27030\n")
    assert [r.kind for r in lictool.parse(text).records] == ["SERVER", "FEATURE", "BLANK",
                                                              "OPAQUE"]


# --------------------------------------------------------------------------------------------
# 2. AUTH={ ... }
# --------------------------------------------------------------------------------------------

def test_braced_auth_is_one_structured_signature_attribute():
    lf = load("cvd-auth.lic")
    assert not lf.errors
    synplify, identifier = features(lf)
    assert [a.key for a in synplify.attributes] == ["ISSUED", "SN", "AUTH"]
    auth = synplify.attribute("AUTH")
    assert auth.braced and auth.value.strip().startswith("snpslmd=( LK=1A2B3C4D5E6F")
    assert [(e.daemon, e.get("LK")) for e in synplify.auth] == [
        ("snpslmd", "1A2B3C4D5E6F"), ("synplctyd", "6F5E4D3C2B1A")]
    assert synplify.auth[0].get("SIGN") == "0A1B 2C3D 4E5F 6071 8293 A4B5 C6D7 E8F9"
    assert [a.key for a in identifier.attributes] == ["ISSUED", "SN", "AUTH", "TS_OK"]
    assert [s.keyword for s in synplify.signatures] == ["AUTH"]
    assert rules_at(lf, "cvd-auth.lic") == set()          # no unknown-keyword, no unsigned


def test_braced_auth_in_json(tmp_path, monkeypatch, capsys):
    code, out, _ = run_main(capsys, "parse", "--format", "json", str(FIXTURES / "cvd-auth.lic"))
    assert code == 0
    inc = [r for r in json.loads(out)["records"] if r["kind"] == "INCREMENT"][0]
    assert set(inc["attributes"]) == {"ISSUED", "SN", "AUTH"}
    assert inc["auth"][1] == {"daemon": "synplctyd", "attributes": {
        "LK": "6F5E4D3C2B1A", "SIGN": "F9E8 D7C6 B5A4 9382 7160 5F4E 3D2C 1B0A"}}


def test_auth_spacing_is_layout_for_duplicates_and_merge():
    lf = load("cvd-auth.lic")
    rec = features(lf)[0]
    relaid = lictool.parse(lictool.dumps(lf).replace(
        'SIGN="0A1B 2C3D 4E5F 6071 \\\n\t8293', 'SIGN="0a1b2c3d 4e5f6071 \\\n    8293'))
    assert layout_key(features(relaid)[0]) == layout_key(rec)
    m, r = lictool.merge(lf, relaid, today=TODAY)
    assert r.count("added") == 0          # the same records apart from layout
    other = lictool.parse(lictool.dumps(lf).replace("LK=1A2B3C4D5E6F", "LK=1A2B3C4D5E70"))
    assert layout_key(features(other)[0]) != layout_key(rec)


def test_unterminated_or_malformed_braces_are_errors():
    lf = lictool.parse('FEATURE f v 1.0 permanent 1 AUTH={ v=( LK=1 SIGN="AA" )\n')
    assert lf.errors and "never closed" in lf.errors[0].message
    lf = lictool.parse('FEATURE f v 1.0 permanent 1 AUTH={ garbage }\n')
    assert lf.errors and "daemon=(" in lf.errors[0].message


def test_signing_a_file_with_braced_auth(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.lic").write_bytes((FIXTURES / "cvd-auth.lic").read_bytes())
    assert run_main(capsys, "keygen", "k")[0] == 0
    assert run_main(capsys, "sign", "a.lic", "--key", "k", "--in-place")[0] == 0
    assert run_main(capsys, "verify", "a.lic", "--key", "k.pub")[0] == 0
    signed = lictool.load(tmp_path / "a.lic")
    assert all(r.attribute("AUTH").braced for r in features(signed))


# --------------------------------------------------------------------------------------------
# 3. old-style license keys; 6. control characters inside quoted values
# --------------------------------------------------------------------------------------------

def test_short_old_style_license_keys():
    lf = load("sdk-examples.lic")
    assert not lf.errors
    assert [(r.name, r.license_key) for r in features(lf)] == [
        ("f1", "0"), ("f2", "7D2F"), ("f3", "0123456789ABCDEF"), ("f4", "0A1B2C3D4E5F")]
    f1 = features(lf)[0]
    assert [a.key for a in f1.attributes] == ["HOSTID"]
    assert rules_at(lf, "sdk-examples.lic") == set()     # no unknown-keyword, no unsigned
    long = lictool.parse("FEATURE f demo 1.0 permanent 1 0123456789ABCDEF01234 HOSTID=ANY\n")
    assert long.records[0].license_key is None            # 21 hex digits: not a key


def test_tab_del_and_latin1_inside_a_quoted_value_are_data():
    lf = load("sdk-examples.lic")
    notice = features(lf)[3].get("NOTICE")
    assert notice == "Prüfstand 3 Tab\tand DEL \x7f mark"
    outside = lictool.parse("FEATURE f demo 1.0 permanent 1 0 NOTICE=a\x7fb\n")
    assert outside.records[0].kind == "UNPARSED"
    assert "control character" in outside.errors[0].message


# --------------------------------------------------------------------------------------------
# 5. the unterminated quote is reported where it opens
# --------------------------------------------------------------------------------------------

def test_unterminated_quote_points_at_the_quote_that_opens_the_value():
    lf = load("broken-quote.lic")
    (d,) = lf.errors
    line = (FIXTURES / "broken-quote.lic").read_text().splitlines()[4]
    assert (d.line, d.column) == (5, line.index('NOTICE="') + len("NOTICE=") + 1)
    assert "never closed" in d.message
    assert [r.kind for r in lf.records if r.kind not in ("COMMENT", "BLANK")][-1] == "FEATURE"


def test_unterminated_quote_at_the_end_of_a_line_is_still_found():
    lf = lictool.parse('SERVER a ANY\nFEATURE f v 1.0 permanent 1 SIGN="AA" NOTICE="open\n')
    (d,) = lf.errors
    assert (d.line, d.column) == (2, len('FEATURE f v 1.0 permanent 1 SIGN="AA" NOTICE=') + 1)


# --------------------------------------------------------------------------------------------
# 10. checks that were silent
# --------------------------------------------------------------------------------------------

def test_hand_edited_file_reports_every_problem():
    lf = load("broken-edits.lic")
    found = {(f.line, f.rule, f.severity) for f in lint(lf, "h.lic", today=TODAY)}
    assert (4, "invalid-port", "warning") in found
    assert (5, "syntax-error", "error") in found             # VENDOR ... PORT=7261 restart
    assert (8, "duplicate-keyword", "warning") in found      # START= and start=
    assert (10, "glued-token", "warning") in found           # NOTICE="HA pair"SN=...
    vendor_error = [d for d in lf.errors if d.line == 5][0]
    assert "'restart' is not a KEYWORD=value attribute" in vendor_error.message


@pytest.mark.parametrize("text,rule", [
    ("SERVER a 0019B9A0B0C0 PORT=0\n", "invalid-port"),
    ("SERVER a 0019B9A0B0C0 7260\nVENDOR v PORT=0\n", "invalid-port"),
    ('SERVER a ANY\nVENDOR v\nFEATURE f v 1.0 permanent 1 TS_OK TS_OK SIGN="AA"\n',
     "duplicate-keyword"),
    ('SERVER a ANY\nVENDOR v\nFEATURE f v 1.0 permanent 1 HOSTID="a b"SUPERSEDE SIGN="AA"\n',
     "glued-token"),
])
def test_each_silent_case_is_a_finding(text, rule):
    assert rule in {f.rule for f in lint(lictool.parse(text), "x.lic", today=TODAY)}


def test_ports_are_not_flagged_when_they_are_ports():
    lf = load("genesys-8x.lic")
    assert not {"invalid-port", "duplicate-keyword", "glued-token"} & {
        f.rule for f in lint(lf, "g.lic", today=TODAY)}


@pytest.mark.parametrize("n", [1_000, 4_000])
def test_a_record_of_many_lines_without_backslashes_is_read_in_linear_work(n):
    """Each physical line is classified at most twice, and the record's own keyword once, however
    many lines are joined without a backslash (the logical text is not rebuilt per line)."""
    from lictool.syntax.vocabulary import spec
    from lictool.source import split
    from lictool.syntax.parser import line_starts

    classify = line_starts(spec())
    calls = []

    def counted(line):
        calls.append(len(line))
        return classify(line)

    text = "INCREMENT f v 1.0 permanent 1 \\\n" + "".join(f"  A{i}=1\n" for i in range(n))
    (rec,) = split(text, counted)
    assert rec.end_line == n + 1 and len(rec.bare) == n - 1
    assert len(calls) <= 2 * (n + 1)
    # the one call on the record's logical text so far; every other call is on one line
    assert sorted(calls)[-2] < 20
