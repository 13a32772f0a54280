"""Running ``lictool ARGS`` in-process through ``lictool.cli.main``, the real entry point (which
turns an unexpected exception into ``internal error``, so a test sees what a user sees)."""

from __future__ import annotations

from typing import Tuple

from lictool.cli import main


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
