"""Big and degenerate license-file texts, shared by tests/test_bad_input.py (what lictool does
with them, and that its work grows linearly with their size) and benchmarks/bad_input.py (how
long it takes: wall-clock times belong in the benchmark, never in a test).

Each scalable input is made by a factory of its size ``n`` (characters, tokens or lines); the
tests and the benchmark use it at ``FULL`` size, the growth test at a few small sizes."""

from __future__ import annotations

from typing import Callable, Dict, NamedTuple

MB2 = 2_000_000
HEAD = "FEATURE big acmed 1.0 permanent 1 "


def notice(n: int) -> str:
    """A quoted NOTICE= of ``n`` characters (non-ASCII ones among them)."""
    words = ("Licensed to Example Corp für Müller " * (n // 36 + 1))[:n].rstrip()
    return HEAD + f'NOTICE="{words}"\n'


def unquoted_token(n: int) -> str:
    """One unquoted value of ``n`` characters."""
    return HEAD + "SN=" + "x" * n + "\n"


def flags(n: int) -> str:
    """``n`` flags (``X X X ...``) on one line."""
    return HEAD + " ".join(["X"] * n) + "\n"


def continued(n: int) -> str:
    """One record continued over ``n + 1`` backslash-continued lines."""
    return HEAD + "\\\n" + "".join(f"\tK{i}=v{i} \\\n" for i in range(n)) + "\tSN=last\n"


def attributes(n: int) -> str:
    """``n`` KEY=value attributes on one line."""
    return HEAD + " ".join(f"K{i}=v{i}" for i in range(n)) + "\n"


def attributes_bad(n: int) -> str:
    """:func:`attributes` and a bad token (``=bad``) at the end."""
    return attributes(n)[:-1] + " =bad\n"


def attributes_bad_column(n: int) -> int:
    """The column of the bad token of :func:`attributes_bad` (the ``=`` of ``=bad``)."""
    return len(attributes(n)) + 1   # the line without its newline, a blank, then "=bad"


def records(n: int) -> str:
    """A SERVER line, a VENDOR line and ``n`` signed FEATURE lines, some continued."""
    return ("SERVER lic01 0019B9A0B0C0 27000\nVENDOR acmed /opt/acme/bin/acmed PORT=27001\n"
            + "".join(f"FEATURE f{i} acmed 1.0 permanent {i % 9 + 1} SN={i} \\\n"
                      f'\tSIGN="{i % 65536:04X} 3C4D 5E6F"\n' for i in range(n)))


class Scalable(NamedTuple):
    make: Callable[[int], str]
    full: int            # the size the tests and the benchmark use
    code: int            # the exit code of `lictool parse`
    per_token: bool      # the parser does work per unit of size (not one token of n characters)


SCALABLE: Dict[str, Scalable] = {
    "huge-quoted-notice": Scalable(notice, MB2, 0, False),
    "huge-unquoted-token": Scalable(unquoted_token, MB2, 0, False),
    "million-flags": Scalable(flags, 1_000_000, 0, True),
    "continued-50k-lines": Scalable(continued, 50_000, 0, True),
    "attributes-20k": Scalable(attributes, 20_000, 0, True),
    "attributes-20k-bad": Scalable(attributes_bad, 20_000, 1, True),
}

#: only in the growth test and the benchmark (the record count of a real file)
RECORDS = Scalable(records, 10_000, 0, True)

DEGENERATE: Dict[str, str] = {
    "empty": "",
    "whitespace-only": "  \n\t\n \t \n\n   ",
    "comments-only": "# one\n#two\n   # three \\\n#\n",
}

# Wall-clock bounds for benchmarks/bad_input.py (seconds: the whole `lictool parse` process,
# about 0.14 s of it start-up; lictool.parse on the text). Measured on the 2-core reference
# machine, median of 3:
#   huge-quoted-notice     CLI 0.18 s   lib 0.03 s
#   huge-unquoted-token    CLI 0.20 s   lib 0.06 s
#   million-flags          CLI 2.45 s   lib 1.70 s  (max of 3: 2.66 s / 1.96 s)
#   continued-50k-lines    CLI 0.39 s   lib 0.17 s
#   attributes-20k         CLI 0.28 s   lib 0.04 s
#   attributes-20k-bad     CLI 0.22 s   lib 0.07 s
#   empty, whitespace-only, comments-only   CLI 0.14-0.15 s   lib < 1 ms
# The bounds are 3x those, but never under 1 s for a process and 0.5 s in the library.
BOUNDS = {
    "huge-quoted-notice": (1.0, 0.5),
    "huge-unquoted-token": (1.0, 0.5),
    "million-flags": (7.5, 6.0),
    "continued-50k-lines": (1.2, 0.6),
    "attributes-20k": (1.0, 0.5),
    "attributes-20k-bad": (1.0, 0.5),
    "empty": (1.0, 0.5),
    "whitespace-only": (1.0, 0.5),
    "comments-only": (1.0, 0.5),
}
