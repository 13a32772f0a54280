"""No byte of a private key is ever printed (issue 10, item 10).

A private key passed where a license file, a deployment or a configuration is expected is
refused unread: ``parse`` (text and JSON), ``lint`` (every format), ``check --license``,
``sign``, ``fmt``, ``merge``, ``verify``, ``require``/``check`` with the key as the deployment,
``lint --config KEY``. The test collects every output and error of every command and checks that
no run of 8 characters of the key's Base64 body, and no line of it, appears anywhere."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import List

import pytest

from entry import run_main
from lictool.errors import LictoolError
from lictool.keymaterial import find, refuse

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


def run(capsys, *args) -> str:
    code, out, err = run_main(capsys, *args)
    assert code == 2, (args, code, out, err)
    return out + err
@pytest.fixture
def keyed(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    shutil.copy(FIXTURES / "genesys-8x.lic", tmp_path / "lic.lic")
    assert run_main(capsys, "keygen", "signing-key")[0] == 0
    pem = (tmp_path / "signing-key").read_text()
    body = "".join(ln for ln in pem.splitlines() if not ln.startswith("-----"))
    return tmp_path, pem, body


def assert_no_key_byte(text: str, body: str) -> None:
    for i in range(len(body) - 7):
        chunk = body[i:i + 8]
        assert chunk not in text, f"{chunk!r} of the private key was printed:\n{text}"


def commands(tmp: Path, key: str) -> List[List[str]]:
    dep = tmp / "dep.toml"
    dep.write_text('release = "8.1"\n\n[[application]]\nname = "ts"\nproduct = "t-server"\n'
                   'seats = 5\n')
    return [
        ["parse", key], ["parse", "--format", "json", key], ["parse", "lic.lic", key],
        *[["lint", "--format", f, key] for f in ("text", "json", "sarif", "github")],
        ["lint", "--format", "json", "lic.lic", key, "-o", "report.json"],
        ["check", str(dep), "--license", key], ["check", str(dep), "--license", key, "-f", "sarif"],
        ["check", key], ["require", key],
        ["sign", key, "--key", "signing-key", "-o", "-"],
        ["sign", key, "--key", "signing-key", "--in-place"],
        ["fmt", key], ["fmt", "--diff", key],
        ["merge", key, "lic.lic", "-o", "-"], ["merge", "lic.lic", key, "--check"],
        ["verify", key, "--key", "signing-key.pub"],
        ["verify", "lic.lic", "--key", key],
        ["lint", "lic.lic", "--config", key], ["lint", "lic.lic", "--verify-key", key],
    ]


def test_no_command_prints_a_byte_of_a_private_key(keyed, capsys):
    tmp, pem, body = keyed
    seen = []
    for args in commands(tmp, "signing-key"):
        text = run(capsys, *args)
        assert_no_key_byte(text, body)
        seen.append(text)
    report = tmp / "report.json"
    if report.exists():
        assert_no_key_byte(report.read_text(), body)
    # the refusal says what it is and where, so the user knows what happened
    assert any("private key material" in t and "signing-key:1:1:" in t for t in seen)
    assert (tmp / "signing-key").read_text() == pem      # sign --in-place did not touch it


def test_a_key_pasted_into_a_license_file_is_refused_with_its_line(keyed, capsys):
    tmp, pem, body = keyed
    lic = tmp / "pasted.lic"
    lic.write_text((FIXTURES / "genesys-8x.lic").read_text() + "\n" + pem)
    line = (FIXTURES / "genesys-8x.lic").read_text().count("\n") + 2
    for args in (["lint", "pasted.lic"], ["parse", "pasted.lic"], ["lint", "-f", "json", "."]):
        text = run(capsys, *args)
        assert_no_key_byte(text, body)
        assert f"pasted.lic:{line}:1:" in text, text


def test_a_key_on_standard_input_is_refused(keyed):
    tmp, pem, body = keyed
    for args in (["parse", "-"], ["lint", "-f", "json", "-"]):
        res = subprocess.run([sys.executable, "-m", "lictool", *args], input=pem, text=True,
                             capture_output=True, cwd=tmp)
        assert res.returncode == 2
        assert_no_key_byte(res.stdout + res.stderr, body)
        assert "private key material" in res.stdout + res.stderr


@pytest.mark.parametrize("text,what", [
    ("-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n", "PEM RSA PRIVATE KEY"),
    ("-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n", "PEM OPENSSH PRIVATE KEY"),
    ("-----BEGIN ENCRYPTED PRIVATE KEY-----\n", "PEM ENCRYPTED PRIVATE KEY"),
    ("-----BEGIN PGP PRIVATE KEY BLOCK-----\n", "PEM PGP PRIVATE KEY BLOCK"),
    ("PuTTY-User-Key-File-3: ssh-ed25519\n", "PuTTY private key"),
    ("SERVER a ANY\nMC4CAQAwBQYDK2VwBCIEIM4ODaCExNlB2N+eWsWJ9cNz6yhvW60oBy+UWy2oyVVL\n",
     "Ed25519 private key"),
])
def test_key_formats_are_recognised(text, what):
    hit = find(text)
    assert hit is not None and hit[2].startswith(what)
    with pytest.raises(LictoolError) as exc:
        refuse(text.encode(), "x.lic")
    assert "private key material" in str(exc.value)
    for line in text.splitlines()[1:]:
        assert line not in str(exc.value)


@pytest.mark.parametrize("text", [
    (FIXTURES / "genesys-8x.lic").read_text(),
    "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n",
    '# the private key is kept in the vault (PRIVATE KEY, see runbook)\nSERVER a ANY\n',
])
def test_license_files_and_public_keys_are_not_key_material(text):
    assert find(text) is None
