"""Build a controller for a command: the HTTP session, GitHub client, stores and plugins it uses."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import requests

from lmgate.canary.audit import DecisionLog, Deployments
from lmgate.canary.backends.base import Deps
from lmgate.canary.controller import Controller
from lmgate.canary.state import ContentsStateStore, StateStore
from lmgate.canary.wiring import build
from lmgate.config import Config
from lmgate.errors import ConfigError
from lmgate.github.api import GitHubClient


def github_client(env: Mapping[str, str], session):
    """A GitHub client when a token and repository are known (in Actions, or set by hand); else None."""
    token = env.get("LMGATE_GITHUB_TOKEN") or env.get("GITHUB_TOKEN")
    repository = env.get("GITHUB_REPOSITORY")
    if not token or not repository:
        return None
    return GitHubClient(session, api_url=env.get("GITHUB_API_URL") or "https://api.github.com", token=token,
                        repository=repository)


def build_controller(config: Config, env: Mapping[str, str], *, dry_run: bool, clock: Callable[[], float],
                     session=None, hf_api=None) -> Controller:
    if session is None:
        session = requests.Session()
    github = github_client(env, session)
    setup = build(config, Deps(root=config.root, env=env, session=session, github=github, hf_api=hf_api))
    deployments = None
    c = config.canary or {}
    if github is not None and c.get("deployments", True):
        server, repo, run = env.get("GITHUB_SERVER_URL"), env.get("GITHUB_REPOSITORY"), env.get("GITHUB_RUN_ID")
        log_url = f"{server}/{repo}/actions/runs/{run}" if server and repo and run else None
        deployments = Deployments(github, c.get("environment") or "canary", log_url)
    if c.get("store") == "github":
        if github is None:
            raise ConfigError("canary.store is github, but no GitHub token and repository are set",
                              where=config.where("canary", "store"),
                              fix="run in GitHub Actions with a token (contents: write), or use store: local")
        store = ContentsStateStore(github, c["state"], c.get("branch"))
    else:
        store = StateStore(setup.state_path, c["state"], config.root)
    log = DecisionLog(setup.log_path, setup.secrets, root=config.root)
    return Controller(setup, store, log, clock, deployments, dry_run)
