"""docs/format.md cannot drift from the model: every field and every vocabulary value is on it."""

from __future__ import annotations

import re
import typing
from collections.abc import Iterator

import pytest
from pydantic import BaseModel

from cxkit import vocab
from cxkit.model import Engagement
from tests.conftest import ROOT

DOC = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")


def _models_in(annotation: object) -> Iterator[tuple[type[BaseModel], str]]:
    """The model classes an annotation holds, with "[]" when they are list items."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation, ""
        return
    origin = typing.get_origin(annotation)
    for arg in typing.get_args(annotation):
        for model, suffix in _models_in(arg):
            yield model, ("[]" if origin is list else "") + suffix


def model_fields(model: type[BaseModel] = Engagement, path: str = "") -> Iterator[tuple[str, str]]:
    """``(path of the part, field name)`` for every field of the engagement file."""
    for name, info in model.model_fields.items():
        yield path, name
        here = f"{path}.{name}" if path else name
        for sub, suffix in _models_in(info.annotation):
            yield from model_fields(sub, here + suffix)


def section(heading_mark: str) -> str:
    """The text under every heading that contains ``heading_mark``, up to the next heading."""
    found, keep = [], False
    for line in DOC.splitlines():
        if line.startswith("#"):
            keep = heading_mark in line
        elif keep:
            found.append(line)
    return "\n".join(found)


FIELDS = sorted(set(model_fields()))


def test_the_walk_finds_the_nested_parts() -> None:
    assert ("collection.interviews[].verbatims[]", "segment") in FIELDS
    assert ("validation.devices", "by") in FIELDS and ("", "contributions") in FIELDS
    assert len(FIELDS) > 120


@pytest.mark.parametrize(("path", "name"), FIELDS, ids=[f"{p}.{n}".strip(".") for p, n in FIELDS])
def test_every_field_of_the_model_is_in_its_table(path: str, name: str) -> None:
    here = f"{path}.{name}" if path else name
    if any(line.startswith("#") and f"`{here}" in line for line in DOC.splitlines()):
        return  # a part with a heading of its own (`environment.customer`, `devices[]`)
    table = section("Sections, in the order") if not path else section(f"`{path}`")
    assert table, f"docs/format.md has no heading naming `{path}`"
    assert f"| `{name}` |" in table, f"`{name}` is missing from the table of `{path}`"


VOCAB_VALUES = sorted(
    {
        value
        for name, alias in vars(vocab).items()
        if name[0].isupper() and typing.get_origin(alias) is typing.Literal
        for value in typing.get_args(alias)
    }
)


@pytest.mark.parametrize("value", VOCAB_VALUES)
def test_every_vocabulary_value_is_listed(value: str) -> None:
    assert re.search(rf"`{re.escape(value)}`", section("Closed vocabularies"))
