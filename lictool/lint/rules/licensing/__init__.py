"""The licensing rules, L4xx: uncounted lines, USE_SERVER, unsigned lines."""
