"""The rules lictool runs: an explicit list, no discovery. Codes are stable and never reused.

To add a rule: write ``lictool/lint/rules/<name>.py`` with ``RULE`` and ``check``, add bad and
good examples in ``lictool/lint/examples/``, and list the module here.

Rules are selected (``select``, ``ignore``, ``per-file-ignores``, ``--select``, ``--ignore``) by
:func:`resolve`: a rule's code (any case) or name, ``ALL`` (any case: every rule), a group name
of :data:`GROUPS` (``dates``, ``genesys``, ...) or a code prefix (``L7``, ``C0``, ``L``, ``L10``:
every rule whose code starts with it). The ``check`` rules (C0xx, :data:`lictool.genesys.check.RULES`)
resolve too (group ``deployment``), so one configuration serves ``lint`` and ``check``; ``lint``
never runs them."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from importlib import import_module
from typing import Dict, List, Optional, Tuple

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


# --- groups ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Group:
    """Rules selectable together: those whose code starts with ``prefix``."""

    name: str
    prefix: str        # code prefix: "L1" for L1xx
    summary: str
    command: str = "lint"   # the command that runs them

    @property
    def family(self) -> str:
        """``L1xx``."""
        return self.prefix + "x" * (4 - len(self.prefix))


#: The rule groups, by code family: the one table of them (``lictool rules`` prints it).
GROUPS: Tuple[Group, ...] = (
    Group("syntax", "L0", "reading the file: syntax, unknown lines, suppression comments, "
                          "empty or unreadable input"),
    Group("dates", "L1", "expiry dates, impossible dates, START= in the future"),
    Group("duplicates", "L2", "repeated lines and features, INCREMENT, UPGRADE, SUPERSEDE and "
                              "PACKAGE lines"),
    Group("servers", "L3", "SERVER and VENDOR lines: how many, ports, vendor daemons"),
    Group("licensing", "L4", "uncounted lines, USE_SERVER, unsigned lines"),
    Group("keywords", "L5", "attribute keywords"),
    Group("hostids", "L6", "hostids and MAC addresses"),
    Group("genesys", "L7", "Genesys feature versions, check-out caps, Java Flex products, "
                           "the genesys.d daemon"),
    Group("signatures", "L8", "signatures verified with a key (--verify-key)"),
    Group("deployment", "C0", "what a deployment description needs (lictool check)", "check"),
)

ALL = "ALL"
_PREFIX = re.compile(r"[A-Za-z][0-9]{0,3}")


def check_rules() -> List[Rule]:
    """The rules of ``lictool check`` that are not lint rules (C0xx), in code order. Imported
    when asked for: ``lint`` does not need them."""
    from ..genesys.check import RULES

    lint_codes = {r.code for r in rules()}
    lint_names = {r.name for r in rules()}
    return sorted((r for r in RULES if r.code not in lint_codes and r.name not in lint_names),
                  key=lambda r: r.code)


def all_rules() -> List[Rule]:
    """The lint rules, then the check rules."""
    return rules() + check_rules()


def _pool(prefix: str) -> List[Rule]:
    """The rules a code prefix may match (the check rules only for a prefix that is not L)."""
    return rules() if prefix.upper().startswith("L") else all_rules()


def group(name: str) -> Optional[Group]:
    """A group by its name (any case)."""
    for g in GROUPS:
        if g.name == name.lower():
            return g
    return None


def group_rules(g: Group) -> List[Rule]:
    return [r for r in _pool(g.prefix) if r.code.upper().startswith(g.prefix)]


def find_any(key: str) -> Optional[Rule]:
    """A lint rule (:func:`find`), else a check rule, by code (any case) or name."""
    found = find(key)
    if found is not None:
        return found
    for r in check_rules():
        if key.upper() == r.code or key.lower() == r.name:
            return r
    return None


def resolve(key: str) -> Optional[List[Rule]]:
    """The rules ``key`` selects: ``ALL`` (any case), a rule (code or name), a group name or a
    code prefix; None when it names nothing."""
    if key.upper() == ALL:
        return all_rules()
    one = find(key)
    if one is not None:
        return [one]
    g = group(key)
    if g is not None:
        return group_rules(g)
    if _PREFIX.fullmatch(key):
        matched = [r for r in _pool(key) if r.code.upper().startswith(key.upper())]
        if matched:
            return matched
    one = find_any(key)      # a check rule (imports lictool.genesys.check)
    return [one] if one is not None else None


def candidates() -> List[str]:
    """Every word :func:`resolve` takes, for suggestions: names, codes, group names, ALL."""
    out = [ALL] + [g.name for g in GROUPS]
    for r in all_rules():
        out += [r.name, r.code]
    return out


def did_you_mean(key: str) -> List[str]:
    """Close matches of ``key`` among the rule names, codes and group names (difflib)."""
    words = candidates()
    lowered = {w.lower(): w for w in words}
    found = difflib.get_close_matches(key.lower(), list(lowered), n=3, cutoff=0.6)
    return [lowered[w] for w in found]


def unknown(key: str, what: str = "rule or group") -> str:
    """The message for a key that names nothing: ``unknown rule or group 'expird' (did you mean
    'expired'?); 'lictool rules' lists them``."""
    close = did_you_mean(key)
    hint = ""
    if close:
        hint = " (did you mean " + " or ".join(repr(c) for c in close) + "?)"
    return f"unknown {what} {key!r}{hint}; 'lictool rules' lists them"
