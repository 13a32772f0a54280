"""L705 unknown-feature."""

from __future__ import annotations

import difflib
from typing import Dict, Iterator, List, Optional, Set, Tuple

from ....catalogs import for_settings
from ....model import Feature
from ....tomlfile import Strings
from ...rule import Context, Finding, Rule, describe

DOC = """\
## What it checks
A FEATURE, INCREMENT or UPGRADE line of a catalogued vendor (`genesys.d`) whose feature name is
not in that vendor's catalogue. Names are case-sensitive: `gis` is not `GIS`, and the hint names
the catalogued spelling. Otherwise the hint names the closest catalogued name when one is near
("did you mean tserver_sdn?"; for the first 200 distinct unknown names of a file: past that, a
file has a catalogue gap, not typos). Alternative spellings the catalogue lists (`tserver_isscc`, an
alias of `tserver_isc`) are known names. Names listed in the option `extra-features` (default
empty) are accepted too; so are the features of catalogue files added with the `catalogs`
setting. Vendors whose catalogue lists no feature are not checked. PACKAGE lines are not
checked: a package's name is the publisher's, not a feature name.

## Why it matters
A Genesys product checks out its licenses by exact feature name. A line whose name the product
does not ask for is never used, so a misspelt or mis-cased name (`Tserver_sdn`, `gis`) leaves
the product without licenses although the file seems to hold them. The names are covered by the
signature: a wrong name means a reissued license. The built-in catalogue holds only the names
the Genesys licensing guide gives, so many real Genesys names are unknown to it (URS seats,
Outbound, IVR, Desktop): hence info, and the `extra-features` option and user catalogues.

## Source
Genesys licensing guide (`genesys-licensing-guide.txt`), "Technical Licenses": "Refer to for
exact license names for the listed products as those names appear in license files", and the
per-product sections that name the features ("T-Server (7.2 and later)", "Solution Control
Server", "Voice Callback", "Interaction Server", "Genesys SDKs: Agent Interaction Java and GIS",
...), catalogued in `lictool/catalogs/genesys.toml`; "IVR Server", Tip (`tserver_isscc`).
The research notes `grammars/genesys-domain.md` sections 2 (feature-name table; names kept exactly as
written, case-sensitive) and 5 (rule 15, `GEN-UNKNOWN-FEATURE`, info).
"""


MAX_SUGGESTIONS = 200


def visit(rec: Feature, ctx: Context) -> Iterator[Finding]:
    cats = for_settings(ctx.settings)
    state = ctx.state
    if not state:
        extra = ctx.options.get("extra-features") or []
        state["extra"] = ({e for e in extra if isinstance(e, str)} if isinstance(extra, list)
                          else set())
        state["known"], state["ordered"], state["suggestions"] = {}, {}, {}
    known: Dict[str, Set[str]] = state["known"]
    ordered: Dict[str, List[str]] = state["ordered"]
    suggestions: Dict[Tuple[str, str], Optional[str]] = state["suggestions"]
    cat = cats.vendor(rec.vendor)
    if cat is None or not cat.features:
        return
    names = known.get(rec.vendor)
    if names is None:
        names = known[rec.vendor] = set(cat.features) | state["extra"]
        ordered[rec.vendor] = sorted(names)
    if rec.name in names:
        return
    same = sorted(n for n in names if n.casefold() == rec.name.casefold())
    if same:
        hint = (f"feature names are case-sensitive: did you mean {same[0]}? "
                "(the product asks for that exact spelling)")
    else:
        key = (rec.vendor, rec.name)
        if key not in suggestions:
            # difflib costs ~60 us a name: a file with thousands of unknown names has a
            # catalogue gap, not typos, so only the first MAX_SUGGESTIONS names are compared
            suggestions[key] = (None if len(suggestions) >= MAX_SUGGESTIONS else next(iter(
                difflib.get_close_matches(rec.name, ordered[rec.vendor], n=1, cutoff=0.75)),
                None))
        close = [suggestions[key]] if suggestions[key] else []
        if close:
            hint = (f"did you mean {close[0]}? otherwise, if the name is right, add it to "
                    "the rule's extra-features option or to a catalogue file")
        else:
            hint = ("if the name is right, add it to the rule's extra-features option or to "
                    "a catalogue file (catalogs setting)")
    yield ctx.at_field(
        rec, "name",
        f"{describe(rec)} is not a known {rec.vendor} feature name (it is not in the "
        "catalogue), so no catalogued product checks it out", hint)


RULE = Rule("L705", "unknown-feature", "info",
            "A genesys.d feature name that is not in the catalogue.", DOC,
            options={"extra-features": []}, option_types={"extra-features": Strings()},
            visits=(Feature,), visit=visit)
