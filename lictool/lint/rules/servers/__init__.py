"""The servers rules, L3xx: SERVER and VENDOR lines: how many, ports, vendor daemons."""
