"""``lictool diff`` (issue 12, item 3): the entitlement change from OLD to NEW license files, then
the record-level changes. Hand-made Genesys-style files whose expected change is worked out by
hand from the entitlement rules (FEATURE first-wins, INCREMENT adds to its pool, SUPERSEDE), the
library (:func:`lictool.diff.diff`), the renderers and the command."""

from __future__ import annotations

import datetime as _dt
import json
import shutil
from pathlib import Path

import pytest
from entry import run_main
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_entitlement import LINES
from test_entitlement import render as render_lines
from test_properties import license_text

import lictool
from lictool.diff import ABSENT, SERVING, diff
from lictool.entitlement import Options
from lictool.format import format_file
from lictool.report.diff_text import as_dict, render_json, render_markdown, render_text

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
TODAY = _dt.date(2026, 6, 1)
HEAD = ("SERVER lic01 0019B9A0B0C0 7260\n"
        "VENDOR genesys.d /opt/genesys/flexlm/genesys.d PORT=7261\n"
        "USE_SERVER\n")
SDN = ("FEATURE tserver_sdn genesys.d 8.1 permanent 500 ISSUED=21-jun-2013 SN=GL81-01 \\\n"
       '  SIGN="C317 56DB DDAB C63C"\n')
SDN_INC = ("INCREMENT tserver_sdn genesys.d 8.1 permanent 500 ISSUED=2-feb-2024 SN=GL81-07 "
           'SIGN="9B35 CBE8"\n')
ISC = ('FEATURE tserver_isc genesys.d 8.1 31-dec-2026 3 ISSUED=21-jun-2013 SN=GL81-03 '
       'SIGN="D292 F01F"\n')
STAT = ("FEATURE GIS_STATSERVICE genesys.d 8.1 permanent uncounted HOSTID=0019B9A0B0C1 "
        'ISSUED=21-jun-2013 SN=GL81-11 SIGN="B077 D106"\n')
GOOD_FIXTURES = sorted(p.name for p in FIXTURES.glob("*.lic") if not p.name.startswith("broken"))


def files(*texts, prefix="old"):
    return [lictool.parse(t, f"{prefix}{i + 1}.lic") for i, t in enumerate(texts)]


def d_of(old, new, **options):
    """The diff of one OLD text and one NEW text (or tuples of texts: lists of files)."""
    old = old if isinstance(old, tuple) else (old,)
    new = new if isinstance(new, tuple) else (new,)
    return diff(files(*old), files(*new, prefix="new"), TODAY, Options(**options))


def text_of(d):
    return render_text(d).splitlines()


def changed_lines(d):
    """The change lines of the text output (no headings, no summary)."""
    return [ln for ln in text_of(d) if ln[:2] in ("+ ", "- ", "~ ", "! ", "* ")]


# --------------------------------------------------------------------------------------------
# no change
# --------------------------------------------------------------------------------------------

def test_identical_files_are_the_same():
    d = d_of(HEAD + SDN + ISC, HEAD + SDN + ISC)
    assert d.same and d.records_same
    assert changed_lines(d) == []
    assert text_of(d)[-1] == ("No change: the same entitlement and the same records "
                              "(layout aside).")


@pytest.mark.parametrize("name", GOOD_FIXTURES)
def test_fmt_output_of_a_fixture_diffs_to_nothing(name):
    path = FIXTURES / name
    lf = lictool.load(path)
    _, formatted, _ = format_file(lf)
    d = diff([lf], [lictool.parse(formatted, "formatted.lic")], TODAY)
    assert d.same and d.records_same, render_text(d)


def test_layout_and_comment_changes_are_no_change():
    new = ("# reformatted by hand\n"
           "server lic01 0019b9a0b0c0 7260\n"
           "VENDOR genesys.d /opt/genesys/flexlm/genesys.d PORT=7261\n\nUSE_SERVER\n"
           "FEATURE tserver_sdn genesys.d 8.1 permanent 500 ISSUED=21-jun-2013 SN=GL81-01 "
           'SIGN="c317 56db  ddab c63c"\n' + ISC)
    d = d_of(HEAD + SDN + ISC, new)
    # the hostid's case is not layout (the layout key keeps it), but it is the same license server
    assert d.same
    assert [r.kind for r in d.records_added] == ["SERVER"]


def test_record_changes_that_serve_the_same_exit_0_and_say_so():
    edited = SDN.replace("SN=GL81-01", 'SN=GL81-01 NOTICE="Main site"')
    d = d_of(HEAD + SDN, HEAD + edited)
    assert d.same and not d.records_same
    lines = text_of(d)
    assert lines[-1] == ("Entitlement unchanged; records: 1 added, 1 removed (they change "
                         "nothing the license server serves).")
    assert "Records (1 added, 1 removed):" in lines
    assert ("+ new1.lic:4: FEATURE tserver_sdn genesys.d 8.1 permanent 500 ISSUED=21-jun-2013 "
            'SN=GL81-01 NOTICE="Main site" SIGN=...') in lines
    assert "- old1.lic:4: FEATURE tserver_sdn genesys.d 8.1 permanent 500 ISSUED=21-jun-2013 " \
           "SN=GL81-01 SIGN=..." in lines


def test_the_same_files_at_other_paths_and_lines_are_the_same():
    d = diff(files(HEAD + SDN + ISC), files(HEAD + "\n\n" + ISC + SDN, prefix="elsewhere/"),
             TODAY)
    assert d.same and d.records_same


# --------------------------------------------------------------------------------------------
# pools
# --------------------------------------------------------------------------------------------

def test_seats_up_by_an_increment_line():
    d = d_of(HEAD + SDN, HEAD + SDN + SDN_INC)
    assert not d.same
    (c,) = d.pools
    assert (c.kind, c.old.seats, c.new.seats, c.seats_delta) == ("changed", 500, 1000, 500)
    assert changed_lines(d) == [
        "~ genesys.d tserver_sdn 8.1: 500 -> 1000 seats (+500) (new1.lic:4 and 1 more line)",
        ("+ new1.lic:6: INCREMENT tserver_sdn genesys.d 8.1 permanent 500 ISSUED=2-feb-2024 "
         "SN=GL81-07 SIGN=...")]
    assert text_of(d)[-1] == ("Entitlement changed: pools: 1 changed. Records: 1 added, "
                              "0 removed.")


def test_seats_down():
    d = d_of(HEAD + SDN + SDN_INC, HEAD + SDN)
    assert changed_lines(d)[0] == "~ genesys.d tserver_sdn 8.1: 1000 -> 500 seats (-500) " \
                                  "(new1.lic:4)"


def test_a_feature_line_added_before_an_increment_line():
    big = ("FEATURE tserver_sdn genesys.d 8.1 permanent 12000 ISSUED=1-may-2026 SN=GL81-20 "
           'SIGN="AAAA"\n')
    d = d_of(HEAD + SDN_INC, HEAD + big + SDN_INC)
    (c,) = d.pools
    assert (c.old.seats, c.new.seats, c.seats_delta) == (500, 12500, 12000)
    assert changed_lines(d)[0] == ("~ genesys.d tserver_sdn 8.1: 500 -> 12500 seats (+12000) "
                                   "(new1.lic:4 and 1 more line)")


def test_a_pool_added_and_a_pool_removed():
    d = d_of(HEAD + SDN + ISC, HEAD + SDN + STAT)
    assert [c.kind for c in d.pools] == ["added", "removed"]
    assert changed_lines(d)[:2] == [
        ("+ genesys.d GIS_STATSERVICE 8.1 on 0019B9A0B0C1: uncounted, permanent "
         "(new pool; new1.lic:6)"),
        ("- genesys.d tserver_isc 8.1: 3 seats, expires 2026-12-31 (pool removed; was "
         "old1.lic:6)")]


def test_expiry_moved():
    d = d_of(HEAD + ISC, HEAD + ISC.replace("31-dec-2026", "31-dec-2027"))
    (c,) = d.pools
    assert c.expiry_changed and not c.seats_changed
    assert changed_lines(d)[0] == ("~ genesys.d tserver_isc 8.1: expiry 2026-12-31 -> "
                                   "2027-12-31 (new1.lic:4)")
    d = d_of(HEAD + ISC, HEAD + ISC.replace("31-dec-2026", "permanent"))
    assert changed_lines(d)[0].startswith("~ genesys.d tserver_isc 8.1: expiry 2026-12-31 -> "
                                          "permanent")


def test_uncounted_to_counted_has_no_delta():
    counted = STAT.replace("uncounted", "5")
    d = d_of(HEAD + STAT, HEAD + counted)
    (c,) = d.pools
    assert c.seats_changed and c.seats_delta is None
    assert changed_lines(d)[0] == ("~ genesys.d GIS_STATSERVICE 8.1 on 0019B9A0B0C1: "
                                   "uncounted -> 5 seats (new1.lic:4)")


def test_rehosted_node_locked_pool_is_one_change():
    d = d_of(HEAD + STAT, HEAD + STAT.replace("HOSTID=0019B9A0B0C1", "HOSTID=0019B9A0B0C2"))
    (c,) = d.pools
    assert c.kind == "changed" and c.hostids_changed
    assert changed_lines(d)[0] == ("~ genesys.d GIS_STATSERVICE 8.1: hostids 0019B9A0B0C1 -> "
                                   "0019B9A0B0C2 (new1.lic:4)")


def test_hostids_in_another_order_or_case_are_the_same_pool():
    two = STAT.replace("HOSTID=0019B9A0B0C1", 'HOSTID="0019B9A0B0C1 0019B9A0B0C2"')
    swapped = STAT.replace("HOSTID=0019B9A0B0C1", 'HOSTID="0019b9a0b0c2 0019B9A0B0C1"')
    d = d_of(HEAD + two, HEAD + swapped)
    assert d.same and not d.records_same


def test_pooling_attributes_keep_pools_apart():
    a = SDN_INC.replace("SN=GL81-07", "DUP_GROUP=U SN=GL81-07")
    d = d_of(HEAD + SDN, HEAD + SDN + a)
    assert [c.kind for c in d.pools] == ["added"]
    assert d.pools[0].key.pooled_by == ("DUP_GROUP=U",)
    assert changed_lines(d)[0] == ("+ genesys.d tserver_sdn 8.1 [DUP_GROUP=U]: 500 seats, "
                                   "permanent (new pool; new1.lic:6)")


def test_a_version_written_otherwise_is_the_same_version():
    d = d_of(HEAD + SDN, HEAD + SDN.replace(" 8.1 ", " 8.10 "))
    assert d.same and not d.records_same


# --------------------------------------------------------------------------------------------
# lines that serve nothing
# --------------------------------------------------------------------------------------------

def test_a_second_counted_feature_line_added_serves_nothing():
    second = SDN.replace("500", "700").replace("GL81-01", "GL81-30")
    d = d_of(HEAD + SDN, HEAD + SDN + second)
    assert d.pools == ()
    (n,) = d.now_unserved
    assert (n.unserved.line, n.unserved.reason, n.before) == (6, "ignored-feature", ABSENT)
    assert not d.same                      # a line that serves nothing is a change to review
    assert changed_lines(d)[0] == (
        "! new1.lic:6: FEATURE tserver_sdn 8.1 now serves nothing (a new line): "
        "ignored-feature: FEATURE tserver_sdn 8.1 is ignored: only the first counted FEATURE "
        "line of 'tserver_sdn' is processed (line 4 of new1.lic, version 8.1)")
    assert text_of(d)[-1] == ("Entitlement changed: 1 line now serving nothing. Records: "
                              "1 added, 0 removed.")


def test_a_supersede_line_voids_a_line_that_served():
    sup = ("FEATURE tserver_sdn genesys.d 8.1 permanent 800 SUPERSEDE ISSUED=1-may-2026 "
           'SN=GL81-40 SIGN="EEEE"\n')
    d = d_of(HEAD + SDN, HEAD + sup + SDN)
    (n,) = d.now_unserved
    assert (n.unserved.path, n.unserved.line, n.unserved.reason, n.before) == (
        "new1.lic", 5, "superseded", SERVING)
    (c,) = d.pools
    assert (c.old.seats, c.new.seats) == (500, 800)
    assert "! new1.lic:5: FEATURE tserver_sdn 8.1 now serves nothing (it served in OLD): " \
           "superseded: " in "\n".join(changed_lines(d))


def test_a_line_that_serves_again():
    sup = ("FEATURE tserver_isc genesys.d 8.1 permanent 9 SUPERSEDE ISSUED=1-may-2026 "
           'SN=GL81-41 SIGN="EEEE"\n')
    d = d_of(HEAD + ISC + sup, HEAD + ISC)
    (a,) = d.serve_again
    assert (a.path, a.line, a.old.reason, a.text) == ("new1.lic", 4, "superseded",
                                                      "FEATURE tserver_isc 8.1")
    assert "* new1.lic:4: FEATURE tserver_isc 8.1 serves again (in OLD: superseded, " \
           "old1.lic:4)" in text_of(d)


def test_another_reason_to_serve_nothing_is_reported_with_the_old_one():
    # OLD: the ISC line is superseded; NEW: the supersede line and the SERVER line are gone
    sup = ("FEATURE tserver_isc genesys.d 8.1 permanent 9 SUPERSEDE ISSUED=1-may-2026 "
           'SN=GL81-41 SIGN="EEEE"\n')
    d = d_of(HEAD + ISC + sup, HEAD.replace("SERVER", "# SERVER") + ISC)
    (n,) = d.now_unserved
    assert (n.unserved.reason, n.before) == ("no-license-server", "superseded")
    assert "(in OLD: superseded): no-license-server:" in "\n".join(changed_lines(d))


# --------------------------------------------------------------------------------------------
# SERVER lines, ambiguities
# --------------------------------------------------------------------------------------------

def test_server_hostid_and_port_changed():
    new = HEAD.replace("0019B9A0B0C0 7260", "0019B9A0B0C9 27000")
    d = d_of(HEAD + SDN, new + SDN)
    (s,) = d.servers
    assert s.kind == "changed" and (s.old.hostid, s.new.hostid) == ("0019B9A0B0C0",
                                                                     "0019B9A0B0C9")
    assert not d.same and d.pools == ()
    assert "~ new1.lic:1: SERVER lic01: hostid 0019B9A0B0C0 -> 0019B9A0B0C9; port 7260 -> " \
           "27000 (was old1.lic:1)" in text_of(d)


def test_server_renamed_and_a_server_added():
    new = HEAD.replace("lic01", "lic02")
    d = d_of(HEAD + SDN, new + SDN + "SERVER lic03 0019B9A0B0C3 7260\n")
    assert [s.kind for s in d.servers] == ["changed", "added"]
    lines = text_of(d)
    assert "~ new1.lic:1: SERVER lic02: host lic01 -> lic02 (was old1.lic:1)" in lines
    assert "+ new1.lic:6: SERVER lic03 hostid 0019B9A0B0C3 port 7260" in lines


def test_a_new_file_diffed_from_an_empty_one():
    d = d_of("", HEAD + SDN + STAT)
    assert [c.kind for c in d.pools] == ["added", "added"]
    assert [s.kind for s in d.servers] == ["added"]
    assert text_of(d)[-1] == ("Entitlement changed: pools: 2 added; SERVER lines: 1 added. "
                              "Records: 5 added, 0 removed.")


def test_a_version_sort_ambiguity_added():
    old_76 = SDN.replace("8.1", "7.6").replace("GL81-01", "GL76-01")
    d = d_of(HEAD + SDN, HEAD + SDN + old_76)
    (a,) = d.ambiguities_added
    assert a.feature == "tserver_sdn"
    assert f"+ {a.message}" in text_of(d)
    assert d_of(HEAD + SDN + old_76, HEAD + SDN).ambiguities_removed


# --------------------------------------------------------------------------------------------
# lists of files
# --------------------------------------------------------------------------------------------

def test_lists_of_files_on_both_sides():
    d = d_of((HEAD + SDN, HEAD + ISC), (HEAD + SDN, HEAD + ISC))
    assert d.same and d.records_same
    d = d_of((HEAD + SDN, HEAD + ISC), (HEAD + SDN + SDN_INC, HEAD + ISC))
    assert [(c.kind, c.seats_delta) for c in d.pools] == [("changed", 500)]
    # an INCREMENT in another file adds to the same pool
    d = d_of((HEAD + SDN, HEAD + ISC), (HEAD + SDN, HEAD + ISC + SDN_INC))
    assert [(c.kind, c.seats_delta) for c in d.pools] == [("changed", 500)]


def test_a_counted_line_moved_to_a_file_without_a_server_serves_nothing():
    d = d_of((HEAD + SDN,), (HEAD, SDN))
    assert [c.kind for c in d.pools] == ["removed"]
    (n,) = d.now_unserved
    assert (n.unserved.path, n.unserved.reason, n.before) == ("new2.lic", "no-license-server",
                                                              SERVING)


# --------------------------------------------------------------------------------------------
# JSON and Markdown
# --------------------------------------------------------------------------------------------

def test_json_structure():
    old = HEAD + SDN + ISC
    new = HEAD.replace("7260", "27000") + SDN + SDN_INC + STAT
    d = d_of(old, new)
    out = json.loads(render_json(d))
    assert list(out) == ["today", "version_sort", "same", "records_same", "summary", "pools",
                         "unserved", "servers", "ambiguities", "records"]
    assert (out["today"], out["version_sort"], out["same"]) == ("2026-06-01", "higher-first",
                                                                False)
    (added,) = out["pools"]["added"]
    assert added["feature"] == "GIS_STATSERVICE" and added["seats"] == "uncounted"
    assert added["hostids"] == ["0019B9A0B0C1"] and added["pooled_by"] == []
    assert {"vendor", "version", "expires", "latest_expiry", "days_left", "package",
            "lines"} <= set(added)
    (removed,) = out["pools"]["removed"]
    assert (removed["feature"], removed["expires"], removed["lines"]) == (
        "tserver_isc", "2026-12-31", [{"path": "old1.lic", "line": 6}])
    (changed,) = out["pools"]["changed"]
    assert changed["seats"] == {"old": 500, "new": 1000, "delta": 500}
    assert changed["expires"] is None and changed["hostids"] is None
    assert changed["new"]["lines"] == [{"path": "new1.lic", "line": 4},
                                       {"path": "new1.lic", "line": 6}]
    assert out["servers"]["changed"] == [{
        "old": {"path": "old1.lic", "line": 1, "host": "lic01", "hostid": "0019B9A0B0C0",
                "port": 7260},
        "new": {"path": "new1.lic", "line": 1, "host": "lic01", "hostid": "0019B9A0B0C0",
                "port": 27000}}]
    assert out["servers"]["added"] == [] and out["servers"]["removed"] == []
    assert out["unserved"] == {"new": [], "gone": []}
    assert out["ambiguities"] == {"added": [], "removed": []}
    assert [r["kind"] for r in out["records"]["added"]] == ["SERVER", "INCREMENT", "FEATURE"]
    assert out["records"]["removed"] == [
        {"path": "old1.lic", "line": 1, "kind": "SERVER",
         "text": "SERVER lic01 0019B9A0B0C0 7260"},
        {"path": "old1.lic", "line": 6, "kind": "FEATURE",
         "text": "FEATURE tserver_isc genesys.d 8.1 31-dec-2026 3 ISSUED=21-jun-2013 "
                 "SN=GL81-03 SIGN=..."}]


def test_json_of_unserved_lines():
    second = SDN.replace("500", "700").replace("GL81-01", "GL81-30")
    out = as_dict(d_of(HEAD + SDN, HEAD + SDN + second))
    (n,) = out["unserved"]["new"]
    assert n["path"] == "new1.lic" and n["line"] == 6 and n["before"] == "absent"
    assert (n["reason"], n["text"], n["feature"]) == ("ignored-feature",
                                                      "FEATURE tserver_sdn 8.1", "tserver_sdn")


def test_output_is_deterministic():
    old, new = HEAD + SDN + ISC, HEAD + STAT + SDN_INC + SDN
    assert render_json(d_of(old, new)) == render_json(d_of(old, new))
    assert render_text(d_of(old, new)) == render_text(d_of(old, new))


def test_markdown_puts_the_changes_in_a_diff_block():
    md = render_markdown(d_of(HEAD + SDN, HEAD + SDN + SDN_INC)).splitlines()
    assert md[0] == "### Entitlement change on 2026-06-01 (version sort: higher-first)"
    assert md[2] == "**Entitlement changed: pools: 1 changed. Records: 1 added, 0 removed.**"
    assert md[4] == "```diff" and md[-1] == "```"
    same = render_markdown(d_of(HEAD + SDN, HEAD + SDN))
    assert "```" not in same


# --------------------------------------------------------------------------------------------
# the command
# --------------------------------------------------------------------------------------------

def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_cli_identical_files_exit_0(tmp_path, capsys):
    a = write(tmp_path, "a.lic", HEAD + SDN)
    code, out, err = run_main(capsys, "diff", a, a, "--today", "2026-06-01")
    assert code == 0 and err == ""
    assert out.splitlines()[-1].startswith("No change")


def test_cli_fmt_output_exit_0(tmp_path, capsys):
    b = tmp_path / "genesys-7x.lic"
    shutil.copy(FIXTURES / "genesys-7x.lic", b)
    assert run_main(capsys, "fmt", b)[0] == 0
    assert b.read_bytes() != (FIXTURES / "genesys-7x.lic").read_bytes()
    code, out, _ = run_main(capsys, "diff", FIXTURES / "genesys-7x.lic", b, "--today",
                            "2026-06-01")
    assert code == 0, out
    assert out.splitlines()[-1].startswith("No change")


def test_cli_a_change_exits_1_and_prints_one_line_per_change(tmp_path, capsys):
    a = write(tmp_path, "a.lic", HEAD + SDN)
    b = write(tmp_path, "b.lic", HEAD + SDN + SDN_INC)
    code, out, err = run_main(capsys, "diff", a, b, "--today", "2026-06-01")
    assert code == 1 and err == ""
    assert f"~ genesys.d tserver_sdn 8.1: 500 -> 1000 seats (+500) ({b}:4 and 1 more line)" \
        in out.splitlines()


def test_cli_record_changes_alone_exit_0(tmp_path, capsys):
    a = write(tmp_path, "a.lic", HEAD + SDN)
    b = write(tmp_path, "b.lic", HEAD + SDN.replace("SN=GL81-01", "SN=GL81-01 NOTICE=x"))
    code, out, _ = run_main(capsys, "diff", a, b, "--today", "2026-06-01")
    assert code == 0
    assert out.splitlines()[-1].startswith("Entitlement unchanged; records: 1 added, 1 removed")


def test_cli_lists_of_files(tmp_path, capsys):
    a1, a2 = write(tmp_path, "old/a.lic", HEAD + SDN), write(tmp_path, "old/b.lic", HEAD + ISC)
    b1 = write(tmp_path, "new/a.lic", HEAD + SDN)
    b2 = write(tmp_path, "new/b.lic", HEAD + ISC + SDN_INC)
    code, out, _ = run_main(capsys, "diff", "--old", a1, "--old", a2, "--new", b1, "--new", b2,
                            "--today", "2026-06-01", "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert data["pools"]["changed"][0]["seats"]["delta"] == 500
    code, out, _ = run_main(capsys, "diff", "--old", a1, "--old", a2, "--new", a1, "--new", a2,
                            "--today", "2026-06-01")
    assert code == 0


def test_cli_version_sort_and_config(tmp_path, capsys):
    old_76 = SDN.replace("8.1", "7.6").replace("GL81-01", "GL76-01").replace("500", "50")
    a = write(tmp_path, "a.lic", HEAD + old_76)
    b = write(tmp_path, "b.lic", HEAD + old_76 + SDN)
    code, out, _ = run_main(capsys, "diff", a, b, "--today", "2026-06-01", "--format", "json",
                            "--version-sort", "lower-first")
    # lower versions first: the 7.6 FEATURE line stays the first, the 8.1 one is ignored
    data = json.loads(out)
    assert data["version_sort"] == "lower-first" and data["pools"]["added"] == []
    assert data["unserved"]["new"][0]["reason"] == "ignored-feature"
    cfg = write(tmp_path, "lictool.toml", 'version-sort = "lower-first"\n')
    code2, out2, _ = run_main(capsys, "diff", a, b, "--today", "2026-06-01", "--format",
                              "json", "--config", cfg)
    assert (code2, out2) == (code, out)
    code, out, _ = run_main(capsys, "diff", a, b, "--today", "2026-06-01", "--format", "json")
    assert [p["version"] for p in json.loads(out)["pools"]["added"]] == ["8.1"]


@pytest.mark.parametrize("args", [
    ["nosuch.lic", "{a}"], ["{a}", "nosuch.lic"], ["--old", "{a}", "--new", "nosuch.lic"],
    ["{dir}", "{a}"]])
def test_cli_unreadable_input_exits_2_with_the_path(tmp_path, capsys, args):
    a = write(tmp_path, "a.lic", HEAD + SDN)
    argv = [x.format(a=a, dir=tmp_path) for x in args]
    code, out, err = run_main(capsys, "diff", *argv, "--today", "2026-06-01")
    assert code == 2 and out == ""
    bad = next(x for x in argv if x in ("nosuch.lic", str(tmp_path)))
    assert err.startswith(f"lictool: {bad}: "), err


def test_cli_private_key_is_refused(tmp_path, capsys):
    a = write(tmp_path, "a.lic", HEAD + SDN)
    key = write(tmp_path, "key.lic", "-----BEGIN PRIVATE KEY-----\nMIIB\n"
                                     "-----END PRIVATE KEY-----\n")
    code, out, err = run_main(capsys, "diff", a, key)
    assert code == 2 and out == "" and "MIIB" not in err and str(key) in err


@pytest.mark.parametrize("args", [
    [], ["{a}"], ["{a}", "{a}", "{a}"], ["{a}", "{a}", "--old", "{a}"], ["--old", "{a}"],
    ["--old", "-", "--new", "-"], ["{a}", "{a}", "--today", "2026-13-01"]])
def test_cli_bad_usage_exits_2(tmp_path, capsys, args):
    a = write(tmp_path, "a.lic", HEAD + SDN)
    code, out, _ = run_main(capsys, "diff", *[x.format(a=a) for x in args])
    assert code == 2 and out == ""


def test_cli_reads_one_side_from_stdin(tmp_path, capsys, monkeypatch):
    import io
    import sys

    a = write(tmp_path, "a.lic", HEAD + SDN)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO((HEAD + SDN).encode())))
    code, out, _ = run_main(capsys, "diff", a, "-", "--today", "2026-06-01")
    assert code == 0, out


# --------------------------------------------------------------------------------------------
# properties
# --------------------------------------------------------------------------------------------

SETTINGS = {"deadline": None, "database": None,
            "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}


def assert_empty(old, new):
    d = diff([old], [new], TODAY)
    assert d.same and d.records_same, render_text(d)
    assert changed_lines(d) == []


@settings(max_examples=60, **SETTINGS)
@given(license_text())
def test_property_a_file_diffs_to_nothing_with_itself_and_its_fmt_output(generated):
    text, _ = generated
    lf = lictool.parse(text, "a.lic")
    assert_empty(lf, lictool.parse(text, "a.lic"))
    _, formatted, _ = format_file(lf)
    assert_empty(lf, lictool.parse(formatted, "a.lic"))


@settings(max_examples=80, **SETTINGS)
@given(lines=LINES, blank=st.booleans())
def test_property_entitlement_files_diff_to_nothing_after_fmt(lines, blank):
    text = render_lines(lines)
    lf = lictool.parse(text, "a.lic")
    assert_empty(lf, lf)
    _, formatted, _ = format_file(lf)
    moved = ("\n" if blank else "") + formatted
    assert_empty(lf, lictool.parse(moved, "b.lic"))
