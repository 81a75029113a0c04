"""The firm's deployment as the integration test runs it: the shipped file, then a test's choices.

It is loaded the way README.md tells a firm to add its own settings: the
deployment's ``jupyterhub_config.py`` first, then what differs. Here: a
shared password for any consultant (SharedPasswordAuthenticator, JupyterHub's
own test authenticator with a password), every server as the hub's own system
user (SimpleLocalProcessSpawner), loopback ports, and every file the hub
writes in the test's temporary folder (``CXKIT_TEST_HUB_DIR``).
"""

# ruff: noqa: F821  (get_config and load_subconfig are given by JupyterHub's config loader)
from __future__ import annotations

import os
from pathlib import Path

c = get_config()
load_subconfig(str(Path(__file__).resolve().parents[2] / "deploy/jupyterhub/jupyterhub_config.py"))

run = Path(os.environ["CXKIT_TEST_HUB_DIR"])
ports = {
    name: os.environ[f"CXKIT_TEST_HUB_{name.upper()}_PORT"] for name in ("public", "hub", "api")
}

c.JupyterHub.bind_url = f"http://127.0.0.1:{ports['public']}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{ports['hub']}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{ports['api']}"
c.ConfigurableHTTPProxy.pid_file = str(run / "proxy.pid")
c.JupyterHub.pid_file = str(run / "jupyterhub.pid")
c.JupyterHub.db_url = f"sqlite:///{run / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(run / "jupyterhub_cookie_secret")

c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = os.environ["CXKIT_TEST_HUB_PASSWORD"]
c.Authenticator.allowed_users = {"alice", "bob"}

c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(run / "home" / "{username}")
# CI runs as root: Jupyter's server refuses root unless told.
c.Spawner.args = ["--allow-root"] if os.geteuid() == 0 else []
