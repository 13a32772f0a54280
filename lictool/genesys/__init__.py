"""Genesys licensing requirements: a deployment description (TOML) in, the technical licenses it
needs out (``lictool require``), and a comparison with license files (``lictool check``)."""
