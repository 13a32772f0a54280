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


def main() -> None:
    for lic in fixtures():
        golden_path(lic).write_text(model_json(lic), encoding="utf-8")
        print(f"wrote {golden_path(lic).relative_to(ROOT)}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
