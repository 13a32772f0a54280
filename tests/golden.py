"""Golden files: what the code produced when they were last written on purpose.

* ``fixtures/<name>.json``: the JSON model of ``fixtures/<name>.lic`` (``lictool parse --format
  json``, in-process);
* ``fixtures/deployments/<name>/require.json`` and ``check.json``: ``lictool require|check
  fixtures/deployments/<name>/deployment.toml --format json`` (``check`` on 2026-06-01), run
  from the repository root, so the paths in them are relative to it.

``tests/test_golden.py`` compares every one with what the code produces now. Regenerate on
purpose only, then read the diff:

    python tests/golden.py            # rewrite every golden file
    git diff fixtures/
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
from pathlib import Path
from typing import Callable, Iterator, Tuple

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


def fixtures():
    return sorted(FIXTURES.glob("*.lic"))


def model_json(lic: Path) -> str:
    import lictool
    from lictool import model_json

    lf = lictool.load(lic)
    doc = model_json.license_file(lf, f"fixtures/{lic.name}")
    return json.dumps(doc, indent=1, ensure_ascii=False) + "\n"


def golden_path(lic: Path) -> Path:
    return lic.with_suffix(".json")


DEPLOYMENTS = ROOT / "fixtures" / "deployments"
CHECK_TODAY = "2026-06-01"
COMMANDS = ("require", "check")


def deployments():
    return sorted(p.parent for p in DEPLOYMENTS.glob("*/deployment.toml"))


def deployment_output(folder: Path, command: str) -> str:
    """The standard output of `lictool require|check fixtures/deployments/NAME/deployment.toml
    --format json`, run in this process through the real entry point (``lictool.cli.main``)
    from the repository root (paths in the output are relative to it; the working directory
    is restored afterwards). Raises on an exit code other than 0 or 1."""
    from lictool.cli import main

    rel = folder.relative_to(ROOT) / "deployment.toml"
    args = [command, str(rel), "--format", "json"]
    if command == "check":
        args += ["--today", CHECK_TODAY]
    out, err = io.StringIO(), io.StringIO()
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main(args)
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
    finally:
        os.chdir(here)
    if code not in (0, 1) or "internal error" in err.getvalue():
        raise RuntimeError(f"lictool {' '.join(args)} exited {code}: {err.getvalue()}")
    return out.getvalue()


def golden_files() -> Iterator[Tuple[Path, Callable[[], str]]]:
    """Every golden file and the function that produces its text now: the one table the
    regenerator writes from and the test compares with."""
    for lic in fixtures():
        yield golden_path(lic), (lambda lic=lic: model_json(lic))
    for folder in deployments():
        for command in COMMANDS:
            yield (folder / f"{command}.json",
                   (lambda folder=folder, command=command: deployment_output(folder, command)))


def main() -> None:
    for path, produce in golden_files():
        path.write_text(produce(), encoding="utf-8", newline="\n")
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
