"""The vendor daemons lictool knows by name, as constants that cost nothing to import (the
command modules read them when the CLI loads)."""

from __future__ import annotations

__all__ = ["GENESYS_VENDOR"]

#: The Genesys vendor daemon, the one name for it in lictool: Genesys License Manager ships the
#: genesys.d vendor daemon (grammars/genesys-domain.md section 1); a catalogue without
#: [vendor] name is its catalogue (lictool.catalogs).
GENESYS_VENDOR = "genesys.d"
