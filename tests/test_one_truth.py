"""One truth (issue 12, item 4): lint, report, merge and check answer "what will the license
server serve?" with the same engine, so they never contradict each other. The README's 7.x-to-8.x
walk-through and the issue's second merge are run through every command and their answers are
compared."""

from __future__ import annotations

import datetime as _dt
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import lictool
import lictool.entitlement as engine
from lictool.cli.app import app
from lictool.lint.config import parse_config
from lictool.lint.engine import lint_set

ROOT = Path(__file__).resolve().parent.parent
TODAY = _dt.date(2026, 6, 1)
RUNNER = CliRunner()

#: lint rules and the engine's reason for the lines they flag
BY_REASON = {"duplicate-feature": "ignored-feature", "expired": "expired",
             "upgrade-without-base": "upgrade-without-base"}


def cli(*args):
    res = RUNNER.invoke(app, [str(a) for a in args], prog_name="lictool")
    assert res.exit_code in (0, 1), res.output
    return res


def test_lint_computes_the_entitlement_once_per_file(monkeypatch):
    calls = []
    real = engine.entitlement

    def counting(files, *args, **kwargs):
        calls.append(tuple(files))
        return real(files, *args, **kwargs)

    monkeypatch.setattr(engine, "entitlement", counting)
    files = [lictool.load(ROOT / "fixtures" / n) for n in
             ("genesys-7x.lic", "genesys-8x.lic", "eda-suite.lic")]
    lint_set([(lf.path, lf) for lf in files], parse_config({"target-release": "8.1"}), TODAY)
    # seven rules ask for it; each file's is computed once, for that file alone
    assert [c for c in calls] == [(lf,) for lf in files]


def _merged(tmp_path, existing: str, new: str) -> Path:
    out = tmp_path / "merged.lic"
    cli("merge", existing, new, "-o", out, "--today", TODAY.isoformat())
    return out


def _agree(path: Path, target: str = "8.1") -> None:
    """lint's findings about what is served are exactly the engine's unserved lines, and the
    seats old-feature-version says 8.x products use are what report serves them."""
    rep = json.loads(cli("report", path, "--today", TODAY, "--format", "json").stdout)
    found = json.loads(cli("lint", path, "--today", TODAY, "--target-release", target,
                           "--format", "json").stdout)
    unserved = {(u["line"], u["reason"]) for u in rep["unserved"]}
    for rule, reason in BY_REASON.items():
        flagged = {f["line"] for f in found if f["rule"] == rule}
        assert flagged == {ln for ln, r in unserved if r == reason}, rule
    superseded = {f["line"] for f in found if f["rule"] == "superseded"}
    assert {ln for ln, r in unserved if r == "superseded"} <= superseded
    served_lines = {ln["line"] for p in rep["pools"] for ln in p["lines"]}
    # a FEATURE line after an INCREMENT is flagged only when it serves
    assert {f["line"] for f in found if f["rule"] == "feature-after-increment"} <= served_lines
    # "they use N seats of version 8.1": N is what report serves to a checkout of 8.0
    lf = lictool.load(path)
    for f in found:
        m = re.search(r"they use (\d+) seats? of version", f["message"])
        if f["rule"] != "old-feature-version" or not m:
            continue
        rec = next(r for r in lf.records if r.line == f["line"])
        seats = sum(p["seats"] for p in rep["pools"] if p["feature"] == rec.name
                    and p["vendor"] == rec.vendor and float(p["version"]) >= 8.0)
        assert int(m[1]) == seats, f["message"]


def test_readme_walk_through_lint_and_report_agree(tmp_path):
    merged = _merged(tmp_path, ROOT / "fixtures" / "genesys-7x.lic",
                     ROOT / "fixtures" / "genesys-8x.lic")
    _agree(merged)
    rep = json.loads(cli("report", merged, "--today", TODAY, "--format", "json").stdout)
    sdn = [(p["version"], p["seats"]) for p in rep["pools"] if p["feature"] == "tserver_sdn"]
    assert sdn == [("8.1", 600), ("7.6", 150)]


def _check(tmp_path, license_file: Path, release: str, seats: int) -> dict:
    """The C001/C002 finding of ``lictool check`` for a T-Server of ``release`` registering
    ``seats`` DNs, served by ``license_file`` (None when it has enough)."""
    dep = tmp_path / f"deployment-{release}.toml"
    dep.write_text(f'release = "{release}"\n\n[[license-server]]\nname = "lic-main"\n'
                   f'host = "lic01"\nmac = "0019B9A0B0C0"\nmac-assignment = "static"\n'
                   f'license-file = "{license_file.name}"\n\n[[application]]\n'
                   f'name = "TS_Main"\nproduct = "t-server"\nseats = {seats}\n'
                   'license-server = "lic-main"\n', encoding="utf-8")
    found = json.loads(cli("check", dep, "--today", TODAY, "--format", "json").stdout)
    hits = [f for f in found if f["rule"] in ("missing-license", "license-shortfall")
            and f["feature"] == "tserver_sdn"]
    return hits[0] if hits else None


@pytest.mark.parametrize("release,asks", [("8.1", 8.0), ("7.6", 0.0)])
def test_readme_walk_through_check_and_report_agree(tmp_path, release, asks):
    merged = _merged(tmp_path, ROOT / "fixtures" / "genesys-7x.lic",
                     ROOT / "fixtures" / "genesys-8x.lic")
    rep = json.loads(cli("report", merged, "--today", TODAY, "--format", "json").stdout)
    serves = sum(p["seats"] for p in rep["pools"] if p["feature"] == "tserver_sdn"
                 and float(p["version"]) >= asks)
    assert serves == (600 if release == "8.1" else 750)   # not 400 + 150 + 600
    f = _check(tmp_path, merged, release, serves + 1)
    assert (f["have"], f["need"], f["shortfall"]) == (serves, serves + 1, 1)
    assert f["license_server"] == "lic-main"
    assert _check(tmp_path, merged, release, serves) is None


def test_lint_version_sort_flag_and_report_agree(tmp_path):
    # two counted FEATURE lines of one feature: which one the server ignores depends on the
    # version sort; lint and report say the same under each setting
    lic = tmp_path / "a.lic"
    lic.write_text("SERVER lic01 0019B9A0B0C0 7260\nVENDOR genesys.d\n"
                   'FEATURE tserver_sdn genesys.d 7.6 permanent 400 SIGN="1A2B 3C4D"\n'
                   'INCREMENT tserver_sdn genesys.d 7.6 permanent 150 SIGN="1A2B 3C4E"\n'
                   'FEATURE tserver_sdn genesys.d 8.1 permanent 600 SIGN="1A2B 3C4F"\n',
                   encoding="utf-8")
    for order, ignored in (("higher-first", 3), ("lower-first", 5)):
        found = json.loads(cli("lint", lic, "--today", TODAY, "--format", "json",
                               "--version-sort", order).stdout)
        rep = json.loads(cli("report", lic, "--today", TODAY, "--format", "json",
                             "--version-sort", order).stdout)
        assert [f["line"] for f in found if f["rule"] == "duplicate-feature"] == [ignored]
        assert [u["line"] for u in rep["unserved"]] == [ignored]
        assert all("depends on the version sort" in f["message"] for f in found
                   if f["rule"] == "duplicate-feature")
