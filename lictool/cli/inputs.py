"""Command-line inputs: files, directories (walked for license files), ``-`` for stdin."""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path
from typing import Iterator, List, Optional, Tuple

import typer

from ..errors import LictoolError

LICENSE_SUFFIXES = (".lic", ".dat")
SKIP_DIRS = {".git", ".hg", ".svn"}


def expand(paths: List[str]) -> Iterator[Tuple[str, Optional[LictoolError]]]:
    """Each input file (directories walked in sorted order for ``*.lic`` and ``*.dat``,
    skipping version-control folders), or an error for an input that gives none."""
    for p in paths:
        if p == "-":
            yield p, None
            continue
        path = Path(p)
        if path.is_dir():
            found = False
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
                for name in sorted(files):
                    if name.lower().endswith(LICENSE_SUFFIXES):
                        found = True
                        yield os.path.join(root, name), None
            if not found:
                yield p, LictoolError("no license files (*.lic, *.dat) in this directory", p)
        elif path.exists() or path.is_symlink():
            yield p, None
        else:
            yield p, LictoolError("no such file or directory", p)


def parse_today(value: Optional[str]) -> Optional[_dt.date]:
    if value is None:
        return None
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"expected a date YYYY-MM-DD, not {value!r}") from None


def split_names(values: Optional[List[str]]) -> Optional[List[str]]:
    """``--select a,b --select c`` -> [a, b, c]."""
    if not values:
        return None
    return [n.strip() for v in values for n in v.split(",") if n.strip()]


def lint_overrides(select: Optional[List[str]], ignore: Optional[List[str]],
                   target_release: Optional[str], version_sort, verify_key: Optional[Path]):
    """The configuration keys that lint's options (and config's, "as for lint") set over the
    configuration files: None where the option is not given."""
    return {"select": split_names(select), "ignore": split_names(ignore),
            "target-release": target_release,
            "version-sort": version_sort.value if version_sort else None,
            "verify-key": str(verify_key.resolve()) if verify_key else None}
