"""The lint rules, one module each, in one package per code family (the groups of
:data:`lictool.lint.registry.GROUPS`): ``syntax/`` (L0xx), ``dates/`` (L1xx), ``duplicates/``
(L2xx), ``servers/`` (L3xx), ``licensing/`` (L4xx), ``keywords/`` (L5xx), ``hostids/`` (L6xx),
``genesys/`` (L7xx) and ``signatures/`` (L8xx). The registry lists the modules; what a rule module
holds: :mod:`lictool.lint.rule`."""
