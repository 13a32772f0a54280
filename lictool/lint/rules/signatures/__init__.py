"""The signatures rules, L8xx: signatures verified with a key (--verify-key)."""
