"""Golden files: fixtures/<name>.json is the JSON model of fixtures/<name>.lic.

Regenerate on purpose only, then read the diff:

    python tests/golden.py            # rewrite every golden file
    git diff fixtures/*.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


def fixtures():
    return sorted(FIXTURES.glob("*.lic"))


def model_json(lic: Path) -> str:
    import lictool
    from lictool import jsonout

    lf = lictool.load(lic)
    doc = jsonout.license_file(lf, f"fixtures/{lic.name}")
    return json.dumps(doc, indent=1, ensure_ascii=False) + "\n"


def golden_path(lic: Path) -> Path:
    return lic.with_suffix(".json")


DEPLOYMENTS = ROOT / "fixtures" / "deployments"
CHECK_TODAY = "2026-06-01"


def deployments():
    return sorted(p.parent for p in DEPLOYMENTS.glob("*/deployment.toml"))


def deployment_output(folder: Path, command: str) -> str:
    """`lictool require|check fixtures/deployments/NAME/deployment.toml --format json`, run from
    the repository root (paths in the output are relative to it)."""
    import subprocess

    rel = folder.relative_to(ROOT) / "deployment.toml"
    args = [sys.executable, "-m", "lictool", command, str(rel), "--format", "json"]
    if command == "check":
        args += ["--today", CHECK_TODAY]
    res = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    if res.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(args)} exited {res.returncode}: {res.stderr}")
    return res.stdout


def main() -> None:
    for lic in fixtures():
        golden_path(lic).write_text(model_json(lic), encoding="utf-8")
        print(f"wrote {golden_path(lic).relative_to(ROOT)}")
    for folder in deployments():
        for command in ("require", "check"):
            out = folder / f"{command}.json"
            out.write_text(deployment_output(folder, command), encoding="utf-8")
            print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
