"""``lictool report`` (issue 12, item 2): what the license server serves, as text, JSON and CSV
(the HTML report has its own tests), checked against what the fixtures' lines give by hand."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from entry import run_main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
TODAY = "2026-06-01"


@pytest.fixture
def work(tmp_path, monkeypatch):
    for name in ("genesys-7x.lic", "genesys-8x.lic", "eda-suite.lic"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def report_json(capsys, *args):
    code, out, err = run_main(capsys, "report", "-f", "json", *args)
    assert code == 0, err
    return json.loads(out)


def test_json_contract_on_the_genesys_8x_fixture(work, capsys):
    doc = report_json(capsys, "genesys-8x.lic", "--today", TODAY)
    assert set(doc) == {"today", "version_sort", "pools", "unserved", "ambiguities"}
    assert doc["today"] == TODAY and doc["version_sort"] == "higher-first"
    by_feature = {p["feature"]: p for p in doc["pools"]}
    # the fixture's 11 FEATURE lines, one pool each (lines 14 ... 50 of the file)
    assert len(doc["pools"]) == 11
    sdn = by_feature["tserver_sdn"]
    assert {k: sdn[k] for k in ("vendor", "version", "seats", "hostids", "expires")} == {
        "vendor": "genesys.d", "version": "8.1", "seats": 600, "hostids": [],
        "expires": "permanent"}
    assert sdn["lines"] == [{"path": "genesys-8x.lic", "line": 14}]
    seat = by_feature["ics_multi_media_agent_seat"]
    assert (seat["seats"], seat["expires"], seat["days_left"]) == (250, "2027-12-31", 578)
    stat = by_feature["GIS_STATSERVICE"]
    assert (stat["seats"], stat["hostids"]) == ("uncounted", ["0019B9A0B0C1"])
    assert doc["unserved"] == [] and doc["ambiguities"] == []


def test_the_walk_through_merge_reports_what_8x_products_get(work, capsys):
    code, _, err = run_main(capsys, "merge", "genesys-7x.lic", "genesys-8x.lic", "-o",
                            "merged.lic", "--today", TODAY)
    assert code == 0, err
    doc = report_json(capsys, "merged.lic", "--today", TODAY)
    sdn = [(p["version"], p["seats"]) for p in doc["pools"] if p["feature"] == "tserver_sdn"]
    # 8.1 FEATURE 600 wins over the 7.6 FEATURE 400 (ignored); the 7.6 INCREMENT 150 stays
    assert sdn == [("8.1", 600), ("7.6", 150)]
    ignored = [u for u in doc["unserved"] if u["feature"] == "tserver_sdn"]
    assert [(u["line"], u["reason"]) for u in ignored] == [(15, "ignored-feature")]
    amb = {a["feature"]: a for a in doc["ambiguities"]}
    assert amb["tserver_sdn"]["outcomes"] == {"higher-first": "600 of 8.1, 150 of 7.6",
                                             "lower-first": "550 of 7.6"}
    lower = report_json(capsys, "merged.lic", "--today", TODAY, "--version-sort", "lower-first")
    assert [(p["version"], p["seats"]) for p in lower["pools"]
            if p["feature"] == "tserver_sdn"] == [("7.6", 550)]


def test_version_sort_from_the_configuration(work, capsys):
    (work / ".lictool.toml").write_text('version-sort = "lower-first"\n')
    doc = report_json(capsys, "genesys-8x.lic", "--today", TODAY)
    assert doc["version_sort"] == "lower-first"
    (work / ".lictool.toml").write_text('version-sort = "sideways"\n')
    code, _, err = run_main(capsys, "report", "genesys-8x.lic")
    assert code == 2 and "version-sort" in err and "higher-first" in err


def test_text_report_is_a_table_with_the_unserved_lines_and_the_ambiguities(work, capsys):
    run_main(capsys, "merge", "genesys-7x.lic", "genesys-8x.lic", "-o", "merged.lic",
             "--today", TODAY)
    code, out, _ = run_main(capsys, "report", "merged.lic", "--today", TODAY)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == ("What the license server serves on 2026-06-01 (version sort: "
                        "higher-first, as in the End User Guide)")
    header = next(ln for ln in lines if ln.strip().startswith("FEATURE"))
    assert header.split() == ["FEATURE", "VERSION", "SEATS", "EXPIRES", "DAYS", "LINES"]
    row = next(ln for ln in lines if ln.split()[:3] == ["tserver_sdn", "8.1", "600"])
    # the merge placed the 8.1 FEATURE line above the INCREMENT line of tserver_sdn (line 20)
    assert row.split()[3] == "permanent" and row.endswith("merged.lic:20")
    assert "Lines that serve nothing (4):" in lines
    assert any("merged.lic:15: ignored-feature:" in ln for ln in lines)
    assert any(ln.startswith("Depends on the version sort") for ln in lines)


def test_csv_has_one_row_per_pool(work, capsys):
    code, out, _ = run_main(capsys, "report", "eda-suite.lic", "--today", "2024-06-15",
                            "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 9
    assert list(rows[0]) == ["vendor", "feature", "version", "seats", "hostids", "expires",
                             "latest_expiry", "days_left", "package", "lines"]
    upgrade = [r for r in rows if r["version"] == "2025.0101"]
    assert [(r["feature"], r["seats"]) for r in upgrade] == [("solver", "2")]   # UPGRADE x 2
    suite = {(r["feature"], r["seats"]) for r in rows if r["package"] == "acme_suite"}
    assert suite == {("solver", "4"), ("mesher", "4"), ("viewer", "8")}       # viewer:1.0:2


def test_several_files_in_search_path_order_and_output_file(work, capsys):
    code, _, err = run_main(capsys, "report", "genesys-7x.lic", "genesys-8x.lic", "--today",
                            TODAY, "-f", "json", "-o", "ent.json")
    assert code == 0, err
    doc = json.loads((work / "ent.json").read_text())
    # the 7.6 FEATURE of the first file is first: the sort never crosses files
    assert [(p["version"], p["seats"]) for p in doc["pools"] if p["feature"] == "tserver_sdn"] \
        == [("7.6", 550)]
    assert any(u["path"] == "genesys-8x.lic" and u["reason"] == "ignored-feature"
               for u in doc["unserved"])
    code, _, err = run_main(capsys, "report", "genesys-8x.lic", "-o", "genesys-8x.lic")
    assert code == 2 and "one of the inputs" in err


def test_deterministic_and_unreadable_input(work, capsys):
    a = run_main(capsys, "report", "eda-suite.lic", "--today", "2024-06-15", "-f", "json")
    b = run_main(capsys, "report", "eda-suite.lic", "--today", "2024-06-15", "-f", "json")
    assert a == b
    code, out, err = run_main(capsys, "report", "nosuch.lic")
    assert code == 2 and "nosuch.lic" in err and out == ""
