"""`lictool require`: text, JSON (the contract's keys, and the new ones) and order-ready CSV;
"quantity unknown" warnings and the guide's contradictions as notes (issue 13)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from lictool.genesys.render import CSV_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
MULTI = "fixtures/deployments/multi-site-ha/deployment.toml"


def run(*args, cwd=ROOT):
    res = subprocess.run([sys.executable, "-m", "lictool", "require", *map(str, args)], cwd=cwd,
                         capture_output=True, text=True)
    assert "Traceback" not in res.stdout + res.stderr
    return res


def test_json_keeps_the_contract_keys_first_and_adds_the_new_ones():
    res = run(MULTI, "--format", "json")
    assert res.returncode == 0
    reqs = json.loads(res.stdout)
    for r in reqs:
        assert list(r)[:5] == ["feature", "license", "quantity", "reason", "source"]
        assert set(r) == {"feature", "license", "quantity", "reason", "source", "quote",
                          "unknown", "served_by", "release", "shares"}
        assert sum(s["quantity"] for s in r["shares"]) == r["quantity"]
    by = {r["license"]: r for r in reqs}
    assert by["scs.ha-redundancy"]["release"] == "8.1"
    assert by["scs.ha-redundancy"]["shares"] == [{"application": "SCS", "quantity": 1,
                                                  "instances": 1}]
    assert by["multi-site"]["shares"] == [
        {"application": "TS_Boston", "quantity": 1, "instances": 1},
        {"application": "TS_Chicago", "quantity": 2, "instances": 2},
        {"application": "IVR_Front", "quantity": 1, "instances": 1}]


def test_csv_has_one_order_row_per_license_server_and_version():
    res = run(MULTI, "--format", "csv")
    assert res.returncode == 0
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert tuple(rows[0]) == CSV_COLUMNS
    sdn = [r for r in rows if r["license"] == "t-server.seats"]
    assert [(r["feature"], r["version"], r["quantity"], r["license_server"], r["mac"],
             r["applications"]) for r in sdn] == [
        ("tserver_sdn", "8.0", "430", "lic-bos", "00215AF29C7E", "TS_Boston TS_Chicago")]
    assert {r["license"] for r in rows} == {r["license"] for r in json.loads(
        run(MULTI, "--format", "json").stdout)}


DEP = '''release = "8.1"

[[license-server]]
name = "lic-a"
host = "lica"
mac = "0019B9A0B0C0"

[[license-server]]
name = "lic-b"

[[application]]
name = "TS_A"
product = "t-server"
seats = 100
license-server = "lic-a"

[[application]]
name = "TS_B"
product = "t-server"
release = "7.6"
seats = 40
license-server = "lic-b"

[[application]]
name = "TS_C"
product = "t-server"
license-server = "lic-b"

[[application]]
name = "IVR"
product = "ivr-server"
mode = "in-front"
ports = 8
'''


def test_csv_splits_by_server_and_release_and_leaves_an_unknown_quantity_empty(tmp_path):
    (tmp_path / "d.toml").write_text(DEP)
    res = run(tmp_path / "d.toml", "--format", "csv")
    rows = [r for r in csv.DictReader(io.StringIO(res.stdout)) if r["license"] == "t-server.seats"]
    assert [(r["license_server"], r["host"], r["version"], r["quantity"], r["applications"],
             r["unknown"]) for r in rows] == [
        ("lic-a", "lica", "8.0", "100", "TS_A", ""),
        ("lic-b", "", "0", "40", "TS_B", ""),                 # 7.x: any version serves it
        ("lic-b", "", "8.0", "", "TS_C", "set seats on TS_C")]


def test_text_warns_about_unknown_quantities_and_notes_the_ivr_in_front_reading(tmp_path):
    (tmp_path / "d.toml").write_text(DEP)
    res = run(tmp_path / "d.toml")
    assert res.returncode == 0
    lines = res.stdout.splitlines()
    assert "       ?  tserver_sdn                      t-server.seats" in lines
    assert any("quantity unknown: set seats on TS_C" in ln for ln in lines)
    assert any(ln.startswith('          guide: "The number of licenses is defined') for ln in lines)
    assert (f"{tmp_path / 'd.toml'}: warning: tserver_sdn (t-server.seats): quantity unknown: "
            "set seats on TS_C") in res.stderr
    assert f"{tmp_path / 'd.toml'}: note: IVR Server IVR runs in IVR-In-Front mode" in res.stderr
    assert "ask Genesys whether IVR needs one tserver_isc" in res.stderr


def test_text_names_the_higher_tier(tmp_path):
    (tmp_path / "d.toml").write_text('release = "8.1"\n[[application]]\nname = "UCS"\n'
                                     'product = "voice-callback-server"\ndialing = "preview"\n'
                                     'callbacks = 90\n')
    res = run(tmp_path / "d.toml")
    assert "          also served by: vcb_full" in res.stdout.splitlines()
    assert "      90  vcb_preview" in res.stdout
