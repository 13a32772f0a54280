"""An lmgrd options file given where a license file is expected (issue 14, item 9): recognised
by the keywords its lines start with (grammars/options.toml), never by its name, and reported as
"an options file, not a license file" with the place of its first option, exit 2 (it was not
checked), instead of being linted as a license file of unknown lines."""

from __future__ import annotations

from entry import run_main
from lictool.syntax.options_file import options_file_line

OPTIONS = ("# options for genesys.d (SYNTHETIC TEST DATA)\n"
           "\n"
           "  GROUP agents joe barbara susan\n"
           "RESERVE 10 tserver_sdn GROUP agents\n"
           "INCLUDE router_seats USER joe\n"
           "MAX 5 tserver_sdn \\\n"
           "    HOST_GROUP lab\n"
           "timeoutall 3600\n")
LICENSE = ("SERVER lic01 0019B9A0B0C0 27000\n"
           "VENDOR genesys.d OPTIONS=/opt/genesys/flexlm/genesys.opt\n"
           "FEATURE tserver_sdn genesys.d 8.1 permanent 10 SIGN=0\n")


def test_an_options_file_is_recognised_by_its_keywords():
    assert options_file_line(OPTIONS) == (3, 3, "GROUP")
    assert options_file_line(LICENSE) is None
    # one option-like line in a license file does not make it an options file
    assert options_file_line(LICENSE + "RESERVE 1 tserver_sdn USER joe\n") is None
    # mostly something else: not an options file either
    assert options_file_line("RESERVE 1 f USER joe\nfoo\nbar\n") is None
    assert options_file_line("") is None


def test_lint_says_it_is_an_options_file_not_a_license_file(tmp_path, capsys):
    path = tmp_path / "genesys.opt"
    path.write_text(OPTIONS)
    code, out, err = run_main(capsys, "lint", str(path))
    assert code == 2
    assert f"{path}:3:3: L005 [error] GROUP: an lmgrd options file, not a license file" in out
    assert "SERVER" not in out and "did you mean" not in out
    assert "No problems" not in out


def test_the_kind_comes_from_the_content_not_the_name(tmp_path, capsys):
    opt_named = tmp_path / "license.opt"
    opt_named.write_text(LICENSE)               # a license file, whatever its name
    code, out, _ = run_main(capsys, "lint", str(opt_named), "--select", "unknown-line")
    assert code == 0 and "options file" not in out
    lic_named = tmp_path / "server.lic"
    lic_named.write_text(OPTIONS)               # an options file, whatever its name
    code, out, _ = run_main(capsys, "lint", str(lic_named))
    assert code == 2 and "an lmgrd options file" in out


def test_parse_and_fmt_refuse_it_and_leave_it_alone(tmp_path, capsys):
    path = tmp_path / "genesys.opt"
    path.write_text(OPTIONS)
    for command in (["parse", str(path)], ["fmt", str(path)]):
        code, out, err = run_main(capsys, *command)
        assert code == 2
        assert f"{path}:3:3: GROUP: an lmgrd options file, not a license file" in err
    assert path.read_text() == OPTIONS


def test_line_numbers_are_the_parsers():
    # U+2028 and a form feed do not end a line for the license server or lictool's parser
    assert options_file_line("# note\u2028more\x0cstill\nRESERVE 1 f USER joe\n") \
        == (2, 1, "RESERVE")
