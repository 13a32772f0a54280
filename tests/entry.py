"""Running ``lictool ARGS`` in-process: through ``lictool.cli.main``, the real entry point (which
turns an unexpected exception into ``internal error``, so a test sees what a user sees), or
through typer's ``CliRunner`` (:func:`run_cli`: the result object, stdout and stderr apart)."""

from __future__ import annotations

import inspect
from typing import Any, Tuple

from typer.testing import CliRunner

from lictool.cli import main
from lictool.cli.app import app


def _make_runner() -> CliRunner:
    """A runner whose ``result.stderr`` is separate from ``result.stdout``. Typer >= 0.2x (its
    own copy of click's runner) always keeps them apart; older click-based runners need
    ``mix_stderr=False``."""
    if "mix_stderr" in inspect.signature(CliRunner.__init__).parameters:
        return CliRunner(mix_stderr=False)  # pragma: no cover - older typer/click
    return CliRunner()


RUNNER = _make_runner()


def run_cli(*args: Any):
    """Invoke ``lictool ARGS`` through the runner. Fails the test on a traceback or an uncaught
    exception."""
    argv = [str(a) for a in args]
    result = RUNNER.invoke(app, argv, prog_name="lictool")
    exc = result.exception
    assert exc is None or isinstance(exc, SystemExit), (
        f"lictool {' '.join(argv)} raised {exc!r} (exit {result.exit_code}); "
        f"stderr:\n{result.stderr}")
    assert "Traceback" not in result.stdout and "Traceback" not in result.stderr, (
        f"lictool {' '.join(argv)} printed a traceback:\n{result.stderr}")
    return result


def run_main(capsys, *args) -> Tuple[int, str, str]:
    """(exit code, stdout, stderr) of ``lictool ARGS``; fails on an internal error."""
    try:
        main([str(a) for a in args])
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    assert "internal error" not in err and "Traceback" not in err, err
    return code, out, err
