"""The rules lictool runs: an explicit list, no discovery. Codes are stable and never reused.

To add a rule: write ``lictool/lint/rules/<name>.py`` with ``RULE`` and ``check``, add bad and
good examples in ``lictool/lint/examples/``, and list the module here."""

from __future__ import annotations

from importlib import import_module
from typing import Dict, List, Optional

from .rule import Rule

MODULES = (
    "syntax_error",                    # L001
    "unknown_line",                    # L002
    "bad_suppression",                 # L003
    "no_license_records",              # L004
    "unreadable_input",                # L005
    "continuation_without_backslash",  # L006
    "expired",                         # L101
    "expiring_soon",                   # L102
    "bad_date",                        # L103
    "start_in_future",                 # L104
    "duplicate_line",                  # L201
    "duplicate_feature",               # L202
    "feature_after_increment",         # L203
    "superseded",                      # L204
    "upgrade_without_base",            # L205
    "package_without_enabling_line",   # L206
    "vendor_mismatch",                 # L301
    "duplicate_vendor",                # L302
    "server_count",                    # L303
    "triad_port",                      # L304
    "missing_server",                  # L305
    "invalid_port",                    # L306
    "uncounted_without_hostid",        # L401
    "after_use_server",                # L402
    "unsigned",                        # L403
    "unknown_keyword",                 # L501
    "duplicate_keyword",               # L502
    "glued_token",                     # L503
    "hostid_format",                   # L601
    "invalid_mac",                     # L602
    "virtual_mac",                     # L603
    "old_feature_version",             # L701
    "mixed_feature_versions",          # L702
    "count_over_cap",                  # L703
    "java_single_server",              # L704
    "unknown_feature",                 # L705
    "wrong_vendor_daemon",             # L706
    "signature_mismatch",              # L801
)

_RULES: Optional[List[Rule]] = None


def rules() -> List[Rule]:
    """Every rule, in code order."""
    global _RULES
    if _RULES is None:
        loaded = [import_module(f"{__package__}.rules.{m}").RULE for m in MODULES]
        _RULES = sorted(loaded, key=lambda r: r.code)
    return _RULES


def by_key() -> Dict[str, Rule]:
    """Rules by code (upper-case) and by name."""
    out: Dict[str, Rule] = {}
    for r in rules():
        out[r.code.upper()] = r
        out[r.name] = r
    return out


def find(key: str) -> Optional[Rule]:
    """A rule by its code (any case) or its name."""
    table = by_key()
    return table.get(key) or table.get(key.upper()) or table.get(key.lower())
