"""Each rule's bad and good example license files: ``<rule-name>.bad.lic`` and
``<rule-name>.good.lic``. The tests lint them; ``lictool rules NAME`` prints them."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

HERE = Path(__file__).resolve().parent


def example_path(rule: str, kind: str) -> Path:
    return HERE / f"{rule}.{kind}.lic"


def example_text(rule: str, kind: str) -> Optional[str]:
    p = example_path(rule, kind)
    return p.read_text(encoding="utf-8") if p.is_file() else None
