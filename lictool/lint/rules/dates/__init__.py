"""The dates rules, L1xx: expiry dates, impossible dates, START= in the future."""
