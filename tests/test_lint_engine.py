"""The lint engine: configuration, suppressions, severities, ordering, inputs, exit codes."""

from __future__ import annotations

import datetime as dt
from importlib import import_module
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import lictool
from lictool.cli.app import app
from lictool.errors import LictoolError
from lictool.lint import lint_text
from lictool.lint.config import load_config, parse_config
from lictool.lint.registry import MODULES, find, group_of, module_name, rules
from lictool.lint.rule import DOC_SECTIONS, SEVERITIES

TODAY = dt.date(2026, 6, 1)
HEAD = "SERVER lic01 0019B9A0B0C0 7260\nVENDOR acmed\n"
SIG = 'SIGN="1A2B 3C4D 5E6F 7A8B"'


def codes(findings):
    return [(f.rule, f.line) for f in findings]


def test_registry_is_explicit_complete_and_unique():
    rs = rules()
    assert len(rs) == len(MODULES)
    assert len({r.code for r in rs}) == len(rs) and len({r.name for r in rs}) == len(rs)
    for r in rs:
        assert r.name == r.name.lower() and " " not in r.name and "_" not in r.name
        assert r.severity in SEVERITIES and r.summary and r.check is not None
        for section in DOC_SECTIONS:
            assert section in r.doc, f"{r.name}: documentation lacks {section!r}"
        assert find(r.code) is r and find(r.name) is r and find(r.code.lower()) is r


@pytest.mark.parametrize("code,module", MODULES)
def test_every_rule_module_has_the_documented_shape(code, module):
    """One module per rule, in the package of its code's group: docstring "CODE name.", the
    module named after the rule, RULE bound to the module's check (or visit and finish) and
    DOC, the documentation's headings in order."""
    mod = import_module(module_name(code, module))
    r = mod.RULE
    assert r.code == code and mod.__name__.split(".")[-2] == group_of(code).name
    assert mod.__doc__.strip() == f"{r.code} {r.name}."
    assert module == r.name.replace("-", "_")
    if r.walk is not None:
        assert r.visit is mod.visit and r.finish is getattr(mod, "finish", None)
        assert r.visits and not hasattr(mod, "check")
    else:
        assert r.check is mod.check and not r.visits
    assert r.doc is mod.DOC
    positions = [mod.DOC.find(h) for h in DOC_SECTIONS]
    assert all(p >= 0 for p in positions) and positions == sorted(positions), module
    assert r.summary and not r.summary.endswith("\n")


def test_contract_rule_names_exist():
    for name in ["syntax-error", "expired", "expiring-soon", "bad-date", "start-in-future",
                 "duplicate-line", "duplicate-feature", "feature-after-increment",
                 "vendor-mismatch", "duplicate-vendor", "server-count", "triad-port",
                 "missing-server", "uncounted-without-hostid", "after-use-server", "unsigned",
                 "unknown-keyword", "superseded", "upgrade-without-base",
                 "package-without-enabling-line"]:
        assert find(name) is not None, name


def test_findings_are_sorted_and_deterministic():
    text = (HEAD + f"FEATURE b acmed 8.1 1-jan-2020 5 {SIG}\n"
            f"FEATURE a acmed 8.1 31-feb-2027 5 {SIG}\n"
            "FEATURE c acmed 8.x permanent 5\n")
    a = lint_text(text, "x.lic", today=TODAY)
    assert a == lint_text(text, "x.lic", today=TODAY)
    assert [f.sort_key for f in a] == sorted(f.sort_key for f in a)
    assert ("expired", 3) in codes(a) and ("bad-date", 4) in codes(a) and ("syntax-error", 5) in codes(a)


def test_select_ignore_and_severity_by_code_or_name():
    text = HEAD + f"FEATURE b acmed 8.1 1-jan-2020 5 {SIG}\nFEATURE c acmed 8.1 permanent 5\n"
    only = lint_text(text, today=TODAY, config=parse_config({"select": ["expired"]}))
    assert {f.rule for f in only} == {"expired"}
    expired_code = find("expired").code
    ign = lint_text(text, today=TODAY, config=parse_config({"ignore": [expired_code, "unsigned"]}))
    assert not {f.rule for f in ign} & {"expired", "unsigned"}
    sev = lint_text(text, today=TODAY, config=parse_config({"severity": {"unsigned": "error"}}))
    assert {f.severity for f in sev if f.rule == "unsigned"} == {"error"}


def test_rule_options_from_configuration():
    text = HEAD + f"FEATURE b acmed 8.1 1-aug-2026 5 {SIG}\n"
    assert not [f for f in lint_text(text, today=TODAY) if f.rule == "expiring-soon"]
    cfg = parse_config({"rules": {"expiring-soon": {"days": 90}}})
    assert [f.rule for f in lint_text(text, today=TODAY, config=cfg)] == ["expiring-soon"]


@pytest.mark.parametrize("table,key", [
    ({"selct": ["expired"]}, "selct"),
    ({"select": ["no-such-rule"]}, "select[0]"),
    ({"ignore": 3}, "ignore"),
    ({"severity": {"expired": "fatal"}}, "severity.expired"),
    ({"severity": {"nope": "error"}}, "severity.nope"),
    ({"rules": {"expiring-soon": {"dayz": 3}}}, "rules.expiring-soon.dayz"),
    ({"rules": {"expiring-soon": {"days": "30"}}}, "rules.expiring-soon.days"),
])
def test_bad_configuration_names_the_key(table, key):
    with pytest.raises(LictoolError) as exc:
        parse_config(table, "pyproject.toml", "tool.lictool.")
    assert f"'tool.lictool.{key}'" in str(exc.value)
    assert str(exc.value).startswith("pyproject.toml:")


def test_configuration_is_found_upward(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname="x"\n[tool.lictool]\nignore = ["unsigned"]\n')
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    cfg = load_config(None, sub)
    assert cfg.ignore == ("unsigned",) and cfg.source == str(tmp_path / "pyproject.toml")
    (sub / ".lictool.toml").write_text('select = ["expired"]\n')
    assert load_config(None, sub).select == ("expired",)
    bare = tmp_path / "elsewhere"
    bare.mkdir()
    (bare / "pyproject.toml").write_text('[project]\nname="y"\n')  # no [tool.lictool]: skipped
    assert load_config(None, bare).source == str(tmp_path / "pyproject.toml")


def test_suppressions():
    text = (HEAD +
            "# lictool: disable-next-line=expired,unsigned\n"
            "FEATURE a acmed 8.1 1-jan-2020 5 \\\n  NOTICE=\"x\"\n"
            "FEATURE b acmed 8.1 1-jan-2020 5\n"
            "# lictool: disable=unsigned\n"
            "FEATURE c acmed 8.1 permanent 5\n"
            "FEATURE d acmed 8.1 permanent 6\n"
            "# lictool: enable=unsigned\n"
            "FEATURE e acmed 8.1 permanent 7\n"
            "# lictool: disable-next-line=all\n"
            "FEATURE f acmed 8.1 1-jan-2020 8\n"
            "# lictool: disable-next-line=expird\n"
            "# lictool: frobnicate\n")
    got = codes(lint_text(text, today=TODAY))
    assert ("expired", 4) not in got and ("unsigned", 4) not in got
    assert ("expired", 6) in got and ("unsigned", 6) in got
    assert ("unsigned", 8) not in got and ("unsigned", 9) not in got
    assert ("unsigned", 11) in got
    assert not [g for g in got if g[1] == 13]
    assert ("bad-suppression", 14) in got and ("bad-suppression", 15) in got


RUNNER = CliRunner()


def run(*args, cwd=None):
    return RUNNER.invoke(app, list(map(str, args)))


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text)
    return p


def test_cli_text_format_and_exit_codes(tmp_path):
    good = write(tmp_path, "good.lic", HEAD + f"FEATURE a acmed 8.1 permanent 5 {SIG}\n")
    warn = write(tmp_path, "warn.lic", HEAD + "FEATURE a acmed 8.1 permanent 5\n")
    bad = write(tmp_path, "bad.lic", HEAD + f"FEATURE a acmed 8.1 1-jan-2020 5 {SIG}\n")
    r = run("lint", good, "--today", "2026-06-01")
    assert r.exit_code == 0 and "No problems found in 1 file." in r.stdout
    r = run("lint", warn, "--today", "2026-06-01")
    assert r.exit_code == 0
    assert f"{warn}:3:1: " in r.stdout and "[warning]" in r.stdout and "(unsigned)" in r.stdout
    assert run("lint", warn, "--today", "2026-06-01", "--strict").exit_code == 1
    r = run("lint", bad, good, "--today", "2026-06-01")
    assert r.exit_code == 1
    line = next(ln for ln in r.stdout.splitlines() if "(expired)" in ln)
    assert line.startswith(f"{bad}:3:21: {find('expired').code} [error] ")
    assert "\x1b[" not in r.stdout  # no colour when not on a terminal


def test_cli_json_output_keys(tmp_path):
    bad = write(tmp_path, "bad.lic", HEAD + "FEATURE a acmed 8.1 1-jan-2020 5\n")
    r = run("lint", bad, "--today", "2026-06-01", "--format", "json")
    data = json.loads(r.stdout)
    assert isinstance(data, list) and data
    for f in data:
        assert {"path", "line", "column", "end_line", "end_column", "code", "rule", "severity",
                "message"} <= set(f)
    assert {f["rule"] for f in data} == {"expired", "unsigned"}


def test_cli_github_output(tmp_path):
    bad = write(tmp_path, "bad.lic", HEAD + f"FEATURE a acmed 8.1 1-jan-2020 5 {SIG}\n")
    r = run("lint", bad, "--today", "2026-06-01", "--format", "github")
    assert r.stdout.startswith(f"::error file={bad},line=3,endLine=3,col=21,")
    assert "::FEATURE 'a' expired" in r.stdout


def test_cli_directories_stdin_and_unreadable_inputs(tmp_path):
    write(tmp_path, "repo/a.lic", HEAD + f"FEATURE a acmed 8.1 permanent 5 {SIG}\n")
    write(tmp_path, "repo/sub/b.DAT", HEAD + f"FEATURE b acmed 8.1 1-jan-2020 5 {SIG}\n")
    write(tmp_path, "repo/.git/c.lic", "garbage that would fail\n")
    write(tmp_path, "repo/readme.txt", "not a license\n")
    r = run("lint", tmp_path / "repo", "--today", "2026-06-01", "--format", "json")
    assert r.exit_code == 1
    assert {Path(f["path"]).name for f in json.loads(r.stdout)} == {"b.DAT"}
    empty = tmp_path / "empty"
    empty.mkdir()
    r = run("lint", empty, tmp_path / "repo" / "a.lic", "--today", "2026-06-01")
    assert r.exit_code == 2 and "no license files" in r.stderr and "1 file" in r.stdout
    r = RUNNER.invoke(app, ["lint", "-", "--today", "2026-06-01", "--format", "json"],
                      input=HEAD + "FEATURE a acmed 8.1 1-jan-2020 5\n")
    assert r.exit_code == 1 and json.loads(r.stdout)[0]["path"] == "<stdin>"
    binary = tmp_path / "bin.lic"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    r = run("lint", binary)
    assert r.exit_code == 2 and "binary" in r.stderr and "Traceback" not in r.stderr + r.stdout


def test_cli_bad_configuration_and_usage(tmp_path):
    lic = write(tmp_path, "a.lic", HEAD)
    cfg = write(tmp_path, "cfg.toml", "[tool]\nselect = 1\n")
    r = run("lint", lic, "--config", cfg)
    assert r.exit_code == 2 and "'tool'" in r.stderr
    assert run("lint", lic, "--today", "yesterday").exit_code == 2
    assert run("lint", lic, "--format", "xml").exit_code == 2
    assert run("lint", lic, "--select", "nonsense").exit_code == 2


def test_cli_output_file_and_sarif(tmp_path):
    bad = write(tmp_path, "bad.lic", HEAD + f"FEATURE a acmed 8.1 1-jan-2020 5 {SIG}\n")
    out = tmp_path / "out.sarif"
    r = run("lint", bad, "--today", "2026-06-01", "--format", "sarif", "--output", out)
    assert r.exit_code == 1 and r.stdout == ""
    doc = json.loads(out.read_text())
    assert doc["version"] == "2.1.0"
    run_ = doc["runs"][0]
    assert run_["columnKind"] == "unicodeCodePoints"
    rule_ids = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    assert rule_ids == sorted(rule_ids)
    res = run_["results"][0]
    assert res["ruleId"] == find("expired").code and res["level"] == "error"
    assert rule_ids[res["ruleIndex"]] == res["ruleId"]
    loc = res["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    assert loc["region"] == {"startLine": 3, "startColumn": 21, "endLine": 3, "endColumn": 31}
    assert res["partialFingerprints"]["lictoolFingerprint/v1"]
    for r_ in run_["tool"]["driver"]["rules"]:
        assert r_["help"]["text"] and r_["shortDescription"]["text"]
    run("lint", bad, "--today", "2026-06-01", "--format", "sarif", "--output", tmp_path / "again.sarif")
    assert (tmp_path / "again.sarif").read_bytes() == out.read_bytes()


def test_sarif_fingerprints_follow_moved_lines(tmp_path):
    from lictool.report.sarif import render

    body = f"FEATURE a acmed 8.1 1-jan-2020 5 {SIG}\n"
    one = lictool.parse(HEAD + body, "x.lic")
    two = lictool.parse(HEAD + "# a new comment\n" + body, "x.lic")
    fps = []
    for lf in (one, two):
        fs = [f for f in lictool.lint.lint(lf, "x.lic", today=TODAY)]
        doc = json.loads(render(fs, {"x.lic": lictool.dumps(lf).splitlines()}, rules()))
        fps.append([r["partialFingerprints"] for r in doc["runs"][0]["results"]])
    assert fps[0] == fps[1]


def test_rules_command():
    r = run("rules")
    assert r.exit_code == 0
    lines = r.stdout.split("\n\n")[0].splitlines()      # the table; then the groups
    assert len(lines) == len(rules())
    assert any(" expired " in ln and "error" in ln for ln in lines)
    r = run("rules", "expired")
    assert r.exit_code == 0
    for section in DOC_SECTIONS + ("## Example: flagged", "## Example: instead"):
        assert section in r.stdout
    assert run("rules", find("expired").code).stdout == r.stdout
    assert run("rules", "no-such").exit_code == 2


# ------------------------------------------------------------------------------------------------
# The linted set: a rule sees the other files of the run
# ------------------------------------------------------------------------------------------------

PACKAGE = f'PACKAGE suite acmed 1.0 COMPONENTS="a b" {SIG}\n'
ENABLING = HEAD + f"INCREMENT suite acmed 1.0 permanent 4 {SIG}\n"


def test_context_linted_files_defaults_to_the_file_alone():
    from lictool.lint.rule import Context

    a, b = lictool.parse(PACKAGE, "a.lic"), lictool.parse(ENABLING, "b.lic")
    ctx = Context(find("package-without-enabling-line"), "a.lic", TODAY, {})
    assert ctx.linted_files(a) == (a,)
    ctx = Context(find("package-without-enabling-line"), "a.lic", TODAY, {}, linted_set=(a, b))
    assert ctx.linted_files(a) == (a, b) and ctx.linted_files(b) == (a, b)
    # a file that is not in the set is added to it
    c = lictool.parse(PACKAGE, "c.lic")
    assert ctx.linted_files(c) == (c, a, b)


def test_engine_lint_passes_the_linted_set_to_the_rules():
    from lictool.lint.engine import lint

    a, b = lictool.parse(PACKAGE, "a.lic"), lictool.parse(ENABLING, "b.lic")
    config = parse_config({"select": ["package-without-enabling-line"]})
    [f] = lint(a, "a.lic", config, TODAY)
    assert (f.rule, f.severity) == ("package-without-enabling-line", "info")
    assert lint(a, "a.lic", config, TODAY, linted_set=(a, b)) == []


def test_read_all_and_lint_set_keep_unreadable_inputs_apart(tmp_path):
    from lictool.lint.engine import lint_set, read_all

    pkg = write(tmp_path, "pkg.lic", PACKAGE)
    features = write(tmp_path, "features.lic", ENABLING)
    loaded, failures = read_all([(str(pkg), "pkg.lic"), (str(tmp_path / "nosuch.lic"),
                                                        "nosuch.lic"), (str(features), "f.lic")])
    assert [shown for shown, _ in loaded] == ["pkg.lic", "f.lic"]
    assert [lf.path for _, lf in loaded] == ["pkg.lic", "f.lic"]   # the path findings name
    assert [(f.path, f.rule) for f in failures] == [("nosuch.lic", "unreadable-input")]
    config = parse_config({"select": ["package-without-enabling-line"]})
    assert lint_set(loaded, config, TODAY) == []
    assert [f.path for f in lint_set(loaded[:1], config, TODAY)] == ["pkg.lic"]


def test_cli_lints_every_input_with_the_others(tmp_path):
    pkg = write(tmp_path, "pkg.lic", PACKAGE)
    features = write(tmp_path, "features.lic", ENABLING)
    r = run("lint", pkg, "--today", "2026-06-01")
    assert r.exit_code == 0 and "[info]" in r.stdout
    assert "(package-without-enabling-line)" in r.stdout
    r = run("lint", pkg, features, "--today", "2026-06-01")
    assert r.exit_code == 0 and r.stdout.splitlines() == ["No problems found in 2 files."]
    # a directory input is part of the set too, and an unreadable input stops nothing
    r = run("lint", tmp_path / "nosuch.lic", tmp_path, "--today", "2026-06-01")
    assert r.exit_code == 2
    assert "package-without-enabling-line" not in r.stdout
    assert r.stdout.splitlines()[-1] == ("1 input could not be read or checked; no problems in "
                                         "the 2 files that were checked.")
