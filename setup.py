"""Maps the repository's top-level ``notebooks/`` and ``templates/`` into the package.

They stay where contributors edit them (one copy each), and the wheel and
the sdist carry them as ``cxkit/notebooks`` and ``cxkit/templates``, which
``cxkit.paths`` finds once installed. pyproject.toml cannot say this alone:
its package discovery only finds folders under ``cxkit/``. Everything else
about the build is in pyproject.toml.
"""

from setuptools import find_namespace_packages, setup

SHIPPED = {"cxkit.notebooks": "notebooks", "cxkit.templates": "templates"}

setup(
    packages=[*find_namespace_packages(include=["cxkit*"], exclude=["*__pycache__*"]), *SHIPPED],
    package_dir=SHIPPED,
)
