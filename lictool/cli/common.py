"""Helpers shared by the commands: reading inputs, reporting diagnostics, the options of the
findings reports, and writing a command's output and exiting with its status.

Output and exit status, for every command: :func:`guard_output` refuses an output file that is
one of the inputs (before any work), :func:`write_output` writes text or bytes to that file
atomically or to standard output, :func:`exit_with` ends the command with its status (2 when an
input could not be read). :func:`finish` does all of it for the findings of lint, verify and
check."""

from __future__ import annotations

import functools
import inspect
import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, List, NoReturn, Optional, Tuple, Union

import typer

from . import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from ..errors import Diagnostic, LictoolError
from ..io import load_input
from ..model import LicenseFile
from .formats import ColorMode, Level, VersionSort


def err(message: str) -> None:
    typer.echo(message, err=True)


def report_diagnostics(path: str, diags: Iterable[Diagnostic]) -> None:
    for d in diags:
        prefix = "" if d.severity == "error" else f"{d.severity}: "
        err(f"{path}:{d.line}:{d.column}: {prefix}{d.message}")


def load_all(paths: List[str], prefix: str = "lictool: ") -> Tuple[List[Tuple[str, LicenseFile]], bool]:
    """Load every input; an unreadable one is reported (after ``prefix``) and skipped. Returns
    (loaded, failed)."""
    out = []
    failed = False
    for p in paths:
        try:
            out.append((p, load_input(p)))
        except LictoolError as exc:
            err(prefix + (str(exc) if exc.path else f"{p}: {exc}"))
            failed = True
    return out, failed


@contextmanager
def usage_errors() -> Iterator[None]:
    """A LictoolError (bad configuration, an unwritable output) becomes a message and exit 2."""
    try:
        yield
    except LictoolError as exc:
        err(f"lictool: {exc}")
        raise typer.Exit(2) from None




# The options of the reports of lint, verify and check: one definition each (a function, so that
# every command gets its own typer.Option object), given to the commands by :func:`report_options`.
def quiet_option():
    return typer.Option(False, "--quiet", "-q",
                        help="Text: findings only (no hint lines, no summary).")


def concise_option():
    return typer.Option(False, "--concise",
                        help="Text: one line per finding (no hints, nothing folded).")


def statistics_option():
    return typer.Option(False, "--statistics",
                        help="Text only: a count per rule instead of the findings.")


def severity_option():
    return typer.Option(None, "--severity", case_sensitive=False,
                        help="Only findings at this level or above (every format).")


def exit_zero_option():
    return typer.Option(False, "--exit-zero",
                        help="Exit 0 even with findings (still 2 for bad usage or unreadable "
                             "input).")


def color_option():
    return typer.Option(ColorMode.auto, "--color", case_sensitive=False,
                        help="Colour the text report (auto: on a terminal, unless NO_COLOR).")


#: (parameter, its type, its option), in the order --help lists them
REPORT_OPTIONS = (
    ("quiet", bool, quiet_option),
    ("concise", bool, concise_option),
    ("statistics", bool, statistics_option),
    ("severity", Optional[Level], severity_option),
    ("exit_zero", bool, exit_zero_option),
    ("color", ColorMode, color_option),
)

#: what a command decorated with :func:`report_options` gets as its parameter ``report``: the
#: six options' values bound to :func:`output_options` (``report(fmt, strict=strict)``)
Report = Callable[..., "OutputOptions"]
#: the default of a command's ``report`` parameter, which :func:`report_options` replaces
REPORT: Report = None  # type: ignore[assignment]


def report_options(command: Callable[..., None]) -> Callable[..., None]:
    """Give ``command`` the options of the findings reports (:data:`REPORT_OPTIONS`) where its
    parameter ``report`` stands: typer reads the command's signature (``__signature__``), so
    ``--help`` lists them there; the command is called with ``report``, a :data:`Report` that
    makes its :class:`OutputOptions` (``opts = report(fmt.value, strict=strict)``)."""
    sig = inspect.signature(command, eval_str=True)
    params = list(sig.parameters.values())
    at = next(i for i, p in enumerate(params) if p.name == "report")
    names = [name for name, _, _ in REPORT_OPTIONS]
    added = [inspect.Parameter(name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=make(),
                               annotation=kind) for name, kind, make in REPORT_OPTIONS]
    signature = sig.replace(parameters=params[:at] + added + params[at + 1:])
    order = list(signature.parameters)

    @functools.wraps(command)
    def with_report_options(*args, **kwargs):
        kwargs.update(zip(order, args))
        values = {name: kwargs.pop(name) for name in names if name in kwargs}
        return command(**kwargs, report=functools.partial(output_options, **values))

    with_report_options.__signature__ = signature  # type: ignore[attr-defined]
    with_report_options.__annotations__ = {
        p.name: p.annotation for p in signature.parameters.values()
        if p.annotation is not inspect.Parameter.empty}
    if signature.return_annotation is not inspect.Signature.empty:
        with_report_options.__annotations__["return"] = signature.return_annotation
    return with_report_options


@dataclass(frozen=True)
class OutputOptions:
    """How the findings of lint, verify and check are reported, and the exit status."""

    quiet: bool = False
    concise: bool = False
    statistics: bool = False
    severity: Optional[str] = None      # the least severe level reported; None: every finding
    exit_zero: bool = False
    color: str = "auto"
    strict: bool = False                # exit 1 on warnings too

    def shown(self, findings) -> Tuple[list, int]:
        """(the findings at ``severity`` or above, in their order, how many were left out). An
        unreadable input is always shown."""
        from ..lint.engine import failed

        findings = list(findings)
        if self.severity is None:
            return findings, 0
        from ..lint.rule import SEVERITY_RANK

        limit = SEVERITY_RANK[self.severity]
        kept = [f for f in findings if SEVERITY_RANK.get(f.severity, 0) <= limit or failed([f])]
        return kept, len(findings) - len(kept)

    def exit_status(self, reported) -> int:
        """2 when an input could not be read, else 0 with --exit-zero, else 1 when a reported
        finding is at error level (with --strict: or at warning level)."""
        from ..lint.engine import failed

        if failed(reported):
            return EXIT_USAGE
        if self.exit_zero:
            return EXIT_OK
        levels = {"error"} | ({"warning"} if self.strict else set())
        return EXIT_FINDINGS if any(f.severity in levels for f in reported) else EXIT_OK

    def use_color(self, output: Optional[Path]) -> bool:
        return use_color(self.color, output)


def output_options(fmt: str, *, quiet: bool = False, concise: bool = False,
                   statistics: bool = False, severity=None, exit_zero: bool = False,
                   color=ColorMode.auto, strict: bool = False) -> OutputOptions:
    """The options, checked against the format: --statistics is for the text report only (a
    usage error, exit 2, with another format)."""
    if statistics and fmt != "text":
        err(f"lictool: --statistics is for --format text, not --format {fmt}")
        raise typer.Exit(2)
    return OutputOptions(quiet=quiet, concise=concise, statistics=statistics,
                         severity=getattr(severity, "value", severity), exit_zero=exit_zero,
                         color=getattr(color, "value", color), strict=strict)


def use_color(mode: str = "auto", output: Optional[Path] = None) -> bool:
    """Whether the text report is coloured. ``always``/``never`` win over the environment.
    ``auto``: only a report on standard output, not when ``NO_COLOR`` is set to a non-empty
    value (https://no-color.org), else when ``FORCE_COLOR`` is (non-empty) or standard output
    is a terminal. An empty ``NO_COLOR`` or ``FORCE_COLOR`` is as good as unset."""
    mode = getattr(mode, "value", mode)
    if mode == "always":
        return True
    if mode == "never" or output is not None or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False


def finish(opts: OutputOptions, fmt: str, findings, *, files=None, rules=None, checked: int = 0,
           output: Optional[Path] = None, text: Optional[str] = None) -> NoReturn:
    """Report ``findings`` (those --severity keeps) in ``fmt`` to ``output`` or standard output
    and exit with the status of what was reported. ``text``: a report made by the caller (the
    order rows of ``check``), written instead of the findings."""
    from .. import report

    shown, hidden = opts.shown(findings)
    color = text is None and fmt == "text" and opts.use_color(output)
    if text is None:
        text_options = {}
        if fmt == "text":
            text_options = {"quiet": opts.quiet, "concise": opts.concise,
                            "statistics": opts.statistics, "hidden": hidden,
                            "level": opts.severity or ""}
        text = report.render(fmt, shown, files=files, rules=rules, color=color,
                             files_checked=checked, **text_options)
    write_text(text, shown, output, color)
    raise typer.Exit(opts.exit_status(shown))


def write_text(text: str, findings, output: Optional[Path], color: bool = False) -> None:
    """``text`` to ``output`` (atomically) or to standard output; the findings of inputs that
    could not be read on standard error too. ``color``: the text has colour codes that are to
    stay (click would strip them from standard output when it is not a terminal)."""
    from ..lint.engine import failed

    write_output(text, output, color=color)
    for f in findings:
        if failed([f]):
            err(f"lictool: {f.path}:{f.line}:{f.column}: {f.message}")


def engine_options_of(config: Optional[Path], version_sort: Optional[VersionSort]):
    """The entitlement engine's options: the configuration (found upward from the current
    folder, or ``config``) with ``--version-sort`` over it; a bad configuration exits 2."""
    from ..lint.config import load_config
    from ..lint.settings import engine_options

    with usage_errors():
        cfg = load_config(config, Path.cwd(),
                          {"version-sort": version_sort.value if version_sort else None})
    return engine_options(cfg.settings)


# --- a command's output and exit status ---------------------------------------------------

# Where a command writes: None, standard output; a str, as given to an option whose help says
# '-' is standard output (sign, merge, generate: "-" is standard output, else a file); a Path, a
# file (lint, check and report take --output as a Path: a file named "-" is a file).
Output = Union[str, Path, None]


def guard_output(output: Output, inputs: Iterable[Output], what: str) -> None:
    """Refuse (a message, exit 2) an ``output`` file that is one of the ``inputs``: ``what``
    names it in the message (``the report (--output)``). Called before any work is done."""
    from ..io import refuse_output_over_input

    with usage_errors():
        refuse_output_over_input(output, list(inputs), what)


def write_output(data: Union[str, bytes], output: Output = None, *, color: bool = False) -> None:
    """``data`` to the file ``output``, atomically (text in UTF-8), or to standard output when
    ``output`` is None or the str ``-``: bytes as they are, text through click (``color``: the
    text has colour codes that are to stay; click strips them from a standard output that is
    not a terminal). A file that cannot be written is a message and exit 2."""
    from ..io import write_atomic

    if output is None or (isinstance(output, str) and output == "-"):
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            typer.echo(data, nl=False, color=True if color else None)
        return
    with usage_errors():
        write_atomic(Path(output), data.encode("utf-8") if isinstance(data, str) else data)


def exit_with(status: int = EXIT_OK, failed: bool = False) -> NoReturn:
    """End the command with ``status``; 2 instead when an input could not be read
    (``failed``)."""
    raise typer.Exit(EXIT_USAGE if failed else status)

