"""`lictool check`, by the engine (issue 12, item 6): what a license file provides for a
requirement is what its license server serves to a checkout of the product's version
(``lictool.entitlement``), not the sum of the counts of its lines.

Each test is a hand-computed synthetic genesys.d license file (signatures are not checked by
`check`) whose answer differs from the old summing rule; the expected numbers are worked out in
the comments."""

from __future__ import annotations

import dataclasses
import datetime as _dt
import json
from pathlib import Path

import jsonschema
import pytest

import lictool
from entry import run_main
from lictool.entitlement import LOWER_FIRST, Options, entitlement
from lictool.genesys import accounting as accounting_mod
from lictool.genesys.check import check, provided, Entitlements
from lictool.lint.settings import checkout_version as request_version
from lictool.genesys.deployment import load_deployment
from lictool.genesys.requirements import requirements
from lictool.catalogs import load as load_catalogs

TODAY = "2026-06-01"
DAY = _dt.date(2026, 6, 1)
SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"
HEAD = ("# Genesys license file (SYNTHETIC TEST DATA)\n"
        "SERVER lic01 0019B9A0B0C0 7260\n"
        "VENDOR genesys.d /opt/genesys/flexlm/genesys.d PORT=7261\n\n")
SIGN = ('\tSIGN="84E5 3BD0 A3EA 4B4D 7FF1 012D A996 15C1 \\\n'
        '\t7513 A7A1 4735 6822 FF66 8D1F FEE5"\n')
DATA_KEYS = {"have", "need", "shortfall", "feature", "version", "license_server"}


def line(keyword, feature, version, count, *attrs, expiry="permanent", sn="SN-01"):
    """One signed-looking genesys.d line, continued over two physical lines like Genesys files."""
    if not any(a.startswith("ISSUED=") for a in attrs):
        attrs = ("ISSUED=12-jan-2026",) + attrs
    extra = " ".join(attrs)
    return f"{keyword} {feature} genesys.d {version} {expiry} {count} {extra} SN={sn} \\\n" + SIGN


def tserver(name="TS_Main", release="8.1", seats=630, server="lic-main"):
    out = f'[[application]]\nname = "{name}"\nproduct = "t-server"\nrelease = "{release}"\n' \
          f"seats = {seats}\n"
    if server:
        out += f'license-server = "{server}"\n'
    return out + "\n"


def lic_server(name="lic-main", file="main.lic"):
    return (f'[[license-server]]\nname = "{name}"\nhost = "{name}"\nplatform = "physical"\n'
            f'mac = "0019B9A0B0C0"\nmac-assignment = "static"\nlicense-file = "{file}"\n\n')


@pytest.fixture
def work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(work, deployment: str, **files: str) -> None:
    (work / "dep.toml").write_text('release = "8.1"\n\n' + deployment)
    for name, text in files.items():
        (work / f"{name}.lic").write_text(text)


def run_check(capsys, *extra):
    code, out, err = run_main(capsys, "check", "dep.toml", "--today", TODAY, "--format", "json",
                              *extra)
    assert code in (0, 1), err
    return code, json.loads(out)


def engine_says(work, name, line_no, reason, version_sort="higher-first"):
    """The engine's own message for the line ``line_no`` of ``name``.lic (which the finding must
    quote), checking its reason code."""
    lf = dataclasses.replace(lictool.load(work / f"{name}.lic"), path=f"{name}.lic")
    ent = entitlement([lf], DAY, Options(version_sort=version_sort))
    u = ent.why_unserved(f"{name}.lic", line_no)
    assert u is not None and u.reason == reason, ent.unserved
    return u.message


def of(found, feature, codes=("C001", "C002")):
    """The check findings (C001/C002) about ``feature``."""
    return [f for f in found if f["code"] in codes and f.get("feature") == feature]


# ---------------------------------------------------------------------------------------------
# (a) two counted FEATURE lines of one feature: the first one wins
# ---------------------------------------------------------------------------------------------

TWO_FEATURES = (HEAD + line("FEATURE", "tserver_sdn", "7.6", 400, sn="T-76")
                + line("FEATURE", "tserver_sdn", "8.1", 600, sn="T-81"))


def test_two_feature_lines_an_8x_tserver_gets_the_first_one(work, capsys):
    # higher-first (End User Guide, the default): the 8.1 line is first, the 7.6 one is
    # ignored: an 8.0 checkout draws on 600. lower-first (LAG 2022): the 7.6 line is first,
    # the 8.1 one is ignored, and a 7.6 pool does not serve an 8.0 request: 0.
    write(work, lic_server() + tserver(seats=630), main=TWO_FEATURES)
    code, found = run_check(capsys)
    assert code == 1
    (f,) = of(found, "tserver_sdn")
    assert f["code"] == "C002" and f["rule"] == "license-shortfall"
    assert f["message"].startswith("tserver_sdn: have 600, need 630 (8.1 pools serve 8.x products")
    ignored = engine_says(work, "main", 5, "ignored-feature")
    assert f"main.lic:5: {ignored}" in f["message"]
    assert ("with lower versions sorting first, as in the License Administration Guide 2022: "
            "have 0; set version-sort to choose") in f["message"]
    assert (f["have"], f["need"], f["shortfall"], f["version"]) == (600, 630, 30, "8.0")


def test_two_feature_lines_a_7x_tserver_is_not_given_their_sum(work, capsys):
    # the old rule summed every line for a 7.x product: 1000 >= 630, no finding. The engine:
    # only the first FEATURE line is processed: 600 (higher-first) or 400 (lower-first); a 7.x
    # product requests version 0, which any line serves.
    write(work, lic_server() + tserver(release="7.6", seats=630), main=TWO_FEATURES)
    code, found = run_check(capsys)
    assert code == 1
    (f,) = of(found, "tserver_sdn")
    assert f["code"] == "C002"
    assert f["message"].startswith("tserver_sdn: have 600, need 630 (8.1 pools serve 7.x "
                                   "products, which do not check versions")
    assert "as in the License Administration Guide 2022: have 400;" in f["message"]
    assert (f["have"], f["version"]) == (600, "0")


def test_two_feature_lines_with_lower_first_the_8x_tserver_gets_nothing(work, capsys):
    write(work, lic_server() + tserver(seats=630), main=TWO_FEATURES)
    for how in (("--version-sort", "lower-first"), ()):
        if not how:
            (work / ".lictool.toml").write_text('version-sort = "lower-first"\n')
        code, found = run_check(capsys, *how)
        assert code == 1
        (f,) = of(found, "tserver_sdn")
        assert f["code"] == "C001" and f["rule"] == "missing-license"
        # the 7.6 line wins and is of too low a version; the 8.1 line is ignored
        assert ("main.lic:5 has tserver_sdn but it is version 7.6, and 8.x products request "
                "8.0") in f["message"]
        ignored = engine_says(work, "main", 8, "ignored-feature", LOWER_FIRST)
        assert f"main.lic:8: {ignored}" in f["message"]
        assert ("with higher versions sorting first, as in the End User Guide: have 600"
                in f["message"])
        assert (f["have"], f["shortfall"]) == (0, 630)


# ---------------------------------------------------------------------------------------------
# (b) only served lines count: INCREMENT adds, a superseded or not-yet-started line does not
# ---------------------------------------------------------------------------------------------

def test_feature_and_increment_add_a_not_started_line_does_not(work, capsys):
    # 100 + 50 are served today; the 70 starts on 1 July 2026 (old rule: 220)
    text = (HEAD + line("FEATURE", "tserver_sdn", "8.1", 100, sn="T-1")
            + line("INCREMENT", "tserver_sdn", "8.1", 50, sn="T-2")
            + line("INCREMENT", "tserver_sdn", "8.1", 70, "ISSUED=12-jan-2026",
                   "START=01-jul-2026", sn="T-3"))
    write(work, lic_server() + tserver(seats=200), main=text)
    _, found = run_check(capsys)
    (f,) = of(found, "tserver_sdn")
    assert f["message"].startswith("tserver_sdn: have 150, need 200")
    assert f"main.lic:11: {engine_says(work, 'main', 11, 'not-started')}" in f["message"]
    assert "2026-07-01" in f["message"]
    assert f["shortfall"] == 50


def test_a_superseded_line_does_not_count(work, capsys):
    # the FEATURE (SUPERSEDE, issued 12-jan-2026) voids the INCREMENT issued on 1-jan-2024;
    # the INCREMENT issued the same day as it stays: 100 + 50 (old rule: 350)
    text = (HEAD + line("FEATURE", "tserver_sdn", "8.1", 100, "ISSUED=12-jan-2026", "SUPERSEDE",
                        sn="T-1")
            + line("INCREMENT", "tserver_sdn", "8.1", 50, sn="T-2")
            + line("INCREMENT", "tserver_sdn", "8.1", 200, "ISSUED=01-jan-2024", sn="T-0"))
    write(work, lic_server() + tserver(seats=300), main=text)
    _, found = run_check(capsys)
    (f,) = of(found, "tserver_sdn")
    assert f["code"] == "C002" and f["have"] == 150
    assert f"main.lic:11: {engine_says(work, 'main', 11, 'superseded')}" in f["message"]


# ---------------------------------------------------------------------------------------------
# (c) a line serves requests of its version and lower
# ---------------------------------------------------------------------------------------------

def test_an_85_line_serves_81_products(work, capsys):
    write(work, lic_server() + tserver(seats=250),
          main=HEAD + line("FEATURE", "tserver_sdn", "8.5", 300))
    code, found = run_check(capsys)
    assert of(found, "tserver_sdn") == [] and code == 0


def test_an_85_and_an_81_feature_line_the_85_one_wins(work, capsys):
    # higher-first: the 8.5 line (300) is first, the 8.1 line (200) ignored; old rule: 500
    text = (HEAD + line("FEATURE", "tserver_sdn", "8.1", 200, sn="T-81")
            + line("FEATURE", "tserver_sdn", "8.5", 300, sn="T-85"))
    write(work, lic_server() + tserver(seats=400), main=text)
    _, found = run_check(capsys)
    (f,) = of(found, "tserver_sdn")
    assert f["message"].startswith("tserver_sdn: have 300, need 400 (8.5 pools serve 8.x")
    assert "License Administration Guide 2022: have 200;" in f["message"]


def test_request_versions():
    assert request_version(8) == "8.0" and request_version(9) == "9.0"
    assert request_version(7) == "0" and request_version(6) == "0"
    lf = lictool.parse(HEAD + line("FEATURE", "tserver_sdn", "8.5", 300)
                       + line("INCREMENT", "tserver_sdn", "7.6", 20))
    ents = Entitlements([("a.lic", lf)], DAY)
    cats = load_catalogs()
    have8 = provided("tserver_sdn", 8, ["a.lic"], ents, cats)
    assert (have8.seats, have8.version) == (300, "8.0")
    assert [(u.line, u.reason) for u in have8.unusable] == [(8, "version")]
    have7 = provided("tserver_sdn", 7, ["a.lic"], ents, cats)
    assert (have7.seats, have7.version) == (320, "0")       # 7.x products take every pool
    have9 = provided("tserver_sdn", 9, ["a.lic"], ents, cats)
    assert have9.seats == 0


# ---------------------------------------------------------------------------------------------
# (d) counted lines need a license server
# ---------------------------------------------------------------------------------------------

def test_counted_lines_without_a_server_line_provide_nothing(work, capsys):
    text = ("# no SERVER line (SYNTHETIC TEST DATA)\n"
            "VENDOR genesys.d /opt/genesys/flexlm/genesys.d\n\n"
            + line("FEATURE", "tserver_sdn", "8.1", 600))
    write(work, lic_server() + tserver(seats=250), main=text)
    code, found = run_check(capsys)
    assert code == 1
    (f,) = of(found, "tserver_sdn")
    assert f["code"] == "C001" and f["severity"] == "error"
    why = engine_says(work, "main", 4, "no-license-server")
    assert f"main.lic:4 has tserver_sdn but serves nothing: {why}" in f["message"]
    assert "SERVER line" in why
    assert "SERVER" in f["hint"]
    assert (f["have"], f["need"], f["shortfall"]) == (0, 250, 250)


def test_counted_lines_without_a_vendor_line_provide_nothing(work, capsys):
    text = ("SERVER lic01 0019B9A0B0C0 7260\n\n" + line("FEATURE", "tserver_sdn", "8.1", 600))
    write(work, lic_server() + tserver(seats=250), main=text)
    _, found = run_check(capsys)
    (f,) = of(found, "tserver_sdn")
    why = engine_says(work, "main", 3, "no-vendor-daemon")
    assert f["code"] == "C001" and f"main.lic:3 has tserver_sdn but serves nothing: {why}" \
        in f["message"]


def test_an_uncounted_line_needs_no_server_and_serves_any_number(work, capsys):
    text = ("# node-locked (SYNTHETIC TEST DATA)\n"
            + line("FEATURE", "tserver_sdn", "8.1", "uncounted", "HOSTID=0019B9A0B0C0"))
    write(work, lic_server() + tserver(seats=2500), main=text)
    _, found = run_check(capsys)
    assert of(found, "tserver_sdn") == []


# ---------------------------------------------------------------------------------------------
# (e) structured data: JSON and SARIF
# ---------------------------------------------------------------------------------------------

def test_json_and_sarif_carry_the_numbers(work, capsys):
    write(work, lic_server() + tserver(seats=630)
          + '[[application]]\nname = "URS"\nproduct = "universal-routing-server"\n'
            'redundancy = "hot-standby"\nplaces = 10\n\n'
          + '[feature-names]\n"urs.seats" = "router_seats"\n', main=TWO_FEATURES)
    _, found = run_check(capsys)
    checked = [f for f in found if f["code"] in ("C001", "C002")]
    assert checked
    for f in checked:
        assert DATA_KEYS <= set(f)
        assert isinstance(f["have"], int) or f["have"] == "uncounted"
        assert isinstance(f["need"], int) and isinstance(f["shortfall"], int)
        assert isinstance(f["feature"], str) and isinstance(f["version"], str)
        assert f["license_server"] is None or isinstance(f["license_server"], str)
    by = {f["feature"]: f for f in checked}
    assert {k: by["tserver_sdn"][k] for k in DATA_KEYS} == {
        "have": 600, "need": 630, "shortfall": 30, "feature": "tserver_sdn", "version": "8.0",
        "license_server": "lic-main"}
    # URS names no license server: all the files, and no server name
    assert {k: by["router_seats"][k] for k in DATA_KEYS} == {
        "have": 0, "need": 10, "shortfall": 10, "feature": "router_seats", "version": "8.0",
        "license_server": None}
    # the other findings carry none of it
    assert not any(DATA_KEYS & set(f) for f in found if f["code"] not in ("C001", "C002"))
    code, out, _ = run_main(capsys, "check", "dep.toml", "--today", TODAY, "--format", "sarif")
    assert code == 1
    doc = json.loads(out)
    jsonschema.validate(doc, json.loads(SCHEMA.read_text()))
    props = [r["properties"] for r in doc["runs"][0]["results"] if r["ruleId"] == "C002"]
    assert {"have": 600, "need": 630, "shortfall": 30, "feature": "tserver_sdn",
            "version": "8.0", "license_server": "lic-main"} in props
    assert not any("properties" in r for r in doc["runs"][0]["results"]
                   if r["ruleId"] not in ("C001", "C002"))


# ---------------------------------------------------------------------------------------------
# (f) each license server serves its own file
# ---------------------------------------------------------------------------------------------

def test_a_requirement_is_not_met_by_another_servers_file(work, capsys):
    a = HEAD + line("FEATURE", "tserver_sdn", "8.1", 100, sn="A-1")
    b = HEAD.replace("lic01 0019B9A0B0C0", "lic02 0019B9A0B0C1") + \
        line("FEATURE", "tserver_sdn", "8.1", 500, sn="B-1")
    write(work, lic_server("lic-a", "a.lic") + lic_server("lic-b", "b.lic")
          + tserver("TS_A", seats=200, server="lic-a") + tserver("TS_B", seats=50, server="lic-b"),
          a=a, b=b)
    _, found = run_check(capsys)
    # one tserver_sdn requirement (250) of both T-Servers, but each T-Server checks out from
    # its own license server (issue 13, item 7): lic-a's 100 for TS_A's 200 is short, although
    # the two files hold 600 together
    (sdn,) = [r for r in requirements(load_deployment("dep.toml")) if r.feature == "tserver_sdn"]
    assert sdn.quantity == 250 and set(sdn.applications) == {"TS_A", "TS_B"}
    (f,) = of(found, "tserver_sdn")
    assert f["message"].startswith("tserver_sdn on license server 'lic-a': have 100, need 200")
    assert (f["have"], f["need"], f["license_server"]) == (100, 200, "lic-a")
    # the same T-Server alone on server A: B's 500 do not count
    write(work, lic_server("lic-a", "a.lic") + lic_server("lic-b", "b.lic")
          + tserver("TS_A", seats=200, server="lic-a"), a=a, b=b)
    code, found = run_check(capsys)
    assert code == 1
    (f,) = of(found, "tserver_sdn")
    assert f["message"].startswith("tserver_sdn: have 100, need 200")
    assert (f["have"], f["license_server"]) == (100, "lic-a")
    # with --license, every file given is compared (each its own server): 100 + 500
    code, found = run_check(capsys, "--license", "a.lic", "--license", "b.lic")
    assert of(found, "tserver_sdn") == []


def test_two_servers_files_are_summed_per_file_not_merged(work, capsys):
    # a FEATURE line in each file: each license server processes its own (100 + 500); merged
    # into one search path only the first would count
    a = HEAD + line("FEATURE", "tserver_sdn", "8.1", 100, sn="A-1")
    b = HEAD.replace("lic01 0019B9A0B0C0", "lic02 0019B9A0B0C1") + \
        line("FEATURE", "tserver_sdn", "8.1", 500, sn="B-1")
    write(work, lic_server("lic-a", "a.lic") + lic_server("lic-b", "b.lic")
          + tserver("TS_A", seats=300, server="lic-a") + tserver("TS_B", seats=350, server="lic-b"),
          a=a, b=b)
    _, found = run_check(capsys)
    (f,) = of(found, "tserver_sdn")
    assert f["message"].startswith("tserver_sdn on license server 'lic-a': have 100, need 300")
    assert f["license_server"] == "lic-a"                    # lic-b's 500 serve TS_B's 350
    # compared with both files at once (--license: no server is named), they are summed per
    # file, 100 + 500, not merged into one search path (where only the first FEATURE counts)
    _, found = run_check(capsys, "--license", "a.lic", "b.lic")
    (f,) = of(found, "tserver_sdn")
    assert f["message"].startswith("tserver_sdn: have 600, need 650 (8.1 pools serve 8.x "
                                   "products: 100 in a.lic, 500 in b.lic")
    assert f["license_server"] is None


def test_each_files_entitlement_is_computed_once(work, capsys, monkeypatch):
    calls = []
    real = accounting_mod.entitlement

    def counting(files, today=None, options=None):
        calls.append((tuple(lf.path for lf in files), options.version_sort))
        return real(files, today, options)

    monkeypatch.setattr(accounting_mod, "entitlement", counting)
    write(work, lic_server() + tserver(seats=630)
          + '[[application]]\nname = "URS"\nproduct = "universal-routing-server"\n'
            'redundancy = "hot-standby"\nplaces = 10\nlicense-server = "lic-main"\n\n',
          main=TWO_FEATURES)
    dep = load_deployment("dep.toml")
    lf = lictool.load("main.lic")
    found = check(dep, requirements(dep), [("main.lic", lf)], DAY, "dep.toml")
    assert any(f.code == "C002" for f in found) and any(f.code == "C001" for f in found)
    # once, and once more with the other version sort for the contested tserver_sdn
    assert sorted(calls) == [(("main.lic",), "higher-first"), (("main.lic",), "lower-first")]
    calls.clear()
    check(dep, requirements(dep), [("main.lic", lf)], DAY, "dep.toml",
          options=Options(version_sort=LOWER_FIRST))
    assert sorted(calls) == [(("main.lic",), "higher-first"), (("main.lic",), "lower-first")]


def test_bad_version_sort_is_a_usage_error(work, capsys):
    write(work, lic_server() + tserver(seats=10), main=TWO_FEATURES)
    code, _, err = run_main(capsys, "check", "dep.toml", "--version-sort", "sideways")
    assert code == 2 and "sideways" in err
    (work / ".lictool.toml").write_text('version-sort = "sideways"\n')
    code, _, err = run_main(capsys, "check", "dep.toml", "--today", TODAY)
    assert code == 2 and "version-sort" in err
