"""The ``lictool`` command. ``main`` answers ``--version`` without loading the CLI framework
(start-up time is a feature) and turns every lictool error into a message and exit code 2."""

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
