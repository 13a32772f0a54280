"""Never lose a license file (issue 10, items 1-5): an output is never one of the inputs, writes
go through symbolic links, a backup is never overwritten, permission bits are kept, and
``merge --check`` fails where the real merge fails.

Every command runs in-process through ``lictool.cli.main``, the real entry point (which turns
an unexpected exception into ``internal error``, so the tests see what a user sees), in a
scratch folder holding copies of the fixtures."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path
from typing import List

import pytest

import lictool
from entry import run_main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
S1 = "SERVER lic01 0019B9A0B0C0 7260\n"
NEW = (S1 + "VENDOR genesys.d /opt/genesys/flexlm/genesys.d\n"
       'FEATURE ivr_port genesys.d 8.1 permanent 30 ISSUED=1-jan-2024 SN=GL81-240101-01 \\\n'
       '  SIGN="2F81 C04A 9E37 B652 0DA1 73CE"\n')
NEW2 = NEW.replace("ivr_port", "sip_port").replace("-01", "-02")


run = run_main
@pytest.fixture
def work(tmp_path, monkeypatch):
    for name in ("genesys-8x.lic", "genesys-7x.lic", "latin1.lic"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    (tmp_path / "new.lic").write_text(NEW, encoding="utf-8")
    (tmp_path / "new2.lic").write_text(NEW2, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def mode(p: Path) -> int:
    return stat.S_IMODE(os.stat(p).st_mode)


# --------------------------------------------------------------------------------------------
# 1. an output that is one of the inputs is refused (exit 2), whatever the spelling
# --------------------------------------------------------------------------------------------

def spellings(work: Path, name: str) -> List[str]:
    """The same file as the same path, ``./path``, an absolute path, a symlink, a hard link."""
    os.symlink(name, work / "via-symlink.lic")
    os.link(work / name, work / "via-hardlink.lic")
    return [name, f"./{name}", str(work / name), "via-symlink.lic", "via-hardlink.lic"]


@pytest.mark.parametrize("flag", ["-o", "--output"])
def test_lint_refuses_to_write_its_report_over_an_input(work, capsys, flag):
    before = (work / "genesys-8x.lic").read_bytes()
    for out in spellings(work, "genesys-8x.lic"):
        code, stdout, err = run(capsys, "lint", "genesys-8x.lic", flag, out)
        assert code == 2, (out, err)
        assert "one of the inputs" in err and "refused" in err
        assert (work / "genesys-8x.lic").read_bytes() == before
        assert os.path.islink(work / "via-symlink.lic")


def test_lint_refuses_a_report_over_a_file_found_in_a_directory_and_over_the_config(work, capsys):
    (work / "lics").mkdir()
    shutil.copy(FIXTURES / "genesys-7x.lic", work / "lics" / "a.lic")
    before = (work / "lics" / "a.lic").read_bytes()
    code, _, err = run(capsys, "lint", "lics", "-o", "lics/a.lic")
    assert code == 2 and "one of the inputs" in err
    assert (work / "lics" / "a.lic").read_bytes() == before
    (work / "cfg.toml").write_text("ignore = ['unsigned']\n")
    code, _, err = run(capsys, "lint", "genesys-8x.lic", "--config", "cfg.toml", "-o", "cfg.toml")
    assert code == 2 and (work / "cfg.toml").read_text() == "ignore = ['unsigned']\n"


def test_lint_writes_a_report_to_another_file(work, capsys):
    shutil.copy(FIXTURES / "legacy-v2.lic", work / "legacy.lic")
    code, out, _ = run(capsys, "lint", "legacy.lic", "-o", "report.txt", "--today", "2026-06-01")
    assert code == 1 and out == ""
    assert "legacy.lic:10:" in (work / "report.txt").read_text()


def test_check_refuses_to_write_its_report_over_the_deployment_or_a_license_file(work, capsys):
    dep = work / "deployment.toml"
    dep.write_text('release = "8.1"\n\n[[license-server]]\nname = "lic01"\n'
                   'license-file = "genesys-8x.lic"\n\n[[application]]\nname = "ts"\n'
                   'product = "t-server"\nseats = 5\n')
    before = dep.read_bytes(), (work / "genesys-8x.lic").read_bytes()
    for out in ("deployment.toml", "./genesys-8x.lic"):
        code, _, err = run(capsys, "check", "deployment.toml", "--output", out)
        assert code == 2 and "one of the inputs" in err, err
    assert (dep.read_bytes(), (work / "genesys-8x.lic").read_bytes()) == before
    code, _, err = run(capsys, "check", "deployment.toml", "--output", "check.txt",
                       "--today", "2026-06-01")
    assert code in (0, 1), err
    assert (work / "check.txt").read_text().strip()


def test_merge_refuses_an_output_that_is_existing_or_new(work, capsys):
    before = {n: (work / n).read_bytes() for n in ("genesys-8x.lic", "new.lic")}
    for out in [*spellings(work, "genesys-8x.lic"), "new.lic", "./new.lic"]:
        code, _, err = run(capsys, "merge", "genesys-8x.lic", "new.lic", "-o", out)
        assert code == 2 and "one of the inputs" in err, (out, err)
    assert {n: (work / n).read_bytes() for n in before} == before


def test_sign_and_generate_refuse_to_overwrite_their_input_or_key(work, capsys):
    assert run(capsys, "keygen", "k")[0] == 0
    key = (work / "k").read_bytes()
    lic = (work / "new.lic").read_bytes()
    for out in ("new.lic", "./new.lic", "k"):
        code, _, err = run(capsys, "sign", "new.lic", "--key", "k", "-o", out)
        assert code == 2 and "one of the inputs" in err, (out, err)
    code, _, err = run(capsys, "generate", "--key", "k", "-o", "k")
    assert code == 2 and "one of the inputs" in err
    assert (work / "k").read_bytes() == key and (work / "new.lic").read_bytes() == lic
    assert run(capsys, "sign", "new.lic", "--key", "k", "-o", "signed.lic")[0] == 0


# --------------------------------------------------------------------------------------------
# 2. --in-place writes through a symbolic link: the target changes, the link stays
# --------------------------------------------------------------------------------------------

@pytest.fixture
def linked(work):
    """current.lic -> releases/2026.lic (a relative link into another folder)."""
    (work / "releases").mkdir()
    shutil.copy(FIXTURES / "genesys-8x.lic", work / "releases" / "2026.lic")
    os.symlink(os.path.join("releases", "2026.lic"), work / "current.lic")
    return work / "current.lic", work / "releases" / "2026.lic"


def test_merge_in_place_writes_through_a_symlink(linked, capsys):
    link, target = linked
    old = target.read_bytes()
    code, _, err = run(capsys, "merge", "current.lic", "new.lic", "--in-place")
    assert code == 0, err
    assert os.path.islink(link) and os.readlink(link) == os.path.join("releases", "2026.lic")
    assert b"FEATURE ivr_port" in target.read_bytes()
    assert target.read_bytes().startswith(old)
    assert (link.parent / "current.lic.bak").read_bytes() == old   # EXISTING.bak, by its name


def test_fmt_and_sign_in_place_write_through_a_symlink(linked, capsys, work):
    link, target = linked
    target.write_text("server lic01 0019B9A0B0C0 7260\nvendor genesys.d\n"
                      'feature GIS genesys.d 8.1 permanent 2 SIGN="AAAA BBBB"\n')
    code, _, err = run(capsys, "fmt", "current.lic")
    assert code == 0, err
    assert os.path.islink(link)
    assert target.read_text().startswith("SERVER lic01 0019B9A0B0C0 7260\nVENDOR genesys.d\n")
    assert run(capsys, "keygen", "k")[0] == 0
    code, _, err = run(capsys, "sign", "current.lic", "--key", "k", "--in-place")
    assert code == 0, err
    assert os.path.islink(link) and "lictool TEST signatures" in target.read_text()
    assert run(capsys, "verify", "current.lic", "--key", "k.pub")[0] == 0


# --------------------------------------------------------------------------------------------
# 3. a backup is never overwritten; 4. permission bits are kept
# --------------------------------------------------------------------------------------------

def test_second_merge_in_place_keeps_the_first_backup(work, capsys):
    original = (work / "genesys-8x.lic").read_bytes()
    assert run(capsys, "merge", "genesys-8x.lic", "new.lic", "--in-place")[0] == 0
    first = (work / "genesys-8x.lic").read_bytes()
    assert run(capsys, "merge", "genesys-8x.lic", "new2.lic", "--in-place")[0] == 0
    assert (work / "genesys-8x.lic.bak").read_bytes() == original      # never replaced
    assert (work / "genesys-8x.lic.bak.1").read_bytes() == first
    second = (work / "genesys-8x.lic").read_bytes()
    assert b"FEATURE sip_port" in second and b"FEATURE ivr_port" in second
    # a merge that changes nothing writes nothing, not even a backup
    assert run(capsys, "merge", "genesys-8x.lic", "new2.lic", "--in-place")[0] == 0
    assert (work / "genesys-8x.lic").read_bytes() == second
    assert not (work / "genesys-8x.lic.bak.2").exists()


def test_a_backup_that_holds_the_same_bytes_is_reused_not_duplicated(work, capsys):
    original = (work / "genesys-8x.lic").read_bytes()
    (work / "genesys-8x.lic.bak").write_bytes(b"# somebody's own backup\n")
    (work / "genesys-8x.lic.bak.1").write_bytes(original)
    assert run(capsys, "merge", "genesys-8x.lic", "new.lic", "--in-place")[0] == 0
    assert (work / "genesys-8x.lic.bak").read_bytes() == b"# somebody's own backup\n"
    assert (work / "genesys-8x.lic.bak.1").read_bytes() == original
    assert not (work / "genesys-8x.lic.bak.2").exists()


def test_backup_and_rewritten_file_keep_the_mode_of_the_original(work, capsys):
    lic = work / "genesys-8x.lic"
    os.chmod(lic, 0o600)
    assert run(capsys, "merge", "genesys-8x.lic", "new.lic", "--in-place")[0] == 0
    assert mode(lic) == 0o600
    assert mode(work / "genesys-8x.lic.bak") == 0o600
    os.chmod(work / "new.lic", 0o640)
    assert run(capsys, "keygen", "k")[0] == 0
    assert run(capsys, "sign", "new.lic", "--key", "k", "--in-place")[0] == 0
    assert mode(work / "new.lic") == 0o640
    fmt_me = work / "fmt.lic"
    fmt_me.write_text("server lic01 0019B9A0B0C0 7260\nvendor genesys.d\n")
    os.chmod(fmt_me, 0o604)
    assert run(capsys, "fmt", "fmt.lic")[0] == 0
    assert mode(fmt_me) == 0o604


@pytest.mark.parametrize("umask", [0o000, 0o002, 0o022])
def test_keygen_public_key_is_never_group_or_world_writable(work, capsys, umask):
    old = os.umask(umask)
    try:
        (work / "k.pub").write_text("old")
        os.chmod(work / "k.pub", 0o666)       # --force over a world-writable old key
        assert run(capsys, "keygen", "k", "--force")[0] == 0
    finally:
        os.umask(old)
    assert mode(work / "k.pub") & 0o022 == 0, oct(mode(work / "k.pub"))
    assert mode(work / "k") == 0o600


# --------------------------------------------------------------------------------------------
# 5. merge --check fails where the real merge fails (the encoding of EXISTING)
# --------------------------------------------------------------------------------------------

EURO_NEW = (S1 + "VENDOR genesys.d\n"
            'FEATURE GIS genesys.d 8.1 permanent 2 NOTICE="Preis 100 \u20ac" SIGN="AAAA BBBB"\n')


@pytest.mark.parametrize("mode_", [["--check"], ["-o", "out.lic"], ["--in-place"]])
def test_merge_check_and_real_merge_refuse_what_the_encoding_cannot_hold(work, capsys, mode_):
    latin = work / "existing.lic"
    latin.write_bytes(("# Z\u00fcrich\n" + S1 + "VENDOR genesys.d\n").encode("latin-1"))
    (work / "euro.lic").write_text(EURO_NEW, encoding="utf-8")
    before = latin.read_bytes()
    code, out, err = run(capsys, "merge", "existing.lic", "euro.lic", *mode_)
    assert code == 1, (out, err)
    text = out + err
    # NEW's file, line and column of the euro sign
    col = EURO_NEW.splitlines()[2].index("\u20ac") + 1
    assert f"euro.lic:3:{col}:" in text, text
    assert "latin-1" in text and "nothing was written" in text
    assert latin.read_bytes() == before
    assert not (work / "out.lic").exists() and not (work / "existing.lic.bak").exists()


def test_merge_library_refusal_names_the_column():
    from lictool.io import loads_bytes

    existing = loads_bytes(("# Z\u00fcrich\n" + S1).encode("latin-1"), "E.lic")
    assert existing.encoding == "latin-1"
    new = lictool.parse(EURO_NEW, "N.lic")
    merged, report = lictool.merge(existing, new)
    assert not report.compatible and merged is existing
    (p,) = report.refusals
    assert (p.file, p.line, p.column) == ("N.lic", 3, EURO_NEW.splitlines()[2].index("\u20ac") + 1)
    assert report.as_dict()["refusals"][0]["column"] == p.column
