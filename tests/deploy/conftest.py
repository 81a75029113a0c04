"""The deployment's tests drive the same real headless Chromium, in the same Jupyter folders, as the apps' tests."""

from tests.apps.conftest import browser, jupyter_env

__all__ = ["browser", "jupyter_env"]
