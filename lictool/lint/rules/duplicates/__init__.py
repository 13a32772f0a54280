"""The duplicates rules, L2xx: repeated lines and features, INCREMENT, UPGRADE, SUPERSEDE and PACKAGE lines."""
