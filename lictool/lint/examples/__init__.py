"""Each rule's bad and good example license files: ``<rule-name>.bad.lic`` and
``<rule-name>.good.lic``. The tests lint them; ``lictool rules NAME`` prints them.

An example says what the tests need to know in ``# lictool-example:`` comment lines, in TOML.
Engine settings, for an example that needs them:

    # lictool-example: target-release = "8.1"

and, in every bad example, the lines its rule flags: one entry per finding (a line flagged
twice is listed twice), in the last line of the file, so that adding it moves no line of the
example:

    # lictool-example: flagged = [9, 12]

``flagged`` is for the tests (tests/test_rule_examples.py checks that the rule flags exactly
these lines); it is not an engine setting, so :func:`example_settings` leaves it out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, Optional, Tuple

from ...errors import LictoolError
from ...tomlfile import parse

HERE = Path(__file__).resolve().parent


def example_path(rule: str, kind: str) -> Path:
    return HERE / f"{rule}.{kind}.lic"


def example_text(rule: str, kind: str) -> Optional[str]:
    p = example_path(rule, kind)
    return p.read_text(encoding="utf-8") if p.is_file() else None


SETTINGS_PREFIX = "# lictool-example:"

#: the declaration of the lines a bad example's rule flags (not an engine setting)
FLAGGED = "flagged"


def _declared(text: str, path: str) -> Dict[str, Any]:
    """Every ``# lictool-example: key = value`` line of an example, as one TOML table."""
    lines = [ln[len(SETTINGS_PREFIX):].strip() for ln in text.splitlines()
             if ln.startswith(SETTINGS_PREFIX)]
    return parse("\n".join(lines), path).data if lines else {}


def example_settings(text: str, path: str = "<example>") -> Dict[str, Any]:
    """The engine settings an example asks for (``# lictool-example: key = value`` lines, all
    but ``flagged``); ``path`` names the example in errors
    (:class:`~lictool.errors.LictoolError`)."""
    return {k: v for k, v in _declared(text, path).items() if k != FLAGGED}


def example_flagged(text: str, path: str = "<example>") -> Optional[Tuple[int, ...]]:
    """The lines an example declares its rule flags (``# lictool-example: flagged = [...]``),
    sorted, one entry per finding; None when it declares none. A declaration that is not a
    list of line numbers is a :class:`~lictool.errors.LictoolError` naming ``path``."""
    declared = _declared(text, path)
    if FLAGGED not in declared:
        return None
    lines = declared[FLAGGED]
    if not isinstance(lines, list) or not all(
            isinstance(n, int) and not isinstance(n, bool) and n >= 1 for n in lines):
        raise LictoolError(f"{SETTINGS_PREFIX} {FLAGGED} = ...: expected a list of line "
                           f"numbers (one per finding), not {lines!r}", path)
    return tuple(sorted(lines))
