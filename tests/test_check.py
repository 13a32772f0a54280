"""`lictool require` and `lictool check` on the bundled deployments, through the command line
(``python -m lictool``). Their golden outputs (fixtures/deployments/NAME/{require,check}.json)
are compared in tests/test_golden.py."""

from __future__ import annotations

import json
import subprocess
import sys

from golden import CHECK_TODAY, ROOT


def run(*args, cwd=ROOT):
    res = subprocess.run([sys.executable, "-m", "lictool", *map(str, args)], cwd=cwd,
                         capture_output=True, text=True)
    assert "Traceback" not in res.stdout + res.stderr
    return res


def dep(name: str) -> str:
    return f"fixtures/deployments/{name}/deployment.toml"


def check(name: str, *extra):
    res = run("check", dep(name), "--today", CHECK_TODAY, "--format", "json", *extra)
    return res, json.loads(res.stdout)


def test_require_json_keys_and_guide_rules():
    res = run("require", dep("multi-site-ha"), "--format", "json")
    assert res.returncode == 0
    reqs = json.loads(res.stdout)
    # the five keys of the first release, in their order, then the ones issue 13 added
    assert all(list(r) == ["feature", "license", "quantity", "reason", "source", "quote",
                           "unknown", "served_by", "release", "shares"] for r in reqs)
    by = {r["license"]: r for r in reqs}
    # each count quotes the guide's sentence; shares add up to the quantity
    assert all(r["quote"] for r in reqs)
    assert all(sum(s["quantity"] for s in r["shares"]) == r["quantity"] for r in reqs)
    assert by["t-server.ha"]["shares"] == [
        {"application": "TS_Boston", "quantity": 1, "instances": 1}]
    # two multi-site T-Servers and, by the IVR tip, the IVR Server: TS_Boston is a hot-standby
    # pair (one license), TS_Chicago a warm-standby pair (one per T-Server: two), "One license
    # per T-Server serving a particular site, if running in the stand-alone or warm standby
    # redundancy configuration" (guide, T-Server: Multi-Site Functionality)
    assert by["multi-site"]["feature"] == "tserver_isc" and by["multi-site"]["quantity"] == 4
    assert by["t-server.seats"]["quantity"] == 250 + 180
    assert by["t-server.ha"]["quantity"] == 1            # one hot-standby pair
    assert by["urs.seats"]["feature"] == "router_seats"  # from [feature-names]
    assert by["ocs.full-seats"]["feature"] is None       # the guide names none
    assert "Multi-Site" in by["multi-site"]["source"]


def test_require_text_groups_by_product():
    res = run("require", dep("single-site"))
    assert res.returncode == 0
    lines = res.stdout.splitlines()
    assert lines[0] == "t-server" and "interaction-server" in lines
    assert any("tserver_sdn" in ln and "250" in ln for ln in lines)


def test_check_complete_deployment_passes():
    res, found = check("single-site")
    assert res.returncode == 0
    assert [f["rule"] for f in found] == ["unverifiable"]       # urs.seats has no feature name


def test_check_shortfalls_missing_and_unused():
    res, found = check("multi-site-ha")
    assert res.returncode == 1
    msgs = {f["rule"]: [] for f in found}
    for f in found:
        msgs[f["rule"]].append(f["message"])
    assert any("tserver_sdn: have 400, need 430" in m for m in msgs["license-shortfall"])
    assert any("tserver_isc: have 2, need 4" in m for m in msgs["license-shortfall"])
    # the only router_ha_option line is 7.6: 8.x URS cannot use it
    assert any(m.startswith("router_ha_option") and "version 7.6" in m for m in msgs["missing-license"])
    assert any("tserver_tdn" in m for m in msgs["unused-license"])
    assert "old-feature-version" in msgs                      # the license file is linted too
    assert all(f["severity"] == "error" for f in found if f["rule"] == "license-shortfall")


def test_check_virtual_license_server_and_java_products_on_a_triad():
    res, found = check("virtualized")
    assert res.returncode == 1
    rules = [f["rule"] for f in found]
    mac = [f for f in found if f["rule"] == "license-server-mac"]
    assert len(mac) == 1 and "vmware" in mac[0]["message"] and mac[0]["line"] == 5
    java = [f for f in found if f["rule"] == "java-application-on-triad"
            and f["path"].endswith(".toml")]
    assert {m["message"].split(" ")[0] for m in java} == {"GIS_Cluster", "GD_Server"}
    assert rules.count("unverifiable") == 3                   # Genesys Desktop's three licenses
    assert any("GIS_INTERACTIONSERVICE: have 20, need 40" in f["message"] for f in found)


def test_check_with_license_option_and_output_formats(tmp_path):
    lic = ROOT / "fixtures/deployments/single-site/licenses/main.lic"
    short = tmp_path / "short.lic"
    short.write_text(lic.read_text().replace("permanent 250", "permanent 200"))
    res, found = check("single-site", "--license", short)
    # the signature is not checked here: the count is what matters
    assert any("tserver_sdn: have 200, need 250" in f["message"] for f in found)
    assert res.returncode == 1
    sarif = run("check", dep("virtualized"), "--today", CHECK_TODAY, "--format", "sarif")
    doc = json.loads(sarif.stdout)
    ids = {r["id"] for r in doc["runs"][0]["tool"]["driver"]["rules"]}
    assert {"C003", "L704", "C002"} <= ids
    gh = run("check", dep("virtualized"), "--today", CHECK_TODAY, "--format", "github")
    assert gh.stdout.startswith("::error file=fixtures/deployments/virtualized/deployment.toml,line=5,")


def test_check_and_require_bad_input(tmp_path):
    bad = tmp_path / "d.toml"
    bad.write_text('release = "8.1"\n\n[[application]]\nname = "x"\nproduct = "t-servr"\n')
    for cmd in ("require", "check"):
        res = run(cmd, bad)
        assert res.returncode == 2
        assert f"{bad}:5:" in res.stderr and "t-server" in res.stderr   # did you mean
    assert run("require", tmp_path / "missing.toml").returncode == 2
    nolic = tmp_path / "n.toml"
    nolic.write_text('release = "8.1"\n\n[[application]]\nname = "ts"\nproduct = "t-server"\nseats = 5\n')
    res = run("check", nolic)
    assert res.returncode == 2 and "--license" in res.stderr
    res = run("check", nolic, "--license", tmp_path / "none.lic")
    assert res.returncode == 2 and "none.lic" in res.stderr


def test_feature_names_from_the_configuration(tmp_path):
    import shutil

    shutil.copytree(ROOT / "fixtures" / "deployments" / "single-site", tmp_path / "site")
    (tmp_path / ".lictool.toml").write_text('[feature-names]\n"urs.seats" = "router_seats"\n')
    res = run("require", "site/deployment.toml", "--format", "json", cwd=tmp_path)
    by = {r["license"]: r for r in json.loads(res.stdout)}
    assert by["urs.seats"]["feature"] == "router_seats"
    res = run("check", "site/deployment.toml", "--today", CHECK_TODAY, "--format", "json", cwd=tmp_path)
    found = json.loads(res.stdout)
    assert any(f["rule"] == "missing-license" and f["message"].startswith("router_seats") for f in found)
    assert not any(f["rule"] == "unverifiable" for f in found)
