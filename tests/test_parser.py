"""Reading every line kind, continuations, positions and errors, on license text."""

from __future__ import annotations

import pytest

import lictool
from lictool.model import Feature, Package, Server, Vendor


def one(text: str):
    lf = lictool.parse(text)
    recs = [r for r in lf.records if r.kind not in ("COMMENT", "BLANK")]
    assert len(recs) == 1, recs
    return recs[0], lf


def test_server_forms():
    s, _ = one("SERVER lic1.example.com 0A1B2C3D4E5F 27020 PRIMARY_IS_MASTER HEARTBEAT_INTERVAL=30\n")
    assert isinstance(s, Server)
    assert (s.host, s.hostid.text, s.hostid.type, s.port) == ("lic1.example.com", "0A1B2C3D4E5F", "ETHER", 27020)
    assert s.has("PRIMARY_IS_MASTER") and s.get("HEARTBEAT_INTERVAL") == "30"
    assert one("SERVER old 000012345678 TCP:1700\n")[0].port == 1700
    assert one("SERVER h ANY PORT=27001\n")[0].port == 27001
    assert one("SERVER h 17007ea8\n")[0].port is None
    t, _ = one("SERVER h 17007ea8 27000 SERVER_TIMEOUT=20 PLAT=3\n")
    assert t.get("SERVER_TIMEOUT") == "20" and t.get("PLAT") == "3"
    assert one("SERVER h INTERNET=10.10.10.* 27000\n")[0].hostid.type == "INTERNET"


@pytest.mark.parametrize("line,path,options,port", [
    ("VENDOR acmed", None, None, None),
    ("VENDOR acmed /opt/acme/acmed", "/opt/acme/acmed", None, None),
    ("DAEMON sampled /etc/sampled /etc/sampled/licenses/sampled.opt", "/etc/sampled",
     "/etc/sampled/licenses/sampled.opt", None),
    ("VENDOR acmed /opt/acmed /opt/acmed.opt 27021", "/opt/acmed", "/opt/acmed.opt", 27021),
    ("VENDOR acmed OPTIONS=/opt/a.opt PORT=27021", None, "/opt/a.opt", 27021),
    ("vendor adskflex port=2080", None, None, 2080),
    ("VENDOR AUCOTEC OPTIONS=\"Disk:/Path/to/AUCOTEC.opt\" PORT=10001", None, "Disk:/Path/to/AUCOTEC.opt", 10001),
    ("DAEMON MLM \"/usr/local/MATLAB/R2020a/etc/MLM\"", "/usr/local/MATLAB/R2020a/etc/MLM", None, None),
    ("VENDOR cdslmd c:\\flexlm\\cdslmd.exe c:\\flexlm\\cdslmd.opt", "c:\\flexlm\\cdslmd.exe",
     "c:\\flexlm\\cdslmd.opt", None),
])
def test_vendor_forms(line, path, options, port):
    v, lf = one(line + "\n")
    assert isinstance(v, Vendor) and v.kind == "VENDOR"
    assert (v.path, v.options, v.port) == (path, options, port)
    assert v.keyword == line.split()[0].upper()
    assert lictool.dumps(lf) == line + "\n"


def test_feature_fields_and_attributes():
    text = ('FEATURE solver acmed 2024.0601 permanent 10 VENDOR_STRING="tier=gold; site=HQ" \\\n'
            '        DUP_GROUP=UH ISSUED=1-jun-2024 SN=ACME-0001 sort=50 TS_OK \\\n'
            '        asset_info="PO 4711" SIGN="0000 1111 2222 \\\n'
            '        3333 4444"\n')
    f, lf = one(text)
    assert isinstance(f, Feature) and f.kind == "FEATURE"
    assert (f.name, f.vendor, f.version.text, f.expiry.permanent, f.count.value) == (
        "solver", "acmed", "2024.0601", True, 10)
    assert [a.key for a in f.attributes] == ["VENDOR_STRING", "DUP_GROUP", "ISSUED", "SN", "sort",
                                             "TS_OK", "asset_info", "SIGN"]
    assert f.get("VENDOR_STRING") == "tier=gold; site=HQ"
    assert f.get("SIGN") == "0000 1111 2222 3333 4444"  # continuation inside quotes joined
    assert f.attribute("ts_ok").is_flag
    assert [s.hex for s in f.signatures] == ["00001111222233334444"]
    sign = f.attribute("SIGN")
    assert (sign.line, sign.column, sign.end_line, sign.end_column) == (3, 30, 4, 19)
    assert (f.line, f.end_line) == (1, 4)


def test_values_with_equals_and_glued_quotes():
    f, _ = one('INCREMENT f v 1.0 permanent 1 NOTICE=FulfillmentId=1203 '
               'HOSTID=INTERNET=195.186.*.* HOSTID2="PTC_HOSTID=08-00"SUPERSEDE\n')
    assert f.get("NOTICE") == "FulfillmentId=1203"
    assert f.hostids[0].type == "INTERNET"
    assert f.attribute("SUPERSEDE").is_flag


def test_upgrade_and_package():
    u, _ = one('UPGRADE solver acmed 2024.0601 2025.0101 31-dec-2026 2 SIGN="9ABC DEF0"\n')
    assert u.kind == "UPGRADE" and u.from_version.text == "2024.0601" and u.version.text == "2025.0101"
    p, _ = one('PACKAGE suite acmed 1.0 COMPONENTS="solver mesher:2.0 viewer:1.0:2" OPTIONS=SUITE SIGN="FF 00"\n')
    assert isinstance(p, Package) and p.version.text == "1.0"
    assert [(c.name, c.version and c.version.text, c.count) for c in p.components] == [
        ("solver", None, None), ("mesher", "2.0", None), ("viewer", "1.0", 2)]
    q, _ = one("PACKAGE name xilinxd 2020.11 E269A2B4C6AA COMPONENTS=SDK OPTIONS=SUITE\n")
    assert q.license_key == "E269A2B4C6AA" and [c.name for c in q.components] == ["SDK"]
    r, _ = one('PACKAGE p v SIGN="AB" COMPONENTS="x y"\n')   # no version, SIGN before COMPONENTS
    assert r.version is None and len(r.components) == 2


def test_legacy_forms():
    f, _ = one('FEATURE legacy acmed 1.00 1-jan-98 01 0123456789ABCDEF0123 "cust 42" ANY\n')
    assert (f.license_key, f.vendor_string, f.hostid_v2, f.count.value) == (
        "0123456789ABCDEF0123", "cust 42", "ANY", 1)
    assert [h.type for h in f.hostids] == ["ANY"]
    assert f.expiry.iso == "1998-01-01"
    g, _ = one("FEATURE netlist acmed 2.00 1-jan-0 0 3C7A91E04B2D HOSTID=ANY ck=103\n")
    assert g.license_key == "3C7A91E04B2D" and g.count.uncounted and g.expiry.permanent
    d, _ = one("sampled-f1-00737-55296-1825\n")
    assert d.kind == "DECIMAL" and d.vendor == "sampled"
    fs, _ = one("FEATURESET acmed 0123456789AB\n")
    assert (fs.kind, fs.vendor, fs.key) == ("FEATURESET", "acmed", "0123456789AB")
    us, _ = one("USE_SERVER\n")
    assert us.kind == "USE_SERVER"


def test_keywords_any_case_kept_as_written():
    f, lf = one("increment f v 1.0 permanent 5\n")
    assert f.kind == "INCREMENT" and f.keyword_text == "increment"
    assert lictool.dumps(lf) == "increment f v 1.0 permanent 5\n"


def test_comments_blanks_and_opaque():
    lf = lictool.parse("# c\n\n   \t\n  # indented\nREDIRECT x y\n| old comment\n")
    assert [r.kind for r in lf.records] == ["COMMENT", "BLANK", "BLANK", "COMMENT", "OPAQUE", "OPAQUE"]
    assert [d.code for d in lf.diagnostics] == ["unknown-line", "unknown-line"]
    assert all(d.severity == "warning" for d in lf.diagnostics)
    assert not lf.errors


def test_inline_hash_is_data():
    f, _ = one("INCREMENT v a 3.0 permanent uncounted HOSTID=#2005771344\n")
    assert f.get("HOSTID") == "#2005771344" and f.hostids[0].type == "DECIMAL"


def test_windows_paths_keep_backslashes_only_trailing_one_continues():
    lf = lictool.parse("VENDOR cdslmd c:\\flexlm\\cdslmd.exe \\\n   c:\\flexlm\\cdslmd.opt\n")
    v = lf.records[0]
    assert (v.path, v.options) == ("c:\\flexlm\\cdslmd.exe", "c:\\flexlm\\cdslmd.opt")
    assert (v.line, v.end_line) == (1, 2)


def test_continuation_with_trailing_blanks_and_tabs():
    lf = lictool.parse("FEATURE f v 1.0 permanent 1 \\  \n\tSIGN=\"AAAA \\\t\n\t\tBBBB\"\n")
    f = lf.records[0]
    assert not lf.errors
    assert f.get("SIGN") == "AAAA BBBB"
    sign = f.attribute("SIGN")
    assert (sign.line, sign.column) == (2, 2)  # a tab counts as one column


def test_continuation_inside_quotes_without_blank():
    f, _ = one('FEATURE f v 1.0 permanent 1 NOTICE="03/15/2021\\\n   It is"\n')
    assert f.get("NOTICE") == "03/15/2021It is"


@pytest.mark.parametrize("text,line,col,fragment", [
    ("FEATURE tserver_sdn genesys.d 8.x permanent 5\n", 1, 31, "expected a version"),
    ("FEATURE f v 1.0 31-dec-2027\n", 1, 28, "expected a license count"),
    ("FEATURE f v 1.0 soon 5\n", 1, 17, "expected an expiry date"),
    ("INCREMENT f v 1.0 permanent 5 NOTICE=\"never closed\n", 1, 38, "unterminated"),
    ("SERVER\n", 1, 7, "expected a host name"),
    ("USE_SERVER now\n", 1, 12, "expected the end of the line"),
    ("FEATURE f v 1.0 permanent 5 BAD= x\n", 1, 32, "found '='"),
    ("FEATURE f v 1.0 permanent 5 HOSTID\n", 1, 29, "HOSTID needs a value"),
    ("FEATURE f v 1.0 permanent 5 TS_OK=1\n", 1, 29, "TS_OK is a flag"),
    ("PACKAGE p v 1.0 SIGN=\"AB\"\n", 1, 26, "needs COMPONENTS"),
    ("PACKAGE p v 1.0 COMPONENTS=\"a:b:c\"\n", 1, 17, "COMPONENTS entry 'a:b:c'"),
    ("VENDOR v PORT=abc\n", 1, 10, "PORT needs a number"),
    ("FEATURE f v 1.0 permanent 1 \\\n", 1, 29, "end of the file"),
    ("FEATURE f v 1.0 permanent 1 \\\n# comment\n", 2, 1, "'#' line"),
    ("FEATURE f v 1.0 permanent 5 \"stray\" \"again\"\n", 1, 37, "unexpected quoted text"),
])
def test_syntax_errors_point_at_the_problem(text, line, col, fragment):
    lf = lictool.parse(text)
    assert len(lf.errors) == 1, lf.diagnostics
    d = lf.errors[0]
    assert (d.line, d.column) == (line, col), d
    assert fragment in d.message
    assert d.code == "syntax-error"
    bad = [r for r in lf.records if r.kind == "UNPARSED"]
    assert len(bad) == 1 and bad[0].diagnostic == d
    assert lictool.dumps(lf) == text


def test_error_column_in_a_continued_record():
    lf = lictool.parse("FEATURE f v 1.0 \\\n\t31-dec-2027 \\\n\t  many\n")
    d = lf.errors[0]
    assert (d.line, d.column) == (3, 4) and "'many'" in d.message


def test_one_bad_record_does_not_hide_the_rest(fixtures_dir):
    lf = lictool.load(fixtures_dir / "broken.lic")
    assert [(d.line, d.code) for d in lf.errors] == [(20, "syntax-error"), (30, "syntax-error"),
                                                    (38, "syntax-error")]
    kinds = [r.kind for r in lf.records]
    assert kinds.count("UNPARSED") == 3
    assert kinds.count("FEATURE") + kinds.count("INCREMENT") >= 5
    assert lf.records[-1].kind != "UNPARSED" or lf.records[-1].line == 38


def test_control_characters_are_errors_not_crashes():
    lf = lictool.parse("FEATURE f v 1.0 permanent 1 SN=a\x07b\n")
    assert lf.errors and "control character" in lf.errors[0].message
    with pytest.raises(lictool.LictoolError, match="NUL"):
        from lictool.io import loads_bytes

        loads_bytes(b"SERVER a ANY\n\x00\n", "x.lic")


def test_fixture_kinds(fixtures_dir):
    triad = lictool.load(fixtures_dir / "genesys-triad.lic")
    assert len(triad.servers) == 3 and all(s.port for s in triad.servers)
    assert triad.servers[0].has("PRIMARY_IS_MASTER")
    legacy = lictool.load(fixtures_dir / "legacy-v2.lic")
    assert {r.kind for r in legacy.records} >= {"SERVER", "VENDOR", "FEATURESET", "FEATURE",
                                                "INCREMENT", "DECIMAL", "COMMENT", "BLANK"}
    assert legacy.vendors[0].keyword == "DAEMON"
    hostid_types = {h.type for r in legacy.features for h in r.hostids}
    assert hostid_types >= {"DECIMAL", "INTERNET", "HOSTNAME", "USER", "DISPLAY", "COMPOSITE",
                            "FLEXID", "VM_UUID", "ID_STRING", "VENDOR_DEFINED", "DEMO", "ANY"}


def test_ports_out_of_range_are_errors():
    lf = lictool.parse("SERVER h ANY 99999999\nVENDOR v PORT=70000\nSERVER h ANY 65535\n")
    assert [(d.line, d.column) for d in lf.errors] == [(1, 14), (2, 10)]
    assert "out of range" in lf.errors[0].message
    assert lf.records[2].port == 65535


def test_error_names_the_keyword_as_read():
    lf = lictool.parse("INCREMENT f v 1.0 permanent many\n")
    assert lf.errors[0].message.startswith("INCREMENT line: expected a license count")


def test_quoting_is_layout():
    a = lictool.parse('FEATURE f v 1.0 permanent 1 SN="x1" user_info=C:\\dir\\ ck=1\n')
    b = lictool.parse('FEATURE f v 1.0 permanent 1 SN=x1 user_info="C:\\dir\\" ck=1\n')
    assert a.records == b.records
    from lictool.format import format_file

    assert lictool.parse(format_file(a)[1]).records == a.records


def test_degenerate_records_do_not_crash():
    for text in ["\\", "\\\n", " \\\n\\", "SERVER h ANY PORT=\u00b2\n", "VENDOR v PORT=\u0663\n"]:
        lf = lictool.parse(text)
        assert lictool.dumps(lf) == text
        assert lf.errors, text
