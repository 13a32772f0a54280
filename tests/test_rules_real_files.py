"""Issue 11, items 4, 7, 8, 9 and 11: constructs of real license files that the license server
accepts, in synthetic fixtures (fixtures/real-*.lic). For each: the model, the round trip, and
the exact lint findings (every rule, as `lictool lint` reports them)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import lictool
from entry import run_main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
TODAY = "2026-06-01"

HOSTIDS = "fixtures/real-hostids.lic"
USE_SERVER = "fixtures/real-uncounted-after-use-server.lic"
PACKAGES = "fixtures/real-packages-only.lic"
ENABLING = "fixtures/real-packages-enabling.lic"
SAME_HOSTID = "fixtures/real-same-hostid.lic"
REAL = [HOSTIDS, USE_SERVER, PACKAGES, ENABLING, SAME_HOSTID]


@pytest.fixture
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def lint_json(capsys, *args):
    """(exit code, findings as dicts) of ``lictool lint ARGS --format json``."""
    code, out, err = run_main(capsys, "lint", *args, "--today", TODAY, "--format", "json")
    assert code in (0, 1), err
    return code, json.loads(out)


def found(findings):
    """(rule, line, severity) of each finding, in report order."""
    return [(f["rule"], f["line"], f["severity"]) for f in findings]


def hostids(path: str):
    """line -> [(type, value)] of every hostid of the file (SERVER and HOSTID=)."""
    out = {}
    for rec in lictool.load(ROOT / path).records:
        if rec.kind == "SERVER":
            out[rec.line] = [(rec.hostid.type, rec.hostid.value)]
        elif rec.kind in ("FEATURE", "INCREMENT") and rec.hostids:
            out[rec.line] = [(h.type, h.value) for h in rec.hostids]
    return out


@pytest.mark.parametrize("path", REAL)
def test_fixtures_parse_and_round_trip(path):
    raw = (ROOT / path).read_bytes()
    lf = lictool.load(ROOT / path)
    assert lf.diagnostics == ()
    assert lictool.dumps(lf).encode(lf.encoding) == raw


# --------------------------------------------------------------------------------------------
# 4. hostids: cloud, TPM, short 32-bit and vendor-defined types are no error
# --------------------------------------------------------------------------------------------

def test_hostid_types_in_the_model():
    assert hostids(HOSTIDS) == {
        9: [("AMZN_EIP", "198.51.100.23")],
        18: [("AMZN_IID", "i-0f3a9c2b7d6e15840")],
        21: [("AMZN_AMI", "ami-07c4e1b9a2d35f680")],
        26: [("TPM_ID1", "K7Q2M-4TX9P-8ZR3W-N5C6H")],
        31: [("HOSTID32", "abc")],
        34: [("HOSTID32", "123")],
        37: [("HOSTID32", "80b2c3d4")],
        42: [("VENDOR_DEFINED", "EXAMPLE_HOSTID2=VENDORID2")],
        45: [("VENDOR_DEFINED", "NUMERA_KEY=NK-0042-7731")],
        50: [("HOSTID32", "abc"), ("ETHER", "0024E8F0A1B2"), ("AMZN_IID", "i-0c55d2e8f1a7b3964")],
    }


def test_hostids_give_one_info_for_the_type_lictool_cannot_check(at_root, capsys):
    code, findings = lint_json(capsys, HOSTIDS)
    assert code == 0
    assert found(findings) == [("hostid-format", 45, "info")]
    [f] = findings
    assert f["column"] == 59 and f["code"] == "L601"
    assert f["message"] == ("INCREMENT 'nx_dongle' hostid 'NUMERA_KEY=NK-0042-7731' is a "
                            "vendor-defined hostid type (NUMERA_KEY=), or one lictool does not "
                            "know: lictool cannot check it")
    assert 'extra-types' in f["hint"]


def test_hostids_extra_types_silence_the_vendor_type(at_root, capsys, tmp_path):
    cfg = tmp_path / "lictool.toml"
    cfg.write_text('[rules.hostid-format]\nextra-types = ["NUMERA_KEY"]\n')
    code, findings = lint_json(capsys, HOSTIDS, "--config", cfg)
    assert (code, findings) == (0, [])


@pytest.mark.parametrize("bad, says", [
    ("00:24:E8:F0:A1:B2", "is a MAC address written with ':' separators"),
    ("10.20.30.41", "is an IP address"),
    ("YOUR_HOSTID", "is a placeholder, not a hostid"),
    ("<hostid>", "is a placeholder, not a hostid"),
    ("XXXXXXXXXXXX", "is a placeholder, not a hostid"),
    ("hostid", "is a placeholder, not a hostid"),
])
def test_hostids_flexnet_cannot_match_stay_errors(tmp_path, capsys, bad, says):
    text = (FIXTURES / "real-hostids.lic").read_text().replace("HOSTID=abc \\", f"HOSTID={bad} \\")
    (tmp_path / "x.lic").write_text(text)
    code, findings = lint_json(capsys, tmp_path / "x.lic", "--select", "hostid-format")
    assert code == 1
    errors = [f for f in findings if f["severity"] == "error"]
    assert [(f["line"], f["column"]) for f in errors] == [(31, 59)]
    assert f"hostid '{bad}' {says}" in errors[0]["message"]


# --------------------------------------------------------------------------------------------
# 7. vendor-mismatch: only counted lines need a VENDOR line
# 8. after-use-server: only lines that nothing serves are lost
# --------------------------------------------------------------------------------------------

def test_uncounted_after_use_server_model():
    lf = lictool.load(ROOT / USE_SERVER)
    feats = {r.line: (r.name, r.vendor, r.count.text, [h.type for h in r.hostids])
             for r in lf.features}
    assert feats == {
        13: ("plot_studio", "plotd", "uncounted", ["ETHER"]),
        19: ("sim_core", "simlmd", "25", []),
        22: ("sim_cfd", "simlmd", "5", []),
        27: ("sim_core", "simlmd", "uncounted", ["ETHER"]),
        30: ("sim_viewer", "simlmd", "uncounted", ["ANY"]),
        33: ("sim_demo", "simlmd", "0", ["DEMO"]),
        38: ("plot_batch", "plotd", "uncounted", ["ETHER"]),
    }
    assert [r.line for r in lf.records if r.kind == "USE_SERVER"] == [16]


def test_uncounted_after_use_server_findings(at_root, capsys):
    code, findings = lint_json(capsys, USE_SERVER)
    assert code == 0   # no error: the uncounted plotd lines need no VENDOR line
    assert found(findings) == [("after-use-server", 38, "warning")]
    [f] = findings
    assert f["message"] == ("uncounted node-locked FEATURE 'plot_batch' comes after USE_SERVER on "
                            "line 16 and vendor 'plotd' has no VENDOR or DAEMON line, so no "
                            "vendor daemon serves it: clients stop reading at USE_SERVER and "
                            "never see it")
    assert f["hint"] == "move it before the USE_SERVER line (line 16)"


def test_a_counted_line_of_a_vendor_without_a_vendor_line_is_still_an_error(tmp_path, capsys):
    text = (FIXTURES / "real-uncounted-after-use-server.lic").read_text().replace(
        "plot_studio plotd 4.2 permanent uncounted", "plot_studio plotd 4.2 permanent 2")
    (tmp_path / "x.lic").write_text(text)
    code, findings = lint_json(capsys, tmp_path / "x.lic")
    assert code == 1
    assert found(findings) == [("vendor-mismatch", 13, "error"),
                               ("after-use-server", 38, "warning")]
    assert "FEATURE 'plot_studio' is for vendor 'plotd'" in findings[0]["message"]


def test_after_use_server_without_a_server_line_nothing_is_served(tmp_path, capsys):
    text = (FIXTURES / "real-uncounted-after-use-server.lic").read_text().replace(
        "SERVER simlic02 0024E8F0A1B2 27000\n", "# (the SERVER line was deleted)\n")
    (tmp_path / "x.lic").write_text(text)
    code, findings = lint_json(capsys, tmp_path / "x.lic", "--select", "after-use-server")
    assert code == 0
    assert found(findings) == [("after-use-server", n, "warning") for n in (27, 30, 33, 38)]
    msgs = [f["message"] for f in findings]
    assert all("the file has no SERVER line" in m for m in msgs)
    # HOSTID=ANY and DEMO run anywhere: not "node-locked"
    assert msgs[0].startswith("uncounted node-locked INCREMENT 'sim_core'")
    assert msgs[1].startswith("uncounted INCREMENT 'sim_viewer'")
    assert msgs[2].startswith("uncounted FEATURE 'sim_demo'")


# --------------------------------------------------------------------------------------------
# 9. package-without-enabling-line: a file of PACKAGE lines, and files linted together
# --------------------------------------------------------------------------------------------

def test_packages_model():
    lf = lictool.load(ROOT / PACKAGES)
    assert [(p.line, p.name, p.version.text, [c.name for c in p.components])
            for p in lf.records if p.kind == "PACKAGE"] == [
        (7, "vireo_suite", "2026.0", ["vx_schematic", "vx_layout", "vx_sim"]),
        (10, "vireo_pro", "2026.0", ["vx_schematic", "vx_layout", "vx_sim", "vx_signoff"]),
        (13, "vireo_lite", "2026.0", ["vx_schematic", "vx_viewer"]),
        (18, "vireo_suite", "2025.0", ["vx_schematic", "vx_layout", "vx_sim"]),
    ]


def test_a_file_of_package_lines_alone_is_info(at_root, capsys):
    code, findings = lint_json(capsys, PACKAGES)
    assert code == 0
    assert found(findings) == [("package-without-enabling-line", n, "info")
                               for n in (7, 10, 13, 18)]
    assert findings[0]["message"] == (
        "PACKAGE 'vireo_suite' has no FEATURE or INCREMENT line 'vireo_suite' version 2026.0 to "
        "enable it: none of its components is licensed by this file")
    assert "lint it together" in findings[0]["hint"]


def test_a_package_enabled_by_an_older_version_in_its_own_file_is_a_warning(at_root, capsys):
    code, findings = lint_json(capsys, ENABLING)
    assert code == 0
    assert found(findings) == [("package-without-enabling-line", 17, "warning")]
    assert "(other versions: 2025.0 on line 20)" in findings[0]["message"]


def test_files_linted_together_enable_each_other(at_root, capsys):
    code, findings = lint_json(capsys, PACKAGES, ENABLING)
    assert code == 0
    assert [(f["path"], f["line"], f["severity"]) for f in findings] == [
        (ENABLING, 17, "warning"),       # vireo_rf 2026.0: only 2025.0 exists
        (PACKAGES, 10, "info"),          # vireo_pro 2026.0: only 2025.0, in the other file
        (PACKAGES, 13, "info"),          # vireo_lite: no line of its name anywhere
        (PACKAGES, 18, "info"),          # vireo_suite 2025.0: only 2026.0
    ]                                    # vireo_suite 2026.0 (line 7): enabled by the other file
    assert findings[1]["message"] == (
        "PACKAGE 'vireo_pro' has no FEATURE or INCREMENT line 'vireo_pro' version 2026.0 to "
        f"enable it (other versions: 2025.0 on line 12 of {ENABLING}): none of its components "
        "is licensed by the 2 files linted together")
    # the order of the inputs does not matter
    assert lint_json(capsys, ENABLING, PACKAGES)[1] == findings


def test_a_directory_is_one_linted_set(tmp_path, capsys, monkeypatch):
    (tmp_path / "lics").mkdir()
    for name in ("real-packages-only.lic", "real-packages-enabling.lic"):
        (tmp_path / "lics" / name).write_bytes((FIXTURES / name).read_bytes())
    monkeypatch.chdir(tmp_path)
    code, findings = lint_json(capsys, "lics", "--select", "package-without-enabling-line")
    assert code == 0
    assert [(f["path"], f["line"], f["severity"]) for f in findings] == [
        ("lics/real-packages-enabling.lic", 17, "warning"),
        ("lics/real-packages-only.lic", 10, "info"), ("lics/real-packages-only.lic", 13, "info"),
        ("lics/real-packages-only.lic", 18, "info")]


def test_check_lints_its_license_files_together(tmp_path, capsys, monkeypatch):
    for name in ("real-packages-only.lic", "real-packages-enabling.lic"):
        (tmp_path / name).write_bytes((FIXTURES / name).read_bytes())
    (tmp_path / "deployment.toml").write_text(
        'release = "8.1"\n\n[[license-server]]\nname = "lic"\n'
        'license-file = "real-packages-enabling.lic"\n\n'
        '[[application]]\nname = "confserv"\nproduct = "configuration-server"\n')
    monkeypatch.chdir(tmp_path)

    def packages(*licenses):
        args = [a for p in licenses for a in ("--license", p)]
        code, out, err = run_main(capsys, "check", "deployment.toml", *args, "--today", TODAY,
                                  "--format", "json")
        assert code in (0, 1), err
        return [(f["path"], f["line"], f["severity"]) for f in json.loads(out)
                if f["rule"] == "package-without-enabling-line"]

    assert packages("real-packages-only.lic") == [
        ("real-packages-only.lic", n, "info") for n in (7, 10, 13, 18)]
    assert packages("real-packages-only.lic", "real-packages-enabling.lic") == [
        ("real-packages-enabling.lic", 17, "warning"), ("real-packages-only.lic", 10, "info"),
        ("real-packages-only.lic", 13, "info"), ("real-packages-only.lic", 18, "info")]


# --------------------------------------------------------------------------------------------
# 11. the same hostid on many lines: one finding per line, grouped in the text report
# --------------------------------------------------------------------------------------------

def test_same_hostid_fixture_text_report_groups_repeats(at_root, capsys):
    code, out, _ = run_main(capsys, "lint", SAME_HOSTID, "--today", TODAY)
    assert code == 0
    lines = out.splitlines()
    shown = [ln for ln in lines if "(virtual-mac)" in ln and not ln.startswith(" ")]
    assert [ln.split(":")[1] for ln in shown] == ["5", "8", "11"]
    assert lines[-2] == ("    ... and 5 more lines with the same hostid '000C29B1D4E7', from line "
                         "14 to line 26 (virtual-mac)")
    assert lines[-1] == "Found 8 problems (8 warnings) in 1 file."


def test_same_hostid_fixture_json_keeps_every_finding(at_root, capsys):
    _, findings = lint_json(capsys, SAME_HOSTID)
    assert found(findings) == [("virtual-mac", n, "warning")
                               for n in (5, 8, 11, 14, 17, 20, 23, 26)]
    keys = {"path", "line", "column", "end_line", "end_column", "code", "rule", "severity",
            "message", "hint"}
    assert all(set(f) == keys for f in findings)


HEAD = ("SERVER cadvm07 000C29B1D4E7 27000\n"
        "VENDOR orbisd /opt/orbis/bin/orbisd PORT=27002\n")


def six_hundred(tmp_path) -> Path:
    """600 node-locked lines on the SERVER's VMware hostid, then one on another VM."""
    lines = [f'INCREMENT t{i:03d} orbisd 2026.2 31-dec-2027 uncounted HOSTID=000C29B1D4E7 '
             f'SIGN="{i:04X} 1A2B 3C4D 5E6F"\n' for i in range(599)]
    lines.append('INCREMENT other orbisd 2026.2 31-dec-2027 uncounted HOSTID=000C29AA0001 '
                 'SIGN="0F0F 1A2B 3C4D 5E6F"\n')
    path = tmp_path / "six-hundred.lic"
    path.write_text(HEAD + "".join(lines))
    return path


def test_six_hundred_lines_three_shown_and_one_summary_line(tmp_path, capsys):
    path = six_hundred(tmp_path)
    code, out, _ = run_main(capsys, "lint", path, "--today", TODAY)
    assert code == 0
    lines = out.splitlines()
    findings = [ln for ln in lines if ln.startswith(f"{path}:")]
    # the SERVER line and the first two INCREMENT lines, then the other VM's line in full
    assert [int(ln.split(":")[1]) for ln in findings] == [1, 3, 4, 602]
    assert ("    ... and 597 more lines with the same hostid '000C29B1D4E7', from line 5 to "
            "line 601 (virtual-mac)") in lines
    assert lines.index(next(ln for ln in lines if "597 more" in ln)) < lines.index(findings[3])
    assert lines[-1] == "Found 601 problems (601 warnings) in 1 file."


@pytest.mark.parametrize("fmt, count", [
    ("json", lambda out: len(json.loads(out))),
    ("github", lambda out: len([ln for ln in out.splitlines() if ln.startswith("::warning")])),
    ("sarif", lambda out: len(json.loads(out)["runs"][0]["results"])),
])
def test_six_hundred_lines_other_formats_keep_every_finding(tmp_path, capsys, fmt, count):
    path = six_hundred(tmp_path)
    code, out, _ = run_main(capsys, "lint", path, "--today", TODAY, "--format", fmt)
    assert code == 0
    assert count(out) == 601


def test_groups_of_four_or_fewer_are_shown_whole(tmp_path, capsys):
    path = tmp_path / "four.lic"
    path.write_text(HEAD + "".join(
        f'INCREMENT t{i} orbisd 2026.2 31-dec-2027 uncounted HOSTID=000C29B1D4E7 '
        f'SIGN="{i:04X} 1A2B 3C4D 5E6F"\n' for i in range(3)))
    code, out, _ = run_main(capsys, "lint", path, "--today", TODAY)
    assert code == 0 and "more lines" not in out
    assert len([ln for ln in out.splitlines() if ln.startswith(f"{path}:")]) == 4
