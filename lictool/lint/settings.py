"""Engine-wide configuration settings (not per rule), with their checks. Rules read them from
``ctx.settings``:

- ``target-release`` (``"8.1"``, or ``--target-release``): the release of the products that will
  check out the licenses (Genesys 8.x products check out only 8.x features).
- ``catalogs`` (a list of TOML files, relative to the configuration file): feature catalogues and
  MAC prefixes added to the built-in ones (``lictool/catalogs/``).
- ``feature-names`` (a table ``"urs.seats" = "router_seats"``): names for the Genesys license types
  the guide does not name, used by ``lictool require`` and ``check``; a deployment's own
  ``[feature-names]`` table wins.
- ``verify-key`` (or ``--verify-key``): a public key of lictool's test signer; the
  signature-mismatch rule checks every feature line's SIGN with it.
- ``version-sort`` (``"higher-first"`` or ``"lower-first"``, or ``--version-sort``): which of two
  FEATURE lines of different versions in one file the license server takes (the FlexNet guides
  disagree; :mod:`lictool.entitlement`).
- ``vendor-string-pools`` (true/false): whether VENDOR_STRING= separates license pools.

Each check gets ``fail(message, sub="")``, which makes the error for the setting's key (``sub``
names a part of the value: ``"[2]"`` for a list element, ``'."urs.seats"'`` for a table entry).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable, Dict, Protocol, Tuple

from ..tomlfile import key_path, type_name


class Fail(Protocol):
    """Makes the error for a setting's key; ``sub`` names a part of the value (``"[2]"``)."""

    def __call__(self, message: str, sub: str = "") -> Exception: ...


# A release: numbers of at most 9 digits each (so that int() of a part is cheap and exact),
# separated by dots: "8.1", "8.5.117".
RELEASE = re.compile(r"[0-9]{1,9}(?:\.[0-9]{1,9})*")


def _release(value: Any, fail: Fail, base: Path) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not RELEASE.fullmatch(value):
        raise fail(f"expected X.Y, a release such as \"8.1\", not {value!r}")
    return value


def _catalogs(value: Any, fail: Fail, base: Path) -> Tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise fail(f"expected a list of catalogue file paths, not {type_name(value)}")
    out = []
    for i, v in enumerate(value):
        if not isinstance(v, str):
            raise fail(f"expected a catalogue file path (a string), not {type_name(v)}", f"[{i}]")
        p = (base / v) if not Path(v).is_absolute() else Path(v)
        if not p.is_file():
            raise fail(f"no such file or directory: {p} (a catalogue)", f"[{i}]")
        out.append(str(p.resolve()))
    from ..catalogs import load

    load(tuple(out))  # a malformed catalogue is a configuration error now, not a crash later
    return tuple(out)


def _key_file(value: Any, fail: Fail, base: Path) -> str:
    if not isinstance(value, str):
        raise fail(f"expected the path of a public key file, not {type_name(value)}")
    p = (base / value) if not Path(value).is_absolute() else Path(value)
    if not p.is_file():
        raise fail(f"no such file or directory: {p} (a public key)")
    from ..sign import load_public_key

    load_public_key(p)  # a wrong key file is a configuration error now, not a crash later
    return str(p.resolve())


def _feature_names(value: Any, fail: Fail, base: Path) -> Dict[str, str]:
    if not isinstance(value, dict):
        raise fail(f"expected a table of license id = \"feature name\", not {type_name(value)}")
    for k, v in value.items():
        if not isinstance(v, str) or not v or any(c.isspace() for c in v):
            shown = repr(v) if isinstance(v, str) else type_name(v)
            raise fail("expected a feature name (a string without blanks; quote a license id "
                       f"that has a dot: \"urs.seats\" = ...), not {shown}", f".{key_path(k)}")
    return dict(value)


def _version_sort(value: Any, fail: Fail, base: Path) -> str:
    from ..entitlement import VERSION_SORTS

    if value not in VERSION_SORTS:
        raise fail(f"expected one of {', '.join(VERSION_SORTS)}, not {value!r}")
    return value


def _flag(value: Any, fail: Fail, base: Path) -> bool:
    if not isinstance(value, bool):
        raise fail(f"expected true or false, not {value!r}")
    return value


SETTINGS: Dict[str, Tuple[str, Callable[[Any, Fail, Path], Any]]] = {
    "feature-names": ("license id -> feature name, for lictool require/check", _feature_names),
    "verify-key": ("public key of lictool test signatures to verify", _key_file),
    "target-release": ("release of the products that check out these licenses", _release),
    "catalogs": ("extra catalogue files", _catalogs),
    "version-sort": ("which FEATURE line sorts first when versions differ: higher-first (End "
                     "User Guide, the default) or lower-first (License Administration Guide "
                     "2022)", _version_sort),
    "vendor-string-pools": ("VENDOR_STRING= is a pooling attribute (when the publisher made it "
                            "one)", _flag),
}


def default_of(key: str) -> Any:
    """What a setting is when no configuration sets it (None: not set)."""
    from ..entitlement import HIGHER_FIRST

    return {"catalogs": (), "feature-names": {}, "version-sort": HIGHER_FIRST,
            "vendor-string-pools": False}.get(key)


def engine_options(settings):
    """The entitlement engine's options from the engine-wide settings."""
    from ..entitlement import HIGHER_FIRST, Options

    return Options(settings.get("version-sort", HIGHER_FIRST),
                   bool(settings.get("vendor-string-pools", False)))


def check_setting(key: str, value: Any, fail: Fail, base: Path) -> Any:
    return SETTINGS[key][1](value, fail, base)


def target_major(settings) -> int | None:
    """The major release of ``target-release`` (8 for "8.1"), or None when not set."""
    value = settings.get("target-release")
    return int(value.split(".")[0]) if value else None


#: the first Genesys release whose products verify the version of the features they check out
#: (guide, Introduction: "Starting from Release 8.x, Genesys products begin verification of the
#: version of corresponding license features in a license file.")
VERSION_CHECK_FROM = 8


def checkout_version(major: int) -> str:
    """The version a Genesys product of release ``major`` checks out, as the engine's request:
    ``"8.0"`` for 8.x (a line of version >= 8.0 serves it: the version field is the highest
    version a license supports, End User Guide Table B-1), ``"0"`` before 8.x (7.x products do
    not verify versions, so any line serves them)."""
    return f"{major}.0" if major >= VERSION_CHECK_FROM else "0"
