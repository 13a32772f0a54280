"""Engine-wide configuration settings (not per rule), with their checks. Rules read them from
``ctx.settings``. Each entry: key -> (description, checker)."""

from __future__ import annotations

from typing import Any, Callable, Dict, Tuple

Checker = Callable[[Any, Callable[[str], Exception]], Any]

SETTINGS: Dict[str, Tuple[str, Checker]] = {}


def check_setting(key: str, value: Any, fail: Callable[[str], Exception]) -> Any:
    return SETTINGS[key][1](value, fail)
