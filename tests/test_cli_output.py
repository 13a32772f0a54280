"""Issue 14, items 1, 2 and 6: the command-line output of ``lint``, ``verify`` and ``check``
(``--quiet``, ``--concise``, ``--statistics``, ``--exit-zero``, ``--severity``, ``--color`` with
NO_COLOR / FORCE_COLOR, a real pseudo-terminal too), and summaries that count right and speak
correct English (``merge --check`` says "Would merge").

Findings come from small synthetic license files; ``--select`` keeps each test to the rules it
is about."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from entry import run_cli

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2025-01-01"
CHECK_TODAY = "2026-06-01"
ANSI = re.compile(r"\x1b\[[0-9;]*m")

HEAD = "SERVER lic01 0019B9A0B0C0 27000\nVENDOR genesys.d\n"
CLEAN = HEAD + "FEATURE tserver_sdn genesys.d 8.1 permanent 10 SIGN=0\n"
EXPIRED = HEAD + "FEATURE tserver_sdn genesys.d 8.1 1-jan-2020 10 SIGN=0\n"
DUPLICATE = CLEAN + "FEATURE tserver_sdn genesys.d 8.1 permanent 10 SIGN=0\n"
# one error (expired), three info findings (unknown-keyword)
MIXED = (HEAD + "FEATURE tserver_sdn genesys.d 8.1 1-jan-2020 10 SIGN=0\n"
         + "".join(f"FEATURE tserver_sdn genesys.d 8.1 permanent 10 FROB={i} SIGN=0\n"
                   for i in range(3)))
RULES = ("--select", "expired,duplicate-line,unknown-keyword")


def lic(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text)
    return p


@pytest.fixture
def three(tmp_path):
    """mixed.lic (1 error, 3 info findings), dup.lic (1 warning), clean.lic (nothing)."""
    return (lic(tmp_path, "mixed.lic", MIXED), lic(tmp_path, "dup.lic", DUPLICATE),
            lic(tmp_path, "clean.lic", CLEAN))


@pytest.fixture(autouse=True)
def no_color_env(monkeypatch):
    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)


def lint(*args, env=None):
    if env:
        from entry import RUNNER
        from lictool.cli.app import app

        return RUNNER.invoke(app, ["lint", *map(str, args), "--today", TODAY, *RULES], env=env,
                             prog_name="lictool")
    return run_cli("lint", *args, "--today", TODAY, *RULES)


def finding_lines(out: str):
    return [ln for ln in out.splitlines() if re.match(r"\S+:\d+:\d+: ", ln)]


# --------------------------------------------------------------------------------------------
# item 6: summaries
# --------------------------------------------------------------------------------------------

def test_summary_counts_the_files_with_findings_and_the_files_checked(three):
    mixed, dup, clean = three
    r = lint(mixed, dup, clean)
    assert r.exit_code == 1
    assert r.stdout.splitlines()[-1] == (
        "Found 5 problems (1 error, 1 warning, 3 info findings) in 2 files (3 checked).")


def test_summary_singular_forms(tmp_path):
    one_info = lic(tmp_path, "one.lic", CLEAN.replace("SIGN=0", "FROB=1 SIGN=0"))
    r = lint(one_info)
    assert r.exit_code == 0
    assert r.stdout.splitlines()[-1] == "Found 1 problem (1 info finding) in 1 file."
    r = lint(one_info, lic(tmp_path, "clean.lic", CLEAN))
    assert r.stdout.splitlines()[-1] == "Found 1 problem (1 info finding) in 1 file (2 checked)."
    assert "infos" not in r.stdout


def test_summary_when_every_file_checked_has_findings(tmp_path):
    r = lint(lic(tmp_path, "a.lic", EXPIRED), lic(tmp_path, "b.lic", EXPIRED))
    assert r.stdout.splitlines()[-1] == "Found 2 problems (2 errors) in 2 files."


def test_summary_with_an_unreadable_input(tmp_path):
    missing = tmp_path / "missing.lic"
    r = lint(lic(tmp_path, "a.lic", EXPIRED), lic(tmp_path, "b.lic", CLEAN), missing)
    assert r.exit_code == 2
    assert r.stdout.splitlines()[-1] == ("Found 1 problem (1 error) in 1 file (2 checked); "
                                         "1 input could not be read or checked.")


def test_text_summary_function_wording():
    from lictool.lint.engine import lint_set, read_all
    from lictool.lint.config import load_config
    from lictool.report.text import summary

    assert summary([], 3) == "No problems found in 3 files."
    assert summary([], 1) == "No problems found in 1 file."
    loaded, _ = read_all([(str(ROOT / "lictool/lint/examples/expired.bad.lic"), "x.lic")])
    cfg = load_config(None, ROOT, {"select": ["expired"]})
    import datetime

    found = lint_set(loaded, cfg, datetime.date(2099, 1, 1))
    assert found and summary(found, 4).endswith("in 1 file (4 checked).")
    assert summary(found, 4, hidden=1, level="error").endswith(
        "in 1 file (4 checked); 1 finding below --severity error not shown.")


def test_merge_check_says_would_merge(tmp_path):
    a = lic(tmp_path, "a.lic", CLEAN)
    b = lic(tmp_path, "b.lic", HEAD + "FEATURE tserver_isc genesys.d 8.1 permanent 5 SIGN=0\n")
    r = run_cli("merge", a, b, "--check", "--today", TODAY)
    assert r.exit_code == 0, r.stderr
    last = r.stdout.splitlines()[-1]
    assert "Merged" not in r.stdout + r.stderr
    assert re.fullmatch(r"Would merge: \d+ records? kept, \d+ added, \d+ dropped; \d+ "
                        r"conflicts?, \d+ warnings?\.", last), last
    assert sorted(tmp_path.iterdir()) == [a, b]   # nothing written
    out = tmp_path / "out.lic"
    r = run_cli("merge", a, b, "-o", out, "--today", TODAY)
    assert r.exit_code == 0 and r.stdout.splitlines()[-1].startswith(f"Merged into {out}: ")


def test_merge_summary_singular_and_strict_refusal_wording(tmp_path):
    # the same feature at a different count on the same line key: one conflict
    a = lic(tmp_path, "a.lic", CLEAN)
    b = lic(tmp_path, "b.lic", HEAD.replace("27000", "27001")
            + "FEATURE tserver_sdn genesys.d 8.1 permanent 10 SIGN=0\n")
    r = run_cli("merge", a, b, "--check", "--today", TODAY)
    assert r.exit_code == 0, r.stdout + r.stderr
    summary = r.stdout.splitlines()[-1]
    n = int(re.search(r"; (\d+) conflicts?", summary).group(1))
    assert n >= 1
    assert ("1 conflict," if n == 1 else f"{n} conflicts,") in summary
    r = run_cli("merge", a, b, "--check", "--strict", "--today", TODAY)
    assert r.exit_code == 1
    assert "(s)" not in r.stdout
    conflicts = "1 conflict" if n == 1 else f"{n} conflicts"
    assert r.stdout.splitlines()[-1] == f"Would be refused with --strict: {conflicts}."
    r = run_cli("merge", a, b, "-o", tmp_path / "out.lic", "--strict", "--today", TODAY)
    assert r.exit_code == 1 and r.stdout.splitlines()[-1] == (
        f"Refused with --strict: {conflicts}; nothing was written.")
    assert "Merged" not in r.stdout and not (tmp_path / "out.lic").exists()
    assert r.stdout.splitlines()[-2].startswith(f"Would merge into {tmp_path / 'out.lic'}: ")


# --------------------------------------------------------------------------------------------
# item 1: --quiet, --concise, --statistics, --exit-zero, --severity
# --------------------------------------------------------------------------------------------

def test_quiet_prints_the_findings_only(three):
    r = lint(*three, "--quiet")
    assert r.exit_code == 1
    lines = r.stdout.splitlines()
    assert lines == finding_lines(r.stdout) and len(lines) == 5
    assert "hint:" not in r.stdout and "Found" not in r.stdout
    r = lint(three[2], "-q")
    assert r.exit_code == 0 and r.stdout == ""


def test_concise_one_line_per_finding_and_nothing_folded(tmp_path):
    lines = [f"FEATURE f{i} genesys.d 8.1 permanent 10 FROB={i} SIGN=0\n" for i in range(8)]
    p = lic(tmp_path, "many.lic", HEAD + "".join(lines))
    r = lint(p, "--concise")
    assert r.exit_code == 0
    out = r.stdout.splitlines()
    assert len(finding_lines(r.stdout)) == 8 and "hint:" not in r.stdout
    assert out[-1] == "Found 8 problems (8 info findings) in 1 file."
    assert len(out) == 9


def test_concise_does_not_fold_repeated_hostids(tmp_path):
    text = HEAD + "".join(f"INCREMENT t{i} genesys.d 8.1 31-dec-2027 uncounted "
                          f"HOSTID=0a1b2c3d4e5f SIGN=0\n" for i in range(8))
    p = lic(tmp_path, "vm.lic", text)
    full = run_cli("lint", p, "--today", TODAY, "--select", "virtual-mac")
    assert "more lines with the same" in full.stdout      # folded by default
    r = run_cli("lint", p, "--today", TODAY, "--select", "virtual-mac", "--concise")
    assert "more lines with the same" not in r.stdout and "hint:" not in r.stdout
    assert len(finding_lines(r.stdout)) == 8


def test_statistics_counts_per_rule_most_frequent_first(three):
    r = lint(*three, "--statistics")
    assert r.exit_code == 1
    assert r.stdout.splitlines() == [
        "    3  L501  unknown-keyword  [info]",
        "    1  L101  expired          [error]",
        "    1  L201  duplicate-line   [warning]",
        "Found 5 problems (1 error, 1 warning, 3 info findings) in 2 files (3 checked).",
    ]
    r = lint(*three, "--statistics", "--quiet")
    assert r.stdout.splitlines() == [
        "    3  L501  unknown-keyword  [info]",
        "    1  L101  expired          [error]",
        "    1  L201  duplicate-line   [warning]",
    ]


@pytest.mark.parametrize("fmt", ["json", "sarif", "github"])
def test_statistics_with_another_format_is_a_usage_error(three, fmt):
    r = lint(*three, "--statistics", "--format", fmt)
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr.startswith("lictool: ") and "--statistics" in r.stderr
    assert f"--format {fmt}" in r.stderr


def test_exit_zero(three, tmp_path):
    assert lint(*three).exit_code == 1
    r = lint(*three, "--exit-zero")
    assert r.exit_code == 0 and "Found 5 problems" in r.stdout
    assert lint(three[1], "--strict", "--exit-zero").exit_code == 0
    # still 2 for an unreadable input and for bad usage
    r = lint(three[0], tmp_path / "missing.lic", "--exit-zero")
    assert r.exit_code == 2 and "could not be read" in r.stdout
    r = lint(three[0], "--exit-zero", "--severity", "bogus")
    assert r.exit_code == 2


def test_severity_filters_the_text_report_and_the_exit_status(three):
    r = lint(*three, "--severity", "warning")
    assert r.exit_code == 1
    assert [ln.split()[1] for ln in finding_lines(r.stdout)] == ["L201", "L101"]
    assert r.stdout.splitlines()[-1] == ("Found 2 problems (1 error, 1 warning) in 2 files "
                                         "(3 checked); 3 findings below --severity warning "
                                         "not shown.")
    # exit status from what is reported: with --strict a warning fails, unless not reported
    dup = three[1]
    assert lint(dup, "--strict").exit_code == 1
    r = lint(dup, "--strict", "--severity", "error")
    assert r.exit_code == 0 and finding_lines(r.stdout) == []
    assert r.stdout.splitlines()[-1] == ("No problems found in 1 file; 1 finding below "
                                         "--severity error not shown.")
    r = lint(*three, "--severity", "ERROR", "--quiet")
    assert [ln.split()[1] for ln in r.stdout.splitlines()] == ["L101"]


@pytest.mark.parametrize("fmt", ["json", "sarif", "github"])
def test_severity_filters_every_format(three, fmt):
    r = lint(*three, "--severity", "error", "--format", fmt)
    assert r.exit_code == 1
    if fmt == "json":
        assert [f["code"] for f in json.loads(r.stdout)] == ["L101"]
    elif fmt == "sarif":
        results = json.loads(r.stdout)["runs"][0]["results"]
        assert [x["ruleId"] for x in results] == ["L101"]
    else:
        assert [ln.split()[0] for ln in r.stdout.splitlines()] == ["::error"]


def test_severity_keeps_an_unreadable_input(three, tmp_path):
    r = lint(three[1], tmp_path / "missing.lic", "--severity", "error", "--format", "json")
    assert r.exit_code == 2
    assert [f["rule"] for f in json.loads(r.stdout)] == ["unreadable-input"]


def test_quiet_and_concise_change_nothing_in_json(three):
    plain = lint(*three, "--format", "json")
    assert lint(*three, "--format", "json", "--quiet", "--concise").stdout == plain.stdout


# --------------------------------------------------------------------------------------------
# the same options on verify and check
# --------------------------------------------------------------------------------------------

@pytest.fixture
def mismatched(tmp_path):
    """A signed file whose count was changed afterwards, and the public key."""
    key = tmp_path / "k"
    assert run_cli("keygen", key).exit_code == 0
    src = lic(tmp_path, "src.lic", CLEAN)
    signed = tmp_path / "signed.lic"
    assert run_cli("sign", src, "--key", key, "-o", signed).exit_code == 0
    text = signed.read_text()
    signed.write_text(text.replace(" permanent 10 ", " permanent 20 "))
    return signed, tmp_path / "k.pub"


def test_verify_output_options(mismatched):
    signed, pub = mismatched
    r = run_cli("verify", signed, "--key", pub)
    assert r.exit_code == 1 and "(signature-mismatch)" in r.stdout
    r = run_cli("verify", signed, "--key", pub, "--statistics")
    assert r.exit_code == 1
    assert r.stdout.splitlines() == ["    1  L801  signature-mismatch  [error]",
                                     "Found 1 problem (1 error) in 1 file."]
    r = run_cli("verify", signed, "--key", pub, "--exit-zero", "--quiet", "--concise")
    assert r.exit_code == 0 and len(r.stdout.splitlines()) == 1
    assert "(signature-mismatch)" in r.stdout
    r = run_cli("verify", signed, "--key", pub, "--statistics", "--format", "json")
    assert r.exit_code == 2 and r.stderr.startswith("lictool: ") and "--statistics" in r.stderr
    r = run_cli("verify", signed, "--key", pub, "--color", "always")
    assert ANSI.search(r.stdout)


def check(*args):
    return run_cli("check", "fixtures/deployments/virtualized/deployment.toml",
                   "--today", CHECK_TODAY, *args)


@pytest.fixture
def in_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def test_check_output_options(in_root):
    r = check("--format", "json")
    codes = [f["code"] for f in json.loads(r.stdout)]
    sev = {f["code"]: f["severity"] for f in json.loads(r.stdout)}
    assert r.exit_code == 1 and "error" in sev.values() and "info" in sev.values()
    stats = check("--statistics", "--quiet")
    rows = [ln.split() for ln in stats.stdout.splitlines()]
    assert sorted((row[1], int(row[0])) for row in rows) == sorted(
        (c, codes.count(c)) for c in set(codes))
    counts = [int(row[0]) for row in rows]
    assert counts == sorted(counts, reverse=True)
    assert check("--exit-zero").exit_code == 0
    r = check("--severity", "error", "--format", "json")
    assert {f["severity"] for f in json.loads(r.stdout)} == {"error"}
    r = check("--statistics", "--format", "order")
    assert r.exit_code == 2 and "--statistics" in r.stderr and r.stdout == ""
    r = check("--concise")
    assert "hint:" not in r.stdout and "info finding" in r.stdout.splitlines()[-1]


# --------------------------------------------------------------------------------------------
# item 2: colour
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("flag, env, coloured", [
    ([], {}, False),                                   # not a terminal
    (["--color", "always"], {}, True),
    (["--color", "always"], {"NO_COLOR": "1"}, True),   # the flag wins
    (["--color", "never"], {"FORCE_COLOR": "1"}, False),
    ([], {"FORCE_COLOR": "1"}, True),
    ([], {"FORCE_COLOR": ""}, False),                   # empty: as good as unset
    ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
    ([], {"FORCE_COLOR": "1", "NO_COLOR": ""}, True),   # an empty NO_COLOR is not set
])
def test_color_flag_and_environment(three, flag, env, coloured):
    r = lint(three[0], *flag, env=env or {"LICTOOL_UNUSED": "1"})
    assert r.exit_code == 1
    assert bool(ANSI.search(r.stdout)) is coloured, r.stdout
    assert ANSI.sub("", r.stdout) == lint(three[0]).stdout


def test_color_in_statistics(three):
    r = lint(*three, "--statistics", "--color", "always")
    assert "\x1b[31m[error]\x1b[0m" in r.stdout
    assert ANSI.sub("", r.stdout) == lint(*three, "--statistics").stdout


def test_color_and_output_file(three, tmp_path):
    out = tmp_path / "report.txt"
    r = lint(three[0], "-o", out, env={"FORCE_COLOR": "1"})
    assert r.exit_code == 1 and not ANSI.search(out.read_text())   # a file is no terminal
    r = lint(three[0], "-o", out, "--color", "always")
    assert ANSI.search(out.read_text())


def test_bad_color_value_is_a_usage_error(three):
    r = lint(three[0], "--color", "sometimes")
    assert r.exit_code == 2 and "--color" in r.stderr


def on_terminal(*args, env_extra=None):
    """``python -m lictool ARGS`` with standard output on a pseudo-terminal: its output."""
    pty = pytest.importorskip("pty")
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR",
                                                           "LICTOOL_DEBUG")}
    env.update(env_extra or {})
    master, slave = pty.openpty()
    try:
        proc = subprocess.Popen([sys.executable, "-m", "lictool", *map(str, args)],
                                stdin=subprocess.DEVNULL, stdout=slave,
                                stderr=subprocess.PIPE, cwd=ROOT, env=env)
    finally:
        os.close(slave)
    chunks = []
    try:
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:   # EIO: the other end is closed
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(master)
    proc.wait(timeout=120)
    proc.stderr.close()
    return proc.returncode, b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
@pytest.mark.parametrize("extra, env, coloured", [
    ([], {}, True),
    ([], {"NO_COLOR": ""}, True),      # present but empty: colour stays (the old code lost it)
    ([], {"NO_COLOR": "1"}, False),
    (["--color", "never"], {}, False),
    (["--color", "always"], {"NO_COLOR": "1"}, True),
])
def test_color_on_a_real_terminal(tmp_path, extra, env, coloured):
    p = lic(tmp_path, "expired.lic", EXPIRED)
    code, out = on_terminal("lint", p, "--today", TODAY, "--select", "expired", *extra,
                            env_extra=env)
    assert code == 1
    assert "L101" in out and "Found 1 problem (1 error) in 1 file." in ANSI.sub("", out)
    assert bool(ANSI.search(out)) is coloured, out


def test_check_rules_follow_the_configurations_select_and_ignore(tmp_path, capsys):
    # issue 14, item 3: the C0xx rules are selectable by name, code and the `deployment` group
    from entry import run_main
    import json as _json

    from pathlib import Path

    dep = str(Path(__file__).resolve().parent.parent / "fixtures" / "deployments"
              / "multi-site-ha" / "deployment.toml")

    def rules_with(cfg_text):
        cfg = tmp_path / "lictool.toml"
        cfg.write_text(cfg_text)
        code, out, err = run_main(capsys, "check", dep, "--today", "2026-06-01", "--format",
                                  "json", "--config", str(cfg))
        assert code in (0, 1), err
        return {f["code"] for f in _json.loads(out)}

    everything = rules_with("")
    assert {"C001", "C002", "L701"} <= everything
    assert rules_with('ignore = ["deployment"]') == {c for c in everything if c[0] == "L"}
    assert rules_with('ignore = ["C001"]') == everything - {"C001"}
    assert rules_with('select = ["license-shortfall"]') == {"C002"}
