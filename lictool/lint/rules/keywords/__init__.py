"""The keywords rules, L5xx: attribute keywords."""
