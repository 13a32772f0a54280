"""L601 hostid-format."""

from __future__ import annotations

import difflib
import ipaddress
import re
from functools import lru_cache
from typing import Iterable, Iterator, NamedTuple, Optional, Tuple

from ....syntax.vocabulary import spec
from ....model import HostId, LicenseFile
from ....tomlfile import Strings
from ....words import and_list, plural
from ...hostid_sites import LMHOSTID, sites
from ...rule import Context, Finding, Rule

DOC = """\
## What it checks
Every hostid written in the file: the hostid of each SERVER line, each hostid of a `HOSTID=`
attribute on FEATURE, INCREMENT, UPGRADE and PACKAGE lines (a quoted list `"h1 h2"` gives one
finding per bad hostid), and the positional hostid at the end of an old v2-style line. It flags,
as errors, a hostid FlexNet will never match:

* a MAC address written with separators (`00:0C:29:AB:CD:EF`, `00-0C-29-AB-CD-EF`,
  `8:0:20:0:5:ac`, `000c.29ab.cdef`); the hint gives the 12-hex-digit form (`0800200005ac`);
* an IP address used as a hostid (`10.1.2.3`, `10.1.*.*`); the hint gives `INTERNET=10.1.2.3`
  (an IPv6 address: `INTERNET6=`);
* a placeholder left in a template: `YOUR_HOSTID`, `<hostid>`, `XXXXXXXXXXXX`, `hostid`;
* `HOSTID=` written twice (`HOSTID=HOSTID=0024E8F0A1B2`);
* a hex number of the wrong length: 9 to 11, or more than 12, hex digits (an Ethernet hostid has
  12 hex digits, a 32-bit hostid at most 8), or 8 or 12 characters of which one or two are not
  hex digits (`0019B9A0B0CG`); 9 or 10 decimal digits are a decimal hostid without its `#`
  (`#2005771344`);
* a malformed typed hostid: `INTERNET=` that is not four dot-separated octets, each 0-255 or
  `*`; `DISK_SERIAL_NUM=` that is not 8 hex digits; `COMPOSITE=` that is not 12 hex digits;
  `VM_UUID=` that is not a UUID (8-4-4-4-12 hex digits); `ID=` that is not digits and dashes;
  `FLEXID=` that is not `<type>-<hex digits>` with a type of 6, 7, 8, 9, A or FILE; any
  `TYPE=` with nothing after the `=`;
* anything else that is not a hostid form (`lic-host`, `=abc`, `0x0019B9A0B0C0`).

Valid forms pass: 12 hex digits, 1 to 8 hex digits (a 32-bit hostid: `80b2c3d4`, and short ones
such as `abc` or `123`, which are hex, not decimal), `#decimal`, `ANY`, `DEMO`, `ID=`,
`HOSTNAME=`, `USER=`, `DISPLAY=`, `INTERNET=`, `INTERNET6=`, `ID_STRING=`, `COMPOSITE=`,
`FLEXID=`, `DISK_SERIAL_NUM=`, `VM_UUID=`, the cloud and TPM hostids (`AMZN_EIP=`, `AMZN_AMI=`,
`AMZN_IID=`, `TPM_ID1=`), the other types of the grammar's `[hostids]` table, and vendor-defined
types whose name says they are one (`PTC_HOSTID=...`, `EXAMPLE_HOSTID2=...`).

Any other `NAME=value` whose NAME is an identifier (letters, digits, underscores) is a
publisher's own hostid type, or a misspelt known one: lictool cannot check it, so it is
reported as `info`, never as an error (the hint names a known type it resembles, if any). The
`extra-types` option lists your vendors' types, which are then accepted silently:
`extra-types = ["ACME_ID"]` accepts `ACME_ID=...` (names compared without regard to case).

In the text report, the same hostid reported by this rule on many lines is shown on its first
3 lines and summed up in one line after them ("... and 597 more lines with the same hostid");
the JSON, SARIF and GitHub reports keep one finding per line.

## Why it matters
The license server and the client library compare the hostid in the file with the hostids of the
machine they run on, written the way `lmhostid` prints them. A hostid in another spelling matches
no machine: the server refuses to start ("wrong hostid on SERVER line") or the node-locked
feature cannot be checked out. Genesys says it plainly: an Ethernet hostid is 12 hex digits with
no separators, the hostid is never the IP address, and `lmhostid` prints the exact value FlexNet
expects. The hostid is covered by the signature, so a wrong one must be fixed by having the
license reissued, not by editing the file. A hostid type lictool does not know is not wrong:
publishers define their own, and FlexNet adds new ones (cloud, TPM).

## Source
`grammars/flexnet-format.md` section 4.1 (Ethernet: "12 hex digits, no separators", `8:0:20:0:5:ac` ->
`0800200005ac`; 32-bit hostids: 8 hex digits, `#` marks a decimal number; `DISK_SERIAL_NUM=` 8
hex; EUG-11 p101) and 4.2 (special hostids: `ID=` with dashes ignored, `INTERNET=` with `*`
wildcards per octet, `COMPOSITE=` a 12-hex hash, `FLEXID=` with the 6-, 7-, 8-, 9-, A- and FILE-
prefixes, `VM_UUID=`, vendor-defined `VENDOR_PREFIX=value`; EUG-10 p103, LAG 2022r3
`Special_Hostids`). `grammars/flexnet-format.md` section 9, "Hostid types": the LAG hostid table includes
cloud and TPM ids (`AMZN_EIP=`, `AMZN_AMI=`, `AMZN_IID=`, `TPM_ID1=`); publishers define their own
types with any name (`EXAMPLE_HOSTID2=VENDORID2` in SDK examples); "32-bit hostids are hex and
may be short (`abc`)". EUG-11 p101 (Appendix A): "FLEXnet Licensing also supports a group of
special hostids and vendor-defined hostids". `grammars/genesys-domain.md` section 1, "Hostid format,
Genesys-specific" (https://docs.genesys.com/Documentation/System/8.5.x/GenLic/DeterminingHostIDs):
"An Ethernet hostid is all 12 hex digits with no separators", "The hostid is never the IP
address", "`lmhostid` prints the exact value Flex expects", "A decimal 32-bit hostid is written
with a leading `#`". The hostid types are the `[hostids]` table of `grammars/flexnet.toml`.
"""

# ------------------------------------------------------------------------------------------------
# What is wrong with one hostid
# ------------------------------------------------------------------------------------------------

_HEX = re.compile(r"[0-9A-Fa-f]+")
_ALNUM = re.compile(r"[0-9A-Za-z]+")
_MAC_SEPARATED = re.compile(r"[0-9A-Fa-f]{1,2}(?:[:-][0-9A-Fa-f]{1,2}){5}")
_MAC_DOTTED = re.compile(r"[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}")
_IPV4_LIKE = re.compile(r"(?:[0-9]{1,3}|\*)(?:\.(?:[0-9]{1,3}|\*)){3}")
_UUID = re.compile(r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}")
_ID = re.compile(r"[0-9-]*[0-9][0-9-]*")
_FLEXID = re.compile(r"(?i:[6789A]|FILE)-[0-9A-Fa-f]+")
# a placeholder left in a template: <hostid>, [HOSTID], XXXXXXXXXXXX, YOUR_HOSTID, hostid
_PLACEHOLDER = re.compile(r"<.*>|\[.*\]|\{.*\}|(?i:x{2,}(?:[:.-]?x{2,})*)"
                          r"|(?i:(?:[a-z]+[_-])*host[_-]?id(?:[_-][a-z]+)*)")
_MAX32 = 0xFFFFFFFF

FORMS = ("a hostid is 12 hex digits (an Ethernet address), up to 8 hex digits (a 32-bit hostid), "
         "#decimal, ANY, DEMO, or TYPE=value (HOSTNAME=, INTERNET=, ID=, USER=, DISPLAY=, ...)")


class Problem(NamedTuple):
    """What is wrong with a hostid, the hint, and the severity when milder than the rule's."""

    what: str
    hint: str
    severity: Optional[str] = None


#: the typed hostids whose value has one form: TYPE -> (the form, what is wrong, the hint)
_FORMS = {
    "COMPOSITE": (re.compile(r"[0-9A-Fa-f]{12}"),
                  "is not a valid COMPOSITE= hostid: a composite hostid is 12 hex digits",
                  "copy it exactly as the publisher's hostid utility prints it (lmhostid does not "
                  "show composite hostids)"),
    "VM_UUID": (_UUID,
                "is not a valid VM_UUID= hostid: a UUID is 32 hex digits in groups of "
                "8-4-4-4-12 separated by dashes",
                f"copy the virtual machine's UUID as lmhostid prints it ({LMHOSTID})"),
    "ID": (_ID,
           "is not a valid ID= hostid: an ID= hostid is digits, optionally with dashes "
           "(ID=1234-5678)",
           "copy the customer id from the publisher's license"),
    "FLEXID": (_FLEXID,
               "is not a valid FLEXID= hostid: it is <type>-<hex digits>, with a dongle type of "
               "6, 7, 8, 9, A or FILE (FLEXID=9-1A2B3C4D)",
               f"run lmhostid -flexid with the dongle attached ({LMHOSTID})"),
}


def _ipv4_problem(value: str) -> Optional[str]:
    """None when ``value`` is four dot-separated octets (0-255 or ``*``), else what is wrong."""
    parts = value.split(".")
    if len(parts) != 4:
        return f"has {plural(len(parts), 'dot-separated part')}, not 4"
    for p in parts:
        if p == "*":
            continue
        if not p.isdigit() or not p.isascii() or len(p) > 3:
            return f"part {p!r} is not a number 0-255 or '*'"
        if int(p) > 255:
            return f"octet {p!r} is out of range (0-255)"
    return None


def _empty(prefix: str) -> Problem:
    """A ``TYPE=`` with nothing after the ``=``."""
    return Problem(f"has nothing after {prefix!r}",
                   f"give the {prefix[:-1]} value after the '=' ({LMHOSTID}), or remove it")


def _typed_problem(h: HostId) -> Optional[Problem]:
    """What is wrong with a hostid of a known TYPE=value type, or None."""
    t, v = h.type, h.value
    prefix = h.text[:len(h.text) - len(v)]
    if v == "":
        return _empty(prefix)
    if t == "INTERNET":
        why = _ipv4_problem(v)
        if why:
            return Problem(f"is not a valid INTERNET= hostid: {why} (INTERNET= takes an IPv4 "
                           "address, four numbers 0-255 or '*' separated by dots, e.g. "
                           "INTERNET=10.1.*.*)",
                           "write the address of the host, or a pattern with '*' for whole "
                           "octets")
    elif t == "DISK_SERIAL_NUM":
        if not (_HEX.fullmatch(v) and len(v) == 8):
            plain = v.replace("-", "")
            fix = (f"write it as {prefix}{plain} (without the dash Windows prints)"
                   if _HEX.fullmatch(plain) and len(plain) == 8 else
                   "copy the volume serial number of the boot drive as lmhostid prints it")
            return Problem("is not a valid DISK_SERIAL_NUM= hostid: the volume serial number is "
                           "8 hex digits", fix)
    else:
        form = _FORMS.get(t)
        if form is not None and not form[0].fullmatch(v):
            return Problem(form[1], form[2])
    return None


def _extra_types(ctx: Context) -> frozenset:
    raw = ctx.options.get("extra-types", ()) or ()
    if isinstance(raw, str):
        raw = (raw,)
    return frozenset(str(x).strip().rstrip("=").upper() for x in raw)


@lru_cache(maxsize=1)
def _known_prefixes() -> Tuple[str, ...]:
    """The TYPE= prefixes of the grammar's ``[hostids]`` table (``HOSTNAME=``, ...)."""
    return tuple(t.prefix.upper() for t in spec().hostid_types if t.prefix)


@lru_cache(maxsize=1)
def _vendor_form() -> "re.Pattern[str]":
    """The grammar's form of a vendor-defined hostid (``NAME=value``)."""
    vendor = spec().hostid_type("VENDOR_DEFINED")
    return re.compile(vendor.pattern if vendor is not None and vendor.pattern else r"(?!)")


def _vendor_problem(text: str, extra: Iterable[str]) -> Optional[Problem]:
    """A ``NAME=value`` of a type the grammar does not know: a publisher's own type, or a
    misspelt known one. None when its name says it is a hostid type (``PTC_HOSTID=``) or it is
    in ``extra-types``; else info (lictool cannot check it)."""
    name = text.split("=", 1)[0]
    if name.upper() == "HOSTID":
        return Problem("repeats 'HOSTID=': the hostid is what follows it",
                       f"write HOSTID={text.split('=', 1)[1]}")
    if name.upper() in extra or "HOSTID" in name.upper():
        return None
    close = difflib.get_close_matches(name.upper() + "=", _known_prefixes(), n=1, cutoff=0.8)
    maybe = f"if you meant {close[0]}, the license must be reissued; " if close else ""
    return Problem(f"is a vendor-defined hostid type ({name}=), or one lictool does not know: "
                   "lictool cannot check it",
                   f"{maybe}to accept {name.upper()}= silently, list \"{name.upper()}\" in this "
                   "rule's extra-types option", "info")


def _unknown_problem(text: str) -> Problem:
    """What is wrong with a hostid the grammar does not recognise."""
    if _MAC_SEPARATED.fullmatch(text) or _MAC_DOTTED.fullmatch(text):
        groups = re.split(r"[:.-]", text)
        width = 4 if len(groups) == 3 else 2
        plain = "".join(g.zfill(width) for g in groups)
        seps = sorted(set(re.findall(r"[:.-]", text)))
        shown = and_list(repr(s) for s in seps)
        return Problem(f"is a MAC address written with {shown} separators: an Ethernet"
                       " hostid is 12 hex digits with no separators",
                       f"write it as {plain} ({LMHOSTID})")
    if _IPV4_LIKE.fullmatch(text):
        why = _ipv4_problem(text)
        extra_why = f" ({why})" if why else ""
        return Problem(f"is an IP address{extra_why}: the hostid is never the IP address; an "
                       "address is written as INTERNET=a.b.c.d",
                       f"write INTERNET={text} to lock to the IP address, or use the Ethernet "
                       f"address of the host ({LMHOSTID})")
    if ":" in text:
        try:
            ipaddress.IPv6Address(text)
        except ValueError:
            pass
        else:
            return Problem("is an IPv6 address: the hostid is never the IP address; an IPv6 "
                           "address is written as INTERNET6=...",
                           f"write INTERNET6={text}, or use the Ethernet address of the host "
                           f"({LMHOSTID})")
    if _PLACEHOLDER.fullmatch(text):
        return Problem("is a placeholder, not a hostid: the license was made from a template "
                       "without the license host's hostid",
                       "the hostid is signed: have the license issued for the hostid lmhostid "
                       "prints on the license host")
    if text.isdigit() and text.isascii() and int(text) <= _MAX32:
        # 1 to 8 digits are a 32-bit hex hostid (HOSTID32); 9 or 10 are too many for one
        return Problem(f"is a bare decimal number ({len(text)} digits, too many for a 32-bit "
                       "hex hostid): a decimal hostid needs a leading '#'",
                       f"write it as #{text} if it is the decimal form of a 32-bit hostid "
                       f"({LMHOSTID})")
    if _HEX.fullmatch(text):
        n = len(text)
        return Problem(f"has {n} hex digits: an Ethernet hostid has 12 and a 32-bit hostid at "
                       "most 8",
                       f"a digit is missing or doubled; copy the hostid from lmhostid on the "
                       f"license host ({LMHOSTID})")
    if len(text) in (8, 12) and _ALNUM.fullmatch(text):
        bad = sorted({c for c in text if not _HEX.fullmatch(c)})
        if len(bad) <= 2:
            kind = "an Ethernet hostid" if len(text) == 12 else "a 32-bit hostid"
            shown = and_list(repr(c) for c in bad)
            verb = "is not a hex digit" if len(bad) == 1 else "are not hex digits"
            return Problem(f"is {len(text)} characters long like {kind}, but {shown} {verb} "
                           "(0-9, A-F)",
                           f"check for a mistyped character (O for 0, I or l for 1, G for "
                           f"6...); {LMHOSTID}")
    if "=" in text:
        prefix = text.split("=", 1)[0]
        if _vendor_form().fullmatch(prefix + "=x"):   # NAME= with no value: NAME=x would be
            # the grammar's VENDOR_DEFINED
            return _empty(prefix + "=")
        why = (f"{prefix!r} is not a hostid type name (letters, digits and underscores)"
               if prefix else "nothing comes before the '='")
        return Problem(f"is not a recognised hostid form: {why}", f"{FORMS}; {LMHOSTID}")
    return Problem("is not a recognised hostid form", f"{FORMS}; {LMHOSTID}")


def problem(h: HostId, extra: Iterable[str] = ()) -> Optional[Problem]:
    """What is wrong with one hostid (with a milder severity for a type lictool cannot check),
    or None when its form is valid. ``extra``: upper-case type names to accept."""
    if h.type == "UNKNOWN":
        return _unknown_problem(h.text)
    if h.type == "VENDOR_DEFINED":
        return _vendor_problem(h.text, extra)
    if h.type in spec().bare_hostid_types:     # ANY, ETHER, #decimal...: their pattern says it
        return None
    return _typed_problem(h)


def check(lf: LicenseFile, ctx: Context) -> Iterator[Finding]:
    extra = _extra_types(ctx)
    for site in sites(lf, ctx):
        found = problem(site.hostid, extra)
        if found is None:
            continue
        yield site.finding(ctx, f"{site.owner} hostid {site.hostid.text!r} {found.what}",
                           found.hint, found.severity)


RULE = Rule("L601", "hostid-format", "error",
            "A hostid FlexNet cannot match: a MAC with separators, an IP address, a wrong length, "
            "a placeholder, a malformed TYPE=value.", DOC,
            options={"extra-types": []}, option_types={"extra-types": Strings()},
            check=check)
