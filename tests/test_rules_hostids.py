"""Hostid rules (L601 hostid-format, L602 invalid-mac, L603 virtual-mac), run directly on license
text: what they flag, where, with which severity, and what they leave alone."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest

import lictool
from lictool.lint.registry import module_name
from lictool.lint.rule import Context

SIG = 'SIGN="1C2D 3E4F 5A6B 7C8D 9E0F A1B2 C3D4 E5F6"'

MODULES = {
    "hostid_format": ("L601", "hostid-format", "error"),
    "invalid_mac": ("L602", "invalid-mac", "error"),
    "virtual_mac": ("L603", "virtual-mac", "warning"),
}

HEAD = ("# Genesys license server\n"
        "SERVER glic01 0019B9A0B0C0 7260\n"
        "VENDOR genesys.d /opt/genesys/flexlm/genesys.d PORT=7261\n")


def rule(module: str):
    return importlib.import_module(module_name(MODULES[module][0], module))


def run(module: str, text: str, settings=None, **options):
    mod = rule(module)
    ctx = Context(rule=mod.RULE, path="t.lic", today=dt.date(2026, 6, 1),
                  options={**mod.RULE.options, **options}, settings=settings or {})
    lf = lictool.parse(text)
    assert not lf.errors, lf.errors
    return list(mod.RULE.check(lf, ctx))


def where(f):
    return (f.line, f.column, f.end_line, f.end_column)


def server(hostid: str, host: str = "glic01") -> str:
    return (f"SERVER {host} {hostid} 7260\n"
            "VENDOR genesys.d /opt/genesys/flexlm/genesys.d PORT=7261\n"
            f"FEATURE tserver_sdn genesys.d 8.1 permanent 100 {SIG}\n")


def node_locked(hostid: str) -> str:
    """A node-locked viewer line whose HOSTID= is ``hostid`` (quoted when it holds a blank)."""
    value = f'"{hostid}"' if " " in hostid else hostid
    return f"FEATURE viewer acmed 1.0 permanent uncounted HOSTID={value} {SIG}\n"


def server_span(text: str, hostid: str):
    """(line, column, end_line, end_column) of the SERVER hostid field on line 1."""
    col = text.index(f" {hostid} ") + 2
    return (1, col, 1, col + len(hostid))


def attr_span(line_text: str, line: int = 1):
    """The span of the HOSTID=... attribute on a one-line record."""
    start = line_text.index("HOSTID=")
    end = line_text.index(" SIGN=")
    return (line, start + 1, line, end + 1)


# ------------------------------------------------------------------------------------------------
# Every rule module has the documented shape
# ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("module", sorted(MODULES))
def test_rule_metadata_and_doc(module):
    mod = rule(module)
    code, name, severity = MODULES[module]
    assert (mod.RULE.code, mod.RULE.name, mod.RULE.severity) == (code, name, severity)
    # the module's shape: tests/test_lint_engine.py, for every rule
    source = mod.DOC.split("## Source", 1)[1]
    assert "grammars/flexnet-format.md" in source and "grammars/genesys-domain.md" in source


def test_options():
    assert rule("hostid_format").RULE.options == {"extra-types": []}
    assert rule("invalid_mac").RULE.options == {}
    assert rule("virtual_mac").RULE.options == {}


def test_virtual_mac_doc_quotes_the_guide_section():
    source = rule("virtual_mac").DOC.split("## Source", 1)[1]
    assert '"Licenses for Virtual Platform Support"' in source


@pytest.mark.parametrize("module", sorted(MODULES))
def test_clean_files_give_nothing(module):
    clean = (HEAD + f"FEATURE tserver_sdn genesys.d 8.1 permanent 600 {SIG}\n"
             + node_locked("INTERNET=10.20.30.41 0024E8F0A1B2 #2005771344 ANY"))
    assert run(module, clean) == []
    assert run(module, "SERVER licsrv.example.com ANY 27000\nUSE_SERVER\n") == []


# ------------------------------------------------------------------------------------------------
# L601 hostid-format
# ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("hostid, plain, sep", [
    ("00:0C:29:AB:CD:EF", "000C29ABCDEF", "':'"),
    ("00-0C-29-AB-CD-EF", "000C29ABCDEF", "'-'"),
    ("8:0:20:0:5:ac", "0800200005ac", "':'"),
    ("00-00-12-42-41-BC", "0000124241BC", "'-'"),
])
def test_mac_with_separators_on_the_server_line(hostid, plain, sep):
    text = server(hostid)
    [f] = run("hostid_format", text)
    assert f.code == "L601" and f.rule == "hostid-format" and f.severity == "error"
    assert f"SERVER 'glic01' hostid '{hostid}'" in f.message
    assert "MAC address" in f.message and f"{sep} separators" in f.message
    assert "12 hex digits" in f.message
    assert f"write it as {plain}" in f.hint and "lmhostid" in f.hint
    assert where(f) == server_span(text, hostid)


@pytest.mark.parametrize("hostid", ["10.1.2.3", "10.1.*.*", "192.168.0.17"])
def test_ip_address_as_hostid(hostid):
    text = server(hostid)
    [f] = run("hostid_format", text)
    assert f"'{hostid}' is an IP address" in f.message
    assert "never the IP address" in f.message
    assert f"INTERNET={hostid}" in f.hint
    assert where(f) == server_span(text, hostid)


def test_ip_address_in_hostid_attribute_points_at_the_attribute():
    line = node_locked("10.1.2.3")
    [f] = run("hostid_format", line)
    assert f.message.startswith("FEATURE 'viewer' hostid '10.1.2.3' is an IP address")
    assert "INTERNET=10.1.2.3" in f.hint
    assert where(f) == attr_span(line)


@pytest.mark.parametrize("hostid, digits", [
    ("0019B9A0B0C", 11), ("0019B9A0B0C01", 13), ("0019B9A0B", 9), ("DEADBEEF0A", 10)])
def test_hex_hostid_of_the_wrong_length(hostid, digits):
    [f] = run("hostid_format", server(hostid))
    assert f"'{hostid}' has {digits} hex digits" in f.message
    assert "an Ethernet hostid has 12 and a 32-bit hostid at most 8" in f.message


@pytest.mark.parametrize("hostid", ["abc", "123", "7", "0", "80b2c3d4", "2005", "1234567"])
def test_short_hex_hostids_are_32_bit_hostids(hostid):
    # 1 to 8 hex digits: a 32-bit hostid (all-digit ones too: they are hex, not decimal)
    assert lictool.parse(node_locked(hostid)).records[0].hostids[0].type == "HOSTID32"
    assert run("hostid_format", node_locked(hostid)) == []
    assert run("hostid_format", server(hostid)) == []


def test_twelve_characters_with_a_non_hex_character():
    [f] = run("hostid_format", server("0019B9A0B0CG"))
    assert "'0019B9A0B0CG'" in f.message and "'G' is not a hex digit" in f.message
    [f] = run("hostid_format", server("00I9B9A0BOC0"))
    assert "'I' and 'O' are not hex digits" in f.message


def test_bare_decimal_needs_a_hash():
    # 9 or 10 decimal digits: too many for a 32-bit hex hostid, the decimal form without its '#'
    [f] = run("hostid_format", server("2005771344"))
    assert "'2005771344' is a bare decimal number (10 digits, too many for a 32-bit hex " \
           "hostid)" in f.message
    assert "leading '#'" in f.message
    assert "#2005771344" in f.hint


@pytest.mark.parametrize("hostid, says", [
    ("INTERNET=10.1.2", "has 3 dot-separated parts, not 4"),
    ("INTERNET=10.1.2.256", "octet '256' is out of range"),
    ("INTERNET=10.1.a.*", "part 'a' is not a number"),
    ("INTERNET=10.1.2.3.4", "has 5 dot-separated parts"),
    ("DISK_SERIAL_NUM=1A2B3C", "8 hex digits"),
    ("DISK_SERIAL_NUM=1A2B3C4G", "8 hex digits"),
    ("COMPOSITE=0123456789A", "12 hex digits"),
    ("COMPOSITE=0123456789AZ", "12 hex digits"),
    ("VM_UUID=4213ab3c-1234-5678-9abc", "8-4-4-4-12"),
    ("VM_UUID=4213ab3c12345678", "8-4-4-4-12"),
    ("ID=12AB-34", "digits, optionally with dashes"),
    ("ID=--", "digits, optionally with dashes"),
    ("FLEXID=5-1A2B3C4D", "6, 7, 8, 9, A or FILE"),
    ("FLEXID=9", "<type>-<hex digits>"),
    ("FLEXID=9-XYZ", "<type>-<hex digits>"),
])
def test_malformed_typed_hostids(hostid, says):
    line = node_locked(hostid)
    [f] = run("hostid_format", line)
    assert f"hostid '{hostid}' is not a valid {hostid.split('=')[0]}= hostid" in f.message
    assert says in f.message
    assert where(f) == attr_span(line)


def test_disk_serial_with_the_windows_dash_gets_the_plain_form():
    [f] = run("hostid_format", node_locked("DISK_SERIAL_NUM=1A2B-3C4D"))
    assert "DISK_SERIAL_NUM=1A2B3C4D" in f.hint


@pytest.mark.parametrize("hostid", ["HOSTNAME=", "USER=", "DISPLAY=", "INTERNET=", "ID=",
                                    "ID_STRING=", "COMPOSITE=", "VM_UUID=", "PTC_HOSTID=",
                                    "AMZN_EIP=", "TPM_ID1=", "ACME_ID="])
def test_empty_value_after_the_equals_sign(hostid):
    [f] = run("hostid_format", node_locked(hostid))
    assert f"hostid '{hostid}' has nothing after '{hostid}'" in f.message


@pytest.mark.parametrize("hostid", ["lic-host", "0x0019B9A0B0C0", "=abc", "ANYHOST",
                                    "1X=2", "ACME-ID=4711"])
def test_other_unknown_hostids(hostid):
    [f] = run("hostid_format", node_locked(hostid))
    assert f"hostid '{hostid}' is not a recognised hostid form" in f.message
    assert f.severity == "error" and f.hint


@pytest.mark.parametrize("hostid", ["YOUR_HOSTID", "<hostid>", "XXXXXXXXXXXX", "hostid",
                                    "HOSTID", "<YOUR_HOST_ID>", "xx:xx:xx:xx:xx:xx", "[hostid]",
                                    "MY_HOST_ID"])
def test_placeholders_are_errors(hostid):
    [f] = run("hostid_format", node_locked(hostid))
    assert f"hostid '{hostid}' is a placeholder, not a hostid" in f.message
    assert f.severity == "error" and "lmhostid" in f.hint
    [f] = run("hostid_format", server(hostid))
    assert "is a placeholder" in f.message and f.severity == "error"


def test_a_vendor_defined_type_is_info_with_its_own_wording():
    line = node_locked("ACME_ID=4711-0815")
    [f] = run("hostid_format", line)
    assert (f.code, f.severity) == ("L601", "info")
    assert f.message == ("FEATURE 'viewer' hostid 'ACME_ID=4711-0815' is a vendor-defined hostid "
                         "type (ACME_ID=), or one lictool does not know: lictool cannot check it")
    assert 'list "ACME_ID"' in f.hint and "extra-types" in f.hint
    assert where(f) == attr_span(line)
    [f] = run("hostid_format", node_locked("FOO=bar"))
    assert f.severity == "info" and "(FOO=)" in f.message


def test_a_vendor_defined_type_close_to_a_known_one_names_it():
    [f] = run("hostid_format", node_locked("HOSTNAM=cadws07"))
    assert f.severity == "info" and "if you meant HOSTNAME=" in f.hint
    [f] = run("hostid_format", node_locked("ACME_ID=1"))
    assert "meant" not in f.hint


def test_hostid_written_twice():
    [f] = run("hostid_format", node_locked("HOSTID=0024E8F0A1B2"))
    assert "hostid 'HOSTID=0024E8F0A1B2' repeats 'HOSTID='" in f.message
    assert f.severity == "error" and f.hint == "write HOSTID=0024E8F0A1B2"


def test_extra_types_accepts_a_vendor_hostid_type():
    line = node_locked("ACME_ID=4711-0815")
    assert run("hostid_format", line, **{"extra-types": ["ACME_ID"]}) == []
    assert run("hostid_format", line, **{"extra-types": ["acme_id"]}) == []
    assert run("hostid_format", line, **{"extra-types": ["ACME_ID="]}) == []
    assert run("hostid_format", line.replace("ACME_ID=", "acme_id="),
               **{"extra-types": ["ACME_ID"]}) == []
    [f] = run("hostid_format", node_locked("ACME_ID="), **{"extra-types": ["ACME_ID"]})
    assert "has nothing after 'ACME_ID='" in f.message and f.severity == "error"
    # another vendor's type is still one lictool cannot check
    [f] = run("hostid_format", node_locked("OTHER_ID=1"), **{"extra-types": ["ACME_ID"]})
    assert "vendor-defined hostid type (OTHER_ID=)" in f.message and f.severity == "info"


VALID = [
    "0019B9A0B0C0", "0019b9a0b0c0", "000C29ABCDEF", "778DA450", "778da450", "#2005771344",
    "ANY", "any", "DEMO", "ID=1234-5678", "ID=12345678", "HOSTNAME=lic01.example.com",
    "hostname=lic01", "USER=jdoe", "DISPLAY=ws12:0", "DISPLAY=/dev/tty", "INTERNET=10.1.2.3",
    "INTERNET=195.186.*.*", "internet=0.0.0.255", "INTERNET=*.*.*.*", "ID_STRING=ab12-cd34",
    "PTC_HOSTID=08-00-76-32-E4-22", "X_HOSTID=abc", "COMPOSITE=0123456789AB",
    "FLEXID=9-1A2B3C4D", "FLEXID=7-b28520f4", "FLEXID=A-0A1B2C3D", "FLEXID=FILE-0A1B2C3D",
    "flexid=file-0a1b", "DISK_SERIAL_NUM=1A2B3C4D", "VM_UUID=4213AB3C-1234-5678-9ABC-DEF012345678",
    "INTERNET6=fe80::1", "CONTAINER_ID=3f4e5d6c7b8a", "SENTINEL_KEY=1234",
    # cloud and TPM hostids (LAG hostid table), vendor-defined types named as hostids, short hex
    "AMZN_EIP=54.240.12.7", "AMZN_AMI=ami-0a1b2c3d", "AMZN_IID=i-0af01c0123456789a",
    "TPM_ID1=AB12C-D34EF-56GH7-J89KL", "amzn_iid=i-0123", "EXAMPLE_HOSTID2=VENDORID2",
    "abc", "123", "80b2c3d4",
]


@pytest.mark.parametrize("hostid", VALID)
def test_valid_forms_pass_in_hostid(hostid):
    assert run("hostid_format", node_locked(hostid)) == []


@pytest.mark.parametrize("hostid", ["0019B9A0B0C0", "778DA450", "#2005771344", "ANY",
                                    "HOSTNAME=lic01", "INTERNET=10.1.2.3", "ID=1234-5678"])
def test_valid_forms_pass_on_the_server_line(hostid):
    assert run("hostid_format", server(hostid)) == []


def test_valid_list_passes():
    assert run("hostid_format", node_locked(" ".join(VALID))) == []


def test_a_list_gives_one_finding_per_bad_hostid():
    line = node_locked("0019B9A0B0C0 00:19:B9:A0:B0:C1 ANY 10.1.2.3 INTERNET=10.1.*.*")
    found = run("hostid_format", line)
    assert [f.message.split("'")[3] for f in found] == ["00:19:B9:A0:B0:C1", "10.1.2.3"]
    assert {where(f) for f in found} == {attr_span(line)}
    assert "0019B9A0B0C1" in found[0].hint and "INTERNET=10.1.2.3" in found[1].hint


def test_v2_positional_hostid_points_at_the_hostid():
    text = ('FEATURE legacy acmed 1.00 1-jan-0 0 0123456789ABCDEF0123 "cust 42" '
            "00-0c-29-ab-cd-ef\n")
    assert lictool.parse(text).records[0].hostid_v2 == "00-0c-29-ab-cd-ef"
    [f] = run("hostid_format", text)
    assert f.message.startswith("FEATURE 'legacy' hostid '00-0c-29-ab-cd-ef' is a MAC address")
    col = text.index("00-0c") + 1
    assert where(f) == (1, col, 1, col + len("00-0c-29-ab-cd-ef"))
    assert "000c29abcdef" in f.hint
    good = text.replace("00-0c-29-ab-cd-ef", "000c29abcdef")
    assert run("hostid_format", good) == []


def test_v2_hostid_on_a_continued_line():
    text = ('FEATURE legacy acmed 1.00 1-jan-0 0 0123456789ABCDEF0123 \\\n'
            '  "cust 42" 10.1.2.3\n')
    [f] = run("hostid_format", text)
    assert where(f) == (2, 13, 2, 21)


def test_hostid_attribute_on_a_continuation_line():
    text = (HEAD + "FEATURE viewer acmed 1.0 permanent uncounted \\\n"
            f"\tHOSTID=8:0:20:0:5:ac {SIG}\n")
    [f] = run("hostid_format", text)
    assert where(f) == (5, 2, 5, 22)


def test_server_and_hostid_attribute_are_both_checked():
    text = ("SERVER glic01 10.1.2.3 7260\n"
            "VENDOR genesys.d\n"
            + node_locked("10.1.2.4"))
    first, second = run("hostid_format", text)
    assert first.message.startswith("SERVER 'glic01' hostid '10.1.2.3'")
    assert where(first) == (1, 15, 1, 23)
    assert second.message.startswith("FEATURE 'viewer' hostid '10.1.2.4'")
    assert where(second) == attr_span(node_locked("10.1.2.4"), line=3)


def test_increment_upgrade_and_package_lines_are_checked():
    text = (HEAD
            + f"INCREMENT viewer acmed 1.0 permanent uncounted HOSTID=10.1.2.3 {SIG}\n"
            + f"UPGRADE viewer acmed 1.0 2.0 permanent uncounted HOSTID=10.1.2.4 {SIG}\n"
            + f'PACKAGE suite acmed 1.0 COMPONENTS="viewer" HOSTID=10.1.2.5 {SIG}\n')
    found = run("hostid_format", text)
    assert [f.line for f in found] == [4, 5, 6]
    assert [f.message.split(" hostid")[0] for f in found] == [
        "INCREMENT 'viewer'", "UPGRADE 'viewer'", "PACKAGE 'suite'"]


def test_a_server_hostid_list_is_checked_item_by_item():
    text = 'SERVER glic01 "0019B9A0B0C0 10.1.2.3" 7260\n'
    [f] = run("hostid_format", text)
    assert "'10.1.2.3' is an IP address" in f.message
    start = text.index('"') + 1
    assert where(f) == (1, start, 1, start + len('"0019B9A0B0C0 10.1.2.3"'))


# ------------------------------------------------------------------------------------------------
# L602 invalid-mac
# ------------------------------------------------------------------------------------------------

def test_all_zeros_means_no_network_card():
    text = server("000000000000")
    [f] = run("invalid_mac", text)
    assert f.code == "L602" and f.severity == "error"
    assert f.message.startswith("SERVER 'glic01' hostid '000000000000' is all zeros")
    assert "lmhostid found no network card" in f.message
    assert where(f) == server_span(text, "000000000000")


@pytest.mark.parametrize("mac", ["FFFFFFFFFFFF", "ffffffffffff", "FfFfFfFfFfFf"])
def test_broadcast(mac):
    [f] = run("invalid_mac", server(mac))
    assert f"'{mac}' is the broadcast address" in f.message
    assert "multicast" not in f.message


@pytest.mark.parametrize("mac", ["01005E0000FB", "0100d4a0b0c0", "333300000001", "FF0019B9A0B0",
                                 "0b1234567890", "03AABBCCDDEE"])
def test_multicast(mac):
    line = node_locked(mac)
    [f] = run("invalid_mac", line)
    assert f"hostid '{mac}' is a multicast address" in f.message
    assert f"first octet {mac[:2].upper()} is odd" in f.message
    assert where(f) == attr_span(line)


@pytest.mark.parametrize("mac", ["0019B9A0B0C0", "0a1b2c3d4e5f", "000C29ABCDEF", "525400123456",
                                 "FEFFFFFFFFFF", "020000000000"])
def test_unicast_addresses_pass(mac):
    assert run("invalid_mac", server(mac)) == []


@pytest.mark.parametrize("hostid", ["00:00:00:00:00:00", "FF-FF-FF-FF-FF-FF", "FFFFFFFF",
                                    "00000000", "#0", "ANY", "COMPOSITE=FFFFFFFFFFFF"])
def test_only_ethernet_hostids_are_checked(hostid):
    assert run("invalid_mac", node_locked(hostid)) == []


def test_invalid_mac_in_lists_and_v2_lines():
    line = node_locked("0019B9A0B0C0 000000000000 01005E0000FB ANY")
    found = run("invalid_mac", line)
    assert len(found) == 2
    assert "all zeros" in found[0].message and "multicast" in found[1].message
    text = 'FEATURE legacy acmed 1.00 1-jan-0 0 0123456789ABCDEF0123 "" ffffffffffff\n'
    [f] = run("invalid_mac", text)
    assert "broadcast" in f.message
    col = text.index("ffff") + 1
    assert where(f) == (1, col, 1, col + 12)


# ------------------------------------------------------------------------------------------------
# L603 virtual-mac
# ------------------------------------------------------------------------------------------------

GUIDE_SECTION = "Licenses for Virtual Platform Support"


def test_vmware_generated_mac_on_the_server_line():
    text = server("000C29A41B7E")
    [f] = run("virtual_mac", text)
    assert f.code == "L603" and f.severity == "warning"
    assert f.message.startswith("SERVER 'glic01' hostid '000C29A41B7E' is a VMware")
    assert "moved, copied or re-created" in f.message
    assert "static MAC" in f.hint and "00:50:56:00:00:00-00:50:56:3F:FF:FF" in f.hint
    assert "another hostid type" in f.hint and GUIDE_SECTION in f.message
    assert where(f) == server_span(text, "000C29A41B7E")


@pytest.mark.parametrize("mac, platform", [
    ("00155D010203", "Microsoft Hyper-V"),
    ("00163E5A6B7C", "Xen"),
    ("0800275A6B7C", "Oracle VirtualBox"),
    ("0A00275A6B7C", "Oracle VirtualBox (host-only adapter)"),
    ("001C425A6B7C", "Parallels"),
    ("0005695A6B7C", "VMware"),
    ("001C145A6B7C", "VMware"),
])
def test_platforms_are_named(mac, platform):
    line = node_locked(mac)
    [f] = run("virtual_mac", line)
    assert f.severity == "warning"
    article = "an" if platform[0] in "AEIOU" else "a"
    assert f"hostid '{mac}' is {article} {platform} virtual network card's MAC address" in f.message
    assert "moved, copied or re-created" in f.message
    assert GUIDE_SECTION in f.message
    assert where(f) == attr_span(line)


def test_other_platforms_get_no_vmware_range_in_the_hint():
    [f] = run("virtual_mac", server("00155D010203"))
    assert "00:50:56" not in f.hint and "static MAC" in f.hint


@pytest.mark.parametrize("mac", ["005056000000", "005056000001", "0050561F2A3B", "0050563FFFFF",
                                 "0050563fffff", "005056000abc"])
def test_vmware_manual_range_is_static_info(mac):
    [f] = run("virtual_mac", server(mac))
    assert f.severity == "info"
    assert f"'{mac}' is a VMware MAC address from the static range" in f.message
    assert "00:50:56:00:00:00-00:50:56:3F:FF:FF" in f.message
    assert "OK as long as it stays set" in f.message


@pytest.mark.parametrize("mac", ["005056400000", "005056400001", "005056A42159", "005056b868be",
                                 "005056FFFFFF"])
def test_vmware_outside_the_manual_range_is_a_warning(mac):
    [f] = run("virtual_mac", server(mac))
    assert f.severity == "warning"
    assert "VMware virtual network card" in f.message and "static range" not in f.message


def test_kvm_is_reported_once_as_the_platform():
    [f] = run("virtual_mac", server("525400123456"))
    assert f.severity == "warning"
    assert "KVM" in f.message and "software-assigned" not in f.message


@pytest.mark.parametrize("mac", ["0A1B2C3D4E5F", "0a1b2c3d4e5f", "02AB00112233", "06F1E2D3C4B5",
                                 "FE0011223344", "5E0011223344"])
def test_locally_administered_mac_is_software_assigned_info(mac):
    line = node_locked(mac)
    [f] = run("virtual_mac", line)
    assert f.severity == "info"
    assert f"hostid '{mac}' is a locally administered MAC address" in f.message
    assert "software-assigned" in f.message
    assert where(f) == attr_span(line)


@pytest.mark.parametrize("hostid", [
    "0019B9A0B0C0", "3C4A92D1E5F0", "0024E8F0A1B2",             # burned-in addresses
    "000000000000", "FFFFFFFFFFFF", "01005E0000FB", "0B0027000000", "535400123456",  # invalid
    "00:0C:29:AB:CD:EF", "000C29AB", "ANY", "HOSTNAME=vm01", "COMPOSITE=000C29ABCDEF",
])
def test_not_reported(hostid):
    assert run("virtual_mac", node_locked(hostid)) == []


def test_case_insensitive_prefixes():
    upper, = run("virtual_mac", server("000C29A41B7E"))
    lower, = run("virtual_mac", server("000c29a41b7e"))
    assert (upper.severity, lower.severity) == ("warning", "warning")
    assert "VMware" in lower.message


def test_virtual_mac_in_lists_and_v2_lines():
    line = node_locked("0019B9A0B0C0 000C29A41B7E 005056000001 0A1B2C3D4E5F")
    found = run("virtual_mac", line)
    assert [f.severity for f in found] == ["warning", "info", "info"]
    assert [f.message.split("'")[3] for f in found] == [
        "000C29A41B7E", "005056000001", "0A1B2C3D4E5F"]
    text = 'FEATURE legacy acmed 1.00 1-jan-0 0 0123456789ABCDEF0123 "cust 42" 00155d010203\n'
    [f] = run("virtual_mac", text)
    assert "Microsoft Hyper-V" in f.message
    col = text.index("00155d") + 1
    assert where(f) == (1, col, 1, col + 12)


def test_user_catalogue_adds_a_prefix(tmp_path):
    path = tmp_path / "cloud-macs.toml"
    path.write_text('[[prefix]]\nprefix = "02AB00"\nplatform = "Acme Cloud"\n', encoding="utf-8")
    text = server("02AB00112233")
    [before] = run("virtual_mac", text)
    assert before.severity == "info" and "software-assigned" in before.message
    [after] = run("virtual_mac", text, settings={"catalogs": (str(path),)})
    assert after.severity == "warning"
    assert "is an Acme Cloud virtual network card's MAC address (prefix 02:AB:00)" in after.message
    assert "software-assigned" not in after.message
    # a built-in prefix is still known with the user catalogue
    [vmware] = run("virtual_mac", server("000C29A41B7E"), settings={"catalogs": (str(path),)})
    assert "VMware" in vmware.message


def test_user_catalogue_static_range(tmp_path):
    path = tmp_path / "static.toml"
    path.write_text('[[prefix]]\nprefix = "001DD8B7"\nprefix-end = "001DD8F4"\n'
                    'platform = "Microsoft Hyper-V (SCVMM pool)"\nstatic = true\n',
                    encoding="utf-8")
    settings = {"catalogs": (str(path),)}
    [f] = run("virtual_mac", server("001DD8C01234"), settings=settings)
    assert f.severity == "info" and "static" in f.message
    assert "00:1D:D8:B7:00:00-00:1D:D8:F4:FF:FF" in f.message
    assert run("virtual_mac", server("001DD8F51234"), settings=settings) == []
