"""Every fixture through every reading command (issue 11): ``parse``, ``fmt --check`` and
``lint`` never print a traceback or an internal error and exit 0, 1 or 2; the byte round trip is
exact; and a fixture that a license server accepts (``fixtures/corpus.toml``) gets no
error-level finding."""

from __future__ import annotations

import datetime as _dt
import json
import tomllib
from pathlib import Path

import pytest

import lictool
from entry import run_main
from lictool.io import encode

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
CORPUS = tomllib.loads((FIXTURES / "corpus.toml").read_text(encoding="utf-8"))
NAMES = sorted(p.name for p in FIXTURES.glob("*.lic"))


def entry(name: str) -> dict:
    """The manifest entry (an unlisted fixture fails test_every_fixture_is_in_the_corpus_manifest)."""
    return CORPUS["fixtures"].get(name, {"accepted": False})


def test_every_fixture_is_in_the_corpus_manifest():
    assert sorted(CORPUS["fixtures"]) == NAMES
    for name, e in CORPUS["fixtures"].items():
        assert isinstance(e["accepted"], bool), name
        assert e["accepted"] or e.get("reason"), f"{name}: say why it is not accepted"


@pytest.mark.parametrize("name", NAMES)
def test_fixture_round_trips_byte_for_byte(name):
    data = (FIXTURES / name).read_bytes()
    lf = lictool.load(FIXTURES / name)
    assert encode(lf, lictool.dumps(lf)) == data


@pytest.mark.parametrize("name", NAMES)
def test_reading_commands_never_crash(name, capsys):
    path = FIXTURES / name
    today = entry(name).get("today", CORPUS["today"])
    for args in (["parse", path], ["parse", "--format", "json", path], ["fmt", "--check", path],
                 ["lint", path, "--today", today], ["lint", "-f", "sarif", path, "--today", today]):
        code, out, err = run_main(capsys, *args)
        assert code in (0, 1, 2), (args, code, err)
        assert code != 2, f"{args}: {err}"           # every fixture is readable


@pytest.mark.parametrize("name", [n for n in NAMES if entry(n)["accepted"]])
def test_accepted_fixture_has_no_error_level_finding(name, capsys):
    today = entry(name).get("today", CORPUS["today"])
    code, out, err = run_main(capsys, "lint", "-f", "json", FIXTURES / name, "--today", today)
    errors = [f for f in json.loads(out) if f["severity"] == "error"]
    assert errors == [] and code == 0, "\n".join(
        f"{f['line']}:{f['column']} {f['rule']}: {f['message']}" for f in errors)
    _dt.date.fromisoformat(today)


@pytest.mark.parametrize("name", [n for n in NAMES if not entry(n)["accepted"]])
def test_rejected_fixture_has_an_error_level_finding(name, capsys):
    today = entry(name).get("today", CORPUS["today"])
    code, out, _ = run_main(capsys, "lint", "-f", "json", FIXTURES / name, "--today", today)
    assert code == 1 and any(f["severity"] == "error" for f in json.loads(out))
