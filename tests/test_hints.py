"""Hints are advice a user reads at a glance (issue 14, item 8): at most two short sentences,
never a repeat of the message. Checked on every finding of every rule's bad example and of
`lictool check` on the bundled deployments."""

from __future__ import annotations

import datetime as _dt
import json
import re
from pathlib import Path

import pytest

import lictool
from entry import run_main
from lictool.lint.config import parse_config
from lictool.lint.engine import lint
from lictool.lint.examples import example_settings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "lictool" / "lint" / "examples").glob("*.bad.lic"))
DEPLOYMENTS = sorted((ROOT / "fixtures" / "deployments").glob("*/deployment.toml"))
MAX_HINT = 180          # characters: two short sentences


def sentences(text: str) -> int:
    return len([s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s])


def assert_short(hint: str, message: str, where: str) -> None:
    assert len(hint) <= MAX_HINT, f"{where}: a {len(hint)}-character hint: {hint}"
    assert sentences(hint) <= 2, f"{where}: more than two sentences: {hint}"
    assert hint not in message, f"{where}: the hint repeats the message: {hint}"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_every_rule_hint_is_two_short_sentences_at_most(example):
    text = example.read_text(encoding="utf-8")
    cfg = parse_config(example_settings(text), str(example))
    found = lint(lictool.parse(text, example.name), example.name, cfg, _dt.date(2026, 6, 1))
    assert found
    for f in found:
        if f.hint:
            assert_short(f.hint, f.message, f"{example.name}:{f.line} {f.rule}")


@pytest.mark.parametrize("deployment", DEPLOYMENTS, ids=lambda p: p.parent.name)
def test_every_check_hint_is_two_short_sentences_at_most(deployment, capsys):
    code, out, _ = run_main(capsys, "check", str(deployment), "--today", "2026-06-01",
                            "--format", "json")
    for f in json.loads(out):
        if f.get("hint"):
            assert_short(f["hint"], f["message"], f"{deployment.parent.name} {f['rule']}")


def test_the_virtual_mac_hint_is_short_and_the_message_keeps_the_facts():
    text = ("SERVER glic01 000C29A41B7E 27000\nVENDOR genesys.d\n"
            "FEATURE tserver_sdn genesys.d 8.1 permanent 10 SIGN=0\n")
    (f,) = lictool.lint(text, {"select": ["virtual-mac"]})
    assert "00:0C:29" in f.message and "generated" in f.message
    assert "static MAC" in f.hint and len(f.hint) <= MAX_HINT
