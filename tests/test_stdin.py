"""Standard input (issue 14, item 7): one name for it, ``<stdin>``, in every command's output;
``fmt -`` formats standard input to standard output (editor integration); ``--stdin-filename``
names it."""

from __future__ import annotations

import subprocess
import sys

UNFORMATTED = ("# SYNTHETIC TEST DATA\r\n"
               "server lic01 0019B9A0B0C0   27000\r\n"
               "vendor genesys.d\r\n"
               "feature tserver_sdn genesys.d 8.1 permanent 10 SIGN=0\r\n")
FORMATTED = ("# SYNTHETIC TEST DATA\r\n"
             "SERVER lic01 0019B9A0B0C0 27000\r\n"
             "VENDOR genesys.d\r\n"
             "FEATURE tserver_sdn genesys.d 8.1 permanent 10 SIGN=0\r\n")
BROKEN = "SERVER lic01 0019B9A0B0C0 27000\nFEATURE tserver_sdn\n"


def lictool(*args: str, stdin: bytes = b""):
    return subprocess.run([sys.executable, "-m", "lictool", *args], input=stdin,
                          capture_output=True)


def test_fmt_dash_writes_the_formatted_text_to_standard_output():
    res = lictool("fmt", "-", stdin=UNFORMATTED.encode())
    assert res.returncode == 0, res.stderr
    assert res.stdout == FORMATTED.encode()        # byte for byte, CRLF kept
    assert res.stderr == b""
    # formatted input comes back as it was
    res = lictool("fmt", "-", stdin=FORMATTED.encode())
    assert (res.returncode, res.stdout) == (0, FORMATTED.encode())


def test_fmt_dash_check_and_diff_name_stdin():
    res = lictool("fmt", "--check", "-", stdin=UNFORMATTED.encode())
    assert res.returncode == 1 and res.stdout == b""
    assert res.stderr.decode().strip() == "would reformat <stdin>"
    res = lictool("fmt", "--diff", "--stdin-filename", "site/main.lic", "-",
                  stdin=UNFORMATTED.encode())
    assert res.returncode == 1
    assert res.stdout.decode().startswith("--- site/main.lic\n+++ site/main.lic\n")


def test_fmt_dash_gives_a_refused_input_back_unchanged():
    res = lictool("fmt", "--stdin-filename", "site/main.lic", "-", stdin=BROKEN.encode())
    assert res.returncode == 1
    assert res.stdout == BROKEN.encode()           # an editor keeps the buffer as it was
    assert res.stderr.decode().startswith("site/main.lic:2:")


def test_fmt_dash_with_other_files_is_bad_usage(tmp_path):
    other = tmp_path / "a.lic"
    other.write_text(FORMATTED)
    res = lictool("fmt", "-", str(other))
    assert res.returncode == 2 and b"lictool fmt: '-'" in res.stderr


def test_every_command_names_standard_input_the_same_way():
    for args in (["parse"], ["lint"], ["fmt", "--check"]):
        res = lictool(*args, "-", stdin=BROKEN.encode())
        assert b"<stdin>:2:" in res.stdout + res.stderr, args
        assert b"-:2:" not in res.stdout + res.stderr


EXPIRED = ("SERVER lic01 0019B9A0B0C0 27000\nVENDOR genesys.d\n"
           "FEATURE tserver_sdn genesys.d 8.1 1-jan-2020 10\n")       # expired, and unsigned


def test_lint_stdin_filename_names_the_findings_and_finds_the_configuration(tmp_path):
    repo = tmp_path / "repo"
    (repo / "licenses").mkdir(parents=True)
    (repo / "pyproject.toml").write_text('[tool.lictool]\nselect = ["expired", "L403"]\n'
                                         '[tool.lictool.per-file-ignores]\n'
                                         '"licenses/site.lic" = ["L403"]\n')

    def lint(*args):
        return subprocess.run([sys.executable, "-m", "lictool", "lint", "--today", "2026-06-01",
                               "--format", "json", *args, "-"], input=EXPIRED.encode(),
                              capture_output=True, cwd=tmp_path)

    import json
    plain = json.loads(lint().stdout)
    assert {(f["path"], f["rule"]) for f in plain} >= {("<stdin>", "expired")}
    named = json.loads(lint("--stdin-filename", "repo/licenses/site.lic").stdout)
    # the repository's configuration (select) and its per-file ignore for that path apply
    assert [(f["path"], f["rule"]) for f in named] == [("repo/licenses/site.lic", "expired")]
    other = json.loads(lint("--stdin-filename", "repo/licenses/other.lic").stdout)
    assert sorted(f["rule"] for f in other) == ["expired", "unsigned"]
