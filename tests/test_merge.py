"""``lictool merge``: the library (``lictool.merge``), the command, and hypothesis properties.

The contract (the issue): two license files can be combined when they have the same number of
SERVER lines with the same hostid on each (case-insensitive, same hostid type, a triad in the
same order); otherwise the merge is refused and nothing is written. Host names and ports are
editable (EXISTING's kept, the difference reported). One VENDOR/DAEMON line per vendor
(EXISTING's kept; a different path/options/port reported). Every feature line is kept except
exact duplicates (the same record apart from layout). EXISTING's records keep their bytes and
their place; new records follow under ``# ---- merged by lictool from FILE ----``. The report
accounts for every input record (kept / added / dropped with a reason), plus conflicts and
warnings. ``merge(A, A)`` is ``A``; merging the result with the same NEW again changes nothing.

Expected values come from the fixture text (``fixtures/*.lic``) and the contract, not from the
tool's output. ``fixtures/`` is only read; the command writes only in ``tmp_path``.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lictool
from lictool.cli.app import app
from lictool.layout import layout_key
from lictool.io import encode
from entry import RUNNER, run_cli

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
TODAY = _dt.date(2025, 6, 1)          # fixture expiries are 2024-2028: pin the date
ACTIONS = {"kept", "added", "dropped"}
HEADER = "# ---- merged by lictool from {} ----"
PLACED = "# ---- merged by lictool from {}: above the INCREMENT lines of {} ----"
NOTE = (" (the merger did this; the contract says otherwise: this test documents a bug in "
        "lictool/merger.py or lictool/cli/merge_cmd.py)")

S1 = "SERVER lic01 0019B9A0B0C0 7260\n"
V1 = "VENDOR genesys.d\n"
HEAD = S1 + V1


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------

def load(name: str):
    lf = lictool.load(FIXTURES / name)
    assert not lf.errors, f"{name} should parse cleanly: {lf.errors}"
    return lf


def parse(text: str, path: str):
    lf = lictool.parse(text, path)
    assert not lf.errors, f"test input {path} should parse cleanly: {lf.errors}\n{text}"
    return lf


def merge(existing, *new, **kw):
    kw.setdefault("today", TODAY)
    return lictool.merge(existing, *new, **kw)


def text(lf) -> str:
    return lictool.dumps(lf)


def data(lf) -> bytes:
    return encode(lf, lictool.dumps(lf))


def raws(lf) -> List[str]:
    return [r.raw for r in lf.records]


def input_keys(*files) -> Counter:
    return Counter((lf.path, r.line, r.kind) for lf in files for r in lf.records)


def decision_keys(report) -> Counter:
    return Counter((d.file, d.line, d.kind) for d in report.decisions)


def decision(report, file: str, line: int):
    hits = [d for d in report.decisions if d.file == file and d.line == line]
    assert len(hits) == 1, f"expected one decision for {file}:{line}, got {hits}"
    return hits[0]


def rules(report) -> Counter:
    return Counter(w.rule for w in report.warnings)


def is_subsequence(small: List[Any], big: List[Any]) -> bool:
    it = iter(big)
    return all(any(x == y for y in it) for x in small)


def header_index(merged, path: str) -> int:
    hits = [i for i, r in enumerate(merged.records)
            if r.kind == "COMMENT" and r.text == HEADER.format(path)]
    assert len(hits) == 1, (f"expected one '{HEADER.format(path)}' comment in the merged file, "
                            f"found {len(hits)}:\n{text(merged)}")
    return hits[0]


# --------------------------------------------------------------------------------------------
# 1. library: the Genesys 7.x + 8.x fixture merge
# --------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def genesys():
    e, n = load("genesys-7x.lic"), load("genesys-8x.lic")
    m, r = merge(e, n)
    return e, n, m, r


def test_genesys_merge_is_compatible_and_existing_records_keep_bytes_and_order(genesys):
    e, n, m, r = genesys
    assert r.compatible and not r.refusals
    from lictool.merger import MergeReport
    assert isinstance(m, lictool.LicenseFile) and isinstance(r, MergeReport)
    assert m.path == e.path and m.newline == e.newline and m.encoding == e.encoding
    # every EXISTING record is in the merged file, with its exact text, in its order, all of
    # them before the first record of the new file
    out = raws(m)
    for rec in e.records:
        assert rec.raw in out, f"EXISTING line {rec.line} ({rec.kind}) lost or changed"
    assert is_subsequence(raws(e), out)
    h = header_index(m, n.path)
    assert is_subsequence(raws(e), out[:h])
    # the merged text starts with EXISTING's text up to the DAEMON line (lines 1-12)
    first12 = "".join(rec.raw for rec in e.records if rec.line <= 12)
    assert text(m).startswith(first12)
    # the merged file keeps EXISTING's single SERVER line and its DAEMON line, and no other
    assert [s.raw for s in m.servers] == ["SERVER lic01 0019B9A0B0C0 7260\n"]
    assert [v.raw for v in m.vendors] == ["DAEMON genesys.d /opt/genesys/flexlm/genesys.d\n"]


def test_genesys_merge_existing_is_an_unchanged_prefix(genesys):
    """The issue: EXISTING's records stay where they are; new records follow, under a comment
    naming their file. So the first len(EXISTING) records of the merged file are EXISTING, byte
    for byte. Documented exceptions: a new *vendor's* VENDOR line (the 8.x file brings no new
    vendor), and a new FEATURE line of a feature EXISTING has INCREMENT lines of, which is
    placed right above them under its own marker (issue 12 item 5: the FEATURE line must come
    first); here FEATURE tserver_sdn 8.1, with its comment, above INCREMENT tserver_sdn 7.6."""
    e, n, m, r = genesys
    k = [i for i, rec in enumerate(m.records) if rec.kind == "COMMENT"
         and rec.text == PLACED.format(n.path, "tserver_sdn")]
    assert len(k) == 1, text(m)
    k = k[0]
    block = m.records[k:k + 3]
    assert [b.kind for b in block] == ["COMMENT", "COMMENT", "FEATURE"]
    assert block[1].text == "# T-Server / URS / Framework"
    assert (block[2].name, block[2].version.text) == ("tserver_sdn", "8.1")
    assert m.records[k + 3].raw == e.records[15].raw          # INCREMENT tserver_sdn (line 18)
    assert m.records[k - 1].raw == e.records[14].raw          # FEATURE tserver_sdn (line 15)
    m = dataclasses.replace(m, records=m.records[:k] + m.records[k + 3:])
    prefix = dataclasses.replace(m, records=m.records[:len(e.records)])
    inserted = [(i, rec.kind) for i, rec in enumerate(m.records[:len(e.records) + 1])
                if rec.raw not in raws(e)]
    assert text(prefix) == text(e), (
        f"the merged file does not start with EXISTING unchanged: record(s) {inserted} were "
        f"inserted among EXISTING's records (NEW's USE_SERVER line goes after the DAEMON "
        f"line, outside the '# ---- merged by lictool from ...' section)" + NOTE)
    assert text(m).startswith(text(e))


def test_genesys_new_records_follow_the_header_in_their_order(genesys):
    e, n, m, r = genesys
    h = header_index(m, n.path)
    assert m.records[h - 1].kind == "BLANK"        # a blank line separates the sections
    after = m.records[h + 1:]
    # the 8.x feature lines, all of them (none is an exact duplicate of a 7.x line), in order,
    # with their bytes (both files are LF); but FEATURE tserver_sdn, placed above the 7.x
    # INCREMENT tserver_sdn line, with its comment
    new_features = [rec.raw for rec in n.records if rec.kind == "FEATURE"]
    assert len(new_features) == 11
    assert [rec.raw for rec in after if rec.kind == "FEATURE"] == new_features[1:]
    assert sum(rec.raw == new_features[0] for rec in m.records[:h]) == 1
    # the comments of NEW are kept with their records
    for comment in ("# Interaction Server (eServices)",
                    "# Genesys Integration Server and AIL",
                    "# Node-locked to the GIS host (gis01, 0019B9A0B0C1)"):
        idx = [i for i, rec in enumerate(after) if rec.kind == "COMMENT" and rec.text == comment]
        assert len(idx) == 1, comment
        assert after[idx[0] + 1].kind == "FEATURE"
    # NEW's file header (lines 1-8: release, customer, order number, issue date) stays, right
    # under the merge marker, although the SERVER line under it is dropped
    head = [rec.text for rec in after[:8]]
    assert head == [rec.text for rec in n.records[:8]], head
    assert "# Order      : 8100-220517" in head
    assert text(m).endswith('  B010 7B55 B677 ED35 D478 AD37 D0F7"\n')


def test_genesys_new_server_and_vendor_dropped_with_reasons_and_conflict(genesys):
    e, n, m, r = genesys
    srv = decision(r, n.path, 9)
    assert (srv.kind, srv.name, srv.action) == ("SERVER", "lic01", "dropped")
    assert srv.reason
    ven = decision(r, n.path, 10)
    assert (ven.kind, ven.name, ven.action) == ("VENDOR", "genesys.d", "dropped")
    assert ven.reason and "genesys.d" in ven.reason
    # the different options file and port of the 8.x VENDOR line are a conflict
    conf = [c for c in r.conflicts if c.file == n.path and c.line == 10]
    assert len(conf) == 1, r.conflicts
    assert "/opt/genesys/flexlm/genesys.opt" in conf[0].message
    assert "7261" in conf[0].message
    # same host name and port on the SERVER lines: no conflict; the other conflicts are the
    # 7.6 FEATURE lines that an 8.1 FEATURE line of their feature makes unservable
    others = [c for c in r.conflicts if c.rule != "entitlement-loss"]
    assert len(others) == 1, others
    lost = [(c.file, c.line) for c in r.conflicts if c.rule == "entitlement-loss"]
    assert lost == [(e.path, 15), (e.path, 21), (e.path, 24), (e.path, 29)]
    # the file header comments of NEW are added (they head NEW's section), not dropped with
    # the SERVER line under them
    for line in range(1, 9):
        d = decision(r, n.path, line)
        assert (d.kind, d.action) == ("COMMENT", "added"), d


def test_genesys_warnings_duplicate_feature_and_mixed_versions(genesys):
    e, n, m, r = genesys
    by_rule: Dict[str, set] = {}
    for w in r.warnings:
        by_rule.setdefault(w.rule, set()).add((w.file, w.line))
    # tserver_sdn, cti_ha_option, tserver_isc, router_ha_option: a counted 8.1 FEATURE line
    # next to a counted 7.6 FEATURE line (counts do not add up) of another major release; the
    # license server processes the 8.1 line (higher versions sort first) and ignores EXISTING's
    # 7.6 line, which is where duplicate-feature reports it
    expected = {(n.path, 14), (n.path, 17), (n.path, 20), (n.path, 23)}
    ignored = {(e.path, 15), (e.path, 21), (e.path, 24), (e.path, 29)}
    assert by_rule.get("duplicate-feature", set()) == ignored, r.warnings
    assert expected <= by_rule.get("mixed-feature-versions", set()), r.warnings
    dup = [w for w in r.warnings if w.rule == "duplicate-feature" and w.line == 15][0]
    assert "tserver_sdn" in dup.message and "is ignored" in dup.message


def test_genesys_decisions_cover_every_input_record_exactly_once(genesys):
    e, n, m, r = genesys
    assert decision_keys(r) == input_keys(e, n)
    assert sum(1 for rec in e.records if rec.kind == "COMMENT") == 14
    assert {d.action for d in r.decisions} <= ACTIONS
    for d in r.decisions:
        if d.file == e.path:
            assert d.action == "kept" and d.reason is None
        else:
            assert d.action in ("added", "dropped")
        if d.action == "dropped":
            assert d.reason, d
    summary = r.as_dict()["summary"]
    assert summary == {"kept": len(e.records), "added": summary["added"],
                       "dropped": len(n.records) - summary["added"]}
    # a multi-line record is named by its first and last line and its feature name
    d = decision(r, e.path, 15)
    assert (d.end_line, d.kind, d.name) == (17, "FEATURE", "tserver_sdn")
    d = decision(r, n.path, 50)
    assert (d.end_line, d.kind, d.name, d.action) == (53, "FEATURE", "GIS_STATSERVICE", "added")
    blank = decision(r, e.path, 13)
    assert (blank.kind, blank.action) == ("BLANK", "kept")


def test_genesys_merge_is_deterministic_and_reads_back(genesys):
    e, n, m, r = genesys
    m2, r2 = merge(load("genesys-7x.lic"), load("genesys-8x.lic"))
    assert text(m2) == text(m) and r2.as_dict() == r.as_dict()
    again = lictool.parse(text(m), "merged")
    assert not again.errors
    assert len(again.records) == len(m.records)


# --------------------------------------------------------------------------------------------
# 1. library: compatibility
# --------------------------------------------------------------------------------------------

TRIAD_HOSTIDS = ("0019B9A0B0C0", "00219B3C4D5E", "0024E8F0A1B2")


def triad(ids=TRIAD_HOSTIDS, hosts=("glic-a", "glic-b", "glic-c"), ports=(7260, 7260, 7260)):
    return "".join(f"SERVER {h} {i} {p}\n" for h, i, p in zip(hosts, ids, ports)) + V1


def assert_refused(e, m, r, *needles: str) -> None:
    assert r.compatible is False
    assert r.refusals, "a refused merge says why"
    assert m is e or text(m) == text(e), "a refused merge returns EXISTING unchanged"
    msg = " | ".join(p.message for p in r.refusals)
    for needle in needles:
        assert needle.lower() in msg.lower(), f"{needle!r} not in the refusal: {msg}"
    assert "refusals" in r.as_dict() and r.as_dict()["compatible"] is False


def test_refused_one_vs_three_server_lines():
    e, n = load("genesys-7x.lic"), load("genesys-triad.lic")
    m, r = merge(e, n)
    assert_refused(e, m, r, "3 SERVER", "has 1")
    # and the other way round
    m, r = merge(n, e)
    assert_refused(n, m, r, "1 SERVER", "has 3")


def test_refused_different_hostid_names_the_server_line_and_both_hostids():
    e = parse(HEAD + 'FEATURE GIS genesys.d 8.1 permanent 2 SIGN="AAAA"\n', "E.lic")
    n = parse("SERVER lic01 0019B9A0B0C1 7260\n" + V1
              + 'FEATURE ISDK_QUEUE genesys.d 8.1 permanent 2 SIGN="BBBB"\n', "N.lic")
    m, r = merge(e, n)
    assert_refused(e, m, r, "SERVER line 1", "0019B9A0B0C1", "0019B9A0B0C0")
    assert r.refusals[0].file == "N.lic" and r.refusals[0].line == 1
    assert "ISDK_QUEUE" not in text(m)


def test_refused_same_mac_other_hostid_type():
    e = parse(HEAD, "E.lic")
    n = parse("SERVER lic01 INTERNET=0019B9A0B0C0 7260\n" + V1, "N.lic")
    m, r = merge(e, n)
    assert_refused(e, m, r, "SERVER line 1", "INTERNET=0019B9A0B0C0", "INTERNET", "ETHER")


def test_refused_triad_in_another_order():
    e = parse(triad(), "E.lic")
    swapped = (TRIAD_HOSTIDS[0], TRIAD_HOSTIDS[2], TRIAD_HOSTIDS[1])
    n = parse(triad(swapped) + 'FEATURE GIS genesys.d 8.1 permanent 2 SIGN="AAAA"\n', "N.lic")
    m, r = merge(e, n)
    assert_refused(e, m, r, "SERVER line 2", "00219B3C4D5E", "0024E8F0A1B2")
    assert "SERVER line 1" not in " ".join(p.message for p in r.refusals)
    # the triad fixture with itself in its own order is fine
    t = load("genesys-triad.lic")
    m, r = merge(t, load("genesys-triad.lic"))
    assert r.compatible and data(m) == (FIXTURES / "genesys-triad.lic").read_bytes()


def test_one_incompatible_new_file_refuses_the_whole_merge():
    e = parse(HEAD, "E.lic")
    ok = parse(HEAD + 'FEATURE GIS genesys.d 8.1 permanent 2 SIGN="AAAA"\n', "OK.lic")
    bad = parse("SERVER lic01 0019B9A0B0C1 7260\n" + V1, "BAD.lic")
    m, r = merge(e, ok, bad)
    assert_refused(e, m, r, "0019B9A0B0C1")
    assert "GIS" not in text(m)


def test_host_name_and_port_differences_are_conflicts_existing_kept():
    e = parse(HEAD + 'FEATURE GIS genesys.d 8.1 permanent 2 SIGN="AAAA"\n', "E.lic")
    n = parse("SERVER lic02.example.com 0019B9A0B0C0 27000\n" + V1
              + 'FEATURE ISDK_QUEUE genesys.d 8.1 permanent 2 SIGN="BBBB"\n', "N.lic")
    m, r = merge(e, n)
    assert r.compatible and not r.refusals
    msgs = [c.message for c in r.conflicts]
    assert any("lic02.example.com" in c and "lic01" in c for c in msgs), msgs
    assert any("27000" in c and "7260" in c for c in msgs), msgs
    assert all(c.file == "N.lic" and c.line == 1 for c in r.conflicts)
    assert [s.raw for s in m.servers] == [S1]
    assert "ISDK_QUEUE" in text(m) and "lic02" not in text(m)


def test_triad_host_difference_names_its_server_line():
    e = parse(triad(), "E.lic")
    n = parse(triad(hosts=("glic-a", "glic-b", "glic-z")), "N.lic")
    m, r = merge(e, n)
    assert r.compatible
    assert len(r.conflicts) == 1 and "SERVER line 3" in r.conflicts[0].message
    assert r.conflicts[0].line == 3
    assert text(m) == text(e)


@pytest.mark.parametrize("new_server", [
    "SERVER lic01 0019b9a0b0c0 7260\n",           # hostid case
    "SERVER lic01 0019B9a0b0C0 7260\n",
])
def test_hostid_case_differences_are_compatible(new_server):
    e = parse(HEAD, "E.lic")
    n = parse(new_server + V1 + 'FEATURE GIS genesys.d 8.1 permanent 2 SIGN="AAAA"\n', "N.lic")
    m, r = merge(e, n)
    assert r.compatible and not r.refusals and not r.conflicts
    assert text(m).startswith(HEAD) and "FEATURE GIS" in text(m)
    assert [s.raw for s in m.servers] == [S1]


# --------------------------------------------------------------------------------------------
# 1. library: duplicates, vendors, newlines, drops
# --------------------------------------------------------------------------------------------

BASE = ('FEATURE GIS genesys.d 8.1 permanent 5 ISSUED=21-jun-2013 SN=GL81-1 '
        'NOTICE="Main site" SIGN="9EA4 B6FF 9CD6 F8DF"\n')
EXISTING_DUP = HEAD + BASE


@pytest.mark.parametrize("variant", [
    pytest.param('FEATURE GIS genesys.d 8.1 permanent 5 \\\n  ISSUED=21-jun-2013 SN=GL81-1 \\\n'
                 '  NOTICE="Main site" SIGN="9EA4 B6FF 9CD6 F8DF"\n', id="continuations"),
    pytest.param('FEATURE\tGIS  genesys.d 8.1    permanent 5 ISSUED=21-jun-2013\t\tSN=GL81-1 '
                 'NOTICE="Main site"  SIGN="9EA4 B6FF 9CD6 F8DF"   \n', id="spacing"),
    pytest.param('FEATURE GIS genesys.d 8.1 permanent 5 ISSUED="21-jun-2013" SN="GL81-1" '
                 'NOTICE="Main site" SIGN="9EA4 B6FF 9CD6 F8DF"\n', id="quoting"),
    pytest.param('FEATURE GIS genesys.d 8.1 permanent 5 ISSUED=21-jun-2013 SN=GL81-1 '
                 'NOTICE="Main site" SIGN=9EA4B6FF9CD6F8DF\n', id="sign-unquoted-no-spaces"),
    pytest.param('FEATURE GIS genesys.d 8.1 permanent 5 ISSUED=21-jun-2013 SN=GL81-1 '
                 'NOTICE="Main site" SIGN="9ea4b6ff  9cd6 \\\n\tf8df"\n', id="sign-spacing-case"),
    pytest.param('feature GIS genesys.d 8.1 permanent 5 issued=21-jun-2013 Sn=GL81-1 '
                 'notice="Main site" Sign="9EA4 B6FF 9CD6 F8DF"\n', id="keyword-case"),
])
def test_layout_only_duplicates_are_dropped(variant):
    e = parse(EXISTING_DUP, "E.lic")
    n = parse(HEAD + "# the same GIS line, laid out differently\n" + variant, "N.lic")
    m, r = merge(e, n)
    assert r.compatible
    d = decision(r, "N.lic", 4)
    assert (d.kind, d.name, d.action) == ("FEATURE", "GIS", "dropped")
    assert "duplicate" in d.reason and "3" in d.reason and "E.lic" in d.reason
    assert decision(r, "N.lic", 3).action == "dropped"       # its comment goes with it
    assert text(m) == EXISTING_DUP, "a NEW file that adds nothing must add no bytes"
    assert "duplicate-feature" not in rules(r)


@pytest.mark.parametrize("variant", [
    pytest.param(BASE.replace("permanent 5", "permanent 6"), id="count"),
    pytest.param(BASE.replace("F8DF", "F8DE"), id="sign"),
    pytest.param(BASE.replace("Main site", "Main Site"), id="notice-value-case"),
    pytest.param(BASE.replace("GIS", "gis", 1), id="feature-name-case"),
    pytest.param(BASE.replace("ISSUED=21-jun-2013 SN=GL81-1", "SN=GL81-1 ISSUED=21-jun-2013"),
                 id="attribute-order"),
])
def test_near_duplicates_are_both_kept(variant):
    e = parse(EXISTING_DUP, "E.lic")
    n = parse(HEAD + variant, "N.lic")
    m, r = merge(e, n)
    d = decision(r, "N.lic", 3)
    assert d.action == "added" and d.reason is None
    out = text(m)
    assert out.startswith(EXISTING_DUP)
    assert out.endswith("\n" + HEADER.format("N.lic") + "\n" + variant)
    assert len(m.features) == 2


def test_counted_feature_lines_that_do_not_add_up_are_warned():
    e = parse(EXISTING_DUP, "E.lic")
    n = parse(HEAD + BASE.replace("permanent 5", "permanent 6"), "N.lic")
    m, r = merge(e, n)
    w = [w for w in r.warnings if w.rule == "duplicate-feature"]
    assert len(w) == 1 and (w[0].file, w[0].line) == ("N.lic", 3) and "GIS" in w[0].message


def test_duplicates_inside_one_new_file_appear_once():
    e = parse(HEAD, "E.lic")
    n = parse(HEAD + BASE + BASE.replace(" SN=", "  SN="), "N.lic")
    m, r = merge(e, n)
    assert decision(r, "N.lic", 3).action == "added"
    d = decision(r, "N.lic", 4)
    assert d.action == "dropped" and "N.lic" in d.reason
    assert text(m) == HEAD + "\n" + HEADER.format("N.lic") + "\n" + BASE


def test_upgrade_stays_after_its_base_and_missing_base_is_warned():
    e = parse(HEAD, "E.lic")
    up = 'UPGRADE GIS genesys.d 8.0 8.1 permanent 5 SIGN="1111 2222"\n'
    base = BASE.replace("8.1", "8.0", 1)
    n = parse(HEAD + base + up, "N.lic")
    m, r = merge(e, n)
    out = text(m)
    assert out.index(base) < out.index(up)
    assert "upgrade-without-base" not in rules(r)
    n2 = parse(HEAD + up, "N2.lic")
    m, r = merge(e, n2)
    assert any(w.rule == "upgrade-without-base" and (w.file, w.line) == ("N2.lic", 3)
               for w in r.warnings), r.warnings


def test_new_vendor_line_follows_with_the_new_records():
    """A vendor only NEW has: its VENDOR line is added in NEW's section, like every new record
    (EXISTING's text stays an unchanged prefix; lmgrd reads VENDOR lines wherever they are)."""
    e_text = (S1 + "VENDOR genesys.d /opt/genesys.d\nDAEMON other /opt/other\n\n# body\n"
              + BASE)
    e = parse(e_text, "E.lic")
    n = parse("# header of N\n" + S1 + "VENDOR genesys.d /opt/genesys.d\n"
              + "VENDOR acmed /opt/acme/acmed PORT=27021\n"
              + 'FEATURE solver acmed 2024.0601 permanent 10 SIGN="AAAA BBBB"\n', "N.lic")
    m, r = merge(e, n)
    assert text(m).startswith(e_text)
    assert [v.name for v in m.vendors] == ["genesys.d", "other", "acmed"]
    assert decision(r, "N.lic", 4).action == "added"
    assert decision(r, "N.lic", 3).action == "dropped"     # genesys.d already has a line
    assert not r.conflicts                                   # same path, no options, no port
    h = header_index(m, "N.lic")
    assert m.records[h + 1].raw == "# header of N\n"           # NEW's leading comment stays
    assert m.records[h + 2].raw == "VENDOR acmed /opt/acme/acmed PORT=27021\n"
    assert m.records[h + 3].raw.startswith("FEATURE solver acmed")


def test_daemon_and_vendor_for_the_same_vendor_are_one_and_port_difference_reported():
    e = parse(S1 + "DAEMON genesys.d /opt/genesys.d\n", "E.lic")
    n = parse(S1 + "VENDOR genesys.d /opt/genesys.d port=7300\n" + BASE, "N.lic")
    m, r = merge(e, n)
    assert [v.raw for v in m.vendors] == ["DAEMON genesys.d /opt/genesys.d\n"]
    assert decision(r, "N.lic", 2).action == "dropped"
    assert len(r.conflicts) == 1 and "7300" in r.conflicts[0].message
    assert (r.conflicts[0].file, r.conflicts[0].line) == ("N.lic", 2)


def test_crlf_new_into_lf_existing_gives_lf_only():
    w = load("windows-crlf.lic")
    e_text = ("SERVER WINLIC01 ID=1234-5678 27000\n"
              "VENDOR cdslmd c:\\flexlm\\cdslmd.exe c:\\flexlm\\cdslmd.opt\n")
    e = parse(e_text, "E.lic")
    m, r = merge(e, w)
    assert r.compatible and not r.conflicts
    out = data(m)
    assert b"\r" not in out
    assert out.startswith(e_text.encode())
    # the added feature lines are NEW's lines with LF instead of CRLF, otherwise unchanged
    for rec in w.features:
        assert rec.raw.replace("\r\n", "\n").encode() in out
    assert lictool.parse(out.decode(), "m").newline == "\n"


def test_lf_new_into_crlf_existing_gives_crlf_only():
    w = load("windows-crlf.lic")
    original = (FIXTURES / "windows-crlf.lic").read_bytes()
    n = parse("SERVER WINLIC01 ID=1234-5678 27000\nVENDOR cdslmd\n"
              "# one more\nFEATURE Extra cdslmd 23.10 31-dec-2027 1 \\\n  SIGN=\"AAAA BBBB\"\n",
              "N.lic")
    m, r = merge(w, n)
    out = data(m)
    assert out.startswith(original)
    assert out.count(b"\n") == out.count(b"\r\n") and b"\r\r" not in out
    assert out.endswith(b"# one more\r\nFEATURE Extra cdslmd 23.10 31-dec-2027 1 \\\r\n"
                        b"  SIGN=\"AAAA BBBB\"\r\n")


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.lic")))
def test_merge_fixture_with_itself_is_the_fixture_byte_for_byte(name):
    """Every fixture (CRLF, Latin-1, BOM, TAB continuations, opaque lines, even broken.lic)."""
    lf = lictool.load(FIXTURES / name)
    m, r = merge(lf, lictool.load(FIXTURES / name))
    assert data(m) == (FIXTURES / name).read_bytes()
    assert all(d.action == "dropped" and d.reason for d in r.decisions if d.action != "kept")
    assert r.count("added") == 0


def test_new_file_that_adds_nothing_adds_no_bytes():
    e = load("genesys-7x.lic")
    original = (FIXTURES / "genesys-7x.lic").read_bytes()
    n = parse("# a re-issued copy of the 7.6 file\n"
              "SERVER lic01 0019b9a0b0c0 7260\n"
              "DAEMON genesys.d /opt/genesys/flexlm/genesys.d\n\n"
              "# --- T-Server ---\n"
              "FEATURE cti_ha_option genesys.d 7.6 permanent 2 ISSUED=14-mar-2009 "
              "SN=GCTI-76-118204-02 NOTICE=\"Northwind Contact Services - Main site\" \\\n"
              "    SIGN=\"73D00D0B839D2B7D0368B639C8B956B17BDD097E1B7D9E69E87963AA38B0\"\n"
              "\n# trailing comment\n", "N.lic")
    m, r = merge(e, n)
    assert data(m) == original
    new = [d for d in r.decisions if d.file == "N.lic"]
    assert len(new) == len(n.records) == 8
    assert all(d.action == "dropped" and d.reason for d in new), new
    assert "duplicate" in decision(r, "N.lic", 6).reason


def test_two_new_files_each_under_its_own_header_in_argument_order():
    e = parse(HEAD, "E.lic")
    a = parse(HEAD + BASE, "A.lic")
    b = parse(HEAD + BASE.replace("GIS", "ISDK_QUEUE", 1), "B.lic")
    m, r = merge(e, a, b)
    out = text(m)
    assert out == (HEAD + "\n" + HEADER.format("A.lic") + "\n" + BASE + "\n"
                   + HEADER.format("B.lic") + "\n" + BASE.replace("GIS", "ISDK_QUEUE", 1))
    assert decision_keys(r) == input_keys(e, a, b)


# --- eda-suite: --drop-expired / --drop-superseded -------------------------------------------

EDA_ADD = ('SERVER edalic01 3C4A92D1E5F0 27020\nVENDOR acmed\n'
           '# new viewer seats\n'
           'INCREMENT viewer acmed 1.0 31-dec-2027 3 ISSUED=1-jun-2025 SIGN="ABCD EF01"\n')


@pytest.fixture
def eda():
    return load("eda-suite.lic"), parse(EDA_ADD, "N.lic")


def test_eda_without_drop_options_keeps_expired_and_superseded_lines_and_warns(eda):
    e, n = eda
    m, r = merge(e, n)
    assert text(m).startswith(text(e))
    assert decision(r, e.path, 33).action == "kept"
    ws = {(w.rule, w.file, w.line) for w in r.warnings}
    assert ("expired", e.path, 33) in ws and ("superseded", e.path, 33) in ws
    # the SUPERSEDE line itself (35) and the still valid lines are not reported as such
    assert not {("expired", e.path, 35), ("superseded", e.path, 35)} & ws


def test_eda_drop_expired_removes_the_expired_mesher_line(eda):
    e, n = eda
    m, r = merge(e, n, drop_expired=True)
    mesher = [rec for rec in m.features if getattr(rec, "name", None) == "mesher"]
    # the merged file is read from its own text: the remaining mesher line moved up
    assert len(mesher) == 1 and "SUPERSEDE" in mesher[0].raw
    d = decision(r, e.path, 33)
    assert (d.kind, d.name, d.action) == ("INCREMENT", "mesher", "dropped")
    assert "expired" in d.reason
    assert [x for x in r.decisions if x.action == "dropped" and x.file == e.path] == [d]
    # everything else of EXISTING is still there, byte for byte; the new line is added
    expect = [rec.raw for rec in e.records if rec.line != 33]
    assert is_subsequence(expect, raws(m))
    assert "INCREMENT viewer acmed 1.0 31-dec-2027 3" in text(m)
    assert decision_keys(r) == input_keys(e, n)


def test_eda_drop_expired_before_the_expiry_drops_nothing(eda):
    e, n = eda
    m, r = merge(e, n, drop_expired=True, today=_dt.date(2024, 6, 1))
    assert text(m).startswith(text(e))
    assert not [d for d in r.decisions if d.action == "dropped" and d.file == e.path]


def test_eda_drop_superseded_removes_the_superseded_line(eda):
    e, n = eda
    m, r = merge(e, n, drop_superseded=True, today=_dt.date(2024, 6, 1))   # not yet expired
    d = decision(r, e.path, 33)
    assert d.action == "dropped" and "superseded" in d.reason.lower()
    assert "INCREMENT mesher acmed 2.0 31-dec-2024 4" not in text(m)
    assert "INCREMENT mesher acmed 2.0 31-dec-2026 8 SUPERSEDE" in text(m)
    assert [x.line for x in r.decisions if x.action == "dropped" and x.file == e.path] == [33]


def test_warnings_on_a_continuation_line_are_reported_and_dropped():
    """The linter places some findings on the token they are about (the expiry date, the
    version), which can be on a continuation line of the record. The report must still list
    them, and --drop-expired must still remove the line."""
    e = parse(HEAD + 'FEATURE GIS genesys.d 7.6 permanent 5 SIGN="AAAA"\n', "E.lic")
    n = parse(HEAD + 'FEATURE GIS genesys.d \\\n  8.1 permanent 6 SIGN="AAAB"\n'
              'INCREMENT ISDK_QUEUE genesys.d 8.1 \\\n  15-mar-2024 2 SIGN="AAAC"\n', "N.lic")
    m, r = merge(e, n)
    got = {(w.rule, w.file, w.line) for w in r.warnings}
    missing = {("mixed-feature-versions", "N.lic", 3), ("expired", "N.lic", 5)} - got
    assert not missing, (
        f"warnings {sorted(missing)} are missing from the report (got {sorted(got)}): a "
        "finding on a continuation line of a record is not mapped back to its record" + NOTE)
    m, r = merge(e, n, drop_expired=True)
    d = decision(r, "N.lic", 5)
    assert d.action == "dropped" and "expired" in d.reason, (
        f"--drop-expired kept the expired line whose date is on a continuation line: {d}" + NOTE)
    assert "15-mar-2024" not in text(m)


def test_drop_expired_of_the_only_new_record_adds_no_bytes():
    """A NEW file whose only new record is removed by --drop-expired adds nothing: no header
    comment, no orphaned comments; and merging it again changes nothing."""
    e = parse(HEAD + BASE, "E.lic")
    n = parse(HEAD + "# the 2024 evaluation\n"
              'INCREMENT ISDK_QUEUE genesys.d 8.1 15-mar-2024 2 SIGN="AAAA BBBB"\n', "N.lic")
    m, r = merge(e, n, drop_expired=True)
    assert decision(r, "N.lic", 4).action == "dropped"
    assert text(m) == text(e), (
        "--drop-expired removed the only new record but left the header and its comment "
        f"behind:\n{text(m)!r}" + NOTE)
    comment = decision(r, "N.lic", 3)
    assert comment.action == "dropped", (
        f"the comment of a dropped record is reported as {comment.action}" + NOTE)
    m2, _ = merge(m, n, drop_expired=True)
    assert text(m2) == text(m), "merging the same NEW again must change nothing" + NOTE


def test_merging_a_merged_file_reports_its_real_line_numbers():
    """``lictool.merge`` returns a LicenseFile; used as EXISTING of a further merge, the report
    must name each of its records by its line in that file."""
    e = parse(HEAD, "E.lic")
    m1, _ = merge(e, parse(HEAD + "# gis\n" + BASE, "N.lic"))
    m1 = dataclasses.replace(m1, path="M.lic")
    m2, r2 = merge(m1, parse(HEAD, "N2.lic"))
    assert text(m2) == text(m1)
    got = [(d.line, d.kind) for d in r2.decisions if d.file == "M.lic"]
    expect = [(rec.line, rec.kind) for rec in lictool.parse(text(m1), "M.lic").records]
    assert got == expect, (
        f"decisions for the merged file name lines {got}, its records are on {expect}: the "
        "records of a merged LicenseFile keep stale line numbers (the added header records "
        "have line 0)" + NOTE)


# --------------------------------------------------------------------------------------------
# 2. the command
# --------------------------------------------------------------------------------------------

run = run_cli


@pytest.fixture
def work(tmp_path, monkeypatch) -> Path:
    for name in ("genesys-7x.lic", "genesys-8x.lic", "genesys-triad.lic", "eda-suite.lic",
                 "windows-crlf.lic"):
        shutil.copyfile(FIXTURES / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def listing(folder: Path) -> Dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def library_bytes(existing: str, *new: str, **kw) -> bytes:
    m, r = merge(lictool.load(existing), *[lictool.load(p) for p in new], **kw)
    return data(m)


def test_cli_output_file(work):
    before = listing(work)
    res = run("merge", "genesys-7x.lic", "genesys-8x.lic", "-o", "out.lic", "--today", "2025-06-01")
    assert res.exit_code == 0, res.stderr
    out = (work / "out.lic").read_bytes()
    assert out == library_bytes("genesys-7x.lic", "genesys-8x.lic")
    assert HEADER.format("genesys-8x.lic").encode() in out
    # the inputs are untouched; nothing else is written
    after = listing(work)
    assert set(after) == set(before) | {"out.lic"}
    assert all(after[k] == v for k, v in before.items())
    # the text report accounts for the records and names the output
    assert "genesys-8x.lic:9: dropped SERVER lic01" in res.stdout
    assert "conflict" in res.stdout and "genesys.opt" in res.stdout
    assert "duplicate-feature" in res.stdout
    assert "Merged into out.lic" in res.stdout


def test_cli_output_to_stdout_report_to_stderr(work):
    res = run("merge", "genesys-7x.lic", "genesys-8x.lic", "-o", "-", "--today", "2025-06-01")
    assert res.exit_code == 0, res.stderr
    assert res.stdout_bytes == library_bytes("genesys-7x.lic", "genesys-8x.lic")
    assert "dropped SERVER lic01" in res.stderr and "Merged" in res.stderr
    assert "dropped" not in res.stdout
    assert set(listing(work)) == {"genesys-7x.lic", "genesys-8x.lic", "genesys-triad.lic",
                                  "eda-suite.lic", "windows-crlf.lic"}


def test_cli_in_place_keeps_a_backup(work):
    old = (work / "genesys-7x.lic").read_bytes()
    expected = library_bytes("genesys-7x.lic", "genesys-8x.lic")
    res = run("merge", "genesys-7x.lic", "genesys-8x.lic", "--in-place", "--today", "2025-06-01")
    assert res.exit_code == 0, res.stderr
    assert (work / "genesys-7x.lic.bak").read_bytes() == old
    assert (work / "genesys-7x.lic").read_bytes() == expected != old
    # in place again: nothing new, the file stays the same
    res = run("merge", "genesys-7x.lic", "genesys-8x.lic", "--in-place", "--today", "2025-06-01")
    assert res.exit_code == 0
    assert (work / "genesys-7x.lic").read_bytes() == expected


def test_cli_in_place_crlf_existing_stays_crlf(work):
    (work / "n.lic").write_bytes(b"SERVER WINLIC01 ID=1234-5678 27000\nVENDOR cdslmd\n"
                                 b'FEATURE Extra cdslmd 23.10 31-dec-2027 1 SIGN="AAAA"\n')
    old = (work / "windows-crlf.lic").read_bytes()
    res = run("merge", "windows-crlf.lic", "n.lic", "--in-place")
    assert res.exit_code == 0, res.stderr
    new = (work / "windows-crlf.lic").read_bytes()
    assert new.startswith(old) and new.count(b"\n") == new.count(b"\r\n")
    assert new.endswith(b'FEATURE Extra cdslmd 23.10 31-dec-2027 1 SIGN="AAAA"\r\n')


def test_cli_check_writes_nothing(work):
    before = listing(work)
    res = run("merge", "genesys-7x.lic", "genesys-8x.lic", "--check")
    assert res.exit_code == 0, res.stderr
    assert listing(work) == before
    res = run("merge", "genesys-7x.lic", "genesys-triad.lic", "--check")
    assert res.exit_code == 1
    assert "refused" in res.stdout and "3 SERVER" in res.stdout
    assert listing(work) == before


def test_cli_json_report(work):
    res = run("merge", "genesys-7x.lic", "genesys-8x.lic", "-o", "out.lic", "--format", "json",
              "--today", "2025-06-01")
    assert res.exit_code == 0, res.stderr
    doc = json.loads(res.stdout)
    assert set(doc) == {"compatible", "refusals", "conflicts", "warnings", "records", "summary",
                        "entitlement"}
    assert doc["compatible"] is True and doc["refusals"] == []
    keys = {"file", "line", "end_line", "kind", "name", "action", "reason"}
    assert all(set(rec) == keys for rec in doc["records"])
    got = Counter((rec["file"], rec["line"], rec["kind"]) for rec in doc["records"])
    assert got == input_keys(lictool.load("genesys-7x.lic"), lictool.load("genesys-8x.lic"))
    srv = [rec for rec in doc["records"] if rec["file"] == "genesys-8x.lic" and rec["line"] == 9]
    assert srv == [{"file": "genesys-8x.lic", "line": 9, "end_line": 9, "kind": "SERVER",
                    "name": "lic01", "action": "dropped", "reason": srv[0]["reason"]}]
    assert srv[0]["reason"]
    feat = [rec for rec in doc["records"] if rec["file"] == "genesys-8x.lic" and rec["line"] == 14]
    assert feat == [{"file": "genesys-8x.lic", "line": 14, "end_line": 16, "kind": "FEATURE",
                     "name": "tserver_sdn", "action": "added", "reason": feat[0]["reason"]}]
    assert "placed above the INCREMENT lines of tserver_sdn" in feat[0]["reason"]
    assert doc["summary"] == {a: sum(rec["action"] == a for rec in doc["records"])
                              for a in ("kept", "added", "dropped")}
    assert doc["summary"]["kept"] == 29
    assert [(c["file"], c["line"]) for c in doc["conflicts"]
            if c.get("rule") != "entitlement-loss"] == [("genesys-8x.lic", 10)]
    rules_ = {w.get("rule") for w in doc["warnings"]}
    assert {"duplicate-feature", "mixed-feature-versions"} <= rules_
    assert all({"file", "line", "message"} <= set(w) for w in doc["warnings"])


def test_cli_json_refused(work):
    res = run("merge", "genesys-7x.lic", "genesys-triad.lic", "-o", "out.lic", "--format", "json")
    assert res.exit_code == 1
    doc = json.loads(res.stdout)
    assert doc["compatible"] is False and doc["refusals"]
    assert doc["refusals"][0]["file"] == "genesys-triad.lic"
    assert not (work / "out.lic").exists()


@pytest.mark.parametrize("mode", [["-o", "out.lic"], ["-o", "-"], ["--in-place"], ["--check"]])
def test_cli_refused_merge_writes_nothing(work, mode):
    (work / "bad.lic").write_text("SERVER lic01 0019B9A0B0C1 7260\nVENDOR genesys.d\n"
                                  'FEATURE GIS genesys.d 8.1 permanent 1 SIGN="AAAA"\n')
    before = listing(work)
    res = run("merge", "genesys-7x.lic", "bad.lic", *mode)
    assert res.exit_code == 1
    assert listing(work) == before
    if mode == ["-o", "-"]:
        assert res.stdout_bytes == b""
    report = res.stderr if mode == ["-o", "-"] else res.stdout
    assert "SERVER line 1" in report and "0019B9A0B0C1" in report
    assert "nothing was written" in report


def test_cli_strict_conflict_exit_1_without_conflict_exit_0(work):
    res = run("merge", "genesys-7x.lic", "genesys-8x.lic", "--check", "--strict")
    assert res.exit_code == 1 and "conflict" in res.stdout
    (work / "n.lic").write_text(S1 + "DAEMON genesys.d /opt/genesys/flexlm/genesys.d\n" + BASE)
    res = run("merge", "genesys-7x.lic", "n.lic", "--check", "--strict")
    assert res.exit_code == 0, res.stdout
    res = run("merge", "genesys-7x.lic", "n.lic", "-o", "ok.lic", "--strict")
    assert res.exit_code == 0 and (work / "ok.lic").exists()


@pytest.mark.parametrize("mode", [["-o", "out.lic"], ["--in-place"], ["-o", "-"]])
def test_cli_strict_conflict_is_a_refusal_and_writes_nothing(work, mode):
    """Exit 1 means refused (incompatible servers, or a conflict with --strict), and a refused
    merge writes nothing."""
    before = listing(work)
    res = run("merge", "genesys-7x.lic", "genesys-8x.lic", "--strict", *mode)
    assert res.exit_code == 1
    assert listing(work) == before, (
        f"--strict with a conflict exits 1 (refused) but wrote "
        f"{sorted(set(listing(work)) ^ set(before)) or 'over EXISTING'}" + NOTE)
    if mode == ["-o", "-"]:
        assert res.stdout_bytes == b"", (
            "--strict with a conflict (a refusal) wrote the merged file to stdout" + NOTE)


@pytest.mark.parametrize("args, message", [
    (["genesys-7x.lic", "genesys-8x.lic"], "exactly one of"),
    (["genesys-7x.lic", "genesys-8x.lic", "-o", "x.lic", "--check"], "exactly one of"),
    (["genesys-7x.lic", "genesys-8x.lic", "-o", "x.lic", "--in-place"], "exactly one of"),
    (["genesys-7x.lic", "genesys-8x.lic", "--in-place", "--check"], "exactly one of"),
    (["genesys-7x.lic", "missing.lic", "-o", "x.lic"], "missing.lic"),
    (["missing.lic", "genesys-8x.lic", "-o", "x.lic"], "missing.lic"),
    (["-", "genesys-8x.lic", "--in-place"], "--in-place"),
    (["genesys-7x.lic", "genesys-8x.lic", "--check", "--today", "2025-13-45"], "2025-13-45"),
    (["genesys-7x.lic", "--check"], "NEW"),
])
def test_cli_usage_errors_exit_2(work, args, message):
    before = listing(work)
    res = run("merge", *args)
    assert res.exit_code == 2, (res.exit_code, res.stdout, res.stderr)
    assert message in res.stderr
    assert listing(work) == before


def test_cli_unwritable_output_is_exit_2_with_a_message(work):
    res = RUNNER.invoke(app, ["merge", "genesys-7x.lic", "genesys-8x.lic",
                              "-o", "no/such/dir/out.lic"], prog_name="lictool")
    assert isinstance(res.exception, SystemExit) and res.exit_code == 2, (
        f"an output that cannot be written is bad usage (exit 2, a message), got exit "
        f"{res.exit_code} and {res.exception!r}" + NOTE)
    assert "no/such/dir/out.lic" in res.stderr


def test_cli_drop_options(work):
    (work / "n.lic").write_text(EDA_ADD)
    res = run("merge", "eda-suite.lic", "n.lic", "-o", "-", "--drop-expired", "--today",
              "2025-06-01", "--format", "json")
    assert res.exit_code == 0, res.stderr
    doc = json.loads(res.stderr)
    dropped = [rec for rec in doc["records"] if rec["action"] == "dropped"
               and rec["file"] == "eda-suite.lic"]
    assert [(d["line"], d["kind"], d["name"]) for d in dropped] == [(33, "INCREMENT", "mesher")]
    assert "expired" in dropped[0]["reason"]
    assert b"31-dec-2024" not in res.stdout_bytes
    res = run("merge", "eda-suite.lic", "n.lic", "-o", "-", "--drop-superseded", "--today",
              "2024-06-01")
    assert res.exit_code == 0
    assert b"31-dec-2024" not in res.stdout_bytes
    assert "eda-suite.lic:33: dropped INCREMENT mesher: superseded" in res.stderr
    res = run("merge", "eda-suite.lic", "n.lic", "-o", "-", "--today", "2025-06-01")
    assert b"INCREMENT mesher acmed 2.0 31-dec-2024" in res.stdout_bytes
    assert "(expired)" in res.stderr


# --------------------------------------------------------------------------------------------
# 3. properties (hypothesis)
# --------------------------------------------------------------------------------------------

SETTINGS = dict(deadline=None, database=None, max_examples=150,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

NAMES = ["tserver_sdn", "cti_ha_option", "GIS", "ISDK_QUEUE"]
VENDORS = ["genesys.d", "genesys.d", "genesys.d", "acmed"]
VERSIONS = ["7.6", "8.0", "8.1"]
EXPIRIES = ["permanent", "31-dec-2027", "1-jan-0", "15-mar-2024"]    # the last one has expired
ISSUED = ["14-mar-2009", "21-jun-2013", "1-jan-2024"]
NOTICES = ["Main site", "Seasonal expansion"]
GROUPS = ["C62A", "D7C1", "2AF4", "8B9F", "0e00", "EED1"]
COMMENTS = ["# T-Server", "# --- GIS ---", "#", "# renewal 2013", "# Node-locked",
            # suppressions hide warnings; they must not change what --drop-* removes
            "# lictool: disable=expired", "# lictool: disable-next-line=superseded",
            "# lictool: disable=all", "# lictool: enable=all"]
SEPS = [" ", " ", "  ", "\t", " \\\n  ", " \\\n\t", "\t\\\n        "]


@dataclasses.dataclass(frozen=True)
class Spec:
    """One logical feature record; rendered with a random layout."""

    kind: str
    name: str
    vendor: str
    positional: Tuple[str, ...]                    # after "KIND name vendor"
    attrs: Tuple[Tuple[str, Optional[str]], ...]   # (keyword, value); value None: a flag
    sign: Tuple[str, ...]


@st.composite
def specs(draw) -> Spec:
    kind = draw(st.sampled_from(["FEATURE", "FEATURE", "INCREMENT", "INCREMENT", "UPGRADE",
                                 "PACKAGE"]))
    name = draw(st.sampled_from(NAMES))
    vendor = draw(st.sampled_from(VENDORS))
    version = draw(st.sampled_from(VERSIONS))
    sign = tuple(draw(st.lists(st.sampled_from(GROUPS), min_size=1, max_size=4)))
    if kind == "PACKAGE":
        comps = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=2, unique=True))
        return Spec(kind, name, vendor, (version,), (("COMPONENTS", " ".join(comps)),), sign)
    expiry = draw(st.sampled_from(EXPIRIES))
    uncounted = draw(st.booleans()) and kind != "UPGRADE" and draw(st.booleans())
    count = "uncounted" if uncounted else str(draw(st.integers(1, 5)))
    positional = (version, expiry, count)
    if kind == "UPGRADE":
        positional = (draw(st.sampled_from(["7.6", "8.0"])), "8.1", expiry, count)
    attrs: List[Tuple[str, Optional[str]]] = []
    if uncounted:
        attrs.append(("HOSTID", "0019B9A0B0C1"))
    if draw(st.booleans()):
        attrs.append(("ISSUED", draw(st.sampled_from(ISSUED))))
    if kind == "INCREMENT" and draw(st.integers(0, 3)) == 0:
        attrs.append(("SUPERSEDE", None))
    if draw(st.booleans()):
        attrs.append(("SN", f"GL81-{draw(st.integers(1, 3))}"))
    if draw(st.booleans()):
        attrs.append(("NOTICE", draw(st.sampled_from(NOTICES))))
    return Spec(kind, name, vendor, positional, tuple(attrs), sign)


def any_case(word: str):
    return st.sampled_from(sorted({word.upper(), word.lower(), word.title()}))


@st.composite
def render(draw, spec: Spec) -> str:
    """The record in a random layout: keyword case, spacing, continuations, quoting, SIGN
    spacing and case. Every rendering of one Spec is the same record apart from layout."""
    toks = [draw(any_case(spec.kind)), spec.name, spec.vendor, *spec.positional]
    for key, value in spec.attrs:
        k = draw(any_case(key))
        if value is None:
            toks.append(k)
        elif " " in value:
            toks.append(f'{k}="{value}"')
        else:
            toks.append(f'{k}="{value}"' if draw(st.booleans()) else f"{k}={value}")
    groups = [g.upper() if draw(st.booleans()) else g.lower() for g in spec.sign]
    inner = groups[0]
    for g in groups[1:]:
        inner += draw(st.sampled_from([" ", "", "  ", " \\\n\t"])) + g
    sign_kw = draw(any_case("SIGN"))
    if " " not in inner and "\\" not in inner and draw(st.booleans()):
        toks.append(f"{sign_kw}={inner}")
    else:
        toks.append(f'{sign_kw}="{inner}"')
    out = toks[0]
    for tok in toks[1:]:
        out += draw(st.sampled_from(SEPS)) + tok
    return out + draw(st.sampled_from(["", "", " ", "\t"]))


@dataclasses.dataclass(frozen=True)
class Plan:
    """What a file holds, apart from layout: its header and its body items."""

    triad: bool
    vendor_line: str                 # EXISTING's usual spelling of the genesys.d line
    second_vendor: Optional[str]     # a VENDOR acmed line, or None
    use_server: bool
    lead_comment: Optional[str]
    items: Tuple[Tuple[str, Any], ...]   # ("rec", Spec) | ("comment", text) | ("blank", "")


@st.composite
def header(draw, plan: Plan) -> List[str]:
    """The SERVER/VENDOR header, with editable (host, port, VENDOR path/port) and layout-only
    (hostid case) variations."""
    ids = TRIAD_HOSTIDS if plan.triad else TRIAD_HOSTIDS[:1]
    lines = []
    for i, hid in enumerate(ids):
        hid = hid if draw(st.integers(0, 3)) else hid.lower()
        host = draw(st.sampled_from([f"lic0{i + 1}", f"lic0{i + 1}", f"LIC0{i + 1}.example.com"]))
        port = draw(st.sampled_from(["7260", "7260", "27000", ""]))
        lines.append(f"SERVER {host} {hid}" + (f" {port}" if port else ""))
    lines.append(plan.vendor_line if draw(st.integers(0, 3)) else
                 draw(st.sampled_from(["VENDOR genesys.d", "DAEMON genesys.d /opt/g/genesys.d",
                                       "VENDOR genesys.d /opt/g/genesys.d PORT=7261"])))
    if plan.second_vendor:
        lines.append(plan.second_vendor)
    if plan.use_server:
        lines.append(draw(any_case("USE_SERVER")))
    return lines


@st.composite
def render_file(draw, plan: Plan) -> str:
    """A license file of ``plan`` in a random layout (and LF or CRLF newlines)."""
    lines = [plan.lead_comment] if plan.lead_comment else []
    lines += draw(header(plan))
    for what, value in plan.items:
        lines.append(draw(render(value)) if what == "rec" else value)
    nl = "\r\n" if draw(st.integers(0, 4)) == 0 else "\n"
    nl_at_end = draw(st.integers(0, 5)) > 0
    return nl.join(ln.replace("\n", nl) for ln in lines) + (nl if nl_at_end else "")


@st.composite
def plans(draw, pool: List[Spec], triad_: bool, vendor_line: str) -> Plan:
    items = draw(st.lists(st.one_of(
        st.sampled_from(pool).map(lambda spec: ("rec", spec)),
        st.sampled_from(pool).map(lambda spec: ("rec", spec)),
        st.sampled_from(COMMENTS).map(lambda c: ("comment", c)),
        st.just(("blank", ""))), max_size=10))
    second = draw(st.sampled_from([None, None, "VENDOR acmed", "VENDOR acmed /opt/acme/acmed"]))
    lead = draw(st.one_of(st.none(), st.sampled_from(COMMENTS)))
    return Plan(triad_, vendor_line, second, draw(st.integers(0, 3)) == 0, lead, tuple(items))


@st.composite
def shared(draw) -> Tuple[List[Spec], bool, str]:
    pool = draw(st.lists(specs(), min_size=1, max_size=8))
    triad_ = draw(st.integers(0, 4)) == 0
    vendor_line = draw(st.sampled_from(["VENDOR genesys.d", "DAEMON genesys.d /opt/g/genesys.d"]))
    return pool, triad_, vendor_line


@st.composite
def license_files(draw, n: int = 2) -> List[str]:
    """``n`` license-file texts for one license server, drawing feature records from a shared
    pool (so exact, layout-only and near duplicates, and same-name lines, happen)."""
    pool, triad_, vendor_line = draw(shared())
    return [draw(render_file(draw(plans(pool, triad_, vendor_line)))) for _ in range(n)]


@st.composite
def relaid_pair(draw) -> Tuple[str, str]:
    """One file's content in two random layouts (the second may also differ in host names,
    ports, VENDOR path/port, hostid case and newlines: everything but content)."""
    pool, triad_, vendor_line = draw(shared())
    plan = draw(plans(pool, triad_, vendor_line))
    return draw(render_file(plan)), draw(render_file(plan))


def P(text_: str, path: str):
    lf = lictool.parse(text_, path)
    assert not lf.errors, f"the strategy made a bad license file ({lf.errors}):\n{text_}"
    return lf


def assert_accounted(inputs, merged, report) -> None:
    """Nothing lost: every input record has exactly one decision; a dropped one has a reason;
    a kept/added one is in the merged file (the same record apart from layout)."""
    out_ids = Counter(layout_key(r) for r in merged.records if r.kind not in ("COMMENT", "BLANK"))
    out_comments = Counter(r.text for r in merged.records if r.kind == "COMMENT")
    decisions: Dict[Tuple[str, int, str], Any] = {}
    for d in report.decisions:
        assert d.action in ACTIONS, d
        key = (d.file, d.line, d.kind)
        assert key not in decisions, f"two decisions for {key}"
        decisions[key] = d
    for lf in inputs:
        for rec in lf.records:
            d = decisions.pop((lf.path, rec.line, rec.kind), None)
            assert d is not None, f"{lf.path}:{rec.line} {rec.kind} is not in the report"
            if d.action == "dropped":
                assert d.reason, f"{d} has no reason"
            elif rec.kind == "COMMENT":
                assert out_comments[rec.text], f"{d} but the comment is not in the output"
            elif rec.kind != "BLANK":
                assert out_ids[layout_key(rec)], f"{d} but the record is not in the output"
    assert not decisions, f"decisions for records that do not exist: {list(decisions)}"


@settings(**SETTINGS)
@given(files=license_files(), drop_expired=st.booleans(), drop_superseded=st.booleans())
def test_property_nothing_lost(files, drop_expired, drop_superseded):
    a, b = P(files[0], "A.lic"), P(files[1], "B.lic")
    m, r = merge(a, b, drop_expired=drop_expired, drop_superseded=drop_superseded)
    if not r.compatible:        # only the editable parts vary: the files are always compatible
        pytest.fail(f"refused: {r.refusals}")
    assert_accounted([a, b], m, r)
    # the merged text reads back without a syntax error, in EXISTING's newline style only
    again = lictool.parse(text(m), "merged")
    assert not again.errors, again.errors
    if "\r\n" in files[0]:
        assert text(m).count("\n") == text(m).count("\r\n")
    else:
        assert "\r" not in text(m)
    # nothing invented, exact duplicates once: every output record comes from an input, and a
    # record appears at most as often as in EXISTING (whose own duplicates stay), else once
    def ids(lf):
        return Counter(layout_key(rec) for rec in lf.records if rec.kind not in ("COMMENT", "BLANK"))

    ins, in_a = ids(a) + ids(b), ids(a)
    for key, n in ids(m).items():
        assert key in ins, f"{key} is in no input"
        assert n <= max(in_a[key], 1), f"{key} is {n} times in the output, {in_a[key]} in A"


@settings(**SETTINGS)
@given(files=license_files(n=1))
def test_property_merge_a_a_is_a(files):
    a = P(files[0], "A.lic")
    m, r = merge(a, P(files[0], "A.lic"))
    assert text(m) == files[0]
    assert r.count("added") == 0


@settings(**SETTINGS)
@given(pair=relaid_pair())
def test_property_merge_a_with_a_relaid_copy_is_a(pair):
    """A NEW file that is EXISTING in another layout (continuations, spacing, quoting, keyword
    case, SIGN spacing and case, newlines; editable host/port/VENDOR differences) adds nothing:
    every record is an exact duplicate, so the merged file is EXISTING byte for byte."""
    a, b = P(pair[0], "A.lic"), P(pair[1], "B.lic")
    m, r = merge(a, b)
    assert r.compatible, r.refusals
    assert text(m) == pair[0]
    assert r.count("added") == 0
    assert all(d.reason for d in r.decisions if d.action == "dropped")


@settings(**SETTINGS)
@given(files=license_files(), drop_expired=st.booleans(), drop_superseded=st.booleans())
def test_property_merging_again_changes_nothing(files, drop_expired, drop_superseded):
    a, b = P(files[0], "A.lic"), P(files[1], "B.lic")
    opts = dict(drop_expired=drop_expired, drop_superseded=drop_superseded)
    m1, r1 = merge(a, b, **opts)
    m2, r2 = merge(m1, b, **opts)
    assert text(m2) == text(m1)
    # also through the text, as the command would read the merged file back
    m3, r3 = merge(P(text(m1), "A.lic"), b, **opts)
    assert text(m3) == text(m1)
    assert r3.count("added") == 0


@settings(**SETTINGS)
@given(files=license_files(n=3), drop=st.booleans())
def test_property_deterministic(files, drop):
    def once():
        lfs = [P(t, f"F{i}.lic") for i, t in enumerate(files)]
        m, r = merge(*lfs, drop_expired=drop, drop_superseded=drop)
        return text(m), r.as_dict()

    assert once() == once()


@settings(**SETTINGS)
@given(files=license_files(), drop_expired=st.booleans(), drop_superseded=st.booleans())
def test_property_warnings_describe_the_written_file(files, drop_expired, drop_superseded):
    """Every warning is about a record of the file that is written, at its line there; no
    warning is about a record that was dropped."""
    a, b = P(files[0], "A.lic"), P(files[1], "B.lic")
    m, r = merge(a, b, drop_expired=drop_expired, drop_superseded=drop_superseded)
    again = lictool.parse(text(m), "merged")
    lines = {ln for rec in again.records for ln in range(rec.line, rec.end_line + 1)}
    dropped = {(d.file, d.line) for d in r.decisions if d.action == "dropped"}
    for w in r.warnings:
        assert w.merged_line in lines, (w, text(m))
        assert (w.file, w.line) not in dropped, w
        if drop_expired:
            assert w.rule != "expired", w
