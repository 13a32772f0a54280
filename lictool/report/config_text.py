"""The text of ``lictool config --show``: each setting, rule option, severity and per-file
ignore of a configuration, as TOML, with where it came from (``file:line``, ``command line`` or
``default``), then which lint rules are enabled and why the others are not."""

from __future__ import annotations

import json
import os
from typing import Any, Dict, List, Optional

from ..lint.config import DEFAULT
from ..lint.registry import rules
from ..lint.settings import SETTINGS, default_of
from ..tomlfile import key_path

WIDTH = 48      # the origins are aligned after this column (a longer row just runs on)


def toml_value(value: Any) -> str:
    """A value as TOML writes it (``(not set)`` for None)."""
    if value is None:
        return "(not set)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{key_path(str(k))} = {toml_value(v)}"
                                for k, v in value.items()) + " }"
    return json.dumps(str(value))


def shown_path(path: str) -> str:
    """``path`` relative to the current directory when it is below it."""
    try:
        rel = os.path.relpath(os.path.abspath(path))
    except ValueError:         # another drive
        return path
    return path if rel == os.pardir or rel.startswith(os.pardir + os.sep) else rel


def show_lines(cfg, source: Optional[str], target: str, is_file: bool) -> List[str]:
    """The lines ``lictool config --show`` prints for the configuration ``cfg`` of ``target``
    (read from ``source``; None: none found)."""
    def origin(key: str) -> str:
        found = cfg.origins.get(key)
        if found is None:
            return DEFAULT
        if source and found.startswith(source):
            return shown_path(source) + found[len(source):]
        return found

    head = (f"# configuration for {target}: {shown_path(source)}" if source else
            f"# configuration for {target}: none found (the defaults)")
    rows = [("select", toml_value(["ALL"] if cfg.select is None else list(cfg.select)),
             origin("select")),
            ("ignore", toml_value(list(cfg.ignore)), origin("ignore"))]
    for key in SETTINGS:
        value = cfg.settings.get(key, default_of(key))
        rows.append((key, toml_value(value), origin(key)))
    for name, level in cfg.severity.items():
        rows.append((f"severity.{key_path(name)}", toml_value(level),
                     origin(f"severity.{name}")))
    for r in rules():
        for opt, default in r.options.items():
            key = f"rules.{r.name}.{key_path(opt)}"
            rows.append((key, toml_value(cfg.options.get(r.name, {}).get(opt, default)),
                         origin(key)))
    for entry in cfg.per_file_ignores:
        key = f"per-file-ignores.{key_path(entry.pattern)}"
        rows.append((key, toml_value(list(entry.rules)), origin(key)))
    width = min(max(len(k) + 3 + len(v) for k, v, _ in rows), WIDTH)
    out = [head] + [f"{k} = {v}".ljust(width) + f"  # {o}" for k, v, o in rows]
    every = rules()
    on = cfg.enabled(every, target if is_file else None)
    why: Dict[str, List[str]] = {}          # reason -> rules, in code order
    ignored_here = set(cfg.ignored_for(target)) if is_file else set()
    for r in every:
        if r in on:
            continue
        if cfg.select is not None and r.name not in cfg.select:
            reason = "not selected"
        elif r.name in cfg.ignore:
            reason = "ignore"
        else:
            pats = [e.pattern for e in cfg.per_file_ignores
                    if r.name in e.rules and e.matches(target)] if r.name in ignored_here else []
            reason = "per-file-ignores " + ", ".join(json.dumps(p) for p in pats)
        why.setdefault(reason, []).append(r.name)
    scope = target if is_file else f"the files in {target}"
    out.append(f"# lint rules enabled for {scope}: {len(on)} of {len(every)}")
    out += [f"# not enabled ({reason}): {', '.join(names)}" for reason, names in why.items()]
    return out
