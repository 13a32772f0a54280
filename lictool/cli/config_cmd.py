"""``lictool config --show [PATH]``: the configuration a file (or the files of a folder) is
linted with, each value with where it came from: ``file:line``, ``command line`` or
``default``."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Dict, List, Optional

import typer

from . import EXIT_USAGE
from .app import app
from .common import err, usage_errors
from .inputs import split_names
from .report_cmd import VersionSort


WIDTH = 48      # the origins are aligned after this column (a longer row just runs on)


def toml_value(value: Any) -> str:
    """A value as TOML writes it (``(not set)`` for None)."""
    from ..tomlfile import key_path

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
    from ..lint.config import DEFAULT
    from ..lint.registry import rules
    from ..lint.settings import SETTINGS, default_of
    from ..tomlfile import key_path

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


@app.command("config")
def config_command(
    path: Optional[str] = typer.Argument(None, metavar="[PATH]", help="A license file or a folder (default: the current directory; '-': standard input's)."),
    show: bool = typer.Option(False, "--show", help="Print the resolved configuration for PATH and where each value came from."),
    config: Optional[Path] = typer.Option(None, "--config", help="Configuration file (default: the nearest .lictool.toml or pyproject.toml with [tool.lictool], from PATH upward)."),
    select: Optional[List[str]] = typer.Option(None, "--select", help="As for lint: only these rules (names, codes or groups)."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="As for lint: skip these rules (names, codes or groups)."),
    target_release: Optional[str] = typer.Option(None, "--target-release", metavar="X.Y", help="As for lint."),
    version_sort: Optional[VersionSort] = typer.Option(None, "--version-sort", help="As for lint."),
    verify_key: Optional[Path] = typer.Option(None, "--verify-key", metavar="PATH.pub", help="As for lint."),
) -> None:
    """Show the configuration lint uses for PATH: each setting, rule option, severity and
    per-file ignore, with where it came from (file:line, command line or default).

    Exit 0, or 2 for a bad configuration or a PATH that does not exist."""
    from ..lint.config import Resolver

    if not show:
        err("lictool config: nothing to do; use 'lictool config --show [PATH]'")
        raise typer.Exit(EXIT_USAGE)
    target = path or "."
    is_file = target == "-" or not Path(target).is_dir()
    if target != "-" and not Path(target).exists():
        err(f"lictool: {target}: no such file or directory")
        raise typer.Exit(EXIT_USAGE)
    overrides = {"select": split_names(select), "ignore": split_names(ignore),
                 "target-release": target_release,
                 "version-sort": version_sort.value if version_sort else None,
                 "verify-key": str(verify_key.resolve()) if verify_key else None}
    with usage_errors():
        resolver = Resolver(config, overrides)
        if target == "-":
            folder = resolver.cwd
        else:
            folder = Path(os.path.abspath(target))
            folder = folder.parent if is_file else folder
        cfg = resolver.config_in(folder)
        source = resolver.file_for(folder)
    shown = "<stdin>" if target == "-" else target
    typer.echo("\n".join(show_lines(cfg, str(source) if source else None, shown,
                                    is_file and target != "-")))
