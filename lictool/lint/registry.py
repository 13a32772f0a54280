"""The rules lictool runs: an explicit list, no discovery. Codes are stable and never reused.

To add a rule: write ``lictool/lint/rules/<group>/<name>.py`` (the group of its code family in
:data:`GROUPS`: ``L1xx`` in ``dates/``) with ``DOC`` and ``RULE`` (a ``visit`` of the record
classes it ``visits``, or a whole-file ``check``: :mod:`lictool.lint.rule`), add bad and good
examples in ``lictool/lint/examples/``, and list the module here with its code.

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

#: every lint rule: (code, module), in code order; the module is in the package of its
#: code's group (:func:`module_name`)
MODULES: Tuple[Tuple[str, str], ...] = (
    ("L001", "syntax_error"),
    ("L002", "unknown_line"),
    ("L003", "bad_suppression"),
    ("L004", "no_license_records"),
    ("L005", "unreadable_input"),
    ("L006", "continuation_without_backslash"),
    ("L101", "expired"),
    ("L102", "expiring_soon"),
    ("L103", "bad_date"),
    ("L104", "start_in_future"),
    ("L201", "duplicate_line"),
    ("L202", "duplicate_feature"),
    ("L203", "feature_after_increment"),
    ("L204", "superseded"),
    ("L205", "upgrade_without_base"),
    ("L206", "package_without_enabling_line"),
    ("L301", "vendor_mismatch"),
    ("L302", "duplicate_vendor"),
    ("L303", "server_count"),
    ("L304", "triad_port"),
    ("L305", "missing_server"),
    ("L306", "invalid_port"),
    ("L401", "uncounted_without_hostid"),
    ("L402", "after_use_server"),
    ("L403", "unsigned"),
    ("L501", "unknown_keyword"),
    ("L502", "duplicate_keyword"),
    ("L503", "glued_token"),
    ("L601", "hostid_format"),
    ("L602", "invalid_mac"),
    ("L603", "virtual_mac"),
    ("L701", "old_feature_version"),
    ("L702", "mixed_feature_versions"),
    ("L703", "count_over_cap"),
    ("L704", "java_single_server"),
    ("L705", "unknown_feature"),
    ("L706", "wrong_vendor_daemon"),
    ("L801", "signature_mismatch"),
)

_RULES: Optional[List[Rule]] = None


def rules() -> List[Rule]:
    """Every rule, in code order."""
    global _RULES
    if _RULES is None:
        loaded = []
        for code, name in MODULES:
            rule = import_module(module_name(code, name)).RULE
            if rule.code != code:
                raise ValueError(f"{module_name(code, name)} holds {rule.code}, not {code}")
            loaded.append(rule)
        _RULES = sorted(loaded, key=lambda r: r.code)
    return _RULES


def module_name(code: str, name: str) -> str:
    """The module of the lint rule ``code`` named ``name`` (its module name): in the package of
    its group, ``lictool.lint.rules.dates.expired`` for L101."""
    g = group_of(code)
    if g is None or g.command != "lint":
        raise ValueError(f"rule {code}: no lint group has its code prefix")
    return f"{__package__}.rules.{g.name}.{name}"


def group_of(code: str) -> Optional["Group"]:
    """The group whose code prefix ``code`` starts with (the longest such prefix)."""
    found = [g for g in GROUPS if code.upper().startswith(g.prefix)]
    return max(found, key=lambda g: len(g.prefix)) if found else None


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
    """The rules of ``lictool check`` (C0xx: codes and names of their own, none shared with a
    lint rule), in code order. Imported when asked for: ``lint`` does not need them."""
    from ..genesys.check import RULES

    return sorted(RULES, key=lambda r: r.code)


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
