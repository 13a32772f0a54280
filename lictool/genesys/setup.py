"""What ``lictool require`` and ``lictool check`` start from: the deployment description and the
lint configuration, read together.

The configuration's ``[feature-names]`` (license id -> feature name) serve every deployment
described below it; a deployment's own ``[feature-names]`` win over them. The target release that
``check`` lints with is the deployment's (:func:`lictool.genesys.check.lint_config`)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any, Mapping, Optional, Tuple, Union

from ..lint.config import Config, load_config
from .deployment import load_deployment
from .model import Deployment

PathLike = Union[str, Path]


def with_feature_names(dep: Deployment, names: Mapping[str, str]) -> Deployment:
    """``dep`` with the feature names ``names`` under its own (its own win)."""
    if not names:
        return dep
    return dataclasses.replace(dep, feature_names={**names, **dep.feature_names})


def load_setup(deployment: PathLike, config: Optional[Path] = None,
               overrides: Optional[Mapping[str, Any]] = None,
               start: Optional[Path] = None) -> Tuple[Deployment, Config]:
    """The deployment read from ``deployment``, with the configuration's feature names under its
    own, and the configuration: ``config``, else the nearest one from ``start`` (default: the
    current folder) upward, with ``overrides`` (keys given on the command line) over it. Raises
    LictoolError for a bad description or configuration (the description is read first)."""
    dep = load_deployment(deployment)
    cfg = load_config(config, start or Path.cwd(), overrides)
    return with_feature_names(dep, cfg.settings.get("feature-names") or {}), cfg
