"""Each rule's bad and good example license files: ``<rule-name>.bad.lic`` and
``<rule-name>.good.lic``. The tests lint them; ``lictool rules NAME`` prints them.

An example that needs engine settings says so in a comment line, in TOML:

    # lictool-example: target-release = "8.1"
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Dict, Optional

HERE = Path(__file__).resolve().parent


def example_path(rule: str, kind: str) -> Path:
    return HERE / f"{rule}.{kind}.lic"


def example_text(rule: str, kind: str) -> Optional[str]:
    p = example_path(rule, kind)
    return p.read_text(encoding="utf-8") if p.is_file() else None


SETTINGS_PREFIX = "# lictool-example:"


def example_settings(text: str) -> Dict[str, Any]:
    """The settings an example asks for (``# lictool-example: key = value`` lines)."""
    lines = [ln[len(SETTINGS_PREFIX):].strip() for ln in text.splitlines()
             if ln.startswith(SETTINGS_PREFIX)]
    return tomllib.loads("\n".join(lines)) if lines else {}
