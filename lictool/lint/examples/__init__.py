"""Each rule's bad and good example license files: ``<rule-name>.bad.lic`` and
``<rule-name>.good.lic``. The tests lint them; ``lictool rules NAME`` prints them.

An example that needs engine settings says so in a comment line, in TOML:

    # lictool-example: target-release = "8.1"
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, Optional

from ...tomlfile import parse

HERE = Path(__file__).resolve().parent


def example_path(rule: str, kind: str) -> Path:
    return HERE / f"{rule}.{kind}.lic"


def example_text(rule: str, kind: str) -> Optional[str]:
    p = example_path(rule, kind)
    return p.read_text(encoding="utf-8") if p.is_file() else None


SETTINGS_PREFIX = "# lictool-example:"


def example_settings(text: str, path: str = "<example>") -> Dict[str, Any]:
    """The settings an example asks for (``# lictool-example: key = value`` lines); ``path``
    names the example in errors (:class:`~lictool.errors.LictoolError`)."""
    lines = [ln[len(SETTINGS_PREFIX):].strip() for ln in text.splitlines()
             if ln.startswith(SETTINGS_PREFIX)]
    return parse("\n".join(lines), path).data if lines else {}
