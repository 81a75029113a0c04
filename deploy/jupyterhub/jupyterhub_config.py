"""JupyterHub for a firm's consultants, with cxkit on one PostgreSQL.

    CXKIT_DB_URL=postgresql+psycopg://cxkit:SECRET@db.firm.example/cxkit \\
    CXKIT_PUBLIC_URL=https://cx.firm.example \\
    jupyterhub -f deploy/jupyterhub/jupyterhub_config.py

- Each consultant logs in and gets a single-user server (`cxkit singleuser`):
  JupyterLab, and cxkit's pages through Voilà at
  ``/user/<name>/voila/render/home.ipynb`` (the landing page), ``live.ipynb``...
- The participants' forms run once, as a hub-managed service
  (``cxkit forms``) that the hub's proxy mounts at ``/services/cxkit-forms/``
  for everyone, without an account: a room or personal link is its only key.
- Every server gets the same ``CXKIT_DB_URL`` from the hub (in its
  environment, never on a command line), and the consultants' servers get
  ``CXKIT_FORMS_URL``, so the room links and QR codes of the live screen
  point at the service through the hub's public address.

The firm's own choices (authenticator, spawner, TLS, admins) go in a file
of its own that loads this one first (see README.md beside this file):

    c = get_config()
    load_subconfig("/etc/cxkit/jupyterhub_config.py")
    c.JupyterHub.authenticator_class = "github"   # or ldap, azuread...

Settings read from the hub's environment:

- ``CXKIT_DB_URL`` (required): the workspace database shared by all servers.
- ``CXKIT_PUBLIC_URL``: the hub as browsers reach it, with its base path if
  any (default ``http://127.0.0.1:8000``); the participants' links start with it.
- ``CXKIT_FORMS_URL``: where participants reach the forms, when not through
  the hub's own address (a short domain for QR codes routed to the service).
- ``CXKIT_FORMS_PORT``: the loopback port of the forms service (default 8867).
- ``CXKIT_FORMS_USER``: the system user the forms service runs as, when the
  hub runs as root (default: the hub's own user).
"""

# ruff: noqa: F821  (get_config is given by JupyterHub's config loader)
from __future__ import annotations

import os
import sys

c = get_config()

DB_URL = os.environ.get("CXKIT_DB_URL", "")
if not DB_URL:
    sys.exit(
        "CXKIT_DB_URL is not set: give the hub the firm's PostgreSQL URL "
        "(postgresql+psycopg://user:password@host/database)."
    )
PUBLIC_URL = os.environ.get("CXKIT_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
FORMS_SERVICE = "cxkit-forms"
FORMS_PORT = int(os.environ.get("CXKIT_FORMS_PORT", "8867"))
FORMS_URL = os.environ.get("CXKIT_FORMS_URL") or f"{PUBLIC_URL}/services/{FORMS_SERVICE}/"

# What the hub's environment passes on to every server, when it has it: the
# language, Jupyter's own folders (the tests keep them in a temporary folder).
# Not PATH: a container's image has its own.
PASSED = (
    "LANG",
    "LC_ALL",
    "CXKIT_LANG",
    "JUPYTER_RUNTIME_DIR",
    "JUPYTER_DATA_DIR",
    "JUPYTER_CONFIG_DIR",
)
CXKIT_ENV = {"CXKIT_DB_URL": DB_URL, "CXKIT_FORMS_URL": FORMS_URL}

# --- The consultants' servers ------------------------------------------------
# `cxkit singleuser` is jupyterhub-singleuser rooted at cxkit's notebooks, with
# Voilà's facilitator settings; `--` ends its own options, Spawner.args follow.
# In a container image, use ["cxkit", "singleuser", "--"] (see README.md).
c.Spawner.cmd = [sys.executable, "-m", "cxkit", "singleuser", "--"]
c.Spawner.default_url = "/voila/render/home.ipynb"
c.Spawner.environment = dict(CXKIT_ENV)
c.Spawner.env_keep = ["JUPYTERHUB_SINGLEUSER_APP", *PASSED]
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 60
# Honoured by the container spawners (DockerSpawner, KubeSpawner): a server,
# its JupyterLab and a few facilitator pages fit well within 1 GB.
c.Spawner.mem_limit = "1G"

# --- The participants' forms: one service for the whole firm -----------------
# `cxkit forms` mounts itself at the prefix the hub gives it
# (JUPYTERHUB_SERVICE_PREFIX: /services/cxkit-forms/, after the hub's base_url).
forms = {
    "name": FORMS_SERVICE,
    "url": f"http://127.0.0.1:{FORMS_PORT}",
    "command": [sys.executable, "-m", "cxkit", "forms", "--ip=127.0.0.1", f"--port={FORMS_PORT}"],
    "environment": {
        **{name: os.environ[name] for name in PASSED if name in os.environ},
        **CXKIT_ENV,
    },
    # Its logs go to ./workspace/logs/ of the hub's folder.
    "cwd": os.getcwd(),
    "display": False,
}
if os.environ.get("CXKIT_FORMS_USER"):
    forms["user"] = os.environ["CXKIT_FORMS_USER"]
c.JupyterHub.services = [forms]

# --- The hub ------------------------------------------------------------------
# Stopping the hub stops the servers and the service it started.
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True
