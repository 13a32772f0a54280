"""The names of the line kinds and line keywords of grammars/flexnet.toml, as constants: the
one place outside the grammar data that spells them (the model's record kinds, and the code
that tells a FEATURE line from an INCREMENT line, use these). tests/test_vocabulary.py checks
that they are the grammar's, and that no other module of lictool spells a line keyword.

Importing this module reads nothing and imports nothing heavy."""

from __future__ import annotations

__all__ = ["SERVER", "VENDOR", "DAEMON", "USE_SERVER", "FEATURE", "INCREMENT", "UPGRADE",
           "PACKAGE", "FEATURESET", "KEYWORDS"]

SERVER = "SERVER"
VENDOR = "VENDOR"
DAEMON = "DAEMON"            # the pre-v6 name of VENDOR
USE_SERVER = "USE_SERVER"
FEATURE = "FEATURE"          # first-wins: the server uses one FEATURE line per feature
INCREMENT = "INCREMENT"      # additive: INCREMENT lines of one pool add up
UPGRADE = "UPGRADE"
PACKAGE = "PACKAGE"
FEATURESET = "FEATURESET"

#: every line keyword
KEYWORDS = frozenset({SERVER, VENDOR, DAEMON, USE_SERVER, FEATURE, INCREMENT, UPGRADE, PACKAGE,
                      FEATURESET})
