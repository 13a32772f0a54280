"""Configuration and rule selection as ruff does it (issue 14, items 3, 4 and 10): ``ALL`` in
select and ignore, rule groups by name and code prefix, errors that name the flag typed and
suggest the rule meant, configuration found for each linted file, ``per-file-ignores``, and
``lictool config --show``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from entry import run_cli
from lictool import tomlfile
from lictool.errors import LictoolError
from lictool.lint.config import Resolver, glob_regex, load_config, parse_config
from lictool.lint.engine import lint_set, read_all
from lictool.lint.registry import GROUPS, group_rules, resolve, rules

TODAY = "2026-06-01"
# three findings of three families: expired (L101, line 3), unsigned (L403, line 4) and, with
# --target-release 8.1, old-feature-version (L701, line 4)
TEXT = ("SERVER lic01 0019B9A0B0C0 27000\nVENDOR genesys.d\n"
        "FEATURE tserver_sdn genesys.d 8.1 1-jan-2020 10 SIGN=0\n"
        "FEATURE router_ha_option genesys.d 7.6 permanent 10\n")
ROOT = Path(__file__).resolve().parent.parent


def write(base: Path, rel: str, text: str) -> Path:
    p = base / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return p


def found(*args):
    """(exit code, [(code, file name, line)]) of ``lictool lint ARGS -f json``."""
    r = run_cli("lint", *args, "--today", TODAY, "-f", "json")
    assert r.exit_code in (0, 1), (r.exit_code, r.stderr)
    return r.exit_code, sorted((f["code"], Path(f["path"]).name, f["line"])
                               for f in json.loads(r.stdout))


def codes_of(*args):
    return {c for c, _, _ in found(*args)[1]}


@pytest.fixture
def lic(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return write(tmp_path, "g.lic", TEXT)


# --- 3. ALL and groups ------------------------------------------------------------------------

@pytest.mark.parametrize("word", ["ALL", "all", "All"])
def test_ignore_all_in_a_flag_and_in_a_configuration(lic, tmp_path, word):
    assert found(lic, "--ignore", word) == (0, [])
    assert codes_of(lic, "--select", word.lower()) == {"L101", "L403"}
    write(tmp_path, ".lictool.toml", f'ignore = ["{word}"]\n')
    assert found(lic) == (0, [])
    write(tmp_path, ".lictool.toml", f'select = ["{word.lower()}"]\n')
    assert codes_of(lic) == {"L101", "L403"}


@pytest.mark.parametrize("select, expected", [
    ("genesys", {"L701"}), ("L7", {"L701"}), ("l70", {"L701"}), ("dates", {"L101"}),
    ("L10", {"L101"}), ("L1", {"L101"}), ("licensing", {"L403"}), ("L", {"L101", "L403", "L701"}),
    ("dates,genesys", {"L101", "L701"}), ("DATES", {"L101"}),
])
def test_groups_by_name_and_by_code_prefix(lic, select, expected):
    assert codes_of(lic, "--target-release", "8.1", "--select", select) == expected


def test_an_ignored_group_and_ignore_winning_over_select(lic, tmp_path):
    assert codes_of(lic, "--target-release", "8.1", "--ignore", "genesys,L4") == {"L101"}
    # ignore wins whichever is more specific
    assert found(lic, "--select", "L403", "--ignore", "licensing") == (0, [])
    assert codes_of(lic, "--select", "licensing", "--ignore", "expired") == {"L403"}
    write(tmp_path, ".lictool.toml", 'select = ["dates", "L4"]\nignore = ["L40"]\n'
                                     'target-release = "8.1"\n')
    assert codes_of(lic) == {"L101"}


def test_the_groups_are_the_code_families():
    assert [(g.name, g.family) for g in GROUPS] == [
        ("syntax", "L0xx"), ("dates", "L1xx"), ("duplicates", "L2xx"), ("servers", "L3xx"),
        ("licensing", "L4xx"), ("keywords", "L5xx"), ("hostids", "L6xx"), ("genesys", "L7xx"),
        ("signatures", "L8xx"), ("deployment", "C0xx")]
    lint_groups = [g for g in GROUPS if g.command == "lint"]
    in_groups = [r.name for g in lint_groups for r in group_rules(g)]
    assert sorted(in_groups) == sorted(r.name for r in rules())      # each in exactly one
    assert [r.name for r in resolve("genesys")] == [r.name for r in rules()
                                                    if r.code.startswith("L7")]
    from lictool.genesys.check import RULES

    deployment = {r.code for r in resolve("deployment")}
    assert deployment == {r.code for r in RULES if r.code.startswith("C0")}
    assert resolve("C0") == resolve("deployment") and resolve("L9") is None


def test_check_rule_names_and_the_deployment_group_resolve_in_a_configuration(tmp_path):
    # one configuration serves lint and check: check's names are not unknown rules to lint
    cfg = parse_config({"ignore": ["deployment", "C001", "unused-license"]})
    assert {"missing-license", "unused-license", "license-shortfall"} <= set(cfg.ignore)
    assert cfg.enabled(rules()) == rules()


def test_rules_command_lists_the_groups_and_documents_one(monkeypatch):
    r = run_cli("rules")
    table, rest = r.stdout.split("\n\n", 1)
    assert len(table.splitlines()) == len(rules())
    assert rest.startswith("Groups")
    for g in GROUPS:
        assert any(ln.split()[:2] == [g.name, g.family] for ln in rest.splitlines()), g.name
    assert "ignore wins" in rest.replace("an ignore wins", "ignore wins")
    r = run_cli("rules", "genesys")
    assert r.exit_code == 0 and r.stdout.startswith("# genesys (L7xx)")
    listed = [ln.split()[0] for ln in r.stdout.splitlines() if ln[:2] == "L7"]
    assert listed == [x.code for x in rules() if x.code.startswith("L7")]
    assert run_cli("rules", "L7").stdout == r.stdout
    r = run_cli("rules", "deployment")
    assert "C001  missing-license" in r.stdout and "L7" not in r.stdout.split("\n\n", 2)[2]
    assert "# C001 missing-license" in run_cli("rules", "c001").stdout
    r = run_cli("rules", "genesis")
    assert r.exit_code == 2 and "did you mean 'genesys'" in r.stderr


# --- 4. errors name the flag, and suggest --------------------------------------------------------

def test_a_bad_flag_value_names_the_flag(lic, tmp_path):
    write(tmp_path, ".lictool.toml", 'target-release = "8.1"\n')
    r = run_cli("lint", "--target-release", "abc", lic)
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr.startswith("lictool: --target-release: expected X.Y"), r.stderr
    assert "configuration key" not in r.stderr and ".lictool.toml" not in r.stderr
    r = run_cli("lint", "--verify-key", tmp_path / "none.pub", lic)
    assert r.exit_code == 2 and r.stderr.startswith("lictool: --verify-key: no such file or directory: ")
    with pytest.raises(LictoolError) as info:
        load_config(None, tmp_path, {"version-sort": "sideways"})
    assert str(info.value).startswith("--version-sort: expected one of higher-first")


def test_unknown_rule_names_get_did_you_mean(lic, tmp_path):
    r = run_cli("lint", lic, "--select", "expired,expird")
    assert r.exit_code == 2
    assert r.stderr.startswith("lictool: --select: unknown rule or group 'expird' (did you "
                               "mean 'expired'?)"), r.stderr
    r = run_cli("lint", lic, "--ignore", "genesis")
    assert r.exit_code == 2 and r.stderr.startswith("lictool: --ignore: ")
    assert "did you mean 'genesys'" in r.stderr
    cfg = write(tmp_path, ".lictool.toml", 'ignore = ["unsigned", "unsignd"]\n'
                                           '[severity]\nexpird = "error"\n')
    r = run_cli("lint", lic)
    assert r.exit_code == 2
    assert r.stderr.startswith(f"lictool: {cfg}:1:23: configuration key 'ignore[1]': unknown "
                               "rule or group 'unsignd' (did you mean 'unsigned'?)"), r.stderr
    write(tmp_path, ".lictool.toml", '[severity]\nexpird = "error"\n')
    r = run_cli("lint", lic)
    assert r.stderr.startswith(f"lictool: {cfg}:2:1: configuration key 'severity.expird': "
                               "unknown rule 'expird' (did you mean 'expired'?)"), r.stderr


# --- 10. discovery per file --------------------------------------------------------------------

def test_each_file_gets_its_nearest_configuration(tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    write(repo, ".lictool.toml", 'ignore = ["unsigned"]\n')
    write(repo, "licenses/a.lic", TEXT)
    write(tmp_path, "other/pyproject.toml", '[tool.lictool]\nignore = ["expired"]\n')
    write(tmp_path, "other/b.lic", TEXT)
    monkeypatch.chdir(tmp_path)
    outside = found("repo/licenses", "other")
    assert outside[1] == [("L101", "a.lic", 3), ("L403", "b.lic", 4)]
    monkeypatch.chdir(repo)
    assert found("licenses") == (1, [("L101", "a.lic", 3)])
    monkeypatch.chdir(repo / "licenses")
    assert found("a.lic") == (1, [("L101", "a.lic", 3)])
    # --config is used for every file
    monkeypatch.chdir(tmp_path)
    _, got = found("repo/licenses", "other", "--config", "other/pyproject.toml")
    assert got == [("L403", "a.lic", 4), ("L403", "b.lic", 4)]


def test_a_bad_configuration_is_reported_whatever_the_inputs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = run_cli("lint", "nosuch.lic", "--config", "missing.toml")
    assert r.exit_code == 2 and r.stderr.startswith("lictool: missing.toml: "), r.stderr
    cfg = write(tmp_path, ".lictool.toml", "select = 3\n")
    r = run_cli("lint", ROOT / "fixtures" / "genesys-8x.lic")     # the fallback is checked too
    assert r.exit_code == 2 and r.stderr.startswith(f"lictool: {cfg}:1:10: "), r.stderr


def test_a_file_without_a_configuration_above_it_and_stdin_use_the_current_directorys(
        tmp_path, monkeypatch):
    from entry import RUNNER
    from lictool.cli.app import app

    write(tmp_path, "here/.lictool.toml", 'ignore = ["unsigned"]\n')
    elsewhere = write(tmp_path, "elsewhere/x.lic", TEXT)
    monkeypatch.chdir(tmp_path / "here")
    assert found(elsewhere) == (1, [("L101", "x.lic", 3)])
    r = RUNNER.invoke(app, ["lint", "-", "--today", TODAY, "-f", "json"], input=TEXT)
    assert [f["code"] for f in json.loads(r.stdout)] == ["L101"]


def test_the_configuration_is_read_once_per_folder(tmp_path, monkeypatch):
    write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n[tool.lictool]\n'
                                      'ignore = ["unsigned"]\n')
    for i in range(40):
        write(tmp_path, f"lics/f{i:02}.lic", TEXT)
        write(tmp_path, f"lics/sub/g{i:02}.lic", TEXT)
    reads = []
    real = tomlfile.read

    def counting(path, what="TOML file"):
        reads.append(Path(path).name)
        return real(path, what)

    monkeypatch.setattr(tomlfile, "read", counting)
    monkeypatch.chdir(tmp_path)
    code, got = found("lics")
    assert len(got) == 80 and {c for c, _, _ in got} == {"L101"}
    assert reads == ["pyproject.toml"]
    reads.clear()
    resolver = Resolver(cwd=tmp_path)
    configs = {id(resolver.config_for(tmp_path / "lics" / f"f{i:02}.lic")) for i in range(40)}
    assert len(configs) == 1 and reads == ["pyproject.toml"]


def test_the_library_resolver_and_lint_set_with_a_configuration_per_file(tmp_path):
    a = write(tmp_path, "a/.lictool.toml", 'select = ["dates"]\n')
    write(tmp_path, "b/.lictool.toml", 'select = ["licensing"]\n')
    pa, pb = write(tmp_path, "a/x.lic", TEXT), write(tmp_path, "b/y.lic", TEXT)
    resolver = Resolver(cwd=tmp_path)
    assert resolver.config_for(pa).source == str(a) and resolver.file_for(tmp_path / "a") == a
    loaded, _ = read_all([(str(pa), str(pa)), (str(pb), str(pb))])
    import datetime as dt

    day = dt.date(2026, 6, 1)
    got = sorted((Path(f.path).name, f.code) for f in lint_set(loaded, resolver, day))
    assert got == [("x.lic", "L101"), ("y.lic", "L403")]
    one = load_config(a)
    assert {f.code for f in lint_set(loaded, lambda path: one, day)} == {"L101"}
    assert [r.name for r in resolver.enabled(rules())] == ["expired", "expiring-soon",
                                                           "bad-date", "start-in-future",
                                                           "uncounted-without-hostid",
                                                           "after-use-server", "unsigned"]


# --- per-file-ignores ----------------------------------------------------------------------------

def test_per_file_ignores_relative_to_the_configuration(tmp_path, monkeypatch):
    write(tmp_path, "pyproject.toml", '[tool.lictool.per-file-ignores]\n'
                                      '"vendor/*.lic" = ["L403"]\n"old-*.lic" = ["dates"]\n'
                                      '"deep/**/z.lic" = ["ALL"]\n')
    for rel in ("vendor/v.lic", "vendor/more/w.lic", "mine.lic", "x/old-1.lic",
                "deep/z.lic", "deep/a/b/z.lic"):
        write(tmp_path, rel, TEXT)
    monkeypatch.chdir(tmp_path / "x")                 # from elsewhere: the same result
    _, got = found("..")
    assert got == [("L101", "mine.lic", 3), ("L101", "v.lic", 3), ("L101", "w.lic", 3),
                   ("L403", "mine.lic", 4), ("L403", "old-1.lic", 4), ("L403", "w.lic", 4)]


@pytest.mark.parametrize("text, where, message", [
    ('[per-file-ignores]\n"vendor/[ab.lic" = ["L403"]\n', (2, 1),
     "bad glob pattern 'vendor/[ab.lic': '[' at character 8 is not closed with ']'"),
    ('[per-file-ignores]\n"../x.lic" = ["L403"]\n', (2, 1), "bad glob pattern '../x.lic'"),
    ('[per-file-ignores]\n"" = ["L403"]\n', (2, 1), "an empty pattern"),
    ('[per-file-ignores]\n"v/*.lic" = ["L403", "unsignd"]\n', (2, 22),
     "unknown rule or group 'unsignd' (did you mean 'unsigned'?)"),
    ('[per-file-ignores]\n"v/*.lic" = "L403x"\n', (2, 13), "unknown rule or group 'L403x'"),
    ('per-file-ignores = ["x"]\n', (1, 20), "expected a table of \"glob pattern\" = [rules]"),
])
def test_a_bad_per_file_ignore_is_an_error_with_its_place(lic, tmp_path, text, where, message):
    cfg = write(tmp_path, ".lictool.toml", text)
    r = run_cli("lint", lic)
    assert r.exit_code == 2 and "Traceback" not in r.stderr
    assert r.stderr.startswith(f"lictool: {cfg}:{where[0]}:{where[1]}: "), r.stderr
    assert message in r.stderr


@pytest.mark.parametrize("pattern, path, matches", [
    ("*.lic", "a.lic", True), ("*.lic", "d/a.lic", False), ("d/*.lic", "d/a.lic", True),
    ("**/a.lic", "a.lic", True), ("**/a.lic", "x/y/a.lic", True), ("d/**", "d/x/y.lic", True),
    ("[ab].lic", "b.lic", True), ("[!ab].lic", "b.lic", False), ("{a,b}.lic", "a.lic", True),
    ("?.lic", "ab.lic", False), ("a\\*.lic", "a*.lic", True), ("a\\*.lic", "ab.lic", False),
])
def test_glob_patterns(pattern, path, matches):
    assert bool(glob_regex(pattern).fullmatch(path)) is matches


# --- lictool config --show ---------------------------------------------------------------------

def test_config_show_says_where_each_value_came_from(tmp_path, monkeypatch):
    write(tmp_path, ".lictool.toml", 'ignore = ["unsigned"]\n\n[severity]\nexpired = "warning"\n'
                                     '[rules.expiring-soon]\ndays = 60\n'
                                     '[per-file-ignores]\n"vendor/*.lic" = ["dates"]\n')
    write(tmp_path, "vendor/v.lic", TEXT)
    monkeypatch.chdir(tmp_path / "vendor")
    r = run_cli("config", "--show", "v.lic", "--target-release", "8.5")
    assert r.exit_code == 0, r.stderr
    rows = {ln.split(" = ")[0]: (ln.split(" = ", 1)[1].rsplit("  # ", 1))
            for ln in r.stdout.splitlines() if not ln.startswith("#")}
    assert rows["ignore"][0].strip() == '["unsigned"]'
    assert rows["ignore"][1] == f"{tmp_path / '.lictool.toml'}:1"    # not below the cwd
    assert rows["severity.expired"][0].strip() == '"warning"'
    assert rows["severity.expired"][1].endswith(".lictool.toml:4")
    assert rows["rules.expiring-soon.days"][0].strip() == "60"
    assert rows["rules.expiring-soon.days"][1].endswith(".lictool.toml:6")
    assert [x.strip() for x in rows["target-release"]] == ['"8.5"', "command line"]
    assert [x.strip() for x in rows["version-sort"]] == ['"higher-first"', "default"]
    assert [x.strip() for x in rows["select"]] == ['["ALL"]', "default"]
    assert rows['per-file-ignores."vendor/*.lic"'][1].endswith(".lictool.toml:8")
    assert r.stdout.splitlines()[0].endswith(".lictool.toml")
    assert "# not enabled (ignore): unsigned" in r.stdout.splitlines()
    assert '# not enabled (per-file-ignores "vendor/*.lic"): expired, expiring-soon, bad-date, ' \
           "start-in-future" in r.stdout.splitlines()
    # the current directory by default
    monkeypatch.chdir(tmp_path)
    r = run_cli("config", "--show")
    assert r.exit_code == 0 and r.stdout.splitlines()[0] == \
        "# configuration for .: .lictool.toml"


def test_config_show_without_a_configuration_and_with_a_bad_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = run_cli("config", "--show", ROOT / "fixtures" / "genesys-8x.lic")
    assert r.exit_code == 0 and "none found (the defaults)" in r.stdout.splitlines()[0]
    cfg = write(tmp_path, ".lictool.toml", '\nselect = ["expird"]\n')
    r = run_cli("config", "--show")
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr.startswith(f"lictool: {cfg}:2:11: configuration key 'select[0]': unknown "
                               "rule or group 'expird' (did you mean 'expired'?)"), r.stderr
    r = run_cli("config", "--show", "--config", cfg, "--select", "L1", "--target-release", "x")
    assert r.exit_code == 2 and r.stderr.startswith("lictool: --target-release: ")
    assert run_cli("config", "--show", tmp_path / "missing").exit_code == 2
    r = run_cli("config")
    assert r.exit_code == 2 and "--show" in r.stderr
