"""Merge edge cases (issue 10, items 6, 11, 12, 13): a dangling continuation backslash or a
newline in a path does not crash the merge; what ``--drop-*`` removes does not depend on
suppression comments, so merging again changes nothing; the warnings describe the file that is
written; a new file's leading comments (order number, issue date) are kept."""

from __future__ import annotations

import datetime as _dt
import shutil
from pathlib import Path

import pytest

import lictool
from entry import run_main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
TODAY = _dt.date(2026, 6, 1)
S1 = "SERVER lic01 0019B9A0B0C0 7260\n"
V1 = "VENDOR genesys.d /opt/genesys/flexlm/genesys.d\n"
IVR = ('FEATURE ivr_port genesys.d 8.1 permanent 30 ISSUED=1-jan-2024 SN=GL81-240101-01 \\\n'
       '  SIGN="2F81 C04A 9E37 B652 0DA1 73CE"\n')
SIP = IVR.replace("ivr_port", "sip_port").replace("-01 ", "-02 ")
OLD = ('FEATURE vcb_preview genesys.d 8.1 31-dec-2025 10 ISSUED=1-jan-2024 SN=GL81-240101-03 \\\n'
       '  SIGN="0E00 EED1 72E6 11D5 F10E D081"\n')      # expired on TODAY


run = run_main
def reads_back(text: str, path: str = "merged"):
    """The merged text parses into the records it was made of (no record swallowed another)."""
    lf = lictool.parse(text, path)
    assert lictool.dumps(lf) == text
    return lf


# --------------------------------------------------------------------------------------------
# 6. a record that ends with a continuation backslash; a NEW path with a newline
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("end", ["\\\n", "\\", " \\  \n", "\\\r\n"])
def test_existing_whose_last_line_ends_with_a_backslash(end):
    nl = "\r\n" if end.endswith("\r\n") else "\n"
    existing_text = (S1 + V1 + 'FEATURE GIS genesys.d 8.1 permanent 2 SIGN="9EA4 B6FF"'
                     ).replace("\n", nl) + end
    e = lictool.parse(existing_text, "E.lic")
    n = lictool.parse(S1 + V1 + IVR, "N.lic")
    m, r = lictool.merge(e, n, today=TODAY)
    text = lictool.dumps(m)
    assert text.startswith(existing_text)                   # EXISTING stays a prefix
    again = reads_back(text)
    kinds = [rec.kind for rec in again.records]
    assert kinds[-1] == "FEATURE" and again.records[-1].name == "ivr_port"
    gis = [rec for rec in again.records if getattr(rec, "name", None) == "GIS"]
    assert len(gis) == 1 and gis[0].kind == "FEATURE"       # not swallowing the next lines
    note = [w for w in r.warnings if "continuation backslash" in w.message]
    assert len(note) == 1 and note[0].file == "E.lic" and note[0].line == 3
    assert note[0].merged_line == gis[0].end_line


def test_a_new_file_ending_with_a_backslash_followed_by_another_new_file():
    e = lictool.parse(S1 + V1, "E.lic")
    n1 = lictool.parse(S1 + V1 + IVR.rstrip("\n") + " \\\n", "N1.lic")
    n2 = lictool.parse(S1 + V1 + SIP, "N2.lic")
    m, r = lictool.merge(e, n1, n2, today=TODAY)
    again = reads_back(lictool.dumps(m))
    names = [rec.name for rec in again.records if rec.kind == "FEATURE"]
    assert names == ["ivr_port", "sip_port"]
    headers = [rec.text for rec in again.records if rec.kind == "COMMENT"]
    assert headers == ["# ---- merged by lictool from N1.lic ----",
                       "# ---- merged by lictool from N2.lic ----"]


def test_cli_merge_with_a_dangling_backslash_and_a_path_with_a_newline(tmp_path, monkeypatch,
                                                                      capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "e.lic").write_text(S1 + V1 + IVR.rstrip("\n") + " \\\n")
    odd = "new\nline.lic"
    (tmp_path / odd).write_text(S1 + V1 + SIP)
    code, out, err = run(capsys, "merge", "e.lic", odd, "-o", "m.lic")
    assert code == 0, err
    m = reads_back((tmp_path / "m.lic").read_text())
    assert "# ---- merged by lictool from new\\nline.lic ----" in [
        r.text for r in m.records if r.kind == "COMMENT"]
    assert [r.name for r in m.records if r.kind == "FEATURE"] == ["ivr_port", "sip_port"]
    assert "new\\nline.lic:3: added FEATURE sip_port" in out     # one line per decision


def test_a_path_that_the_encoding_cannot_hold_is_escaped_in_the_marker():
    from lictool.io import loads_bytes

    e = loads_bytes(("# Z\u00fcrich\n" + S1 + V1).encode("latin-1"), "E.lic")
    n = lictool.parse(S1 + V1 + SIP, "Bestellung-\u20ac-M\u00fcller.lic")
    m, r = lictool.merge(e, n, today=TODAY)
    assert r.compatible, r.refusals
    marker = [x.text for x in m.records if x.kind == "COMMENT"][-1]
    assert marker == "# ---- merged by lictool from Bestellung-\\u20ac-M\u00fcller.lic ----"
    lictool.dumps(m).encode("latin-1")


# --------------------------------------------------------------------------------------------
# 11. --drop-* does not depend on suppression comments: merging again changes nothing
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("directive", ["# lictool: disable=expired",
                                       "# lictool: disable=all",
                                       "# lictool: disable=L101,superseded"])
def test_drop_expired_twice_with_a_disable_comment_is_idempotent(tmp_path, monkeypatch, capsys,
                                                                directive):
    monkeypatch.chdir(tmp_path)
    shutil.copy(FIXTURES / "genesys-8x.lic", tmp_path / "lic.lic")
    (tmp_path / "new.lic").write_text("# Order 8100-260101\n" + S1 + V1 + OLD
                                      + directive + "\n" + SIP)
    args = ("merge", "lic.lic", "new.lic", "--in-place", "--drop-expired", "--drop-superseded",
            "--today", TODAY.isoformat())
    assert run(capsys, *args)[0] == 0
    first = (tmp_path / "lic.lic").read_bytes()
    assert b"vcb_preview" not in first and b"sip_port" in first
    assert directive.encode() in first             # the comment was merged in
    code, out, _ = run(capsys, *args)
    assert code == 0
    assert (tmp_path / "lic.lic").read_bytes() == first, "the second merge changed the file"
    assert "new.lic:4: dropped FEATURE vcb_preview: expired (--drop-expired)" in out


def test_superseded_drop_ignores_a_disable_next_line_comment():
    e = lictool.parse(S1 + V1 + "# lictool: disable-next-line=superseded\n"
                      + 'INCREMENT GIS genesys.d 8.1 permanent 2 ISSUED=1-jan-2020 SIGN="AAAA"\n',
                      "E.lic")
    n = lictool.parse(S1 + V1 + 'INCREMENT GIS genesys.d 8.1 permanent 4 ISSUED=1-jan-2024 '
                      'SUPERSEDE SIGN="BBBB"\n', "N.lic")
    m, r = lictool.merge(e, n, today=TODAY, drop_superseded=True)
    counts = [rec.count.value for rec in m.records if rec.kind == "INCREMENT"]
    assert counts == [4]
    m2, _ = lictool.merge(m, n, today=TODAY, drop_superseded=True)
    assert lictool.dumps(m2) == lictool.dumps(m)


# --------------------------------------------------------------------------------------------
# 12. the warnings describe the file that is written
# --------------------------------------------------------------------------------------------

def test_warnings_after_drop_describe_the_written_file():
    e = lictool.parse(S1 + V1 + OLD + IVR, "E.lic")
    n = lictool.parse(S1 + V1 + OLD.replace("vcb_preview", "vcb_full") + SIP
                      + IVR.replace("permanent 30", "permanent 50"), "N.lic")
    m, r = lictool.merge(e, n, today=TODAY, drop_expired=True)
    text = lictool.dumps(m)
    assert "vcb_preview" not in text and "vcb_full" not in text
    # no warning about a line that is not in the written file
    assert not [w for w in r.warnings if w.rule == "expired"], r.warnings
    again = lictool.parse(text, "merged")
    lines = {rec.line: rec for rec in again.records}
    dups = [w for w in r.warnings if w.rule == "duplicate-feature"]
    assert dups, r.warnings
    for w in r.warnings:
        rec = lines.get(w.merged_line)
        assert rec is not None, f"warning points at line {w.merged_line}, no record starts there"
        for number in [int(x) for x in __import__("re").findall(r"line (\d+)", w.message)]:
            assert number in lines, (w.message, sorted(lines))
    # the duplicate 50-seat ivr_port line from N is at its line in the written file
    (w,) = [w for w in dups if w.file == "N.lic"]
    assert lines[w.merged_line].name == "ivr_port" and lines[w.merged_line].count.value == 50


def test_without_drop_the_expired_line_is_warned_about():
    e = lictool.parse(S1 + V1 + IVR, "E.lic")
    n = lictool.parse(S1 + V1 + OLD, "N.lic")
    m, r = lictool.merge(e, n, today=TODAY)
    (w,) = [w for w in r.warnings if w.rule == "expired"]
    again = lictool.parse(lictool.dumps(m), "merged")
    assert [x for x in again.records if x.line == w.merged_line][0].name == "vcb_preview"


# --------------------------------------------------------------------------------------------
# 13. a new file's leading comment block is kept
# --------------------------------------------------------------------------------------------

def test_new_files_header_comments_stay_under_the_marker(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    shutil.copy(FIXTURES / "genesys-7x.lic", tmp_path / "e.lic")
    shutil.copy(FIXTURES / "genesys-8x.lic", tmp_path / "n.lic")
    code, out, _ = run(capsys, "merge", "e.lic", "n.lic", "-o", "m.lic")
    assert code == 0
    m = lictool.load(tmp_path / "m.lic")
    comments = [r.text for r in m.records if r.kind == "COMMENT"]
    i = comments.index("# ---- merged by lictool from n.lic ----")
    assert comments[i + 1:i + 9] == (FIXTURES / "genesys-8x.lic").read_text().splitlines()[:8]
    assert "# Order      : 8100-220517" in comments
    assert "n.lic:5: dropped" not in out        # line 5 is the order number


def test_a_new_file_that_adds_nothing_adds_not_even_its_header():
    e = lictool.parse("# Order 1\n" + S1 + V1 + IVR, "E.lic")
    n = lictool.parse("# Order 1\n" + S1 + V1 + IVR, "N.lic")
    m, r = lictool.merge(e, n, today=TODAY)
    assert lictool.dumps(m) == lictool.dumps(e)
    d = [d for d in r.decisions if d.file == "N.lic" and d.line == 1][0]
    assert d.action == "dropped" and d.reason


def test_comments_of_a_later_dropped_record_still_go_with_it():
    e = lictool.parse(S1 + V1 + IVR, "E.lic")
    n = lictool.parse("# Order 2\n" + S1 + V1 + "# renewal of ivr_port\n" + IVR + SIP, "N.lic")
    m, r = lictool.merge(e, n, today=TODAY)
    comments = [x.text for x in m.records if x.kind == "COMMENT"]
    assert "# Order 2" in comments and "# renewal of ivr_port" not in comments


def test_a_line_voided_only_by_an_expired_supersede_line_is_not_dropped_with_it():
    # NEW holds EXISTING's INCREMENT and an expired INCREMENT with SUPERSEDE that voids it:
    # --drop-expired removes the SUPERSEDE line, so in the file that is written nothing voids
    # EXISTING's line any more, and --drop-superseded must not remove its 2 licenses
    head = "SERVER lic01 0019B9A0B0C0 27000\nVENDOR sampled /opt/sampled\n"
    x = "INCREMENT f1 sampled 1.0 permanent 2 ISSUED=1-jan-2024 SIGN=AA\n"
    s = "INCREMENT f1 sampled 1.0 1-jan-2025 1 SUPERSEDE ISSUED=1-jan-2025 SIGN=BB\n"
    e, n = lictool.parse(head + x, "E.lic"), lictool.parse(head + x + s, "N.lic")
    m, r = lictool.merge(e, n, today=TODAY, drop_expired=True, drop_superseded=True)
    assert lictool.dumps(m) == head + x
    assert [(d.line, d.reason) for d in r.decisions if d.file == "N.lic" and d.line == 4] == [
        (4, "expired (--drop-expired)")]
    # and merging again changes nothing
    m2, _ = lictool.merge(m, n, today=TODAY, drop_expired=True, drop_superseded=True)
    assert lictool.dumps(m2) == lictool.dumps(m)
    # without --drop-expired the SUPERSEDE line stays and EXISTING's line is void: dropped
    m3, _ = lictool.merge(e, n, today=TODAY, drop_superseded=True)
    assert x not in lictool.dumps(m3)
