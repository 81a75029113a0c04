"""The JSON Schema of the engagement file, so that editors complete and underline it.

Generated from the model (``cxkit schema``), so it says what cxkit reads:
the closed vocabularies are enums, the model's field docstrings are its
descriptions. It checks what a schema can (types, required fields,
vocabularies, the shape of ids, unknown fields); the rules that compare
parts of the document (unique ids, references, scores against the scale,
the perimeter) stay in :mod:`cxkit.validation`, so an editor may accept a
file that ``cxkit validate`` refuses, never the other way round.

It declares draft 7, the version VS Code's YAML extension
(yaml-language-server) reads; the keywords used mean the same in later drafts.
A YAML file cxkit writes starts with a ``yaml-language-server`` modeline
pointing to the schema: beside the file if ``engagement.schema.json`` is
there (a folder shared by a team), else the installed package's copy.
"""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path
from typing import Any

from cxkit.model import Engagement

SCHEMA_NAME = "engagement.schema.json"
DRAFT = "http://json-schema.org/draft-07/schema#"


def engagement_schema() -> dict[str, Any]:
    """The schema of an engagement file, format version 1."""
    generated = Engagement.model_json_schema()
    # The model defaults the version for engagements built in Python; a file must state it.
    generated["required"] = ["cxkit", *generated.get("required", [])]
    return {
        "$schema": DRAFT,
        "title": "cxkit engagement file, format version 1",
        **{k: v for k, v in generated.items() if k != "title"},
    }


def schema_text() -> str:
    """The schema as written to a file: stable, indented JSON."""
    return json.dumps(engagement_schema(), ensure_ascii=False, indent=2) + "\n"


def packaged_schema() -> Path:
    """The copy shipped with the package (kept equal to :func:`schema_text` by a test)."""
    return Path(str(resources.files("cxkit").joinpath("data", SCHEMA_NAME)))


def schema_reference(target: str | os.PathLike[str]) -> str:
    """Where a YAML file written at ``target`` points editors to.

    A schema beside the file is named relatively, so the folder works on
    any machine; otherwise the installed package's copy, as a file URI an
    editor resolves offline.
    """
    if (Path(target).parent / SCHEMA_NAME).is_file():
        return SCHEMA_NAME
    return packaged_schema().resolve().as_uri()


def modeline(reference: str) -> str:
    """The first line of a YAML engagement file: a comment that readers of YAML ignore."""
    return f"# yaml-language-server: $schema={reference}\n"
