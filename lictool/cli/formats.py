"""The choices of the command line, in one place: each command's ``--format``, and the other
options that take one of a few words (``--severity``, ``--color``, ``--version-sort``).

Each is a :class:`Choice` (a ``str`` enum), so ``--help`` lists its words and a command compares
``fmt.value`` with the names the renderers take. A member's name is its word with ``_`` for
``-`` (``CheckFormat.order_csv`` is ``order-csv``). A format that commands share is one word
list: lint, verify and check report findings in the formats of :func:`lictool.report.render`."""

from __future__ import annotations

from enum import Enum
from typing import Type


class Choice(str, Enum):
    """A word an option takes (the base of every choice below; it has no members itself)."""


def choice(name: str, doc: str, *words: str) -> Type[Choice]:
    """The :class:`Choice` ``name`` of ``words``, in the order ``--help`` lists them."""
    made = Choice(name, [(w.replace("-", "_"), w) for w in words],  # type: ignore[call-overload]
                  module=__name__, qualname=name)
    made.__doc__ = doc
    return made


FINDINGS = ("text", "json", "sarif", "github")      # lictool.report.render's formats

# --- --format, per command ------------------------------------------------------------------
ParseFormat = choice("ParseFormat", "``lictool parse``: the records as text lines, or JSON.",
                     "text", "json")
LintFormat = choice("LintFormat", "``lictool lint`` and ``lictool verify``: the findings.",
                    *FINDINGS)
CheckFormat = choice("CheckFormat", "``lictool check``: the findings, or the order rows "
                     "(:mod:`lictool.genesys.order`).", *FINDINGS, "order", "order-csv")
RequireFormat = choice("RequireFormat", "``lictool require``: :mod:`lictool.genesys.render`.",
                       "text", "json", "csv")
ReportFormat = choice("ReportFormat", "``lictool report``: :mod:`lictool.report.serve`, "
                      ":mod:`lictool.report.serve_html`.", "text", "json", "csv", "html")
DiffFormat = choice("DiffFormat", "``lictool diff``: :mod:`lictool.report.diff_text`.",
                    "text", "markdown", "json")
MergeFormat = choice("MergeFormat", "``lictool merge``: :mod:`lictool.report.merge_text`.",
                     "text", "json")

# --- other choices ----------------------------------------------------------------------------
Level = choice("Level", "``--severity``: the least severe level reported.",
               "error", "warning", "info")
ColorMode = choice("ColorMode", "``--color``.", "auto", "always", "never")
VersionSort = choice("VersionSort", "``--version-sort``: which FEATURE line of two versions "
                     "sorts first.", "higher-first", "lower-first")
