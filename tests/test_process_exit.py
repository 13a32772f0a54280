"""The process entry point (issue 16): ``lictool.cli.run`` runs ``main`` and leaves with
``os._exit`` once the output is flushed (no interpreter teardown of a large model). Nothing
written may be lost, and the exit codes are ``main``'s."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from entry import run_main

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "fixtures" / "genesys-8x.lic"


def lictool(*args: str):
    return subprocess.run([sys.executable, "-m", "lictool", *args], capture_output=True,
                          text=True)


def test_every_byte_is_written_before_the_process_leaves(capsys, tmp_path):
    big = tmp_path / "big.lic"
    big.write_text(FIXTURE.read_text() * 200)              # thousands of output lines
    res = lictool("parse", str(big), "--format", "json")
    code, out, _ = run_main(capsys, "parse", str(big), "--format", "json")
    assert (res.returncode, res.stdout) == (code, out)
    assert len(res.stdout) > 1_000_000


def test_exit_codes_are_mains():
    assert lictool("--version").returncode == 0
    assert lictool("parse", str(FIXTURE)).returncode == 0
    res = lictool("lint", "nosuch.lic")
    assert res.returncode == 2 and "no such file or directory" in res.stderr
    assert lictool("parse", "--format", "yaml", str(FIXTURE)).returncode == 2   # typer's usage
    broken = ROOT / "fixtures" / "broken-quote.lic"             # syntax errors on purpose
    assert lictool("parse", str(broken)).returncode == 1


def test_a_closed_pipe_is_not_a_traceback():
    # `lictool parse big.lic | head -1`: the reader goes away early
    proc = subprocess.Popen([sys.executable, "-m", "lictool", "parse", str(FIXTURE)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait()
    assert "Traceback" not in err


def test_the_script_and_python_m_use_the_entry_point():
    assert 'lictool = "lictool.cli:run"' in (ROOT / "pyproject.toml").read_text()
    assert "run()" in (ROOT / "lictool" / "__main__.py").read_text()
