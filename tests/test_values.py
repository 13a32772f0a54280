"""Typed values: versions, expiry dates, counts, hostids."""

from __future__ import annotations

import datetime as dt

import pytest

from lictool import values
from lictool.hostids import classify, parse_hostids
from lictool.model import Version


def test_versions_compare_numerically():
    assert values.version("8.1") > values.version("7.6")
    assert values.version("10.0") > values.version("9.5")      # not a string comparison
    assert values.version("1.05").same_as(values.version("1.050"))
    assert values.version("1.05") != values.version("1.050")   # spelling is kept
    assert sorted([values.version(v) for v in ["8.1", "10", "7.6", "8.0"]]) == [
        Version("7.6"), Version("8.0"), Version("8.1"), Version("10")]
    assert values.version("7.6").major == 7 and values.version("8.5").major == 8


def test_date_based_versions():
    assert values.version("2024.0601").date == dt.date(2024, 6, 1)
    assert values.version("2020.111").date == dt.date(2020, 1, 11)  # day always two digits
    assert values.version("2020.1131").date is None                 # no 31 November
    assert values.version("8.1").date is None


@pytest.mark.parametrize("text,iso", [
    ("31-dec-2027", "2027-12-31"), ("31-DEC-2026", "2026-12-31"), ("4-Nov-2015", "2015-11-04"),
    ("1-jan-98", "1998-01-01"), ("15-mar-99", "1999-03-15"), ("1-jan-30", "2030-01-01"),
    ("01-JaN-2001", "2001-01-01"),
])
def test_expiry_dates(text, iso):
    e = values.expiry(text)
    assert e.iso == iso and not e.permanent and e.valid and e.text == text


@pytest.mark.parametrize("text", ["permanent", "PERMANENT", "1-jan-0", "1-jan-00", "1-jan-000",
                                  "01-jan-0000"])
def test_permanent_expiry(text):
    e = values.expiry(text)
    assert e.permanent and e.iso == "permanent" and e.date is None


@pytest.mark.parametrize("text", ["31-feb-2025", "31-foo-2024", "0-jan-2025", "32-dec-2025"])
def test_impossible_dates_are_read_but_invalid(text):
    e = values.expiry(text)
    assert not e.valid and e.iso is None and e.text == text


def test_counts():
    assert values.count("250").value == 250
    assert values.count("01").value == 1
    assert values.count("0").uncounted and values.count("uncounted").uncounted
    assert values.count("UNCOUNTED").value is None


@pytest.mark.parametrize("text,kind,value", [
    ("0019B9A0B0C0", "ETHER", "0019B9A0B0C0"), ("0a1b2c3d4e5f", "ETHER", "0a1b2c3d4e5f"),
    ("80B2C3D4", "HOSTID32", "80B2C3D4"), ("#2005771344", "DECIMAL", "#2005771344"),
    ("ANY", "ANY", "ANY"), ("any", "ANY", "any"), ("DEMO", "DEMO", "DEMO"),
    ("ID=1234-5678", "ID", "1234-5678"), ("HOSTNAME=cadws07", "HOSTNAME", "cadws07"),
    ("INTERNET=10.1.*.*", "INTERNET", "10.1.*.*"), ("USER=jdoe", "USER", "jdoe"),
    ("DISPLAY=cadws07:0", "DISPLAY", "cadws07:0"), ("COMPOSITE=5E2A9C04B7D1", "COMPOSITE", "5E2A9C04B7D1"),
    ("FLEXID=9-1a2b3c4d", "FLEXID", "9-1a2b3c4d"), ("DISK_SERIAL_NUM=3e2e17fd", "DISK_SERIAL_NUM", "3e2e17fd"),
    ("ID_STRING=hpia64-3f2a9c41", "ID_STRING", "hpia64-3f2a9c41"),
    ("VM_UUID=9B2E6F1C-3D48-4A7E-B5C2-71E0F4A8D613", "VM_UUID", "9B2E6F1C-3D48-4A7E-B5C2-71E0F4A8D613"),
    ("PTC_HOSTID=08-00-76-32-E4-22", "VENDOR_DEFINED", "PTC_HOSTID=08-00-76-32-E4-22"),
    ("00:0C:29:AB:CD:EF", "UNKNOWN", "00:0C:29:AB:CD:EF"),   # the linter explains why
    ("0019B9A0B0C", "UNKNOWN", "0019B9A0B0C"),
    ("192.168.1.10", "UNKNOWN", "192.168.1.10"),
])
def test_hostid_types(text, kind, value):
    h = classify(text)
    assert (h.type, h.value, h.text) == (kind, value, text)


def test_hostid_lists_and_normal_forms():
    hs = parse_hostids("0a1b2c3d4e5f INTERNET=10.1.*.*")
    assert [h.type for h in hs] == ["ETHER", "INTERNET"]
    assert classify("#2005771344").normalized == classify("778DA450").normalized
    assert classify("ID=1234-5678").normalized == classify("ID=12345678").normalized
    assert classify("0a1b2c3d4e5f").normalized == classify("0A1B2C3D4E5F").normalized


def test_version_ordering_is_numeric_for_every_operator():
    a, b = values.version("1.0"), values.version("1.00")
    assert a <= b and a >= b and not a < b and not a > b and a != b
    assert values.version("8.1") >= values.version("8.0") and values.version("7.6") <= values.version("8")
