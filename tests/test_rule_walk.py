"""The engine walks each file's records once and hands every record to the rules that visit its
class (issue 15, item 3): no rule walks ``lf.records`` itself, the findings are the ones each rule
finds on its own, and a rule that fails in its visit stops alone. The rule modules live in the
package of their code family; the ``check`` rules have codes of their own."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

import lictool
from lictool.lint import registry
from lictool.lint.config import parse_config
from lictool.lint.engine import lint
from lictool.lint.examples import HERE as EXAMPLES, example_settings
from lictool.lint.rule import Context, Walk

ROOT = Path(__file__).resolve().parent.parent
RULES_DIR = ROOT / "lictool" / "lint" / "rules"
TODAY = dt.date(2026, 6, 1)

FILES = sorted((ROOT / "fixtures").glob("*.lic")) + sorted(EXAMPLES.glob("*.bad.lic"))


class CountingRecords(tuple):
    """``lf.records`` that counts who iterates it, by the caller's module."""

    walks: Counter

    def __iter__(self):
        self.walks[sys._getframe(1).f_globals.get("__name__", "?")] += 1
        return super().__iter__()


def counted(lf):
    records = CountingRecords(lf.records)
    records.walks = Counter()
    return dataclasses.replace(lf, records=records), records.walks


def load(path: Path):
    text = path.read_text(encoding="utf-8", errors="replace")
    settings = {k: v for k, v in example_settings(text).items() if k != "verify-key"}
    return lictool.parse(text, path.name), parse_config(settings)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_the_engine_walks_the_records_once(path):
    lf, config = load(path)
    expected = lint(lf, path.name, config, TODAY)
    lf2, walks = counted(lf)
    assert lint(lf2, path.name, config, TODAY) == expected
    lint_walks = {m: n for m, n in walks.items() if m.startswith("lictool.lint")}
    assert lint_walks == {"lictool.lint.engine": 1}, walks


def test_no_rule_module_walks_the_records():
    walk = re.compile(r"\bin\s+[\w.]+\.records\b(?!\s*\()|\blf\.(?:servers|vendors|features|of_kind)\b"
                      r"|isinstance\(\s*\w+\s*,[^)]*\)\s*(?:for|\])")
    offenders = []
    for p in sorted(RULES_DIR.rglob("*.py")):
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
            if walk.search(line):
                offenders.append(f"{p.relative_to(ROOT)}:{n}: {line.strip()}")
    assert offenders == [], "\n".join(offenders)
    # the helper library of the hostid rules is not inside a rule module
    assert not re.search(r"^def (hostid_sites|ether_sites)\b|^class HostidSite\b",
                         (RULES_DIR / "hostids" / "hostid_format.py").read_text(), re.M)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_the_walk_finds_what_each_rule_finds_alone(path):
    """Dispatching the records changes nothing: the engine's findings (without suppressions)
    are those of each rule's own ``check`` (a Walk for a visiting rule), in the same order."""
    lf, config = load(path)
    engine = lint(lf, path.name, config, TODAY, suppressions=False)
    alone = []
    for rule in config.enabled(registry.rules(), path.name):
        ctx = Context(rule, path.name, TODAY, config.options_of(rule), config.settings)
        alone.extend(rule.check(lf, ctx))
    assert engine == sorted(alone, key=lambda f: f.sort_key)


def test_rules_declare_what_they_visit():
    rules = registry.rules()
    visiting = [r for r in rules if r.walk is not None]
    assert len(visiting) >= 15
    for r in visiting:
        assert r.visits and all(isinstance(c, type) for c in r.visits), r.name
        assert isinstance(r.check, Walk) and r.check.visit is r.visit
    # a rule replaced by dataclasses.replace walks with what replaced it
    r = visiting[0]
    other = dataclasses.replace(r, visit=lambda rec, ctx: iter(()))
    assert other.check.visit is other.visit and other.walk is not None


def test_a_rule_that_fails_in_a_visit_stops_alone(monkeypatch):
    head = "SERVER lic01 0019B9A0B0C0 7260\nVENDOR acmed\n"
    text = ("FEATUER a acmed\n# one\nFEATUER b acmed\n# two\n" + head
            + 'FEATURE c acmed 1.0 1-jan-2020 1 SIGN="1A2B"\n')
    rule = registry.find("unknown-line")
    seen = []

    def visit(rec, ctx):
        seen.append(rec.line)
        if len(seen) == 2:
            raise KeyError("boom")
        yield ctx.at_record(rec, "first")

    broken = [dataclasses.replace(r, visit=visit) if r is rule else r for r in registry.rules()]
    monkeypatch.setattr(registry, "_RULES", broken)
    found = lint(lictool.parse(text, "x.lic"), "x.lic", today=TODAY)
    mine = [f for f in found if f.rule == "unknown-line"]
    crash = [f for f in found if f.rule == "unreadable-input"]
    assert [f.line for f in mine] == [1]          # what it found before it failed stays
    assert len(crash) == 1 and "'unknown-line' failed with KeyError" in crash[0].message
    assert "expired" in {f.rule for f in found}   # the other rules still ran
    assert seen == [1, 3]                         # and it was not given more records


def test_the_records_cannot_be_asked_for_during_the_walk(monkeypatch):
    rule = registry.find("unknown-line")

    def visit(rec, ctx):
        ctx.records(ctx.file)
        yield from ()

    broken = [dataclasses.replace(r, visit=visit) if r is rule else r for r in registry.rules()]
    monkeypatch.setattr(registry, "_RULES", broken)
    found = lint(lictool.parse("FEATUER a\n", "x.lic"), "x.lic", today=TODAY)
    assert any(f.rule == "unreadable-input" and "use finish" in f.message for f in found)


def test_rule_modules_are_in_the_package_of_their_group():
    listed = set()
    for code, name in registry.MODULES:
        g = registry.group_of(code)
        assert (RULES_DIR / g.name / f"{name}.py").is_file(), (code, name)
        listed.add(f"{g.name}/{name}.py")
    packages = {g.name for g in registry.GROUPS if g.command == "lint"}
    assert {p.name for p in RULES_DIR.iterdir() if p.is_dir() and p.name != "__pycache__"} \
        == packages
    helpers = {"servers/lines.py"}
    found = {str(p.relative_to(RULES_DIR)) for p in RULES_DIR.glob("*/*.py")
             if p.name != "__init__.py"}
    assert found == listed | helpers
    import tomllib

    shipped = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    assert {f"lictool.lint.rules.{p}" for p in packages} <= set(shipped)


def test_check_rules_have_codes_of_their_own():
    every = registry.all_rules()
    assert len({r.code for r in every}) == len(every)
    assert len({r.name for r in every}) == len(every)
    java = registry.find_any("java-application-on-triad")
    assert java is not None and java.code == "C010"
    assert registry.find_any("C010") is java and registry.find("L704").name == "java-single-server"
    assert java in registry.resolve("deployment")


def test_check_sarif_has_no_rule_id_twice_with_other_metadata():
    dep = ROOT / "fixtures" / "deployments" / "virtualized" / "deployment.toml"
    res = subprocess.run([sys.executable, "-m", "lictool", "check", str(dep.relative_to(ROOT)),
                          "--today", "2026-06-01", "--format", "sarif"], cwd=ROOT,
                         capture_output=True, text=True)
    assert res.returncode == 1, res.stderr
    run = json.loads(res.stdout)["runs"][0]
    entries = run["tool"]["driver"]["rules"]
    ids = [e["id"] for e in entries]
    assert len(ids) == len(set(ids))
    assert len({e["name"] for e in entries}) == len(entries)
    by_id = {e["id"]: e["name"] for e in entries}
    assert by_id["C010"] == "java-application-on-triad"
    assert by_id["L704"] == "java-single-server"
    used = {r["ruleId"] for r in run["results"]}
    assert {"C010", "L704"} <= used
    for r in run["results"]:
        if "ruleIndex" in r:
            assert entries[r["ruleIndex"]]["id"] == r["ruleId"]


def test_english_lists_once():
    from lictool.genesys.accounting import names_of
    from lictool.words import and_list

    assert [and_list(x) for x in ([], ["a"], ["a", "b"], ["a", "b", "c"])] == [
        "", "a", "a and b", "a, b and c"]
    assert names_of(["x", "y", "z"]) == "x, y and z"
    copies = re.compile(r'"\s*,\s*"\.join\([^)]*\[:-1\]\)\s*\+\s*"\s+and\s+"')
    owned = [ROOT / "lictool" / "genesys" / n for n in ("check.py", "servers.py", "accounting.py")]
    for p in sorted((ROOT / "lictool" / "lint").rglob("*.py")) + owned:
        if p.name != "words.py":
            assert not copies.search(p.read_text(encoding="utf-8")), p
