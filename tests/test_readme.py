"""The README's examples are what lictool prints."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def console_blocks():
    """(command, expected output lines) for each `$ lictool ...` in ```console blocks."""
    for block in re.findall(r"```console\n(.*?)```", README, re.S):
        cmd, out = None, []
        for line in block.splitlines():
            if line.startswith("$ "):
                if cmd:
                    yield cmd, out
                cmd, out = line[2:], []
            else:
                out.append(line)
        if cmd:
            yield cmd, out


def run(cmd: str, cwd: Path):
    args = cmd.split("#")[0].split(">")[0].split()
    assert args[0] == "lictool"
    return subprocess.run([sys.executable, "-m", "lictool", *args[1:]], cwd=cwd,
                          capture_output=True, text=True)


def test_readme_examples_match_the_tool(tmp_path):
    # the examples run in order in a scratch folder holding a copy of fixtures/ (one may write
    # a file that the next one reads)
    shutil.copytree(ROOT / "fixtures", tmp_path / "fixtures")
    checked = 0
    for cmd, expected in console_blocks():
        if not cmd.startswith("lictool") or "*" in cmd:
            continue
        res = run(cmd, tmp_path)
        shown = [ln for ln in expected if ln and ln != "..." and not ln.isdigit()]
        actual = (res.stdout + res.stderr).splitlines()
        for ln in shown:
            assert ln in actual, f"README shows {ln!r} for `{cmd}`, lictool printed:\n" + "\n".join(actual)
        checked += 1
    assert checked >= 4


def test_readme_set_up_commands_are_the_ones_ci_runs():
    ci = (ROOT / ".ci" / "run").read_text()
    assert "python -m pip install tox && python -m tox" in README
    assert "python -m pip install tox && python -m tox" in ci
    assert "python -m pip install . && lictool parse fixtures/genesys-8x.lic" in README


def test_readme_tables_are_the_ones_the_code_makes():
    # the rule table (every rule `lictool rules` lists) and the option tables of lint and check
    # are made from the registry and the typer parameters: `python tests/readme_tables.py`
    import readme_tables
    from lictool.lint.registry import rules

    assert readme_tables.render(README) == README, "run: python tests/readme_tables.py"
    for r in rules():
        assert f"| {r.code} | `{r.name}` |" in README
    for flag in ("--target-release", "--verify-key", "--stdin-filename", "--exit-zero"):
        assert f"| `{flag}`" in README


def test_readme_points_at_nothing_outside_the_repository():
    for line in README.splitlines():
        assert "../shared" not in line and "/work/" not in line, line
    for name in re.findall(r"`((?:grammars|tests/data|fixtures|lictool)/[\w./-]+\.\w+)`", README):
        assert (ROOT / name).exists() or "*" in name or "NAME" in name, name
