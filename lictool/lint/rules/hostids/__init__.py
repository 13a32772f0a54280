"""The hostids rules, L6xx: hostids and MAC addresses (where they are written: :mod:`lictool.lint.hostid_sites`)."""
