"""L801 signature-mismatch."""

from __future__ import annotations

from typing import Iterator, List

from ....model import LicenseFile
from ...rule import Context, Finding, Rule

DOC = """\
## What it checks
Only with a lictool test key (`lictool lint --verify-key PATH.pub`, the `verify-key` setting, or
`lictool verify --key PATH.pub`): a FEATURE, INCREMENT, UPGRADE or PACKAGE line whose `SIGN=` is
missing or is not a valid lictool test signature of its signed fields: the keyword, the positional
fields, the publisher attributes (all but end-user ones such as `sort` and `asset_info`, and the
signature fields themselves) and, on a counted line, the hostids of the SERVER lines.

## Why it matters
A test fixture or demo file whose signed fields were edited no longer means what it was made to
mean; the mismatch shows that someone changed what the publisher would have signed (editing an
end-user attribute, a SERVER host name or port, a VENDOR path or the layout does not).

## Source
lictool's test signer (README, "Test signatures"), modelled on what FlexNet signs: the
FLEXnet Licensing End User Guide, Appendix B (publisher keywords in upper case are covered by the
signature, end-user keywords in lower case are not) and the `lmcksum` manual page.
"""


def findings_for(lf: LicenseFile, public_key, path: str) -> List[Finding]:
    from ....sign import verify_file

    return [Finding(path, m.line, m.column, m.end_line, m.end_column, RULE.code, RULE.name,
                    RULE.severity, f"{m.kind} {m.name!r}: {m.reason}",
                    "sign the file again with the right key (lictool sign), or undo the edit")
            for m in verify_file(lf, public_key, path)]


def check(lf: LicenseFile, ctx: Context) -> Iterator[Finding]:
    key_path = ctx.settings.get("verify-key")
    if not key_path:
        return
    from ....sign import load_public_key

    yield from findings_for(lf, load_public_key(key_path), ctx.path)


RULE = Rule("L801", "signature-mismatch", "error",
            "A feature line whose lictool test signature does not verify (with --verify-key).",
            DOC, check=check)
