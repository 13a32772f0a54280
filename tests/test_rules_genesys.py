"""Unit tests of the Genesys rules (L701-L706), run directly on license text with a fixed
reference date (1 June 2026): what they flag, where, and what they leave alone. The rules read
the feature catalogue (``lictool/catalogs/genesys.toml``) and the engine settings
(``target-release``, ``catalogs``)."""

from __future__ import annotations

import datetime
import importlib

import pytest

import lictool
from lictool.lint.registry import module_name
from lictool.lint.rule import Context

TODAY = datetime.date(2026, 6, 1)

MODULES = {
    "old_feature_version": ("L701", "old-feature-version", "error"),
    "mixed_feature_versions": ("L702", "mixed-feature-versions", "info"),
    "count_over_cap": ("L703", "count-over-cap", "info"),
    "java_single_server": ("L704", "java-single-server", "error"),
    "unknown_feature": ("L705", "unknown-feature", "info"),
    "wrong_vendor_daemon": ("L706", "wrong-vendor-daemon", "error"),
}

# The guide sections (by title) each rule's documentation must quote.
GUIDE_SECTIONS = {
    "old_feature_version": ("Introduction", "Technical License Compatibility"),
    "mixed_feature_versions": ("Technical License Compatibility",),
    "count_over_cap": ("Technical Licenses",),
    "java_single_server": ("Genesys Desktop", "Genesys SDKs: Agent Interaction Java and GIS"),
    "unknown_feature": ("Technical Licenses",),
    "wrong_vendor_daemon": ("Introduction", "Technical Licenses"),
}

SIG = 'SIGN="1C2D 3E4F 5A6B 7C8D 9E0F A1B2 C3D4 E5F6"'
GEN = (
    "SERVER lic01 0019B9A0B0C0 7260\n"
    "VENDOR genesys.d /opt/genesys/flexlm/genesys.d PORT=7261\n"
)
TRIAD = (
    "SERVER glic-a.example.net 0019B9A0B0C0 7260 PRIMARY_IS_MASTER\n"
    "SERVER glic-b.example.net 00219B3C4D5E 7260\n"
    "SERVER glic-c.example.net 0024E8F0A1B2 7260\n"
    "VENDOR genesys.d /opt/genesys/flexlm/genesys.d PORT=7261\n"
)
EDA = (
    "SERVER edalic01 3C4A92D1E5F0 27020\n"
    "VENDOR acmed /opt/acme/bin/acmed PORT=27021\n"
)


def feature(name, version="8.1", count="100", vendor="genesys.d", keyword="FEATURE"):
    return f"{keyword} {name} {vendor} {version} permanent {count} ISSUED=3-mar-2025 {SIG}\n"


def rule(module: str):
    return importlib.import_module(module_name(MODULES[module][0], module))


def run(module: str, text: str, settings=None, **options):
    mod = rule(module)
    lf = lictool.parse(text)
    assert not lf.errors, lf.errors
    ctx = Context(rule=mod.RULE, path="t.lic", today=TODAY,
                  options={**mod.RULE.options, **options}, settings=settings or {})
    return list(mod.RULE.check(lf, ctx))


def col(text: str, line: int, needle: str) -> int:
    """1-based column of ``needle`` on physical line ``line`` of ``text``."""
    physical = text.split("\n")[line - 1]
    assert needle in physical, (needle, physical)
    return physical.index(needle) + 1


def where(f):
    return (f.line, f.column, f.end_line, f.end_column)


def at(text: str, line: int, needle: str):
    """The span of ``needle`` on physical line ``line``, as a finding's position."""
    c = col(text, line, needle)
    return (line, c, line, c + len(needle))


@pytest.fixture
def user_catalog(tmp_path):
    path = tmp_path / "my-genesys.toml"
    path.write_text(
        '[vendor]\nname = "genesys.d"\n\n'
        '[features.my_feature]\nproduct = "x"\n\n'
        '[features.GD_AGENT]\nproduct = "Genesys Desktop"\njava = true\n',
        encoding="utf-8")
    return {"catalogs": (str(path),)}


# ------------------------------------------------------------------------------------------------
# Every rule module has the documented shape
# ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("module", sorted(MODULES))
def test_rule_metadata_and_doc(module):
    mod = rule(module)
    code, name, severity = MODULES[module]
    assert (mod.RULE.code, mod.RULE.name, mod.RULE.severity) == (code, name, severity)
    # the module's shape: tests/test_lint_engine.py, for every rule
    source = mod.DOC.split("## Source", 1)[1]
    assert "genesys-licensing-guide.txt" in source
    for title in GUIDE_SECTIONS[module]:
        assert f'"{title}"' in source, title


@pytest.mark.parametrize("module", sorted(MODULES))
def test_clean_genesys_file_and_other_vendors_are_left_alone(module):
    text = (GEN + feature("tserver_sdn", count="600") + feature("cti_ha_option", count="2")
            + feature("GIS", count="1")
            + EDA.splitlines(True)[1] + feature("mesher", "1.0", "4096", vendor="acmed"))
    assert run(module, text, {"target-release": "8.1"}) == []


# ------------------------------------------------------------------------------------------------
# L701 old-feature-version
# ------------------------------------------------------------------------------------------------

OLD = GEN + feature("tserver_sdn", "7.6", "250") + feature("cti_ha_option", "7.6", "2")


def test_old_feature_version_is_silent_without_a_target_release():
    assert run("old_feature_version", OLD) == []


def test_old_feature_version_points_at_the_version_and_says_to_order_a_new_file():
    found = run("old_feature_version", OLD, {"target-release": "8.1"})
    assert [where(f) for f in found] == [at(OLD, 3, "7.6"), at(OLD, 4, "7.6")]
    f = found[0]
    assert f.severity == "error" and f.code == "L701"
    assert "FEATURE 'tserver_sdn'" in f.message and "'7.6'" in f.message
    assert "8.x products check out only 8.x" in f.message
    assert "new license file" in f.message
    assert "license file of release 8.x" in f.hint


def test_old_feature_version_names_the_line_at_the_target_release():
    text = (GEN + feature("tserver_sdn", "7.6", "250")
            + feature("tserver_sdn", "8.1", "300", keyword="INCREMENT"))
    [f] = run("old_feature_version", text, {"target-release": "8.1"})
    assert f.line == 3
    assert "they use 300 seats of version 8.1 (line 4)" in f.message
    assert "unused" in f.message


def test_old_feature_version_says_what_the_server_serves_8x_products():
    # the file: a 500-seat 8.1 INCREMENT expiring in 29 days, then the new 12,000-seat
    # 8.1 FEATURE line, and the 7.6 FEATURE line: 8.x products draw on both 8.1 lines (12,500
    # seats), and the 7.6 FEATURE line is not served at all (the 8.1 FEATURE is processed)
    text = (GEN + feature("tserver_sdn", "7.6", "400")
            + "INCREMENT tserver_sdn genesys.d 8.1 30-jun-2026 500 " + SIG + "\n"
            + feature("tserver_sdn", "8.1", "12000"))
    [f] = run("old_feature_version", text, {"target-release": "8.1"})
    assert f.line == 3 and f.severity == "warning"
    assert "they use 12500 seats of version 8.1 (lines 4 and 5)" in f.message
    assert "serves nothing from it: FEATURE tserver_sdn 7.6 is ignored" in f.message
    assert "depends on the version sort" in f.message
    # an expired 8.1 line serves nothing: the 8.x products have no licenses, an error
    text = (GEN + feature("tserver_sdn", "7.6", "400")
            + "INCREMENT tserver_sdn genesys.d 8.1 1-jan-2026 500 " + SIG + "\n")
    [f] = run("old_feature_version", text, {"target-release": "8.1"})
    assert f.severity == "error" and "cannot use this line" in f.message


def test_old_feature_version_counterpart_must_be_the_same_feature_and_vendor():
    text = (GEN + feature("tserver_sdn", "7.6") + feature("cti_ha_option", "8.1")
            + EDA.splitlines(True)[1] + feature("tserver_sdn", "8.1", vendor="acmed"))
    [f] = run("old_feature_version", text, {"target-release": "8.1"})
    assert "unused" not in f.message and "new license file" in f.message


@pytest.mark.parametrize("target", ["8.1", "8", "8.5.0"])
def test_old_feature_version_compares_majors_only(target):
    text = GEN + feature("tserver_sdn", "8.0") + feature("MLSNMP", "8.5", "1")
    assert run("old_feature_version", text, {"target-release": target}) == []


def test_old_feature_version_ignores_newer_lines_and_a_7x_target():
    text = GEN + feature("tserver_sdn", "7.6") + feature("cti_ha_option", "8.1", "2")
    assert run("old_feature_version", text, {"target-release": "7.6"}) == []
    assert run("old_feature_version", text, {"target-release": "7"}) == []
    [f] = run("old_feature_version", text, {"target-release": "8.1"})
    assert f.line == 3


def test_old_feature_version_ignores_vendors_without_a_catalogue():
    text = EDA + feature("mesher", "1.0", "4", vendor="acmed")
    assert run("old_feature_version", text, {"target-release": "8.1"}) == []


def test_old_feature_version_checks_upgrade_and_package_lines():
    text = (GEN + feature("tserver_sdn", "8.1")
            + f"UPGRADE cti_ha_option genesys.d 6.5 7.6 permanent 2 {SIG}\n"
            + f'PACKAGE gis_suite genesys.d 7.6 COMPONENTS="GIS GIS_STATSERVICE" {SIG}\n')
    found = run("old_feature_version", text, {"target-release": "8.1"})
    assert [where(f) for f in found] == [at(text, 4, "7.6"), at(text, 5, "7.6")]
    assert found[1].message.startswith("PACKAGE 'gis_suite'")


# ------------------------------------------------------------------------------------------------
# L702 mixed-feature-versions
# ------------------------------------------------------------------------------------------------

def test_mixed_feature_versions_one_finding_at_the_first_line_of_the_second_release():
    text = (GEN + feature("tserver_sdn", "8.1", "300") + feature("cti_ha_option", "8.1", "2")
            + feature("tserver_sdn", "7.6", "250", keyword="INCREMENT")
            + feature("tserver_sdn", "7.5", "50", keyword="INCREMENT")
            + feature("tserver_sdn", "8.0", "20", keyword="INCREMENT"))
    [f] = run("mixed_feature_versions", text)
    assert where(f) == at(text, 5, "7.6")
    assert f.severity == "info" and f.code == "L702"
    assert "INCREMENT 'tserver_sdn'" in f.message
    assert "7.x here (version '7.6')" in f.message
    assert "8.x on lines 3 (8.1) and 7 (8.0)" in f.message
    assert "6 (7.5)" not in f.message  # the other lines are those of the other release
    # by the engine: 8.x products draw on the 8.1 and 8.0 pools, 7.x products on all four
    assert f.message.endswith(
        "what the license server serves: Genesys 8.x products draw on lines of version 8.0 and "
        "later: 320 seats; 7.x products (which do not check versions) on any line: 620 seats")


def test_mixed_feature_versions_a_7x_feature_line_ignored_for_the_8x_one():
    # two counted FEATURE lines: only the 8.1 one is processed (higher versions sort first), so
    # the 7.x products, too, draw on its 600 seats only
    text = GEN + feature("tserver_sdn", "7.6", "400") + feature("tserver_sdn", "8.1", "600")
    [f] = run("mixed_feature_versions", text)
    assert "8.0 and later: 600 seats; 7.x products (which do not check versions) on any line: " \
           "600 seats" in f.message
    [f] = run("mixed_feature_versions", text, {"version-sort": "lower-first"})
    assert "8.0 and later: 0 seats; 7.x products (which do not check versions) on any line: " \
           "400 seats" in f.message


def test_mixed_feature_versions_one_finding_per_feature():
    text = (GEN + feature("tserver_sdn", "7.6") + feature("cti_ha_option", "7.6", "2")
            + feature("tserver_sdn", "8.1", keyword="INCREMENT")
            + feature("cti_ha_option", "8.1", "2", keyword="INCREMENT")
            + feature("tserver_sdn", "8.1", "5", keyword="INCREMENT"))
    found = run("mixed_feature_versions", text)
    assert [(f.line, f.message.split(" is ")[0]) for f in found] == [
        (5, "INCREMENT 'tserver_sdn'"), (6, "INCREMENT 'cti_ha_option'")]
    assert "7.x on line 3 (7.6)" in found[0].message


def test_mixed_feature_versions_same_release_different_vendors_or_packages_are_fine():
    text = (GEN + feature("tserver_sdn", "8.0") + feature("tserver_sdn", "8.1", keyword="INCREMENT")
            + feature("tserver_sdn", "7.6", vendor="acmed")
            + f'PACKAGE tserver_sdn genesys.d 7.6 COMPONENTS="cti_ha_option" {SIG}\n')
    assert run("mixed_feature_versions", text) == []


def test_mixed_feature_versions_needs_no_target_release_and_ignores_other_vendors():
    eda = EDA + feature("mesher", "1.0", vendor="acmed") + feature("mesher", "2.0", vendor="acmed",
                                                                    keyword="INCREMENT")
    assert run("mixed_feature_versions", eda) == []
    text = GEN + feature("GIS", "7.6", "1") + feature("GIS", "8.1", "1", keyword="INCREMENT")
    assert len(run("mixed_feature_versions", text, {"target-release": "8.1"})) == 1


# ------------------------------------------------------------------------------------------------
# L703 count-over-cap
# ------------------------------------------------------------------------------------------------

def test_count_over_cap_boundary_9999_passes_10000_is_info():
    # the guide: "A single instance of Genesys components will not be able to check out more
    # than 9999 licenses of the same type": the cap is per instance checkout, so a pool over it
    # is served in full to several instances (15,000 seats shared by two 7,500-seat
    # T-Servers): info, naming the cap, not a problem of the line
    text = GEN + feature("tserver_sdn", count="9999") + feature("cti_ha_option", count="10000")
    [f] = run("count_over_cap", text)
    assert where(f) == at(text, 4, "10000")
    assert f.severity == "info" and f.code == "L703"
    assert "FEATURE 'cti_ha_option'" in f.message and "10000" in f.message
    assert "9999" in f.message and "single instance" in f.message
    assert "guide: Technical Licenses, Warning" in f.message
    assert "served in full to several instances, but one instance takes at most 9999" in f.message
    assert "over-checkout-cap" in f.hint


def test_count_over_cap_never_reports_uncounted_lines():
    text = (GEN + feature("tserver_sdn", count="uncounted") + feature("GIS", count="0"))
    assert run("count_over_cap", text) == []


def test_count_over_cap_increment_lines_count_too():
    text = GEN + feature("tserver_sdn", count="12000", keyword="INCREMENT")
    [f] = run("count_over_cap", text)
    assert f.message.startswith("INCREMENT 'tserver_sdn' has a count of 12000")


def test_count_over_cap_caps_option_overrides_the_catalogue_per_vendor():
    text = (GEN + feature("tserver_sdn", count="600")
            + EDA.splitlines(True)[1] + feature("mesher", "1.0", "4096", vendor="acmed"))
    assert run("count_over_cap", text) == []  # acmed has no catalogue, hence no cap
    found = run("count_over_cap", text, caps={"genesys.d": 500, "acmed": 2048})
    assert [(f.line, f.column) for f in found] == [(3, col(text, 3, "600")),
                                                  (5, col(text, 5, "4096"))]
    assert "500" in found[0].message and "option caps" in found[0].message
    assert "2048" in found[1].message and "acmed" in found[1].message
    # a higher cap for genesys.d lifts the catalogue's
    assert run("count_over_cap", GEN + feature("tserver_sdn", count="12000"),
               caps={"genesys.d": 20000}) == []


def test_count_over_cap_a_cap_that_is_not_a_positive_integer_means_no_cap():
    text = GEN + feature("tserver_sdn", count="12000")
    assert run("count_over_cap", text, caps={"genesys.d": 0}) == []
    assert run("count_over_cap", text, caps={"genesys.d": "lots"}) == []


def test_count_over_cap_a_user_catalogue_can_set_a_cap(tmp_path):
    path = tmp_path / "acme.toml"
    path.write_text('[vendor]\nname = "acmed"\ncheckout-cap = 1000\n', encoding="utf-8")
    text = EDA + feature("mesher", "1.0", "1001", vendor="acmed")
    [f] = run("count_over_cap", text, {"catalogs": (str(path),)})
    assert "1000" in f.message


# ------------------------------------------------------------------------------------------------
# L704 java-single-server
# ------------------------------------------------------------------------------------------------

def test_java_single_server_triad_with_gis_one_finding_per_line_at_the_name():
    text = (TRIAD + feature("tserver_sdn", count="600") + feature("GIS", count="2")
            + feature("GIS_CONFIGSERVICE", count="20") + feature("ISDK_FACTORY", count="4"))
    found = run("java_single_server", text)
    assert [where(f) for f in found] == [at(text, 6, "GIS"), at(text, 7, "GIS_CONFIGSERVICE"),
                                         at(text, 8, "ISDK_FACTORY")]
    f = found[0]
    assert f.severity == "error" and f.code == "L704"
    assert "FEATURE 'GIS'" in f.message and "Genesys Integration Server" in f.message
    assert "Java Flex library" in f.message and "single license server" in f.message
    assert "SERVER lines 1, 2 and 3" in f.message
    assert "Agent Interaction (Java) SDK" in found[2].message


@pytest.mark.parametrize("servers", [
    "SERVER lic01 0019B9A0B0C0 7260\n",
    "SERVER a 0019B9A0B0C0 7260\nSERVER b 00219B3C4D5E 7260\n",
    "".join(f"SERVER h{i} 0019B9A0B0C{i} 7260\n" for i in range(4)),
])
def test_java_single_server_only_triads(servers):
    text = servers + "VENDOR genesys.d\n" + feature("GIS", count="2")
    assert run("java_single_server", text) == []


def test_java_single_server_non_java_products_in_a_triad_are_fine():
    text = TRIAD + feature("tserver_sdn", count="600") + feature("cti_ha_option", count="1")
    assert run("java_single_server", text) == []


def test_java_single_server_a_user_catalogue_marks_more_java_products(user_catalog):
    text = TRIAD + feature("GD_AGENT", count="50") + feature("my_feature", count="1")
    assert run("java_single_server", text) == []
    [f] = run("java_single_server", text, user_catalog)
    assert where(f) == at(text, 5, "GD_AGENT")
    assert "Genesys Desktop" in f.message


def test_java_single_server_package_bundling_gis():
    text = TRIAD + f'PACKAGE gis_suite genesys.d 8.1 COMPONENTS="GIS GIS_STATSERVICE" {SIG}\n'
    [f] = run("java_single_server", text)
    assert where(f) == at(text, 5, "gis_suite")
    assert "GIS (Genesys Integration Server)" in f.message


def test_java_single_server_looks_names_up_in_the_lines_vendor_catalogue():
    text = TRIAD + "VENDOR acmed\n" + feature("GIS", "1.0", "2", vendor="acmed")
    assert run("java_single_server", text) == []


# ------------------------------------------------------------------------------------------------
# L705 unknown-feature
# ------------------------------------------------------------------------------------------------

def test_unknown_feature_suggests_the_closest_name():
    text = GEN + feature("tserver_sdm", count="600")
    [f] = run("unknown_feature", text)
    assert where(f) == at(text, 3, "tserver_sdm")
    assert f.severity == "info" and f.code == "L705"
    assert "FEATURE 'tserver_sdm'" in f.message and "genesys.d" in f.message
    assert "did you mean tserver_sdn?" in f.hint


def test_unknown_feature_names_are_case_sensitive_and_the_hint_names_the_spelling():
    text = GEN + feature("gis", count="1")
    [f] = run("unknown_feature", text)
    assert "'gis'" in f.message
    assert "case-sensitive" in f.hint and "GIS" in f.hint


def test_unknown_feature_no_suggestion_when_nothing_is_near():
    [f] = run("unknown_feature", GEN + feature("router_seats", count="300"))
    assert "did you mean" not in f.hint and "extra-features" in f.hint


def test_unknown_feature_aliases_are_known():
    text = GEN + feature("tserver_isscc", count="2") + feature("tserver_isc", count="2")
    assert run("unknown_feature", text) == []


def test_unknown_feature_extra_features_option():
    text = GEN + feature("router_seats", count="300") + feature("ocs_full", count="40")
    found = run("unknown_feature", text, **{"extra-features": ["router_seats"]})
    assert [f.line for f in found] == [4]


def test_unknown_feature_user_catalogue_adds_names(user_catalog):
    text = GEN + feature("my_feature", count="1") + feature("GD_AGENT", count="50")
    assert len(run("unknown_feature", text)) == 2
    assert run("unknown_feature", text, user_catalog) == []


def test_unknown_feature_only_catalogued_vendors_and_feature_lines():
    text = (EDA + feature("mesher", "1.0", "4", vendor="acmed")
            + f'PACKAGE my_bundle genesys.d 8.1 COMPONENTS="GIS" {SIG}\n')
    assert run("unknown_feature", text) == []


# ------------------------------------------------------------------------------------------------
# L706 wrong-vendor-daemon
# ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("wrong", ["genesys", "genesysd", "Genesys.d", "GENESYS.D", "genesys_d",
                                   "genesys.daemon", "genesis.d", "gensys.d", "genesys.dd"])
def test_wrong_vendor_daemon_near_miss_in_the_vendor_field(wrong):
    text = GEN + feature("tserver_sdn", count="600") + feature("cti_ha_option", "8.1", "2", wrong)
    [f] = run("wrong_vendor_daemon", text)
    assert where(f) == at(text, 4, wrong)
    assert f.severity == "error" and f.code == "L706"
    assert f"{wrong!r}" in f.message and "FEATURE 'cti_ha_option'" in f.message
    assert "genesys.d daemon will not serve" in f.message
    assert "'genesys.d'" in f.hint


@pytest.mark.parametrize("vendor", ["acmed", "genesyslab", "mgcld", "gen"])
def test_wrong_vendor_daemon_other_vendors_are_not_near_misses(vendor):
    text = GEN + feature("tserver_sdn", "1.0", "4", vendor=vendor)
    assert run("wrong_vendor_daemon", text) == []


def test_wrong_vendor_daemon_only_for_genesys_feature_names():
    text = EDA + feature("mesher", "1.0", "4", vendor="genesys")
    assert run("wrong_vendor_daemon", text) == []


def test_wrong_vendor_daemon_vendor_line_near_miss():
    text = ("SERVER lic01 0019B9A0B0C0 7260\n"
            "DAEMON genesys /opt/genesys/flexlm/genesys.d\n"
            + feature("tserver_sdn", count="400") + feature("tserver_isc", count="2")
            + feature("tserver_sdn", count="5", keyword="INCREMENT"))
    [f] = run("wrong_vendor_daemon", text)
    assert where(f) == at(text, 2, "genesys")
    assert "DAEMON 'genesys'" in f.message
    assert "genesys.d daemon will not serve" in f.message
    assert "tserver_sdn on line 3 and tserver_isc on line 4" in f.message
    assert "DAEMON genesys.d" in f.hint


def test_wrong_vendor_daemon_vendor_line_needs_genesys_feature_names():
    text = ("SERVER lic01 0019B9A0B0C0 7260\nVENDOR Genesys.d\n"
            + feature("mesher", "1.0", "4", vendor="Genesys.d"))
    assert run("wrong_vendor_daemon", text) == []
    both = ("SERVER lic01 0019B9A0B0C0 7260\nVENDOR Genesys.d\n"
            + feature("GIS", "8.1", "1", vendor="Genesys.d"))
    found = run("wrong_vendor_daemon", both)
    assert sorted(where(f) for f in found) == [at(both, 2, "Genesys.d"), at(both, 3, "Genesys.d")]


def test_wrong_vendor_daemon_user_catalogue_names(user_catalog):
    text = GEN + feature("my_feature", "8.1", "1", vendor="genesysd")
    assert run("wrong_vendor_daemon", text) == []
    [f] = run("wrong_vendor_daemon", text, user_catalog)
    assert "'genesysd'" in f.message


def test_old_line_with_a_current_counterpart_is_only_a_warning():
    from lictool.lint.rules.genesys import old_feature_version as mod

    text = ("SERVER lic01 0019B9A0B0C0 7260\nVENDOR genesys.d\n"
            'FEATURE tserver_sdn genesys.d 7.6 permanent 400 SIGN="1A2B 3C4D"\n'
            'FEATURE cti_ha_option genesys.d 7.6 permanent 2 SIGN="1A2B 3C4E"\n'
            'INCREMENT tserver_sdn genesys.d 8.1 permanent 600 SIGN="1A2B 3C4F"\n')
    ctx = Context(rule=mod.RULE, path="t.lic", today=datetime.date(2026, 6, 1),
                  options={**mod.RULE.options}, settings={"target-release": "8.1"})
    got = {(f.line, f.severity) for f in mod.RULE.check(lictool.parse(text), ctx)}
    assert got == {(3, "warning"), (4, "error")}
