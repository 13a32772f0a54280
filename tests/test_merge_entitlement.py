"""``lictool merge``, by the engine (issue 12 item 5).

The contract: a new FEATURE line of a feature that EXISTING has INCREMENT lines of is placed
right above the first of them (under its own marker comment), so what it adds is served and the
merged file gets no ``feature-after-increment`` warning the inputs did not have. The report
shows the entitlement before (EXISTING alone) and after (the file that is written) per pool, and
every loss: a feature line that serves in its own input file alone and serves nothing in the
merged file, or fewer seats / an earlier last expiry for a checkout of a version of an input's
pools. Each loss is a conflict (rule ``entitlement-loss``), so ``--strict`` fails on it; lines
``--drop-*`` removes and exact duplicates are not losses.

Lint rule messages are being reworded elsewhere: the tests assert on rule names, lines and
counts, never on a lint message. Expected values come from the license text and the contract.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections import Counter
from pathlib import Path
from typing import Any, Dict, List, Set, Tuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lictool
import lictool.merge_entitlement as merge_entitlement
from lictool.entitlement import LOWER_FIRST, Options, entitlement
from lictool.layout import layout_key
from lictool.lint.config import parse_config
from lictool.lint.engine import lint
from entry import run_cli
from test_merge import parse, text

TODAY = _dt.date(2026, 6, 1)
SOON = "30-jun-2026"                 # 29 days after TODAY
LOSS = "entitlement-loss"
HEAD = "SERVER lic01 0019B9A0B0C0 7260\nVENDOR genesys.d /opt/genesys/flexlm/genesys.d\n"
ACME_HEAD = "SERVER build7 00163E5F2A10 27000\nVENDOR acmed /opt/acme/acmed\n"
PLACED = "# ---- merged by lictool from {}: above the INCREMENT lines of {} ----"
NOTE = (" (the merger did this; the contract says otherwise: a bug in lictool/merger.py or "
        "lictool/merge_entitlement.py)")


def sig(n: int) -> str:
    return f'SIGN="{n:04X} C62A D7C1 2AF4 8B9F DB06"'


def line(kind: str, name: str, version: str, expiry: str, count: str, n: int,
         vendor: str = "genesys.d", extra: str = "") -> str:
    more = f" {extra}" if extra else ""
    return f"{kind} {name} {vendor} {version} {expiry} {count}{more} {sig(n)}\n"


def merge(existing, *new, **kw):
    kw.setdefault("today", TODAY)
    return lictool.merge(existing, *new, **kw)


def losses(report) -> List[Any]:
    return [c for c in report.conflicts if c.rule == LOSS]


def fai(lf, path: str = "merged") -> List[Any]:
    """The feature-after-increment findings of a file (by rule name only)."""
    found = lint(lf, path, parse_config({"select": ["feature-after-increment"]}), TODAY)
    return [f for f in found if f.rule == "feature-after-increment"]


def record_at(lf, ln: int):
    hits = [r for r in lf.records if r.line <= ln <= r.end_line]
    assert len(hits) == 1
    return hits[0]


# the issue's example: 500 seats expiring in 29 days, 12000 permanent ones arrive
EX_A = (HEAD + "\n# T-Server, renewal\n"
        + line("INCREMENT", "tserver_sdn", "8.1", SOON, "500", 1, extra="ISSUED=2-jan-2026")
        + line("FEATURE", "GIS", "8.1", "permanent", "2", 2, extra="ISSUED=2-jan-2026"))
NEW_A = ("# Order 8100-260520\n" + HEAD
         + line("FEATURE", "tserver_sdn", "8.1", "permanent", "12000", 3,
                extra="ISSUED=20-may-2026")
         + line("FEATURE", "ISDK_QUEUE", "8.1", "permanent", "4", 4, extra="ISSUED=20-may-2026"))

# a 7.6 FEATURE line and a new 8.1 FEATURE line of the same feature: only one is served
EX_B = HEAD + line("FEATURE", "tserver_sdn", "7.6", "permanent", "400", 5,
                   extra="ISSUED=14-mar-2009")
NEW_B = HEAD + line("FEATURE", "tserver_sdn", "8.1", "permanent", "600", 6,
                    extra="ISSUED=21-jun-2013")

# a non-Genesys vendor: a new line that supersedes an existing one
EX_C = (ACME_HEAD + line("FEATURE", "mesher", "2.0", "permanent", "10", 7, "acmed",
                         "ISSUED=1-jan-2020")
        + line("FEATURE", "solver", "2.0", "permanent", "5", 8, "acmed", "ISSUED=1-jan-2020"))
NEW_C = ACME_HEAD + line("FEATURE", "mesher_pro", "3.0", "permanent", "4", 9, "acmed",
                         'ISSUED=1-jan-2026 SUPERSEDE="mesher"')

# an expired line in EXISTING
EX_D = (HEAD + line("FEATURE", "GIS", "8.1", "permanent", "2", 10, extra="ISSUED=2-jan-2024")
        + line("INCREMENT", "GIS", "8.1", "31-dec-2025", "3", 11, extra="ISSUED=2-jan-2024"))
NEW_D = HEAD + line("FEATURE", "ISDK_QUEUE", "8.1", "permanent", "4", 12, extra="ISSUED=1-jan-2026")


# --------------------------------------------------------------------------------------------
# (a) placement: the new FEATURE line above the INCREMENT lines; the entitlement grows
# --------------------------------------------------------------------------------------------

def test_new_feature_is_placed_above_the_existing_increment_and_is_served():
    e, n = parse(EX_A, "E.lic"), parse(NEW_A, "N.lic")
    assert fai(e) == [] and fai(n) == []
    m, r = merge(e, n)
    out = text(m)
    recs = m.records
    inc = [i for i, x in enumerate(recs) if x.kind == "INCREMENT"]
    feat = [i for i, x in enumerate(recs) if x.kind == "FEATURE" and x.name == "tserver_sdn"]
    assert len(inc) == 1 and len(feat) == 1
    assert feat[0] < inc[0], "the new FEATURE line is not above the INCREMENT line" + NOTE
    # right above the INCREMENT line's comment, under its own marker
    assert recs[feat[0] - 1].kind == "COMMENT"
    assert recs[feat[0] - 1].text == PLACED.format("N.lic", "tserver_sdn")
    assert recs[feat[0] + 1].text == "# T-Server, renewal" and feat[0] + 2 == inc[0]
    # the other new line stays in the new file's section, after EXISTING
    assert "# ---- merged by lictool from N.lic ----" in out
    section = out.index("# ---- merged by lictool from N.lic ----")
    assert out.index("FEATURE ISDK_QUEUE") > section > out.index("FEATURE GIS ")
    assert out.index("# Order 8100-260520") > section
    # EXISTING's records keep their bytes and order
    it = iter(x.raw for x in recs)
    assert all(any(y.raw == x for x in it) for y in e.records)
    # no feature-after-increment warning, in the report or in the file
    assert fai(m) == []
    assert not [w for w in r.warnings if w.rule == "feature-after-increment"]
    # the decision says where the line went; its merged line is where it is
    d = [d for d in r.decisions if d.file == "N.lic" and d.name == "tserver_sdn"]
    assert len(d) == 1 and d[0].action == "added" and "INCREMENT" in d[0].reason
    # the entitlement: +12000 seats of tserver_sdn 8.1, nothing lost
    assert not losses(r) and not r.conflicts
    ent = r.entitlement
    assert ent.before.seats("genesys.d", "tserver_sdn", "8.1") == 500
    assert ent.after.seats("genesys.d", "tserver_sdn", "8.1") == 12500
    lines = ent.change_lines()
    tsdn = [x for x in lines if x.startswith("genesys.d tserver_sdn 8.1:")]
    assert len(tsdn) == 1 and "+12000 seats" in tsdn[0], lines
    assert any(x.startswith("genesys.d ISDK_QUEUE 8.1: +4 seats") for x in lines), lines


def test_placement_keeps_the_merge_guarantees():
    e, n = parse(EX_A, "E.lic"), parse(NEW_A, "N.lic")
    m, r = merge(e, n)
    # every input record accounted for, once
    got = Counter((d.file, d.line, d.kind) for d in r.decisions)
    assert got == Counter((lf.path, x.line, x.kind) for lf in (e, n) for x in lf.records)
    # merging again with the same NEW changes nothing: the placed line is an exact duplicate
    m2, r2 = merge(parse(text(m), "E.lic"), n)
    assert text(m2) == text(m) and r2.count("added") == 0 and not losses(r2)
    # merge(A, A) is A
    m3, _ = merge(parse(EX_A, "E.lic"), parse(EX_A, "E.lic"))
    assert text(m3) == EX_A
    # the report's merged lines are lines of the written file
    again = parse(text(m), "merged")
    for w in r.warnings:
        assert record_at(again, w.merged_line) is not None


def test_a_placed_feature_that_is_dropped_takes_its_marker_and_comments_along():
    e = parse(EX_A, "E.lic")
    n = parse(HEAD + "# expired in May\n"
              + line("FEATURE", "tserver_sdn", "8.1", "15-may-2026", "100", 20,
                     extra="ISSUED=1-jan-2026")
              + line("FEATURE", "ISDK_QUEUE", "8.1", "permanent", "4", 4), "N.lic")
    m, r = merge(e, n, drop_expired=True)
    out = text(m)
    assert "above the INCREMENT lines" not in out and "# expired in May" not in out
    assert "ISDK_QUEUE" in out
    d = {(x.line, x.kind): x for x in r.decisions if x.file == "N.lic"}
    assert d[(3, "COMMENT")].action == "dropped" and d[(4, "FEATURE")].action == "dropped"
    m2, _ = merge(parse(out, "E.lic"), n, drop_expired=True)
    assert text(m2) == out


def test_a_feature_of_a_second_new_file_goes_above_the_increment_of_the_first():
    e = parse(HEAD + line("FEATURE", "GIS", "8.1", "permanent", "2", 30), "E.lic")
    n1 = parse(HEAD + line("INCREMENT", "ivr_port", "8.1", "permanent", "30", 31), "N1.lic")
    n2 = parse(HEAD + line("FEATURE", "ivr_port", "8.1", "permanent", "10", 32), "N2.lic")
    m, r = merge(e, n1, n2)
    assert fai(m) == []
    kinds = [(x.kind, getattr(x, "name", None)) for x in m.records if x.kind != "BLANK"]
    assert kinds.index(("FEATURE", "ivr_port")) < kinds.index(("INCREMENT", "ivr_port"))
    assert PLACED.format("N2.lic", "ivr_port") in text(m)
    assert not losses(r)
    assert r.entitlement.after.seats("genesys.d", "ivr_port", "8.1") == 40


def test_a_feature_after_an_increment_of_its_own_file_moves_above_it_in_its_section():
    # a new file without a VENDOR line: its counted lines serve nothing alone (so the linter
    # says nothing about their order there) and are served from EXISTING's VENDOR line
    e = parse(HEAD + line("FEATURE", "GIS", "8.1", "permanent", "2", 50), "E.lic")
    n = parse("SERVER lic01 0019B9A0B0C0 7260\n# more ports\n"
              + line("INCREMENT", "ivr_port", "8.1", "permanent", "30", 51)
              + "# the base licence\n"
              + line("FEATURE", "ivr_port", "8.1", "permanent", "10", 52), "N.lic")
    m, r = merge(e, n)
    assert fai(m) == [], text(m)
    body = text(m).split("# ---- merged by lictool from N.lic ----\n")[1].splitlines()
    assert [ln.split(" SIGN")[0] for ln in body] == [
        "# the base licence", "FEATURE ivr_port genesys.d 8.1 permanent 10",
        "# more ports", "INCREMENT ivr_port genesys.d 8.1 permanent 30"]
    assert r.entitlement.after.seats("genesys.d", "ivr_port", "8.1") == 40
    assert not losses(r)
    m2, _ = merge(parse(text(m), "E.lic"), n)
    assert text(m2) == text(m)


def test_no_change_reads_unchanged_and_a_refused_merge_has_no_entitlement(tmp_path,
                                                                          monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.lic").write_text(EX_A)
    res = run("merge", "a.lic", "a.lic", "--check", "--today", TODAY)
    assert res.exit_code == 0
    assert "entitlement: unchanged" in res.stdout.splitlines()
    assert "lost: nothing" in res.stdout.splitlines()
    (tmp_path / "other.lic").write_text(ACME_HEAD)
    res = run("merge", "a.lic", "other.lic", "--check", "--format", "json")
    assert res.exit_code == 1
    assert json.loads(res.stdout)["entitlement"] is None


# --------------------------------------------------------------------------------------------
# (b) a FEATURE line that another FEATURE line of its feature makes unservable is a loss
# --------------------------------------------------------------------------------------------

def test_a_7x_feature_line_ignored_after_the_merge_is_a_loss_conflict():
    e, n = parse(EX_B, "E.lic"), parse(NEW_B, "N.lic")
    m, r = merge(e, n)
    lost = losses(r)
    assert len(lost) == 1, r.conflicts
    p = lost[0]
    assert (p.file, p.line) == ("E.lic", 3)
    again = parse(text(m), "merged")
    rec = record_at(again, p.merged_line)
    assert (rec.kind, rec.name, rec.version.text) == ("FEATURE", "tserver_sdn", "7.6")
    assert "400 seats" in p.message and "E.lic" in p.message
    assert "version sort" in p.message      # higher-first serves 8.1, lower-first 7.6
    x = r.entitlement.losses[0]
    assert (x.what, x.reason, x.seats_before, x.depends_on) == \
        ("line", "ignored-feature", 400, "version-sort")
    doc = r.as_dict()["entitlement"]
    assert [(d["file"], d["line"], d["seats"]) for d in doc["lost"]] == [("E.lic", 3, 400)]


def test_the_version_sort_option_decides_which_line_is_lost():
    e, n = parse(EX_B, "E.lic"), parse(NEW_B, "N.lic")
    _, r = merge(e, n, options=Options(version_sort=LOWER_FIRST))
    lost = [(p.file, p.line) for p in losses(r)]
    assert ("N.lic", 3) in lost and ("E.lic", 3) not in lost, r.conflicts
    assert r.entitlement.after.options.version_sort == LOWER_FIRST


def test_a_reissue_with_fewer_seats_loses_seats():
    e = parse(HEAD + line("FEATURE", "GIS", "8.1", "permanent", "10", 40,
                          extra="ISSUED=1-jan-2020"), "E.lic")
    n = parse(HEAD + line("FEATURE", "GIS", "8.1", "permanent", "8", 41,
                          extra="ISSUED=1-jan-2026"), "N.lic")
    _, r = merge(e, n)
    kinds = sorted(x.what for x in r.entitlement.losses)
    assert kinds == ["line", "seats"]
    seat = [x for x in r.entitlement.losses if x.what == "seats"][0]
    assert (seat.file, seat.seats_before, seat.seats_after) == ("E.lic", 10, 8)


# --------------------------------------------------------------------------------------------
# (c) SUPERSEDE; (d) --drop-* is not a loss
# --------------------------------------------------------------------------------------------

def test_a_new_supersede_line_that_voids_an_existing_line_is_a_loss():
    e, n = parse(EX_C, "E.lic"), parse(NEW_C, "N.lic")
    m, r = merge(e, n)
    lost = r.entitlement.losses
    line_loss = [x for x in lost if x.what == "line"]
    assert [(x.file, x.line, x.feature, x.reason) for x in line_loss] == \
        [("E.lic", 3, "mesher", "superseded")]
    assert "10 seats" in line_loss[0].message
    seat = [x for x in lost if x.what == "seats"]
    assert [(x.feature, x.seats_before, x.seats_after) for x in seat] == [("mesher", 10, 0)]
    assert all(p.rule == LOSS for p in r.conflicts) and len(r.conflicts) == len(lost)
    # solver is untouched
    assert not [x for x in lost if x.feature == "solver"]


def test_drop_superseded_removes_the_line_on_purpose_no_loss():
    e, n = parse(EX_C, "E.lic"), parse(NEW_C, "N.lic")
    m, r = merge(e, n, drop_superseded=True)
    assert "FEATURE mesher acmed" not in text(m)
    assert not losses(r), r.conflicts
    d = [x for x in r.decisions if x.file == "E.lic" and x.line == 3][0]
    assert d.action == "dropped"


def test_drop_expired_removing_an_expired_line_is_not_a_loss():
    e, n = parse(EX_D, "E.lic"), parse(NEW_D, "N.lic")
    m, r = merge(e, n, drop_expired=True)
    assert "31-dec-2025" not in text(m)
    d = [x for x in r.decisions if x.file == "E.lic" and x.line == 4][0]
    assert (d.kind, d.action) == ("INCREMENT", "dropped")
    assert not losses(r) and r.entitlement.losses == ()
    assert r.as_dict()["entitlement"]["lost"] == []


def test_an_exact_duplicate_is_not_a_loss():
    e = parse(EX_B, "E.lic")
    n = parse(EX_B.replace(" ISSUED", "  ISSUED"), "N.lic")     # the same record, relaid
    m, r = merge(e, n)
    assert text(m) == EX_B and not losses(r)
    assert r.entitlement.changes == ()


def test_the_merge_computes_two_plus_one_per_new_file_entitlements(monkeypatch):
    calls = []
    real = merge_entitlement.entitlement

    def counted(*args, **kw):
        calls.append(args)
        return real(*args, **kw)

    monkeypatch.setattr(merge_entitlement, "entitlement", counted)
    e = parse(EX_A, "E.lic")
    merge(e, parse(NEW_A, "N1.lic"), parse(NEW_B, "N2.lic"), drop_expired=True)
    assert len(calls) == 2 + 2


# --------------------------------------------------------------------------------------------
# (e) properties
# --------------------------------------------------------------------------------------------

PROPS = dict(deadline=None, database=None, max_examples=120,
             suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
NAMES = ["tserver_sdn", "GIS", "ivr_port"]
EXPIRIES = ["permanent", "permanent", SOON, "31-dec-2027"]
ISSUED = [None, "1-jan-2020", "1-jan-2026"]


@st.composite
def feature_lines(draw, tag: int) -> str:
    kind = draw(st.sampled_from(["FEATURE", "FEATURE", "INCREMENT", "INCREMENT", "UPGRADE"]))
    name = draw(st.sampled_from(NAMES))
    vendor = draw(st.sampled_from(["genesys.d", "genesys.d", "genesys.d", "acmed"]))
    version = draw(st.sampled_from(["7.6", "8.1"]))
    expiry = draw(st.sampled_from(EXPIRIES))
    count = draw(st.sampled_from(["1", "5", "20", "400"]))
    extra = []
    issued = draw(st.sampled_from(ISSUED))
    if issued:
        extra.append(f"ISSUED={issued}")
        if draw(st.integers(0, 5)) == 0:
            extra.append("SUPERSEDE")
    if kind == "UPGRADE":
        version = "7.6 8.1"
    return line(kind, name, version, expiry, count, draw(st.integers(0, 3)) * 100 + tag,
                vendor, " ".join(extra))


@st.composite
def license_text(draw, tag: int) -> str:
    """A license file for lic01: its SERVER line, usually the VENDOR line of genesys.d (a new
    file without one relies on EXISTING's), sometimes one of acmed, and a few feature lines of
    2-3 features (7.6 and 8.1, counts, permanent or future dates), comments and blank lines."""
    head = "SERVER lic01 0019B9A0B0C0 7260\n"
    if draw(st.integers(0, 4)) or tag == 1:
        head += "VENDOR genesys.d /opt/genesys/flexlm/genesys.d\n"
    if draw(st.integers(0, 2)) == 0:
        head += "VENDOR acmed /opt/acme/acmed\n"
    body = draw(st.lists(st.one_of(feature_lines(tag), feature_lines(tag),
                                   st.just("# note\n"), st.just("\n")), max_size=7))
    return head + "".join(body)


def increment_layout(lf) -> Set[Any]:
    """The FEATURE records of a file that come after an INCREMENT line of their feature (the
    layout feature-after-increment is about, whether or not the rule reports it)."""
    seen: Set[Tuple[str, str]] = set()
    out: Set[Any] = set()
    for x in lf.records:
        if x.kind == "INCREMENT":
            seen.add((x.name, x.vendor))
        elif x.kind == "FEATURE" and (x.name, x.vendor) in seen:
            out.add(layout_key(x))
    return out


def pool_versions(ent) -> Set[Tuple[str, str, str]]:
    return {(p.vendor, p.feature, p.version) for p in ent.pools}


def check_no_silent_loss(inputs, m, r) -> None:
    """Every seat a checkout of a version of an input's pools could draw on, with that input
    alone, is there after the merge, or the report has a loss conflict for the feature."""
    written = parse(text(m), "merged")
    after = entitlement([written], TODAY)
    lost = {(p.file, p.line, p.message) for p in losses(r)}
    lost_features = {(x.vendor, x.feature) for x in r.entitlement.losses}
    assert len(lost) == len(losses(r)) == len(r.entitlement.losses)
    # a feature whose lines --drop-* removes loses what they served on purpose
    on_purpose = {d.name for d in r.decisions if d.action == "dropped" and d.reason
                  and ("(--drop-expired)" in d.reason or "(--drop-superseded)" in d.reason)}
    for lf in inputs:
        alone = entitlement([lf], TODAY)
        for vendor, feature, version in sorted(pool_versions(alone)):
            b = alone.seats(vendor, feature, version)
            a = after.seats(vendor, feature, version)
            fewer = a is not None and (b is None or a < b)
            if fewer and feature not in on_purpose:
                assert (vendor, feature) in lost_features, (
                    f"{feature} {version}: {b} seats with {lf.path} alone, {a} after the merge, "
                    f"and no {LOSS} conflict{NOTE}\n--- merged:\n{text(m)}")
    # and every line that serves alone, is in the merged file and serves nothing there is one.
    # Which input record a merged record is: the k-th copy of a record of EXISTING is its k-th
    # copy there (EXISTING keeps its duplicates; new copies are dropped); any other record is
    # the first copy in the first new file that has it
    def copies(lf) -> Dict[Any, List[bool]]:
        alone = entitlement([lf], TODAY)
        out: Dict[Any, List[bool]] = {}
        for x in lf.records:
            if x.kind in ("FEATURE", "INCREMENT"):
                out.setdefault(layout_key(x), []).append(
                    alone.why_unserved(lf.path, x.line) is None)
        return out

    served = [copies(lf) for lf in inputs]
    seen: Counter = Counter()
    unserved = {u.line: u for u in after.unserved}
    for x in written.records:
        if x.kind not in ("FEATURE", "INCREMENT"):
            continue
        key = layout_key(x)
        k = seen[key]
        seen[key] += 1
        u = unserved.get(x.line)
        if u is None:
            continue
        if key in served[0]:
            was = served[0][key][k]
        else:
            was = next(c[key][0] for c in served[1:] if key in c)
        if was:
            assert (u.vendor, u.feature) in lost_features, (
                f"line {x.line} served in its input alone and serves nothing after the merge "
                f"({u.reason}), and no {LOSS} conflict{NOTE}\n{text(m)}")


@settings(**PROPS)
@given(ex=license_text(1), new=license_text(2), drop=st.booleans())
def test_property_every_loss_is_a_conflict(ex, new, drop):
    e, n = parse(ex, "E.lic"), parse(new, "N.lic")
    m, r = merge(e, n, drop_expired=drop)
    assert r.compatible
    check_no_silent_loss([e, n], m, r)


@settings(**PROPS)
@given(ex=license_text(1), new=license_text(2), new2=license_text(3))
def test_property_every_loss_is_a_conflict_with_two_new_files(ex, new, new2):
    e, n, n2 = parse(ex, "E.lic"), parse(new, "N.lic"), parse(new2, "N2.lic")
    m, r = merge(e, n, n2)
    check_no_silent_loss([e, n, n2], m, r)


@settings(**PROPS)
@given(ex=license_text(1), new=license_text(2), new2=license_text(3))
def test_property_no_feature_after_increment_caused_by_the_merge(ex, new, new2):
    """No FEATURE line the merge adds comes after an INCREMENT line of its feature (it is placed
    above them: above EXISTING's, an earlier new file's, or its own file's); the only
    feature-after-increment warnings left are about EXISTING's own layout, whose records stay
    where they are."""
    files = [parse(ex, "E.lic"), parse(new, "N.lic"), parse(new2, "N2.lic")]
    m, r = merge(*files)
    assert r.compatible, r.refusals
    written = parse(text(m), "merged")
    assert increment_layout(written) <= increment_layout(files[0]), (
        f"a FEATURE line the merge added comes after an INCREMENT line of its feature{NOTE}\n"
        f"{text(m)}")
    had = increment_layout(files[0])
    for f in fai(written):
        assert layout_key(record_at(written, f.line)) in had, (
            f"line {f.line} of the merged file gets a feature-after-increment warning{NOTE}\n"
            f"{text(m)}")
    # the report's warnings of that rule are the same findings
    assert sorted(w.merged_line for w in r.warnings if w.rule == "feature-after-increment") \
        == sorted(f.line for f in fai(written))


@settings(**PROPS)
@given(ex=license_text(1), new=license_text(2), drop=st.booleans())
def test_property_placement_keeps_merging_again_a_no_op(ex, new, drop):
    e, n = parse(ex, "E.lic"), parse(new, "N.lic")
    m, r = merge(e, n, drop_expired=drop)
    m2, r2 = merge(parse(text(m), "E.lic"), n, drop_expired=drop)
    assert text(m2) == text(m)
    assert r2.count("added") == 0
    got = Counter((d.file, d.line, d.kind) for d in r.decisions)
    assert got == Counter((lf.path, x.line, x.kind) for lf in (e, n) for x in lf.records)


# --------------------------------------------------------------------------------------------
# the command
# --------------------------------------------------------------------------------------------

run = run_cli


@pytest.fixture
def work(tmp_path, monkeypatch) -> Path:
    for name, body in (("a.lic", EX_A), ("a-new.lic", NEW_A), ("b.lic", EX_B),
                       ("b-new.lic", NEW_B), ("d.lic", EX_D), ("d-new.lic", NEW_D)):
        (tmp_path / name).write_text(body)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_cli_issue_example_text_report_and_strict_exit_0(work):
    res = run("merge", "a.lic", "a-new.lic", "-o", "merged.lic", "--today", TODAY, "--strict")
    assert res.exit_code == 0, res.stdout + res.stderr
    out = res.stdout.splitlines()
    tsdn = [x for x in out if x.startswith("entitlement: genesys.d tserver_sdn 8.1:")]
    assert len(tsdn) == 1 and "+12000 seats" in tsdn[0], res.stdout
    assert "lost: nothing" in out
    assert out[-1].startswith("Merged into merged.lic")
    merged = lictool.load(work / "merged.lic")
    assert fai(merged) == []
    assert "feature-after-increment" not in res.stdout


def test_cli_loss_is_a_conflict_and_strict_exits_1(work):
    res = run("merge", "b.lic", "b-new.lic", "-o", "merged.lic", "--today", TODAY)
    assert res.exit_code == 0
    out = res.stdout.splitlines()
    assert "lost: nothing" not in out
    i = [k for k, x in enumerate(out) if x.startswith("lost")]
    assert len(i) == 1
    assert out[i[0] + 1].startswith("  b.lic:3: FEATURE tserver_sdn 7.6 (400 seats)")
    assert "merged.lic" in out[i[0] + 1]          # the line it loses to, in the written file
    assert "entitlement: genesys.d tserver_sdn 8.1: +600 seats (new)" in out
    assert "entitlement: genesys.d tserver_sdn 7.6: -400 seats (removed)" in out
    before = sorted(p.name for p in work.iterdir())
    res = run("merge", "b.lic", "b-new.lic", "-o", "other.lic", "--today", TODAY, "--strict")
    assert res.exit_code == 1 and "Refused with --strict" in res.stdout
    assert sorted(p.name for p in work.iterdir()) == before


def test_cli_json_entitlement_key(work):
    res = run("merge", "b.lic", "b-new.lic", "--check", "--format", "json", "--today", TODAY)
    assert res.exit_code == 0, res.stderr
    doc = json.loads(res.stdout)
    assert {"compatible", "refusals", "conflicts", "warnings", "records", "summary",
            "entitlement"} == set(doc)
    ent = doc["entitlement"]
    assert set(ent) == {"before", "after", "changes", "lost"}
    pool_keys = {"vendor", "feature", "version", "seats", "hostids", "expires",
                 "latest_expiry", "days_left", "package", "lines"}
    assert all(set(p) == pool_keys for p in ent["before"] + ent["after"])
    assert [(p["feature"], p["version"], p["seats"]) for p in ent["before"]] == \
        [("tserver_sdn", "7.6", 400)]
    assert [(p["feature"], p["version"], p["seats"]) for p in ent["after"]] == \
        [("tserver_sdn", "8.1", 600)]
    assert sorted((c["change"], c["version"]) for c in ent["changes"]) == \
        [("added", "8.1"), ("removed", "7.6")]
    assert [(x["file"], x["line"], x["what"], x["reason"], x["seats"]) for x in ent["lost"]] \
        == [("b.lic", 3, "line", "ignored-feature", 400)]
    conflicts = [c for c in doc["conflicts"] if c.get("rule") == LOSS]
    assert [(c["file"], c["line"]) for c in conflicts] == [("b.lic", 3)]


def test_cli_config_version_sort(work):
    (work / "lower.toml").write_text('version-sort = "lower-first"\n')
    res = run("merge", "b.lic", "b-new.lic", "--check", "--format", "json", "--today", TODAY,
              "--config", "lower.toml")
    assert res.exit_code == 0, res.stderr
    lost = json.loads(res.stdout)["entitlement"]["lost"]
    assert [(x["file"], x["line"]) for x in lost if x["what"] == "line"] == [("b-new.lic", 3)]
    # --version-sort overrides the configuration
    res = run("merge", "b.lic", "b-new.lic", "--check", "--format", "json", "--today", TODAY,
              "--config", "lower.toml", "--version-sort", "higher-first")
    lost = json.loads(res.stdout)["entitlement"]["lost"]
    assert [(x["file"], x["line"]) for x in lost if x["what"] == "line"] == [("b.lic", 3)]
    res = run("merge", "b.lic", "b-new.lic", "--check", "--format", "json", "--today", TODAY,
              "--version-sort", "lower-first")
    lost = json.loads(res.stdout)["entitlement"]["lost"]
    assert [(x["file"], x["line"]) for x in lost if x["what"] == "line"] == [("b-new.lic", 3)]


def test_cli_drop_expired_not_a_loss(work):
    res = run("merge", "d.lic", "d-new.lic", "-o", "-", "--drop-expired", "--today", TODAY,
              "--strict")
    assert res.exit_code == 0, res.stderr
    assert b"31-dec-2025" not in res.stdout_bytes
    assert "lost: nothing" in res.stderr.splitlines()
