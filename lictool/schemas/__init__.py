"""JSON Schemas (draft 2020-12) of lictool's JSON outputs, shipped with the package.

    from lictool import schemas
    schemas.names()            # ("diff", "findings", "merge", "order", "parse", "report", ...)
    schemas.text("findings")   # the schema as shipped (the file's exact text)
    schemas.load("findings")   # ... parsed
    schemas.title("findings")  # "Findings (lictool lint, check and verify --format json)"

One file per output, ``lictool/schemas/NAME.json``, with ``$id``
``https://lictool.dev/schemas/NAME.json``; ``lictool schema NAME`` prints it:

- ``parse``: ``lictool parse --format json``
- ``findings``: ``lictool lint``, ``lictool check`` and ``lictool verify`` with ``--format json``
- ``order``: ``lictool check --format order``
- ``merge``: ``lictool merge --format json`` (the merge report)
- ``require``: ``lictool require --format json``
- ``report``: ``lictool report --format json``
- ``diff``: ``lictool diff --format json``

SARIF output (``--format sarif``) follows the OASIS SARIF 2.1.0 schema, which lictool does not
ship.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any, Dict, Tuple

__all__ = ["names", "text", "load", "title", "UnknownSchema", "COMMANDS"]

#: command names a user may try as a schema name -> the schema(s) of that command's JSON output
COMMANDS: Dict[str, str] = {
    "lint": "findings",
    "verify": "findings",
    "check": "findings (--format json) or order (--format order)",
}


class UnknownSchema(LookupError):
    """A name that is not one of :func:`names`."""


def _files():
    return resources.files(__name__)


@lru_cache(maxsize=1)
def names() -> Tuple[str, ...]:
    """The names of the shipped schemas, sorted."""
    return tuple(sorted(p.name[:-len(".json")] for p in _files().iterdir()
                        if p.name.endswith(".json") and p.is_file()))


def data(name: str) -> bytes:
    """The schema ``name`` as shipped: the file's bytes. Raises :class:`UnknownSchema`."""
    if name not in names():          # never a path: "../x" is not a name
        raise UnknownSchema(name)
    return _files().joinpath(f"{name}.json").read_bytes()


def text(name: str) -> str:
    """The schema ``name`` as shipped (UTF-8 text)."""
    return data(name).decode("utf-8")


def load(name: str) -> Dict[str, Any]:
    """The schema ``name``, parsed."""
    return json.loads(text(name))


def title(name: str) -> str:
    """The schema's one-line ``title``: the command output it describes."""
    return str(load(name).get("title", ""))
