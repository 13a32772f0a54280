"""The entitlement engine (issue 12, item 1): what the license server will serve, on files whose
answer is worked out by hand from FlexNet's documented rules (each test says which)."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lictool
from lictool.entitlement import HIGHER_FIRST, LOWER_FIRST, Options, entitlement
from lictool.format import format_file

TODAY = _dt.date(2026, 6, 1)
HEAD = "SERVER lic01 0019B9A0B0C0 27000\nVENDOR sampled /opt/sampled\n"


def ent(*texts, today=TODAY, **options):
    files = [lictool.parse(t, f"f{i + 1}.lic") for i, t in enumerate(texts)]
    return entitlement(files, today, Options(**options))


def served(e, feature="f1"):
    """[(version, seats)] of a feature's pools."""
    return [(p.version, p.seats) for p in e.pools if p.feature == feature]


def pools_without_lines(e):
    return [(p.vendor, p.feature, p.version, p.seats, p.hostids, p.expires, p.package)
            for p in e.pools]


def reasons(e):
    return {(u.path, u.line): u.reason for u in e.unserved}


# --------------------------------------------------------------------------------------------
# FEATURE first-wins, INCREMENT pools (LAG "FEATURE and INCREMENT Lines")
# --------------------------------------------------------------------------------------------

def test_only_the_first_counted_feature_line_is_processed():
    e = ent(HEAD + "FEATURE f1 sampled 1.0 permanent 5 SIGN=A\n"
                   "FEATURE f1 sampled 1.0 permanent 7 SIGN=B\n")
    assert served(e) == [("1.0", 5)]
    assert reasons(e) == {("f1.lic", 4): "ignored-feature"}
    assert "line 3" in e.unserved[0].message


def test_increment_lines_add_to_their_pool():
    e = ent(HEAD + "FEATURE f1 sampled 1.0 permanent 5 SIGN=A\n"
                   "INCREMENT f1 sampled 1.0 permanent 3 SIGN=B\n"
                   "INCREMENT f1 sampled 1.0 permanent 2 SIGN=C\n")
    assert served(e) == [("1.0", 10)]
    assert [ln.line for ln in e.pools[0].lines] == [3, 4, 5]


def test_pooling_attributes_make_separate_pools():
    e = ent(HEAD + "INCREMENT f1 sampled 1.0 permanent 3 DUP_GROUP=UH SIGN=A\n"
                   "INCREMENT f1 sampled 1.0 permanent 2 SIGN=B\n"
                   "INCREMENT f1 sampled 1.0 permanent 4 VENDOR_STRING=x SIGN=C\n")
    assert sorted(s for _, s in served(e)) == [3, 6]          # VENDOR_STRING does not pool
    e2 = ent(HEAD + "INCREMENT f1 sampled 1.0 permanent 2 SIGN=B\n"
                    "INCREMENT f1 sampled 1.0 permanent 4 VENDOR_STRING=x SIGN=C\n",
             vendor_string_pools=True)
    assert sorted(s for _, s in served(e2)) == [2, 4]          # ... unless the publisher says so


def test_uncounted_lines_serve_any_number_on_their_hostids_without_a_server():
    e = ent("FEATURE f1 sampled 1.0 permanent uncounted HOSTID=0019B9A0B0C1 SIGN=A\n"
            "FEATURE f1 sampled 1.0 permanent uncounted HOSTID=0019B9A0B0C2 SIGN=B\n")
    assert [(p.seats, p.hostids) for p in e.pools] == [(None, ("0019B9A0B0C1",)),
                                                       (None, ("0019B9A0B0C2",))]
    assert e.seats("sampled", "f1", "1.0") is None             # any number
    assert not e.unserved


def test_counted_lines_need_a_server_and_their_vendor_daemon():
    e = ent("FEATURE f1 sampled 1.0 permanent 5 SIGN=A\n")
    assert reasons(e) == {("f1.lic", 1): "no-license-server"}
    e = ent("SERVER a ANY 27000\nVENDOR other\nFEATURE f1 sampled 1.0 permanent 5 SIGN=A\n")
    assert reasons(e) == {("f1.lic", 3): "no-vendor-daemon"}
    assert e.pools == ()


# --------------------------------------------------------------------------------------------
# the automatic sort (EUG Appendix B; LAG Sort_Rules) and the disputed version direction
# --------------------------------------------------------------------------------------------

TWO_VERSIONS = HEAD + ("FEATURE f1 sampled 7.6 permanent 500 SIGN=A\n"
                       "FEATURE f1 sampled 8.1 permanent 12000 SIGN=B\n")


def test_version_sort_decides_the_first_feature_and_the_ambiguity_is_reported():
    e = ent(TWO_VERSIONS)
    assert served(e) == [("8.1", 12000)]                       # higher first (End User Guide)
    (a,) = e.ambiguities
    assert a.setting == "version-sort" and a.feature == "f1"
    assert "12000 of 8.1 if higher versions sort first (End User Guide)" in a.message
    assert "500 of 7.6 if lower versions sort first (License Administration Guide 2022)" in a.message
    e = ent(TWO_VERSIONS, version_sort=LOWER_FIRST)
    assert served(e) == [("7.6", 500)]
    assert e.ambiguities[0].outcomes[0] == (LOWER_FIRST, "500 of 7.6")


def test_sort_keyword_overrides_the_automatic_sort():
    e = ent(HEAD + "FEATURE f1 sampled 8.1 permanent 12000 SIGN=B\n"
                   "FEATURE f1 sampled 7.6 permanent 500 sort=10 SIGN=A\n")
    assert served(e) == [("7.6", 500)]
    assert not e.ambiguities                                   # sort= decides in both orders


def test_issue_date_newest_first_among_equal_versions():
    e = ent(HEAD + "FEATURE f1 sampled 1.0 permanent 5 ISSUED=1-jan-2024 SIGN=A\n"
                   "FEATURE f1 sampled 1.0 permanent 9 ISSUED=1-jan-2025 SIGN=B\n")
    assert served(e) == [("1.0", 9)] and not e.ambiguities


def test_feature_before_increment_within_a_file():
    e = ent(HEAD + "INCREMENT f1 sampled 8.1 permanent 500 SIGN=A\n"
                   "FEATURE f1 sampled 8.1 permanent 12000 SIGN=B\n")
    assert served(e) == [("8.1", 12500)]                       # the sort puts FEATURE first


def test_the_sort_never_crosses_files():
    one = HEAD + "FEATURE f1 sampled 7.6 permanent 500 SIGN=A\n"
    two = HEAD + "FEATURE f1 sampled 8.1 permanent 12000 SIGN=B\n"
    e = ent(one, two)
    assert served(e) == [("7.6", 500)]                         # the first file's line is first
    assert reasons(e) == {("f2.lic", 3): "ignored-feature"}
    assert not e.ambiguities
    assert served(ent(two, one)) == [("8.1", 12000)]


def test_increments_add_up_across_files():
    e = ent(HEAD + "INCREMENT f1 sampled 1.0 permanent 3 SIGN=A\n",
            HEAD + "INCREMENT f1 sampled 1.0 permanent 4 SIGN=B\n")
    assert served(e) == [("1.0", 7)]


# --------------------------------------------------------------------------------------------
# UPGRADE (EUG Appendix B: INCREMENT 5 x 1.0 + UPGRADE 1.0 -> 2.0 x 2 = 3 x 1.0 and 2 x 2.0)
# --------------------------------------------------------------------------------------------

def test_upgrade_arithmetic_of_the_end_user_guide():
    e = ent(HEAD + "INCREMENT f1 sampled 1.000 1-jan-2030 5 SIGN=A\n"
                   "UPGRADE f1 sampled 1.000 2.000 1-jan-2030 2 SIGN=B\n")
    assert served(e) == [("2.000", 2), ("1.000", 3)]
    assert e.seats("sampled", "f1", "1.0") == 5                # 2.0 licenses serve 1.0 too
    assert e.seats("sampled", "f1", "2.0") == 2


def test_upgrade_takes_from_the_closest_preceding_line_and_no_more_than_it_has():
    e = ent(HEAD + "INCREMENT f1 sampled 1.0 permanent 5 DUP_GROUP=U SIGN=A\n"
                   "INCREMENT f1 sampled 1.5 permanent 1 SIGN=B\n"
                   "UPGRADE f1 sampled 1.0 2.0 permanent 3 SIGN=C\n")
    assert sorted(served(e)) == [("1.0", 5), ("1.5", 0), ("2.0", 1)]


def test_upgrade_without_a_base_upgrades_nothing():
    e = ent(HEAD + "UPGRADE f1 sampled 1.0 2.0 permanent 3 SIGN=C\n"
                   "INCREMENT f1 sampled 1.0 permanent 5 SIGN=A\n")
    assert served(e) == [("1.0", 5)]
    assert reasons(e) == {("f1.lic", 3): "upgrade-without-base"}


# --------------------------------------------------------------------------------------------
# SUPERSEDE (FNO "SUPERSEDE keywords"; EUG p112, p116)
# --------------------------------------------------------------------------------------------

def test_supersede_voids_earlier_lines_and_pools_same_date_ones():
    e = ent(HEAD + "INCREMENT f1 sampled 1.0 permanent 1 ISSUED=1-jan-2008 SIGN=A\n"
                   "INCREMENT f1 sampled 1.0 permanent 4 SUPERSEDE ISSUED=1-jan-2009 SIGN=B\n"
                   "INCREMENT f1 sampled 1.0 permanent 3 SUPERSEDE ISSUED=1-jan-2009 SIGN=C\n")
    assert served(e) == [("1.0", 7)]
    assert reasons(e) == {("f1.lic", 3): "superseded"}


def test_supersede_with_a_list_replaces_other_features():
    e = ent(HEAD + "FEATURE f1 sampled 1.0 permanent 1 ISSUED=1-jan-2008 SIGN=A\n"
                   "FEATURE f2 sampled 1.0 permanent 1 ISSUED=1-jan-2008 SIGN=B\n"
                   'FEATURE f3 sampled 1.0 permanent 4 SUPERSEDE="f1 f2" ISSUED=2-jan-2009 '
                   "SIGN=C\n")
    assert [p.feature for p in e.pools] == ["f3"]
    assert set(reasons(e).values()) == {"superseded"}


# --------------------------------------------------------------------------------------------
# PACKAGE (EUG p115-116; LAG PACKAGE Lines)
# --------------------------------------------------------------------------------------------

def test_package_components_and_suite():
    pkg = 'PACKAGE suite sampled 1.0 COMPONENTS="apple:1.5:2 pear" SIGN=P\n'
    base = HEAD + "INCREMENT suite sampled 1.0 permanent 3 SIGN=A\n"
    e = ent(base + pkg)
    got = {(p.feature, p.version, p.seats, p.package) for p in e.pools}
    # without SUITE the package's own feature is consumed; a component count multiplies
    assert got == {("apple", "1.5", 6, "suite"), ("pear", "1.0", 3, "suite")}
    e = ent(base + pkg.replace(" SIGN=P", " OPTIONS=SUITE SIGN=P"))
    assert ("suite", "1.0", 3, None) in {(p.feature, p.version, p.seats, p.package)
                                         for p in e.pools}


def test_package_enabled_from_another_file_and_one_without_an_enabling_line():
    e = ent('PACKAGE suite sampled 1.0 COMPONENTS="apple pear" SIGN=P\n',
            HEAD + "INCREMENT suite sampled 1.0 permanent 3 SIGN=A\n")
    assert {(p.feature, p.seats) for p in e.pools} == {("apple", 3), ("pear", 3)}
    e = ent('PACKAGE suite sampled 2.0 COMPONENTS="apple" SIGN=P\n',
            HEAD + "INCREMENT suite sampled 1.0 permanent 3 SIGN=A\n")
    assert reasons(e) == {("f1.lic", 1): "package-without-enabling-line"}


# --------------------------------------------------------------------------------------------
# dates, versions requested
# --------------------------------------------------------------------------------------------

def test_expired_and_not_yet_started_lines_serve_nothing():
    e = ent(HEAD + "INCREMENT f1 sampled 1.0 31-may-2026 5 SIGN=A\n"
                   "INCREMENT f1 sampled 1.0 1-jun-2026 2 SIGN=B\n"
                   "INCREMENT f1 sampled 1.0 permanent 4 START=2-jun-2026 SIGN=C\n")
    assert served(e) == [("1.0", 2)]
    assert reasons(e) == {("f1.lic", 3): "expired", ("f1.lic", 5): "not-started"}
    assert e.pools[0].expires == _dt.date(2026, 6, 1)
    assert served(ent(HEAD + "INCREMENT f1 sampled 1.0 1-jun-2026 2 SIGN=B\n",
                      today=_dt.date(2026, 6, 2))) == []


def test_a_checkout_draws_on_pools_of_its_version_or_higher():
    e = ent(HEAD + "INCREMENT f1 sampled 7.6 permanent 100 SIGN=A\n"
                   "INCREMENT f1 sampled 8.1 permanent 20 SIGN=B\n")
    assert e.seats("sampled", "f1", "7.6") == 120              # 8.1 licenses serve 7.x products
    assert e.seats("sampled", "f1", "8.0") == 20               # 7.6 licenses do not serve 8.x
    assert e.seats("sampled", "f1", "9.0") == 0


def test_the_readme_walk_through(monkeypatch):
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)     # the README's paths
    e7, e8 = lictool.load("fixtures/genesys-7x.lic"), lictool.load("fixtures/genesys-8x.lic")
    merged, _ = lictool.merge(e7, e8, today=TODAY)
    e = entitlement([merged], TODAY)
    # 8.x products: the 8.1 FEATURE line (600); the 7.6 FEATURE is ignored, its INCREMENT stays
    assert e.seats("genesys.d", "tserver_sdn", "8.1") == 600
    assert e.seats("genesys.d", "tserver_sdn", "7.6") == 750
    amb = {a.feature for a in e.ambiguities}
    assert "tserver_sdn" in amb


# --------------------------------------------------------------------------------------------
# properties
# --------------------------------------------------------------------------------------------

LINES = st.lists(st.tuples(
    st.sampled_from(["FEATURE", "INCREMENT", "UPGRADE"]), st.sampled_from(["f1", "f2"]),
    st.sampled_from(["1.0", "2.0", "7.6", "8.1"]),
    st.sampled_from(["permanent", "31-dec-2027", "1-jan-2025"]),
    st.sampled_from(["1", "3", "uncounted"]),
    st.sampled_from(["", " DUP_GROUP=U", " ISSUED=1-jan-2024", " SUPERSEDE ISSUED=1-jan-2025",
                     " HOSTID=0019B9A0B0C1"])), max_size=8)


def render(lines):
    out = [HEAD]
    for kw, name, ver, exp, count, extra in lines:
        if kw == "UPGRADE":
            count = "1" if count == "uncounted" else count
            out.append(f"UPGRADE {name} sampled 1.0 {ver} {exp} {count}{extra} SIGN=AA\n")
        else:
            out.append(f"{kw} {name} sampled {ver} {exp} {count}{extra} SIGN=AA\n")
    return "".join(out)


@settings(max_examples=200, deadline=None)
@given(lines=LINES, direction=st.sampled_from([HIGHER_FIRST, LOWER_FIRST]))
def test_property_deterministic_and_independent_of_layout(lines, direction):
    text = render(lines)
    lf = lictool.parse(text, "a.lic")
    a = entitlement([lf], TODAY, Options(direction))
    assert a == entitlement([lictool.parse(text, "a.lic")], TODAY, Options(direction))
    _, formatted, _ = format_file(lf)
    b = entitlement([lictool.parse(formatted, "a.lic")], TODAY, Options(direction))
    assert pools_without_lines(a) == pools_without_lines(b)
    assert sorted(u.reason for u in a.unserved) == sorted(u.reason for u in b.unserved)
    # every feature line either feeds a pool or says why it serves nothing
    fed = {ln.line for p in a.pools for ln in p.lines}
    for rec in lf.records:
        if rec.kind in ("FEATURE", "INCREMENT", "UPGRADE"):
            assert rec.line in fed or a.why_unserved("a.lic", rec.line), rec.line


@settings(max_examples=150, deadline=None)
@given(a=LINES, b=LINES)
def test_property_merge_never_reduces_the_entitlement(a, b):
    ea, eb = lictool.parse(render(a), "A.lic"), lictool.parse(render(b), "B.lic")
    merged, report = lictool.merge(ea, eb, today=TODAY)
    before = entitlement([ea], TODAY)
    after = entitlement([merged], TODAY)
    # a merged-in FEATURE or SUPERSEDE line may legitimately win over EXISTING's lines (the merge
    # report says so, item 5): only the other features must keep what they had
    replaced = {u.feature for u in after.unserved if u.reason in ("ignored-feature", "superseded")}
    replaced |= {x.feature for x in after.ambiguities}
    for p in before.pools:
        if p.feature in replaced:
            continue
        have = before.seats(p.vendor, p.feature, p.version)
        want = after.seats(p.vendor, p.feature, p.version)
        if have is None:
            assert want is None, (p, render(a), render(b))
        elif want is not None:
            assert want >= have, (p, render(a), render(b))


@pytest.mark.parametrize("bad", ["middle-first", ""])
def test_unknown_version_sort_is_refused(bad):
    with pytest.raises(ValueError):
        entitlement([], TODAY, Options(bad))


def test_an_uncounted_pool_is_not_made_negative_by_an_upgrade():
    e = ent(HEAD + "FEATURE f1 sampled 1.0 permanent 5 HOSTID=0019B9A0B0C1 SIGN=A\n"
                   "INCREMENT f1 sampled 1.0 permanent uncounted HOSTID=0019B9A0B0C1 SIGN=B\n"
                   "UPGRADE f1 sampled 1.0 2.0 permanent 3 HOSTID=0019B9A0B0C1 SIGN=C\n")
    assert all(p.seats is None or p.seats >= 0 for p in e.pools), e.pools
    assert ("1.0", None) in served(e)


def test_two_package_lines_on_one_enabling_line_both_get_its_count():
    pkg = 'PACKAGE suite sampled 1.0 COMPONENTS="{}" SIGN=P\n'
    e = ent(HEAD + "INCREMENT suite sampled 1.0 permanent 3 SIGN=A\n" + pkg.format("apple")
            + pkg.format("pear"))
    assert {(p.feature, p.seats) for p in e.pools} == {("apple", 3), ("pear", 3)}


def test_lines_and_pools_are_listed_in_search_path_order_not_by_name():
    files = [lictool.parse(t, p) for t, p in (
        (HEAD + "INCREMENT f1 sampled 1.0 31-dec-2020 1 SIGN=A\n", "z.lic"),
        (HEAD + "INCREMENT f1 sampled 1.0 31-dec-2020 1 SIGN=B\n", "a.lic"))]
    e = entitlement(files, TODAY)
    assert [u.path for u in e.unserved] == ["z.lic", "a.lic"]
    assert e.unserved[0].date == _dt.date(2020, 12, 31)
