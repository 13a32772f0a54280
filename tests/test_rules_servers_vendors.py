"""Rules on SERVER, VENDOR and USE_SERVER lines, signatures and keywords (L301-L305, L401-L403,
L501), run directly on license text: what they flag, where, and what they leave alone."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest

import lictool
from lictool.lint.registry import module_name
from lictool.lint.rule import Context

SIG = 'SIGN="1C2D 3E4F 5A6B 7C8D 9E0F A1B2 C3D4 E5F6"'

MODULES = {
    "vendor_mismatch": ("L301", "vendor-mismatch", "error"),
    "duplicate_vendor": ("L302", "duplicate-vendor", "warning"),
    "server_count": ("L303", "server-count", "error"),
    "triad_port": ("L304", "triad-port", "error"),
    "missing_server": ("L305", "missing-server", "error"),
    "uncounted_without_hostid": ("L401", "uncounted-without-hostid", "error"),
    "after_use_server": ("L402", "after-use-server", "warning"),
    "unsigned": ("L403", "unsigned", "warning"),
    "unknown_keyword": ("L501", "unknown-keyword", "info"),
}


def rule(module: str):
    return importlib.import_module(module_name(MODULES[module][0], module))


def run(module: str, text: str, **options):
    mod = rule(module)
    ctx = Context(rule=mod.RULE, path="t.lic", today=dt.date(2026, 6, 1),
                  options={**mod.RULE.options, **options})
    return list(mod.RULE.check(lictool.parse(text), ctx))


def where(f):
    return (f.line, f.column, f.end_line, f.end_column)


POINTER = "SERVER licsrv.example.com ANY 27000\nUSE_SERVER\n"

NODE_LOCKED_ONLY = (
    "# node-locked ACME viewers, no license server\n"
    f"FEATURE viewer acmed 1.0 permanent uncounted HOSTID=0a1b2c3d4e5f {SIG}\n"
    f"FEATURE reporter acmed 1.0 permanent 0 HOSTID=ANY {SIG}\n"
)


# ------------------------------------------------------------------------------------------------
# Every rule module has the documented shape
# ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("module", sorted(MODULES))
def test_rule_metadata_and_doc(module):
    mod = rule(module)
    code, name, severity = MODULES[module]
    assert (mod.RULE.code, mod.RULE.name, mod.RULE.severity) == (code, name, severity)
    # the module's shape: tests/test_lint_engine.py, for every rule
    assert "grammars/flexnet-format.md" in mod.DOC.split("## Source", 1)[1]


@pytest.mark.parametrize("module", sorted(MODULES))
def test_client_pointer_file_is_clean(module):
    assert run(module, POINTER) == []


# ------------------------------------------------------------------------------------------------
# L301 vendor-mismatch
# ------------------------------------------------------------------------------------------------

def test_vendor_mismatch_points_at_the_vendor_field():
    text = ("SERVER edalic01 3C4A92D1E5F0 27020\n"
            "VENDOR acmed /opt/acme/bin/acmed\n"
            f"FEATURE solver acmed 2024.0601 31-dec-2027 10 {SIG}\n"
            f"FEATURE tserver_sdn genesys.d 8.1 permanent 600 {SIG}\n")
    [f] = run("vendor_mismatch", text)
    assert where(f) == (4, 21, 4, 30)
    assert (f.code, f.rule, f.severity, f.path) == ("L301", "vendor-mismatch", "error", "t.lic")
    assert "FEATURE 'tserver_sdn'" in f.message and "'genesys.d'" in f.message
    assert "no VENDOR or DAEMON line" in f.message
    assert "VENDOR genesys.d" in f.hint


def test_vendor_mismatch_case_only_difference_is_named_in_the_hint():
    text = ("SERVER lic01 0019B9A0B0C0 7260\n"
            "DAEMON Genesys.d /opt/genesys/flexlm/genesys.d\n"
            "USE_SERVER\n"
            f"FEATURE tserver_sdn genesys.d 8.1 permanent 250 \\\n  {SIG}\n"
            f"INCREMENT cti_ha_option genesys.d 8.1 permanent 2 {SIG}\n")
    found = run("vendor_mismatch", text)
    assert [where(f) for f in found] == [(4, 21, 4, 30), (6, 25, 6, 34)]
    for f in found:
        assert "'genesys.d'" in f.message
        assert "DAEMON line on line 2" in f.hint and "'Genesys.d'" in f.hint
        assert "case-sensitive" in f.hint


def test_vendor_mismatch_daemon_line_counts_as_vendor_line():
    text = ("SERVER flexlm 0242AC110002 7260\n"
            "DAEMON genesys.d ./\n"
            f"FEATURE tserver_sdn genesys.d 8.1 permanent 250 {SIG}\n")
    assert run("vendor_mismatch", text) == []


def test_vendor_mismatch_covers_upgrade_and_increment_not_package():
    # a PACKAGE line licenses nothing by itself: it is served through its enabling line
    text = ("SERVER edalic01 3C4A92D1E5F0 27020\n"
            "VENDOR acmed\n"
            f'PACKAGE acme_suite acmed_x 2024.0601 COMPONENTS="solver mesher" {SIG}\n'
            f"INCREMENT solver acmed_x 2024.0601 31-dec-2027 5 {SIG}\n"
            f"UPGRADE solver acmed_x 2024.0601 2025.0101 31-dec-2027 2 {SIG}\n")
    found = run("vendor_mismatch", text)
    assert [(f.line, f.column) for f in found] == [(4, 18), (5, 16)]
    assert found[0].message.startswith("INCREMENT 'solver'")
    assert "did you mean 'acmed' (VENDOR line 2)?" in found[0].hint


def test_vendor_mismatch_leaves_uncounted_lines_alone():
    # uncounted lines need neither lmgrd nor a vendor daemon (EUG "Counted vs. Uncounted")
    text = ("SERVER edalic01 3C4A92D1E5F0 27020\n"
            "VENDOR acmed\n"
            f"FEATURE viewer viewd 1.0 permanent uncounted HOSTID=0024E8F0A1B2 {SIG}\n"
            f"INCREMENT reporter viewd 1.0 permanent 0 HOSTID=ANY {SIG}\n"
            f"FEATURE plotter viewd 1.0 permanent 1 {SIG}\n")
    [f] = run("vendor_mismatch", text)
    assert f.line == 5 and "FEATURE 'plotter'" in f.message


def test_vendor_mismatch_needs_server_lines():
    # an uncounted, node-locked file has no SERVER and no VENDOR line, legitimately
    assert run("vendor_mismatch", NODE_LOCKED_ONLY) == []


def test_vendor_mismatch_rejected_vendor_line_still_declares_the_vendor():
    # the VENDOR line has a syntax error (port out of range): L001 reports it, not L301
    text = ("SERVER lic01 0019B9A0B0C0 7260\n"
            "VENDOR genesys.d /opt/genesys.d /opt/genesys.opt 99999999\n"
            f"FEATURE tserver_sdn genesys.d 8.1 permanent 250 {SIG}\n")
    lf = lictool.parse(text)
    assert lf.records[1].kind == "UNPARSED"
    assert run("vendor_mismatch", text) == []


# ------------------------------------------------------------------------------------------------
# L302 duplicate-vendor
# ------------------------------------------------------------------------------------------------

def test_duplicate_vendor_daemon_and_vendor_lines_for_one_vendor():
    text = ("SERVER edalic01 3C4A92D1E5F0 27020\n"
            "DAEMON acmed /opt/acme/2024.06/bin/acmed\n"
            "VENDOR acmed /opt/acme/2025.03/bin/acmed port=27021\n")
    [f] = run("duplicate_vendor", text)
    assert where(f) == (3, 8, 3, 13)
    assert (f.code, f.severity) == ("L302", "warning")
    assert "VENDOR 'acmed'" in f.message and "DAEMON line" in f.message
    assert "line 2" in f.message and "one vendor daemon per line" in f.message
    assert "merge" in f.hint and "line 2" in f.hint


def test_duplicate_vendor_every_repeat_cites_the_first_line():
    text = ("SERVER lic01 0019B9A0B0C0 7260\n"
            "VENDOR genesys.d\n"
            "# pasted from a second file\n"
            "VENDOR genesys.d\n"
            "vendor genesys.d\n")
    found = run("duplicate_vendor", text)
    assert [(f.line, f.column) for f in found] == [(4, 8), (5, 8)]
    assert all("line 2" in f.message for f in found)
    assert found[0].hint == "delete this line and keep line 2"


def test_duplicate_vendor_names_differing_in_case_are_different_vendors():
    text = "VENDOR genesys.d\nVENDOR Genesys.d\nVENDOR acmed\n"
    assert run("duplicate_vendor", text) == []


# ------------------------------------------------------------------------------------------------
# L303 server-count
# ------------------------------------------------------------------------------------------------

def servers(n: int, port: bool = True) -> str:
    return "".join(f"SERVER glic-{i} 0019B9A0B0C{i} {'7260' if port else ''}".rstrip() + "\n"
                   for i in range(n))


@pytest.mark.parametrize("n", [0, 1, 3])
def test_server_count_supported(n):
    assert run("server_count", servers(n) + "VENDOR genesys.d\n") == []


def test_server_count_two_servers_flagged_at_the_second():
    [f] = run("server_count", "# primary and backup\n" + servers(2) + "VENDOR genesys.d\n")
    assert where(f) == (3, 1, 3, 32)
    assert (f.code, f.severity) == ("L303", "error")
    assert "2 SERVER lines" in f.message and "lines 2 and 3" in f.message
    assert "triad of three" in f.message
    assert "publisher" in f.hint


@pytest.mark.parametrize("n", [4, 5])
def test_server_count_more_than_three_flagged_once_at_the_fourth(n):
    [f] = run("server_count", servers(n))
    assert (f.line, f.column) == (4, 1)
    assert f"{n} SERVER lines" in f.message
    assert "search path" in f.hint


def test_server_count_rejected_server_line_still_counts():
    text = servers(2) + "SERVER glic-2 0019B9A0B0C2 99999999\n"
    assert lictool.parse(text).records[2].kind == "UNPARSED"
    assert run("server_count", text) == []


# ------------------------------------------------------------------------------------------------
# L304 triad-port
# ------------------------------------------------------------------------------------------------

def test_triad_port_accepts_positional_tcp_and_port_keyword():
    text = ("SERVER glic-a 0019B9A0B0C0 7260 PRIMARY_IS_MASTER HEARTBEAT_INTERVAL=30\n"
            "SERVER glic-b 00219B3C4D5E TCP:7260\n"
            "SERVER glic-c 0024E8F0A1B2 PORT=7260\n"
            "VENDOR genesys.d PORT=7261\n")
    assert run("triad_port", text) == []


def test_triad_port_flags_each_line_without_a_port():
    text = ("SERVER glic-a 0019B9A0B0C0 PRIMARY_IS_MASTER\n"
            "SERVER glic-b 00219B3C4D5E 7260\n"
            "SERVER glic-c 0024E8F0A1B2\n")
    found = run("triad_port", text)
    assert [where(f) for f in found] == [(1, 1, 1, 45), (3, 1, 3, 27)]
    assert (found[0].code, found[0].severity) == ("L304", "error")
    assert "SERVER 'glic-a' has no port" in found[0].message
    assert "triad" in found[0].message
    assert "SERVER glic-c 0024E8F0A1B2 27020" in found[1].hint


@pytest.mark.parametrize("n", [1, 2, 4])
def test_triad_port_only_applies_to_three_servers(n):
    assert run("triad_port", servers(n, port=False)) == []


# ------------------------------------------------------------------------------------------------
# L305 missing-server
# ------------------------------------------------------------------------------------------------

def test_missing_server_one_finding_at_the_first_counted_line():
    text = ("VENDOR genesys.d /opt/genesys/flexlm/genesys.d\n"
            f"FEATURE viewer genesys.d 8.1 permanent uncounted HOSTID=ANY {SIG}\n"
            f"FEATURE tserver_sdn genesys.d 8.1 permanent 300 {SIG}\n"
            f"INCREMENT tserver_sdn genesys.d 8.1 permanent 50 {SIG}\n"
            f"UPGRADE tserver_sdn genesys.d 8.0 8.1 permanent 5 {SIG}\n"
            f'PACKAGE suite genesys.d 8.1 COMPONENTS="tserver_sdn" {SIG}\n')
    [f] = run("missing_server", text)
    assert where(f) == (3, 45, 3, 48)
    assert (f.code, f.severity) == ("L305", "error")
    assert "3 counted license lines" in f.message
    assert "FEATURE 'tserver_sdn'" in f.message and "count 300" in f.message
    assert "no SERVER line" in f.message
    assert "SERVER" in f.hint and "USE_SERVER" in f.hint


def test_missing_server_singular():
    [f] = run("missing_server", f"FEATURE solver acmed 2024.0601 31-dec-2027 10 {SIG}\n")
    assert f.message.startswith("1 counted license line (")


def test_missing_server_uncounted_files_need_no_server():
    assert run("missing_server", NODE_LOCKED_ONLY) == []


def test_missing_server_any_server_line_satisfies_it():
    text = ("SERVER lic01 0019B9A0B0C0\n"
            f"FEATURE tserver_sdn genesys.d 8.1 permanent 300 {SIG}\n")
    assert run("missing_server", text) == []


# ------------------------------------------------------------------------------------------------
# L401 uncounted-without-hostid
# ------------------------------------------------------------------------------------------------

def test_uncounted_without_hostid_uncounted_and_zero():
    text = (f"FEATURE viewer acmed 1.0 permanent uncounted ISSUED=1-jun-2024 {SIG}\n"
            f"INCREMENT reporter acmed 1.0 permanent 0 {SIG}\n"
            f"UPGRADE reporter acmed 1.0 2.0 permanent 0 {SIG}\n")
    found = run("uncounted_without_hostid", text)
    assert [where(f) for f in found] == [(1, 36, 1, 45), (2, 40, 2, 41), (3, 42, 3, 43)]
    assert (found[0].code, found[0].severity) == ("L401", "error")
    assert found[0].message.startswith("FEATURE 'viewer' is uncounted but has no hostid")
    assert "INCREMENT 'reporter' is uncounted (count 0)" in found[1].message
    assert "HOSTID=" in found[0].hint


def test_uncounted_without_hostid_accepts_hostid_forms():
    text = (f"FEATURE a acmed 1.0 permanent uncounted HOSTID=ANY {SIG}\n"
            f'FEATURE b acmed 1.0 permanent 0 HOSTID="0a1b2c3d4e5f INTERNET=10.1.*.*" {SIG}\n'
            f"FEATURE c acmed 1.0 permanent uncounted hostid=DEMO {SIG}\n"
            # v2 line: positional key, quoted vendor string, positional hostid
            'FEATURE d acmed 1.00 1-jan-0 0 0123456789ABCDEF0123 "cust 42" 0a1b2c3d4e5f\n'
            # counted lines need no hostid
            f"FEATURE e acmed 1.0 permanent 10 {SIG}\n")
    assert lictool.parse(text).records[3].hostid_v2 == "0a1b2c3d4e5f"
    assert run("uncounted_without_hostid", text) == []


def test_uncounted_without_hostid_empty_hostid():
    [f] = run("uncounted_without_hostid", f'FEATURE a acmed 1.0 permanent 0 HOSTID="" {SIG}\n')
    assert "(HOSTID= is empty)" in f.message


# ------------------------------------------------------------------------------------------------
# L402 after-use-server
# ------------------------------------------------------------------------------------------------

HEAD = ("SERVER edalic01 3C4A92D1E5F0 27020\n"
        "VENDOR acmed /opt/acme/bin/acmed port=27021\n")


def test_after_use_server_lines_nothing_serves():
    # vendor viewd has no VENDOR line: nothing serves its uncounted lines after USE_SERVER
    text = (HEAD + "USE_SERVER\n"
            f"FEATURE solver acmed 2024.0601 31-dec-2027 10 {SIG}\n"
            "FEATURE viewer viewd 1.0 permanent uncounted HOSTID=0a1b2c3d4e5f TS_OK \\\n"
            f"\t{SIG}\n"
            f"INCREMENT reporter viewd 1.0 permanent 0 HOSTID=ANY {SIG}\n")
    found = run("after_use_server", text)
    assert [(f.line, f.column, f.end_line) for f in found] == [(5, 1, 6), (7, 1, 7)]
    f = found[0]
    assert (f.code, f.severity) == ("L402", "warning")
    assert f.message == ("uncounted node-locked FEATURE 'viewer' comes after USE_SERVER on line "
                         "3 and vendor 'viewd' has no VENDOR or DAEMON line, so no vendor daemon "
                         "serves it: clients stop reading at USE_SERVER and never see it")
    assert f.hint == "move it before the USE_SERVER line (line 3)"
    # HOSTID=ANY is not node-locked
    assert found[1].message.startswith("uncounted INCREMENT 'reporter' comes after USE_SERVER")


def test_after_use_server_without_a_server_line():
    text = ("VENDOR acmed\nUSE_SERVER\n"
            f"FEATURE viewer acmed 1.0 permanent uncounted HOSTID=DEMO {SIG}\n")
    [f] = run("after_use_server", text)
    assert f.message.startswith("uncounted FEATURE 'viewer' comes after USE_SERVER on line 2 and "
                                "the file has no SERVER line:")


def test_after_use_server_v2_positional_hostid():
    text = ("SERVER edalic01 3C4A92D1E5F0 27020\nUSE_SERVER\n"
            'FEATURE legacy acmed 1.00 1-jan-0 uncounted 0123456789ABCDEF0123 "" 0a1b2c3d4e5f\n')
    [f] = run("after_use_server", text)
    assert f.line == 3 and "node-locked" in f.message


def test_after_use_server_leaves_other_lines_alone():
    text = (HEAD +
            f"FEATURE viewer viewd 1.0 permanent uncounted HOSTID=0a1b2c3d4e5f {SIG}\n"
            "USE_SERVER\n"
            f"FEATURE solver acmed 2024.0601 31-dec-2027 10 {SIG}\n"        # counted: served
            f"FEATURE loose viewd 1.0 permanent uncounted {SIG}\n"          # L401's business
            f'PACKAGE suite viewd 1.0 COMPONENTS="viewer" {SIG}\n')
    assert run("after_use_server", text) == []
    assert run("after_use_server", NODE_LOCKED_ONLY) == []


def test_after_use_server_uncounted_line_of_a_served_vendor_is_served():
    # SERVER lines and a VENDOR line for acmed: lmgrd starts acmed, which serves the line
    text = (HEAD + "USE_SERVER\n"
            f"FEATURE viewer acmed 1.0 permanent uncounted HOSTID=0a1b2c3d4e5f {SIG}\n"
            f"INCREMENT reporter acmed 1.0 permanent 0 HOSTID=ANY {SIG}\n")
    assert run("after_use_server", text) == []
    # a DAEMON line, or a VENDOR line the grammar rejected, names the vendor too
    assert run("after_use_server", text.replace("VENDOR acmed", "DAEMON acmed")) == []


# ------------------------------------------------------------------------------------------------
# L403 unsigned
# ------------------------------------------------------------------------------------------------

def test_unsigned_feature_and_package():
    text = ("SERVER lic01 0019B9A0B0C0 7260\n"
            "VENDOR genesys.d\n"
            "FEATURE ics_email_webform_channel genesys.d 8.1 31-dec-2027 50 \\\n"
            "  ISSUED=20-jan-2025 SN=GL81-250120-02\n"
            'PACKAGE suite genesys.d 8.1 COMPONENTS="tserver_sdn"\n')
    found = run("unsigned", text)
    assert [where(f) for f in found] == [(3, 1, 4, 39), (5, 1, 5, 53)]
    assert (found[0].code, found[0].severity) == ("L403", "warning")
    assert "FEATURE 'ics_email_webform_channel' is not signed" in found[0].message
    assert "no SIGN=, AUTH= or license key" in found[0].message
    assert "PACKAGE 'suite'" in found[1].message
    assert "SIGN=" in found[0].hint


def test_unsigned_accepts_every_signature_form():
    text = (f"FEATURE a acmed 1.0 permanent 1 {SIG}\n"
            'FEATURE b acmed 1.0 permanent 1 SIGN2="0A0B 0C0D"\n'
            'FEATURE c acmed 1.0 permanent 1 AUTH="{lk=0A0B0C0D}"\n'
            'FEATURE d acmed 1.0 permanent 1 sign="0A0B 0C0D"\n'
            "FEATURE e acmed 1.0 permanent 1 0123456789AB\n"
            'PACKAGE f acmed 1.0 0123456789ABCDEF0123 COMPONENTS="a"\n'
            'FEATURE g acmed 1.0 permanent 1 SIGN4="0A0B"\n')
    assert run("unsigned", text) == []


def test_unsigned_empty_signature():
    [f] = run("unsigned", 'FEATURE a acmed 1.0 permanent 1 SIGN=""\n')
    assert "its SIGN= is empty" in f.message


# ------------------------------------------------------------------------------------------------
# L501 unknown-keyword
# ------------------------------------------------------------------------------------------------

def test_unknown_keyword_typo_names_the_closest_keyword():
    text = ("SERVER edalic01 3C4A92D1E5F0 27020\n"
            "FEATURE solver acmed 2024.0601 31-dec-2027 10 ISSUED=1-jun-2024 \\\n"
            f'\tsort=50 asset_inf="PO 4711" TS_0K {SIG}\n')
    found = run("unknown_keyword", text)
    assert [where(f) for f in found] == [(3, 10, 3, 29), (3, 30, 3, 35)]
    assert (found[0].code, found[0].severity) == ("L501", "info")
    assert "'asset_inf'" in found[0].message and "FEATURE lines" in found[0].message
    assert found[0].hint == "did you mean asset_info?"
    assert found[1].hint == "did you mean TS_OK?"


def test_unknown_keyword_lower_case_end_user_and_vendor_keywords_are_known():
    text = ("SERVER lic01 0019B9A0B0C0 7260 heartbeat_interval=30 primary_is_master\n"
            "vendor adskflex port=2080 options=/opt/adsk/adskflex.opt\n"
            "DAEMON genesys.d ./ Port=7261 eport=7262\n"
            "INCREMENT viewer adskflex 1.0 permanent uncounted hostid=ANY sort=60 \\\n"
            '  asset_info="PO 1" dist_info=x user_info="bldg 3" vendor_info=y ck=103 '
            'Sign="0A0B 0C0D"\n')
    assert run("unknown_keyword", text) == []


def test_unknown_keyword_vendor_defined_keyword():
    text = f'FEATURE tserver_sdn genesys.d 8.1 permanent 600 GENESYS_TIER=gold {SIG}\n'
    [f] = run("unknown_keyword", text)
    assert where(f) == (1, 49, 1, 66)
    assert "'GENESYS_TIER'" in f.message
    assert "extra-keywords" in f.hint
    assert run("unknown_keyword", text, **{"extra-keywords": ["genesys_tier"]}) == []


def test_unknown_keyword_keyword_of_another_line_kind():
    text = ("SERVER lic01 0019B9A0B0C0 7260 HEARTBEAT=30\n"
            f"FEATURE solver acmed 1.0 permanent 10 HEARTBEAT_INTERVAL=30 {SIG}\n"
            "VENDOR acmed /opt/acmed PORT=27021 HEARTBEAT_INTERVAL=30\n")
    found = run("unknown_keyword", text)
    assert [(f.line, f.column) for f in found] == [(1, 32), (2, 39), (3, 36)]
    assert found[0].hint == "did you mean HEARTBEAT_INTERVAL?"
    assert "SERVER lines" in found[0].message
    assert found[1].hint == "HEARTBEAT_INTERVAL belongs on SERVER lines, not on FEATURE lines"
    assert found[2].hint == "HEARTBEAT_INTERVAL belongs on SERVER lines, not on VENDOR lines"


def test_unknown_keyword_other_line_kind_wins_over_a_similar_spelling():
    # 'port' is close to 'sort', but it is a SERVER/VENDOR keyword put on the wrong line
    [f] = run("unknown_keyword", f"FEATURE solver acmed 1.0 permanent 10 port=27000 {SIG}\n")
    assert where(f) == (1, 39, 1, 49)
    assert f.hint == "PORT belongs on SERVER and VENDOR lines, not on FEATURE lines"
