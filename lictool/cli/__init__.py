"""The ``lictool`` command. ``main`` answers ``--version`` without loading the CLI framework
(start-up time is a feature) and turns every lictool error into a message and exit code 2.
``run`` is the process's entry point (the ``lictool`` script, ``python -m lictool``): ``main``,
then the output flushed and the process left at once, without the interpreter's teardown of a
large parsed model (issue 16: 10-30% of a command on a large file)."""

from __future__ import annotations

import gc
import os
import sys
from typing import List, Optional

from .. import __version__
from ..errors import LictoolError

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def main(argv: Optional[List[str]] = None) -> None:
    args = sys.argv[1:] if argv is None else list(argv)
    if args in (["--version"], ["-V"]):
        print(f"lictool {__version__}")
        sys.exit(EXIT_OK)
    # A short-lived process that builds large acyclic object graphs: the cyclic collector would
    # only re-scan them (tens of milliseconds on a 10,000-record file). Memory is freed at exit.
    gc.disable()
    from .app import app

    try:
        app(args=args, prog_name="lictool", standalone_mode=True)
    except LictoolError as exc:
        print(f"lictool: {exc}", file=sys.stderr)
        sys.exit(EXIT_USAGE)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # an internal failure: a message, not a traceback
        if os.environ.get("LICTOOL_DEBUG"):
            raise
        print(f"lictool: internal error: {exc!r} (set LICTOOL_DEBUG=1 for a traceback)",
              file=sys.stderr)
        sys.exit(EXIT_USAGE)


def run() -> None:
    """``main()``, then leave the process with its exit code once standard output and standard
    error are flushed (``os._exit``: no teardown of the objects a large file made; files are
    written atomically and closed before a command returns, and lictool registers no exit
    handler). In-process callers (tests) use ``main``."""
    code = 0
    try:
        main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if not isinstance(exc.code, (int, type(None))):
            print(exc.code, file=sys.stderr)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):   # a closed pipe (lictool lint ... | head)
            code = code or 1
    os._exit(code)
