"""The syntax rules, L0xx: reading the file: syntax, unknown lines, suppression comments, empty or unreadable input."""
