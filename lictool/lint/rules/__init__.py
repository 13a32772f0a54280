"""One module per rule. The list of rules the engine runs is in :mod:`lictool.lint.registry`."""
