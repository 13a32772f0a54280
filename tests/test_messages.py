"""One wording for a missing file across commands, always after the ``lictool:`` prefix of an
operational error (issue 14, item 8)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from entry import run_main

ROOT = Path(__file__).resolve().parent.parent
MISSING = re.compile(r"^lictool: (?:\S+/)?nosuch\.\w+(?::1:1)?: no such file or directory\b",
                     re.M)


@pytest.fixture
def work(tmp_path, monkeypatch):
    shutil.copy(ROOT / "fixtures" / "genesys-8x.lic", tmp_path / "a.lic")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("argv", [
    ["parse", "nosuch.lic"],
    ["fmt", "nosuch.lic"],
    ["fmt", "--check", "nosuch.lic"],
    ["lint", "nosuch.lic"],
    ["merge", "nosuch.lic", "a.lic", "-o", "out.lic"],
    ["merge", "a.lic", "nosuch.lic", "--check"],
    ["report", "nosuch.lic"],
    ["diff", "nosuch.lic", "a.lic"],
    ["verify", "a.lic", "--key", "nosuch.pub"],
    ["sign", "a.lic", "--key", "nosuch.key", "-o", "x.lic"],
    ["require", "nosuch.toml"],
    ["check", "nosuch.toml"],
    ["lint", "a.lic", "--config", "nosuch.toml"],
], ids=lambda a: " ".join(a))
def test_a_missing_file_is_the_same_message_in_every_command(work, capsys, argv):
    code, out, err = run_main(capsys, *argv)
    assert code == 2
    assert MISSING.search(err), err
    assert not (work / "out.lic").exists() and not (work / "x.lic").exists()


def test_counts_in_messages_speak_correct_english(work, capsys):
    # parse's summary line, fmt's refusal, generate's header, merge's refusal
    (work / "one.lic").write_text("SERVER lic01 0019B9A0B0C0 27000\nFEATURE tserver_sdn\n")
    code, out, err = run_main(capsys, "parse", "one.lic")
    assert "one.lic: 2 records (1 SERVER, 1 UNPARSED); 1 syntax error\n" in out
    code, out, err = run_main(capsys, "fmt", "one.lic")
    assert "one.lic: not formatted: 1 syntax error\n" in err
    (work / "ok.lic").write_text("SERVER lic01 0019B9A0B0C0 27000\n")
    code, out, err = run_main(capsys, "parse", "ok.lic")
    assert "ok.lic: 1 record (1 SERVER); 0 syntax errors\n" in out
    assert run_main(capsys, "keygen", "test")[0] == 0
    code, out, err = run_main(capsys, "generate", "--records", "1", "--seed", "1", "-o",
                              "gen.lic", "--key", "test")
    assert code == 0, err
    assert "1 feature record." in (work / "gen.lic").read_text()
    (work / "two.lic").write_text("SERVER a 0019B9A0B0C0 27000\nSERVER b 0019B9A0B0C1 27000\n"
                                  "SERVER c 0019B9A0B0C2 27000\nVENDOR genesys.d\n")
    code, out, err = run_main(capsys, "merge", "ok.lic", "two.lic", "--check")
    assert "two.lic has 3 SERVER lines and ok.lic has 1" in out + err
    code, out, err = run_main(capsys, "merge", "two.lic", "ok.lic", "--check")
    assert "ok.lic has 1 SERVER line and two.lic has 3" in out + err


def test_a_missing_key_or_catalogue_in_settings_says_the_same(work, capsys):
    code, out, err = run_main(capsys, "lint", "a.lic", "--verify-key", "nosuch.pub")
    assert code == 2 and "lictool: --verify-key: no such file or directory: " in err
    (work / ".lictool.toml").write_text('catalogs = ["nosuch.toml"]\n')
    code, out, err = run_main(capsys, "lint", "a.lic")
    assert code == 2 and "catalogs[0]': no such file or directory: " in err
