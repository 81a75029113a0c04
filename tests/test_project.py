"""The project's own promises: the two commands, the two manifests, the catalogs."""

from __future__ import annotations

import json
import re
import string
import tomllib
from pathlib import Path

import yaml

from cxkit.i18n import LANGUAGES, catalog
from tests.conftest import ROOT


def _name(requirement: str) -> tuple[str, str]:
    match = re.match(r"^\s*([A-Za-z0-9_.\-]+)(\[[^\]]*\])?\s*(.*)$", requirement)
    assert match, requirement
    return match.group(1).lower().replace("_", "-"), match.group(3).replace(" ", "")


def test_environment_yml_and_pyproject_agree() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = dict(
        _name(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]
    )
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = dict(_name(d) for d in env["dependencies"] if isinstance(d, str) and d not in ("pip",))
    python = conda.pop("python")
    assert python == project["requires-python"]
    assert conda == wanted


def test_readme_shows_the_two_commands_and_ci_runs_the_test_one() -> None:
    readme = (ROOT / "README.md").read_text()
    assert "make app" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_readme_lists_every_health_check_code() -> None:
    from cxkit.checks import all_codes

    readme = (ROOT / "README.md").read_text() + (ROOT / "docs" / "health-checks.md").read_text()
    missing = [code for code in all_codes() if code not in readme]
    assert not missing


def test_catalogs_have_the_same_keys() -> None:
    fr, en = catalog("fr"), catalog("en")
    assert sorted(set(fr) - set(en)) == []
    assert sorted(set(en) - set(fr)) == []
    assert LANGUAGES == ("fr", "en")


def test_no_key_is_defined_in_two_areas() -> None:
    from cxkit.i18n import catalog_files

    for lang in LANGUAGES:
        seen: dict[str, str] = {}
        for file in catalog_files(lang):
            for key in json.loads(file.read_text(encoding="utf-8")):
                assert key not in seen, f"{key} in {file.name} and {seen[key]}"
                seen[key] = file.name


def test_catalog_entries_use_the_same_placeholders() -> None:
    def fields(text: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(text) if f}

    fr, en = catalog("fr"), catalog("en")
    different = {k: (fields(fr[k]), fields(en[k])) for k in fr if fields(fr[k]) != fields(en[k])}
    assert different == {}


def test_every_health_check_has_its_messages() -> None:
    from cxkit.checks import all_codes

    for lang in LANGUAGES:
        for code in all_codes():
            messages = catalog(lang)  # one message, or one per plural form
            assert f"check.{code}" in messages or f"check.{code}.other" in messages
            assert f"check.{code}.title" in catalog(lang)


def test_committed_notebooks_have_no_outputs() -> None:
    for path in (ROOT / "notebooks").glob("*.ipynb"):
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                assert not cell.get("outputs"), path
                assert not cell.get("execution_count"), path


def test_the_public_names_resolve_and_match_all() -> None:
    import cxkit

    assert sorted(cxkit.__all__) == sorted(cxkit._EXPORTS)
    for name in cxkit.__all__:
        assert getattr(cxkit, name).__name__ == name


def test_light_modules_do_not_build_the_model() -> None:
    """A participant's kernel imports errors, i18n, text and vocab without pydantic's model."""
    import subprocess
    import sys

    code = (
        "import sys, cxkit.errors, cxkit.i18n, cxkit.text, cxkit.vocab;"
        "print(sorted(m for m in ('cxkit.model', 'pydantic', 'yaml') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_no_page_lets_its_link_choose_the_database() -> None:
    """A Voilà link may name an engagement, carry a token or choose the live screen's view,
    never a workspace URL."""
    import ast

    for path in (ROOT / "notebooks").glob("*.ipynb"):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] != "code":
                continue
            for node in ast.walk(ast.parse("".join(cell["source"]))):
                if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "notebook_params":
                    allowed = {"engagement", "token", "room", "view"}
                    assert {k.arg for k in node.keywords} <= allowed, path
