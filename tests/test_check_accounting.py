"""`lictool check`, issue 13 items 7-14: the accounting of what each license server serves to
each application (per server, per release, higher tiers, the 9999 cap per instance), the
declared MAC against the SERVER hostid and the MAC prefix table, java-single-server and
unknown-feature in check, and the order rows.

Each test is a deployment written from the guide's sentence it quotes
(``tests/data/genesys-licensing-guide.txt``), with synthetic genesys.d license files
(signatures are not checked by `check`). Where the requirement must be split per application
(``Requirement.shares``), name the release its checkout requests (``release``) or a higher tier
(``served_by``), the test builds it from ``requirements(dep)`` with those fields set, and calls
the library's ``check``; the numbers are worked out in the comments."""

from __future__ import annotations

import csv
import dataclasses
import datetime as _dt
import io
import json
from pathlib import Path

import pytest

import lictool
from entry import run_main
from lictool.genesys.check import assess, check
from lictool.genesys.deployment import load_deployment
from lictool.genesys.model import Share
from lictool.genesys.requirements import requirements

GUIDE = Path(__file__).resolve().parent / "data" / "genesys-licensing-guide.txt"
TODAY = "2026-06-01"
DAY = _dt.date(2026, 6, 1)
SIGN = ('\tSIGN="84E5 3BD0 A3EA 4B4D 7FF1 012D A996 15C1 \\\n'
        '\t7513 A7A1 4735 6822 FF66 8D1F FEE5"\n')
DATA_KEYS = {"have", "need", "shortfall", "feature", "version", "license_server"}


def head(host="lic01", mac="0019B9A0B0C0"):
    return (f"# Genesys license file (SYNTHETIC TEST DATA)\nSERVER {host} {mac} 7260\n"
            "VENDOR genesys.d /opt/genesys/flexlm/genesys.d PORT=7261\n\n")


TRIAD = ("# Genesys license file, a triad (SYNTHETIC TEST DATA)\n"
         "SERVER tri1 0019B9A0B0C0 27020 PRIMARY_IS_MASTER\n"
         "SERVER tri2 0019B9A0B0C1 27020\n"
         "SERVER tri3 0019B9A0B0C2 27020\n"
         "VENDOR genesys.d /opt/genesys/flexlm/genesys.d PORT=27021\n\n")


def line(keyword, feature, version, count, sn="SN-01"):
    return (f"{keyword} {feature} genesys.d {version} permanent {count} ISSUED=12-jan-2026 "
            f"SN={sn} \\\n" + SIGN)


def server(name="lic-main", file="main.lic", host=None, platform="physical",
           mac="0019B9A0B0C0", assignment="static"):
    return (f'[[license-server]]\nname = "{name}"\nhost = "{host or name}"\n'
            f'platform = "{platform}"\nmac = "{mac}"\nmac-assignment = "{assignment}"\n'
            f'license-file = "{file}"\n\n')


def app(name, product, server="lic-main", release=None, **keys):
    out = f'[[application]]\nname = "{name}"\nproduct = "{product}"\n'
    if release:
        out += f'release = "{release}"\n'
    for k, v in keys.items():
        k = k.replace("_", "-")
        out += f"{k} = {json.dumps(v) if isinstance(v, str) else str(v).lower()}\n"
    if server:
        out += f'license-server = "{server}"\n'
    return out + "\n"


@pytest.fixture
def work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(work, deployment: str, release="8.1", **files: str) -> None:
    (work / "dep.toml").write_text(f'release = "{release}"\n\n' + deployment)
    for name, text in files.items():
        (work / f"{name}.lic").write_text(text)


def run_check(capsys, *extra, fmt="json"):
    code, out, err = run_main(capsys, "check", "dep.toml", "--today", TODAY, "--format", fmt,
                              *extra)
    assert code in (0, 1), err
    return code, (json.loads(out) if fmt in ("json", "order") else out)


def library_check(work, change=None, *names):
    """``check`` on dep.toml and its servers' files, with the requirements of ``requirements``
    changed by ``change(req) -> req``; the findings as dicts (the JSON report's objects)."""
    dep = load_deployment("dep.toml")
    reqs = [change(r) if change else r for r in requirements(dep)]
    files = [(f"{n}.lic", lictool.load(work / f"{n}.lic")) for n in names]
    found = check(dep, reqs, files, DAY, "dep.toml")
    return [dict(code=f.code, rule=f.rule, severity=f.severity, line=f.line, message=f.message,
                 hint=f.hint, **(f.data or {})) for f in found], dep, reqs, files


def of(found, feature, codes=("C001", "C002")):
    return [f for f in found if f["code"] in codes and f.get("feature") == feature]


def shares(**quantities):
    return tuple(Share(a, q) for a, q in quantities.items())


# ---------------------------------------------------------------------------------------------
# item 7: each application checks out from its own license server
# ---------------------------------------------------------------------------------------------

def test_one_servers_file_does_not_cover_another_servers_shortfall(work):
    # T-Server (7.2 and later), HA Functionality: "the primary and backup T-Servers must use the
    # same license server to control the same pool of DNs": a T-Server registers its DNs with
    # the seats of its own license server. TS_A (200 DNs) on lic-a, whose file has 100; TS_B
    # (50) on lic-b, whose file has 500. Summed (the old rule): 600 >= 250. Per server: lic-a
    # has 100 for 200.
    write(work, server("lic-a", "a.lic") + server("lic-b", "b.lic", mac="0019B9A0B0C1")
          + app("TS_A", "t-server", "lic-a", seats=200) + app("TS_B", "t-server", "lic-b", seats=50),
          a=head() + line("FEATURE", "tserver_sdn", "8.1", 100),
          b=head("lic02", "0019B9A0B0C1") + line("FEATURE", "tserver_sdn", "8.1", 500))

    def split(r):
        return dataclasses.replace(r, shares=shares(TS_A=200, TS_B=50)) \
            if r.license == "t-server.seats" else r

    found, dep, _, _ = library_check(work, split, "a", "b")
    (f,) = of(found, "tserver_sdn")
    assert f["code"] == "C002"
    assert f["message"].startswith("tserver_sdn on license server 'lic-a': have 100, need 200 (")
    assert "this server's part: TS_A 200 of 250" in f["message"]
    assert f["hint"] == "order 100 more for license server 'lic-a'"
    assert (f["have"], f["need"], f["shortfall"], f["license_server"]) == (100, 200, 100, "lic-a")
    assert f["line"] == next(a.line for a in dep.applications if a.name == "TS_A")


def test_without_shares_the_servers_files_are_summed_as_before(work):
    # the same deployment, the requirement not split per application (no shares): compared
    # with the files of both servers, each on its own, summed (100 + 500 >= 250)
    write(work, server("lic-a", "a.lic") + server("lic-b", "b.lic", mac="0019B9A0B0C1")
          + app("TS_A", "t-server", "lic-a", seats=200) + app("TS_B", "t-server", "lic-b", seats=50),
          a=head() + line("FEATURE", "tserver_sdn", "8.1", 100),
          b=head("lic02", "0019B9A0B0C1") + line("FEATURE", "tserver_sdn", "8.1", 500))
    found, *_ = library_check(work, lambda r: dataclasses.replace(r, shares=()), "a", "b")
    assert of(found, "tserver_sdn") == []


# ---------------------------------------------------------------------------------------------
# item 8: 7.x and 8.x applications in one requirement
# ---------------------------------------------------------------------------------------------

UPGRADE = (app("TS_Old", "t-server", release="7.6", seats=250, redundancy="hot-standby")
           + app("TS_New", "t-server", release="8.1", seats=200, redundancy="hot-standby"))


def upgrade_split(r):
    if r.license == "t-server.seats":
        return dataclasses.replace(r, shares=shares(TS_Old=250, TS_New=200))
    if r.license == "t-server.ha":
        return dataclasses.replace(r, shares=shares(TS_Old=1, TS_New=1))
    return r


def test_an_upgrade_in_progress_7x_products_use_the_7x_lines_and_8x_ones(work):
    # Technical License Compatibility: "Genesys applications release 8.x do not work with 7.x
    # licenses. [...] Genesys 8.x products will check out only 8.x license features";
    # Introduction: "Starting from Release 8.x, Genesys products begin verification of the
    # version": the 7.6 T-Server takes any line. The file keeps its 7.6 lines (250 DNs, one HA
    # pair) and adds 8.1 ones (200, one pair). 8.x: need 200, have 200; all: need 450, have
    # 450. The old rule (the highest release decides): 8.0 requested for 450, have 200, and
    # the same for cti_ha_option (have 1, need 2): false shortfalls.
    text = (head() + line("FEATURE", "tserver_sdn", "7.6", 250, "S-76")
            + line("INCREMENT", "tserver_sdn", "8.1", 200, "S-81")
            + line("FEATURE", "cti_ha_option", "7.6", 1, "H-76")
            + line("INCREMENT", "cti_ha_option", "8.1", 1, "H-81"))
    write(work, server() + UPGRADE, main=text)
    found, *_ = library_check(work, upgrade_split, "main")
    assert of(found, "tserver_sdn") == [] and of(found, "cti_ha_option") == []


def test_an_upgrade_in_progress_the_8x_share_needs_8x_lines(work):
    # 8.x lines: 170 for TS_New's 200 (a 7.6 line does not serve it); 7.6 lines 300: in all
    # 470 >= 450. The tightest version is 8.0: have 170, need 200.
    text = (head() + line("FEATURE", "tserver_sdn", "7.6", 300, "S-76")
            + line("INCREMENT", "tserver_sdn", "8.1", 170, "S-81")
            + line("FEATURE", "cti_ha_option", "8.1", 2, "H-81"))
    write(work, server() + UPGRADE, main=text)
    found, *_ = library_check(work, upgrade_split, "main")
    (f,) = of(found, "tserver_sdn")
    assert f["code"] == "C002"
    assert f["message"].startswith("tserver_sdn for its 8.x applications (TS_New): have 170, "
                                   "need 200 (8.1 pools serve 8.x products; main.lic:5: "
                                   "tserver_sdn is version 7.6")
    assert (f["have"], f["need"], f["shortfall"], f["version"]) == (170, 200, 30, "8.0")
    assert f["hint"] == "order 30 more of release 8.x (8.x lines serve the older products too)"


def test_an_upgrade_in_progress_short_in_all_reports_the_tightest(work):
    # 7.6: 230, 8.1: 170. 8.x: need 200, have 170 (short 30); in all: need 450, have 400 (short
    # 50, the tightest). 50 lines of 8.x close both.
    text = (head() + line("FEATURE", "tserver_sdn", "7.6", 230, "S-76")
            + line("INCREMENT", "tserver_sdn", "8.1", 170, "S-81")
            + line("FEATURE", "cti_ha_option", "8.1", 2, "H-81"))
    write(work, server() + UPGRADE, main=text)
    found, dep, reqs, files = library_check(work, upgrade_split, "main")
    (f,) = of(found, "tserver_sdn")
    assert f["message"].startswith("tserver_sdn for its 7.x and 8.x applications together: "
                                   "have 400, need 450 (")
    assert "for its 8.x applications (TS_New): have 170, need 200" in f["message"]
    assert (f["have"], f["need"], f["shortfall"], f["version"]) == (400, 450, 50, "0")
    assert f["hint"].startswith("order 50 more of release 8.x")
    (row,) = [r for r in assess(dep, reqs, files, DAY, "dep.toml").rows
              if r.feature == "tserver_sdn"]
    assert (row.version, row.shortfall, row.order_version) == ("0", 50, "8.0")


# ---------------------------------------------------------------------------------------------
# item 9: a higher tier serves a lower need
# ---------------------------------------------------------------------------------------------

def vcb_tiers(r):
    return dataclasses.replace(r, served_by=("vcb_full",)) if r.license == "vcb.preview" else r


def test_voice_callback_either_license_a_full_one_serves_preview(work):
    # Voice Callback: "Full license enables both Preview and Autodial mode [...] You can use
    # either license." A Preview-mode UCS, and a file with vcb_full only. Old rule: vcb_preview
    # missing.
    write(work, server() + app("UCS", "voice-callback-server", dialing="preview"),
          main=head() + line("FEATURE", "vcb_full", "8.1", 1))
    found, *_ = library_check(work, vcb_tiers, "main")
    assert of(found, "vcb_preview") == []
    assert not [f for f in found if f["code"] == "C006"]      # vcb_full serves a need


def test_a_full_seat_used_by_the_full_need_does_not_count_for_preview(work):
    # one full and one preview UCS; the file's one vcb_full goes to the full UCS first
    write(work, server() + app("UCS_Full", "voice-callback-server", dialing="full", callbacks=1)
          + app("UCS_Prev", "voice-callback-server", dialing="preview", callbacks=1),
          main=head() + line("FEATURE", "vcb_full", "8.1", 1))
    found, *_ = library_check(work, None, "main")
    assert of(found, "vcb_full") == []
    (f,) = of(found, "vcb_preview")
    assert f["code"] == "C001"
    assert "vcb_full serves it too, but its own need takes all 1 of its seats" in f["message"]
    write(work, server() + app("UCS_Full", "voice-callback-server", dialing="full", callbacks=1)
          + app("UCS_Prev", "voice-callback-server", dialing="preview", callbacks=1),
          main=head() + line("FEATURE", "vcb_full", "8.1", 2))
    found, *_ = library_check(work, None, "main")
    assert of(found, "vcb_preview") == [] and of(found, "vcb_full") == []


def test_ocs_full_dialing_enables_preview_also(work):
    # Outbound Contact Server: "Full dialing functionality (enables Preview also)". OCS_F (full,
    # 20 seats) and OCS_P (preview, 30); the file: 40 full, 5 preview. Full takes 20 of its 40:
    # preview has 5 + 20 = 25 for 30 (old rule: 5).
    names = '[feature-names]\n"ocs.preview-seats" = "ocs_preview"\n"ocs.full-seats" = "ocs_full"\n'
    write(work, server() + app("OCS_F", "outbound-contact-server", dialing="full", seats=20)
          + app("OCS_P", "outbound-contact-server", dialing="preview", seats=30) + names,
          main=head() + line("FEATURE", "ocs_full", "8.1", 40, "O-1")
          + line("FEATURE", "ocs_preview", "8.1", 5, "O-2"))

    def tiers(r):
        return dataclasses.replace(r, served_by=("ocs_full",)) \
            if r.license == "ocs.preview-seats" else r

    found, *_ = library_check(work, tiers, "main")
    (f,) = of(found, "ocs_preview")
    assert (f["code"], f["have"], f["need"], f["shortfall"]) == ("C002", 25, 30, 5)
    assert "ocs_full serves it too, but its own need takes 20 of its 40: 20 left" in f["message"]
    assert of(found, "ocs_full") == []


# ---------------------------------------------------------------------------------------------
# item 10: ha_redundancy is checked out by the Solution Control Server
# ---------------------------------------------------------------------------------------------

def test_ha_redundancy_requests_the_version_of_the_scs_release(work):
    # Solution Control Server: "The third type, ha_redundancy, controls the Solution Control
    # Server ability to perform a switchover automatically within any redundant pair of
    # servers": SCS checks it out, at its release. SCS 8.1 and a 7.6 T-Server pair: a 7.6
    # ha_redundancy line does not serve SCS 8.1 (the old rule took the pair's 7.6: served).
    deployment = (server() + app("SCS", "solution-control-server", release="8.1")
                  + app("TS_Old", "t-server", release="7.6", seats=10, redundancy="warm-standby"))
    text = head() + line("FEATURE", "tserver_sdn", "7.6", 10) + \
        line("FEATURE", "ha_redundancy", "7.6", 1, "HA-1")
    write(work, deployment, main=text)

    def scs(release):
        return lambda r: dataclasses.replace(r, release=release) \
            if r.license == "scs.ha-redundancy" else r

    found, *_ = library_check(work, scs("8.1"), "main")
    (f,) = of(found, "ha_redundancy")
    assert f["code"] == "C001" and f["version"] == "8.0"
    assert "has ha_redundancy but it is version 7.6, and 8.x products request 8.0" in f["message"]
    # SCS 7.6 and an 8.1 pair: the 7.6 line serves SCS (the old rule requested 8.0: missing)
    write(work, server() + app("SCS", "solution-control-server", release="7.6")
          + app("TS_New", "t-server", release="8.1", seats=10, redundancy="warm-standby"),
          main=head() + line("FEATURE", "tserver_sdn", "8.1", 10)
          + line("FEATURE", "ha_redundancy", "7.6", 1, "HA-1"))
    found, *_ = library_check(work, scs("7.6"), "main")
    assert of(found, "ha_redundancy") == []


# ---------------------------------------------------------------------------------------------
# item 11: the 9999 cap is per instance checkout
# ---------------------------------------------------------------------------------------------

CAP_QUOTE = ("A single instance of Genesys components will not be able to check out more than "
             "9999 licenses of the same type")


def test_two_6000_lines_feeding_one_12000_place_urs_are_over_the_cap(work, capsys):
    # Technical Licenses, Warning: CAP_QUOTE. One URS of 12,000 places draws on two INCREMENT
    # lines of 6,000: the file has them all, the URS instance checks out at most 9999.
    assert CAP_QUOTE in GUIDE.read_text(encoding="utf-8")
    write(work, server() + app("URS_Big", "universal-routing-server", places=12000)
          + '[feature-names]\n"urs.seats" = "router_seats"\n',
          main=head() + line("FEATURE", "router_seats", "8.1", 6000, "R-1")
          + line("INCREMENT", "router_seats", "8.1", 6000, "R-2"))
    code, found = run_check(capsys)
    assert code == 1
    (f,) = [f for f in found if f["rule"] == "over-checkout-cap"]
    assert (f["code"], f["severity"], f["line"]) == ("C007", "error", 11)   # [[application]]
    assert f["message"] == (
        "URS_Big: one instance needs 12000 router_seats (urs.seats) licenses, more than the 9999 "
        "licenses of one type a single instance of a Genesys component checks out, whatever the "
        "license files hold (guide: Technical Licenses, Warning)")
    assert "instances = 2" in f["hint"]
    assert of(found, "router_seats") == []                  # the file has the 12000
    assert not DATA_KEYS & set(f)
    assert not [f for f in found if f["rule"] == "count-over-cap"]   # no line over 9999


def test_15000_seats_shared_by_two_7500_seat_tservers_are_fine(work, capsys):
    # the cap is per instance: one 15,000 line serves two T-Servers of 7,500 DNs each; lint
    # names the cap at info only
    write(work, server() + app("TS_1", "t-server", seats=7500) + app("TS_2", "t-server", seats=7500),
          main=head() + line("FEATURE", "tserver_sdn", "8.1", 15000))
    code, found = run_check(capsys)
    assert code == 0
    assert not [f for f in found if f["rule"] == "over-checkout-cap"]
    (cap,) = [f for f in found if f["rule"] == "count-over-cap"]
    assert cap["severity"] == "info" and "9999" in cap["message"]
    assert "one instance takes at most 9999" in cap["message"]


def test_the_cap_is_per_share_and_instance(work):
    # two instances of a URS share of 12000: 6000 each, fine; a T-Server share of 10000 on one
    # instance is over it although the requirement's two applications could split it
    write(work, server() + app("URS_Pair", "universal-routing-server", places=6000, instances=2)
          + app("TS_1", "t-server", seats=10000) + app("TS_2", "t-server", seats=100),
          main=head() + line("FEATURE", "tserver_sdn", "8.1", 10100))

    found, dep, reqs, _ = library_check(work, None, "main")
    by = {r.license: r.shares for r in reqs}
    assert by["t-server.seats"] == shares(TS_1=10000, TS_2=100)
    assert by["urs.seats"] == (Share("URS_Pair", 12000, 2),)
    caps = [f for f in found if f["code"] == "C007"]
    assert [f["message"].split(":")[0] for f in caps] == ["TS_1"]
    # a requirement not split per application: 10100 for two instances could fit (at least
    # 5050 each), no finding
    found, *_ = library_check(work, lambda r: dataclasses.replace(r, shares=()), "main")
    assert not [f for f in found if f["code"] == "C007"]


# ---------------------------------------------------------------------------------------------
# item 12: the declared MAC, the SERVER hostid and the virtual-platform prefixes
# ---------------------------------------------------------------------------------------------

VIRTUAL = ("When license control is performed in a virtualized environment, [...] the host-id "
           "value returned by the virtual platform is used")


def test_a_declared_mac_that_is_not_the_server_hostid_is_an_error(work, capsys):
    # Licenses for Virtual Platform Support: VIRTUAL. The description says the VM's MAC is
    # 00:50:56:01:02:04; the file was issued for 00:50:56:01:02:03.
    write(work, server(platform="vmware", mac="00:50:56:01:02:04")
          + app("TS", "t-server", seats=10),
          main=head(mac="005056010203") + line("FEATURE", "tserver_sdn", "8.1", 10))
    code, found = run_check(capsys)
    assert code == 1
    (f,) = [f for f in found if f["rule"] == "license-server-hostid"]
    assert (f["code"], f["severity"], f["line"]) == ("C008", "error", 3)
    assert ("declares mac 00:50:56:01:02:04, but its license file's SERVER hostid is another "
            "one (main.lic:2 SERVER lic01 005056010203)") in f["message"]
    # the right MAC: nothing (00:50:56:01:02:03 is in VMware's manual, static range)
    write(work, server(platform="vmware", mac="00:50:56:01:02:03")
          + app("TS", "t-server", seats=10),
          main=head(mac="005056010203") + line("FEATURE", "tserver_sdn", "8.1", 10))
    code, found = run_check(capsys)
    assert code == 0 and not [f for f in found if f["code"] in ("C003", "C008", "C009")]


def test_a_triad_server_is_compared_with_its_own_server_line(work, capsys):
    write(work, server(host="tri2", mac="0019B9A0B0C1") + app("TS", "t-server", seats=10),
          main=TRIAD + line("FEATURE", "tserver_sdn", "8.1", 10))
    _, found = run_check(capsys)
    assert not [f for f in found if f["code"] == "C008"]
    write(work, server(host="tri2", mac="0019B9A0B0C0") + app("TS", "t-server", seats=10),
          main=TRIAD + line("FEATURE", "tserver_sdn", "8.1", 10))
    _, found = run_check(capsys)
    (f,) = [f for f in found if f["code"] == "C008"]
    assert "main.lic:3 SERVER tri2 0019B9A0B0C1" in f["message"]


def test_a_vmware_generated_mac_declared_static_or_physical_is_a_warning(work, capsys):
    # Licenses for Virtual Platform Support: "force the virtual platform to use a static (fixed)
    # MAC address": a MAC from VMware's generated range (00:50:56:A4:..., outside the manual
    # range 00:50:56:00:00:00-00:50:56:3F:FF:FF) is not static, whatever the description says
    lic = head(mac="005056A42159") + line("FEATURE", "tserver_sdn", "8.1", 10)
    write(work, server(platform="vmware", mac="00:50:56:A4:21:59") + app("TS", "t-server", seats=10),
          main=lic)
    code, found = run_check(capsys)
    (f,) = [f for f in found if f["rule"] == "mac-declaration-mismatch"]
    assert (f["code"], f["severity"]) == ("C009", "warning") and code == 0
    assert ("declares mac-assignment static, but its MAC 00:50:56:A4:21:59 is outside VMware's "
            "static range 00:50:56:00:00:00-00:50:56:3F:FF:FF") in f["message"]
    write(work, server(platform="physical", mac="00:0C:29:A4:21:59") + app("TS", "t-server", seats=10),
          main=head(mac="000C29A42159") + line("FEATURE", "tserver_sdn", "8.1", 10))
    code, found = run_check(capsys, "--strict")
    assert code == 1
    (f,) = [f for f in found if f["rule"] == "mac-declaration-mismatch"]
    assert "is declared physical, but its MAC 00:0C:29:A4:21:59 is VMware's" in f["message"]


# ---------------------------------------------------------------------------------------------
# item 13: feature names, java-single-server, --license FILE...
# ---------------------------------------------------------------------------------------------

def test_feature_names_the_deployment_maps_are_known_in_check(work, capsys):
    # Technical Licenses: "Refer to for exact license names for the listed products as those
    # names appear in license files": the guide names no URS seat feature; the deployment does
    write(work, server() + app("URS", "universal-routing-server", places=10)
          + '[feature-names]\n"urs.seats" = "router_seats"\n',
          main=head() + line("FEATURE", "router_seats", "8.1", 10))
    code, found = run_check(capsys)
    assert code == 0 and not [f for f in found if f["rule"] == "unknown-feature"]
    code, out, _ = run_main(capsys, "lint", "main.lic", "--format", "json", "--today", TODAY)
    assert [f["rule"] for f in json.loads(out)] == ["unknown-feature"]   # lint alone: unknown


def test_java_single_server_with_license_alone(work, capsys):
    # Genesys Desktop, Tip: "Genesys Desktop uses Java Flex Library, which limits supported
    # license server configurations to a single server configuration." No license server in
    # the description; the triad file given with --license.
    (work / "dep.toml").write_text('release = "8.1"\n\n'
                                   + app("GD", "genesys-desktop", server=None, agents=5))
    (work / "triad.lic").write_text(TRIAD + line("FEATURE", "tserver_sdn", "8.1", 10))
    code, out, err = run_main(capsys, "check", "dep.toml", "--license", "triad.lic", "--today",
                              TODAY, "--format", "json")
    found = json.loads(out)
    (f,) = [f for f in found if f["rule"] == "java-application-on-triad" and f["path"] == "dep.toml"]
    assert f["message"].startswith("GD (genesys-desktop) checks out from triad.lic, a "
                                   "three-server triad")
    assert code == 1


def test_java_single_server_covers_agent_interaction_java(work, capsys):
    # Genesys SDKs: Agent Interaction Java and GIS, Tip: "Genesys Integration Server uses Java
    # Flex Library, which limits supported license server configurations to a single server
    # configuration"; the Agent Interaction Java SDK (ISDK_FACTORY) is of the same section
    write(work, server() + app("AIL_App", "agent-interaction-sdk"),
          main=TRIAD + line("FEATURE", "ISDK_FACTORY", "8.1", 1))
    _, found = run_check(capsys)
    assert [f["message"].split(" ")[0] for f in found
            if f["rule"] == "java-application-on-triad" and f["path"] == "dep.toml"] == ["AIL_App"]


def test_license_takes_several_files_after_one_flag(work, capsys):
    a = head() + line("FEATURE", "tserver_sdn", "8.1", 100, "A-1")
    b = head("lic02", "0019B9A0B0C1") + line("FEATURE", "tserver_sdn", "8.1", 500, "B-1")
    write(work, server("lic-a", "a.lic") + app("TS_A", "t-server", "lic-a", seats=200), a=a, b=b)
    code, found = run_check(capsys, "--license", "a.lic", "b.lic")
    assert of(found, "tserver_sdn") == [] and code == 0          # 100 + 500, each its own
    code, found = run_check(capsys, "--license", "a.lic")
    assert of(found, "tserver_sdn")[0]["have"] == 100
    code, out, err = run_main(capsys, "check", "dep.toml", "b.lic")
    assert code == 2 and "--license" in err


# ---------------------------------------------------------------------------------------------
# item 14: order rows
# ---------------------------------------------------------------------------------------------

def test_order_rows_for_every_named_requirement_and_json_unchanged(work, capsys):
    # Technical Licenses: "offer basic formulas for determining a number of technical licenses
    # derived from licensed features": one row per needed license and license server
    write(work, server() + app("TS", "t-server", seats=250, redundancy="hot-standby")
          + app("URS", "universal-routing-server", places=10),
          main=head() + line("FEATURE", "tserver_sdn", "8.1", 200, "S-1")
          + line("FEATURE", "cti_ha_option", "8.1", 1, "H-1"))
    code, doc = run_check(capsys, fmt="order")
    assert code == 1 and set(doc) == {"rows", "unnamed"}
    by = {r["feature"]: r for r in doc["rows"]}
    assert set(by) == {"tserver_sdn", "cti_ha_option", "ha_redundancy"}
    assert by["tserver_sdn"] == {
        "feature": "tserver_sdn", "license": "t-server.seats", "product": "t-server",
        "version": "8.0", "need": 250, "have": 200, "shortfall": 50, "order_version": "8.0",
        "license_server": "lic-main", "applications": ["TS"],
        "source": "T-Server (7.2 and later): Basic Functionality",
        "quote": by["tserver_sdn"]["quote"], "unknown": None}
    assert (by["cti_ha_option"]["shortfall"], by["cti_ha_option"]["order_version"]) == (0, None)
    assert by["ha_redundancy"]["have"] == 0 and by["ha_redundancy"]["shortfall"] == 1
    assert [u["license"] for u in doc["unnamed"]] == ["urs.seats"]
    code, out = run_check(capsys, fmt="order-csv")
    table = list(csv.DictReader(io.StringIO(out)))
    assert [(r["feature"], r["shortfall"]) for r in table if r["feature"] == "tserver_sdn"] \
        == [("tserver_sdn", "50")]
    assert table[-1]["license"] == "urs.seats" and table[-1]["feature"] == ""
    # the findings' JSON stays an array of findings
    code, found = run_check(capsys)
    assert isinstance(found, list) and {f["rule"] for f in found} >= {"license-shortfall"}


# ---------------------------------------------------------------------------------------------
# a quantity the description does not give
# ---------------------------------------------------------------------------------------------

def test_an_unknown_quantity_is_unverifiable_not_a_shortfall(work):
    # T-Server (7.2 and later), Basic Functionality: "T-Server 7.0 and 7.1 releases, also
    # requires licenses that control technical DNs": how many, the description does not say
    write(work, server() + app("TS_Old", "t-server", release="7.1", seats=10),
          main=head() + line("FEATURE", "tserver_sdn", "7.1", 10, "S-1")
          + line("FEATURE", "tserver_tdn", "7.1", 5, "T-1"), release="7.1")

    found, dep, reqs, _ = library_check(work, None, "main")
    (tdn,) = [r for r in reqs if r.license == "t-server.tdn"]
    assert tdn.unknown == "set technical-dns on TS_Old"             # requirements says what to set
    assert of(found, "tserver_tdn") == []
    (f,) = [f for f in found if f["code"] == "C005"]
    assert f["message"].startswith("tserver_tdn (t-server.tdn): quantity unknown: set "
                                   "technical-dns on TS_Old; the license files provide 5")
    # nothing of it at all: missing, whatever the quantity
    write(work, server() + app("TS_Old", "t-server", release="7.1", seats=10),
          main=head() + line("FEATURE", "tserver_sdn", "7.1", 10, "S-1"), release="7.1")
    found, *_ = library_check(work, None, "main")
    (f,) = of(found, "tserver_tdn")
    assert f["code"] == "C001" and "quantity unknown: set technical-dns on TS_Old" in f["message"]


def test_a_shortfall_of_the_known_shares_is_reported_with_the_unknown_one(work):
    # T-Server (7.2 and later), Basic Functionality: "The number of licenses is defined as the
    # number of DNs that can be registered on T-Server." TS_A registers 200 DNs; TS_B's are not
    # described. The file's 100 are short of TS_A's 200 alone: a shortfall, whatever TS_B needs.
    write(work, server() + app("TS_A", "t-server", seats=200) + app("TS_B", "t-server"),
          main=head() + line("FEATURE", "tserver_sdn", "8.1", 100))
    found, dep, reqs, _ = library_check(work, None, "main")
    (sdn,) = [r for r in reqs if r.license == "t-server.seats"]
    assert (sdn.quantity, sdn.unknown) == (0, "set seats on TS_B")
    (f,) = of(found, "tserver_sdn")
    assert f["code"] == "C002" and (f["have"], f["need"]) == (100, 200)
    assert "at least: quantity unknown: set seats on TS_B" in f["message"]
    # the file serves the known 200: what TS_B needs on top cannot be verified
    write(work, server() + app("TS_A", "t-server", seats=200) + app("TS_B", "t-server"),
          main=head() + line("FEATURE", "tserver_sdn", "8.1", 300))
    found, *_ = library_check(work, None, "main")
    assert of(found, "tserver_sdn") == []
    (f,) = [f for f in found if f["code"] == "C005"]
    assert "quantity unknown: set seats on TS_B; the license files provide 300" in f["message"]
