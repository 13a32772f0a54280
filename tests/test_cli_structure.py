"""One CLI pattern (issue 15, item 5): a command is a plain function in its own module
``lictool/cli/<name>_cmd.py``, which does not import the app; ``lictool/cli/app.py`` registers
every one of them explicitly, in the order ``lictool --help`` lists them. The choices of the
options live in ``lictool/cli/formats.py``; the text renderers in ``lictool/report/``."""

from __future__ import annotations

import ast
import inspect
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from entry import RUNNER
from lictool.cli import app as app_module
from lictool.cli import formats
from lictool.cli.app import COMMANDS, app

ROOT = Path(__file__).resolve().parent.parent
CLI = ROOT / "lictool" / "cli"
COMMAND_MODULES = sorted(p.stem for p in CLI.glob("*_cmd.py"))

# `lictool --help`, top to bottom
ORDER = ["parse", "fmt", "report", "lint", "rules", "schema", "config", "diff", "merge", "keygen",
         "sign", "verify", "generate", "require", "check"]

FINDINGS_REPORT = {"--quiet", "-q", "--concise", "--statistics", "--severity", "--exit-zero",
                   "--color"}
# every option of every command, as --help documents them (-h/--help aside)
OPTIONS = {
    "parse": {"--format", "-f", "--stdin-filename"},
    "fmt": {"--check", "--diff", "--exit-non-zero-on-fix", "--stdin-filename"},
    "report": {"--format", "-f", "--output", "-o", "--today", "--version-sort", "--config"},
    "lint": {"--format", "-f", "--output", "-o", "--config", "--select", "--ignore", "--today",
             "--target-release", "--version-sort", "--verify-key", "--strict",
             "--stdin-filename"} | FINDINGS_REPORT,
    "rules": set(),
    "schema": set(),
    "config": {"--show", "--config", "--select", "--ignore", "--target-release",
               "--version-sort", "--verify-key"},
    "diff": {"--old", "--new", "--format", "-f", "--today", "--version-sort", "--config"},
    "merge": {"--output", "-o", "--in-place", "--check", "--format", "-f", "--drop-expired",
              "--drop-superseded", "--today", "--strict", "--version-sort", "--config"},
    "keygen": {"--force"},
    "sign": {"--key", "--output", "-o", "--in-place"},
    "verify": {"--key", "--format", "-f"} | FINDINGS_REPORT,
    "generate": {"--key", "--output", "-o", "--vendor", "--release", "--records", "--servers",
                 "--hostid", "--seed"},
    "require": {"--format", "-f", "--config"},
    "check": {"--license", "--format", "-f", "--output", "-o", "--today", "--strict",
              "--version-sort", "--config"} | FINDINGS_REPORT,
}
FORMATS = {
    "parse": ["text", "json"],
    "report": ["text", "json", "csv", "html"],
    "lint": ["text", "json", "sarif", "github"],
    "verify": ["text", "json", "sarif", "github"],
    "check": ["text", "json", "sarif", "github", "order", "order-csv"],
    "diff": ["text", "markdown", "json"],
    "merge": ["text", "json"],
    "require": ["text", "json", "csv"],
}


def tree(name: str) -> ast.Module:
    return ast.parse((CLI / f"{name}.py").read_text(encoding="utf-8"))


def imported_modules(module: ast.Module):
    """Each module an import names, as written (``.app``, ``lictool.cli.app``, ``.`` + name)."""
    for node in ast.walk(module):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            yield base
            yield from (f"{base}.{a.name}" if node.module else base + a.name for a in node.names)


# --- the app registers the commands; the commands do not know the app -----------------------

@pytest.mark.parametrize("name", COMMAND_MODULES)
def test_no_command_module_imports_the_app(name):
    names = set(imported_modules(tree(name)))
    assert not names & {".app", "lictool.cli.app", "..cli.app"}, name
    # a command is not registered by a decorator (that needs the app)
    for node in ast.walk(tree(name)):
        if isinstance(node, ast.FunctionDef):
            for deco in node.decorator_list:
                assert "command" not in ast.dump(deco), f"{name}.{node.name}"


def test_app_registers_every_command_module_explicitly():
    assert [n for n, _ in COMMANDS] == ORDER
    modules = {}
    for name, function in COMMANDS:
        module = inspect.getmodule(function)
        assert module.__name__ == f"lictool.cli.{name}_cmd", name       # one module per command
        assert function.__name__ == f"{name}_command", name
        modules[name] = module
    assert sorted(f"{n}_cmd" for n in modules) == COMMAND_MODULES
    imported = set(imported_modules(tree("app")))
    for stem in COMMAND_MODULES:
        assert f".{stem}" in imported, stem
    registered = [c.name for c in app.registered_commands]
    assert registered == ORDER
    assert [c.callback for c in app.registered_commands] == [f for _, f in COMMANDS]
    assert app_module.app is app


def test_help_lists_the_commands_in_their_order():
    result = RUNNER.invoke(app, ["--help"], prog_name="lictool", env={"COLUMNS": "80"},
                           terminal_width=80)
    assert result.exit_code == 0
    panel = result.stdout.split("Commands")[1]
    listed = [line.split()[1] for line in panel.splitlines()
              if line.startswith("│ ") and not line.startswith("│  ")]
    assert listed == ORDER


@pytest.mark.parametrize("name", ORDER)
def test_each_command_has_its_documented_options(name):
    result = RUNNER.invoke(app, [name, "--help"], prog_name="lictool", env={"COLUMNS": "200"},
                           terminal_width=200)
    assert result.exit_code == 0, result.output
    assert f"Usage: lictool {name} " in result.stdout
    command = typer.main.get_command(app).commands[name]         # type: ignore[attr-defined]
    opts = {o for p in command.params for o in (*p.opts, *p.secondary_opts)
            if o.startswith("-")} - {"-h", "--help"}
    assert opts == OPTIONS[name]
    for opt in opts:
        if opt.startswith("--"):
            assert opt in result.stdout, opt
    fmt = next((p for p in command.params if "--format" in p.opts), None)
    if name in FORMATS:
        assert list(fmt.type.choices) == FORMATS[name]
        assert f"<{'|'.join(FORMATS[name])}>" in result.stdout
    else:
        assert fmt is None


# --- one home for the choices and the output helpers ------------------------------------------

def test_every_choice_enum_lives_in_formats():
    for path in sorted(CLI.glob("*.py")):
        if path.name == "formats.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases = {ast.unparse(b) for b in node.bases}
                assert not bases & {"Enum", "str", "Choice"}, f"{path.name}: {node.name}"
    choices = [c for c in vars(formats).values()
               if isinstance(c, type) and issubclass(c, formats.Choice) and c is not formats.Choice]
    assert {c.__name__ for c in choices} >= {"ParseFormat", "LintFormat", "CheckFormat",
                                             "RequireFormat", "ReportFormat", "DiffFormat",
                                             "MergeFormat", "Level", "ColorMode", "VersionSort"}


@pytest.mark.parametrize("name", COMMAND_MODULES)
def test_commands_write_through_the_output_helper(name):
    """Output files are refused over inputs by common.guard_output and written by
    common.write_output (or finish): no command calls the io functions itself."""
    text = (CLI / f"{name}.py").read_text(encoding="utf-8")
    assert "refuse_output_over_input" not in text, name
    assert "sys.stdout.buffer" not in text, name
    if name != "merge_cmd":                   # --in-place: the backup, then the atomic write
        assert "write_atomic" not in text, name


def test_no_private_name_is_imported_across_modules():
    paths = [*CLI.glob("*.py"), ROOT / "lictool" / "genesys" / "setup.py",
             *(ROOT / "lictool" / "report" / f"{n}.py"
               for n in ("parse_text", "merge_text", "config_text"))]
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                for alias in node.names:
                    private = alias.name.startswith("_") and not alias.name.endswith("__")
                    assert not private, f"{path.name}: {alias.name}"


def test_loading_the_app_loads_no_library_beyond_the_reader():
    """Start-up stays lazy: the commands import the library inside their functions."""
    code = ("import sys; import lictool.cli.app; "
            "print(' '.join(m for m in sys.modules if m.startswith('lictool.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout.split()
    for heavy in ("lictool.lint", "lictool.report", "lictool.genesys", "lictool.entitlement",
                  "lictool.merger", "lictool.diff", "lictool.sign", "lictool.format",
                  "lictool.writer"):
        assert not [m for m in out if m == heavy or m.startswith(heavy + ".")], heavy
