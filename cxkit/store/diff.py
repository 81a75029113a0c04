"""The structured difference between two engagement documents.

Lists of items are matched by identity, not position, so removing the first
pillar reads as one removal and not as every pillar renamed: by ``id`` where
the items have unique ids, else by another field that is unique among them
(a device's ``kind``, a benchmark line's ``actor``, a posture's ``name``),
else by position. Paths use the validation's notation
(``strategy.pillars[1].name``), with the index in the newer document (in the
older one for a removal).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from typing import Any

from cxkit.i18n import t
from cxkit.store.records import Change
from cxkit.validation import format_path

_IDENTITY_KEYS = ("id", "kind", "actor", "name", "statement", "title", "text")


def _identity_key(old: Sequence[Any], new: Sequence[Any]) -> str | None:
    items = [*old, *new]
    if not items or not all(isinstance(i, Mapping) for i in items):
        return None
    for key in _IDENTITY_KEYS:
        for side in (old, new):
            values = [i.get(key) for i in side]
            if any(v is None or isinstance(v, (dict, list)) for v in values):
                break
            if len(set(values)) != len(values):
                break
        else:
            return key
    return None


def _walk(old: Any, new: Any, loc: tuple[str | int, ...], out: list[Change]) -> None:
    if old == new:
        return
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        for key in old:
            if key not in new:
                out.append(Change(format_path((*loc, key)), "removed", old[key], None))
            else:
                _walk(old[key], new[key], (*loc, key), out)
        for key in new:
            if key not in old:
                out.append(Change(format_path((*loc, key)), "added", None, new[key]))
        return
    if isinstance(old, list) and isinstance(new, list):
        _walk_list(old, new, loc, out)
        return
    out.append(Change(format_path(loc), "changed", old, new))


def _walk_list(
    old: list[Any], new: list[Any], loc: tuple[str | int, ...], out: list[Change]
) -> None:
    key = _identity_key(old, new)
    if key is not None:
        old_by = {item[key]: (i, item) for i, item in enumerate(old)}
        new_keys = {item[key] for item in new}
        for i, item in enumerate(new):
            if item[key] in old_by:
                _walk(old_by[item[key]][1], item, (*loc, i), out)
            else:
                out.append(Change(format_path((*loc, i)), "added", None, item))
        for i, item in enumerate(old):
            if item[key] not in new_keys:
                out.append(Change(format_path((*loc, i)), "removed", item, None))
        return
    if all(isinstance(i, Mapping) for i in [*old, *new]):
        for i in range(max(len(old), len(new))):
            if i >= len(new):
                out.append(Change(format_path((*loc, i)), "removed", old[i], None))
            elif i >= len(old):
                out.append(Change(format_path((*loc, i)), "added", None, new[i]))
            else:
                _walk(old[i], new[i], (*loc, i), out)
        return
    # Lists of texts: align them, so an insertion is one addition.
    matcher = difflib.SequenceMatcher(a=[repr(v) for v in old], b=[repr(v) for v in new])
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        pairs = min(a2 - a1, b2 - b1) if op == "replace" else 0
        for k in range(pairs):
            _walk(old[a1 + k], new[b1 + k], (*loc, b1 + k), out)
        for k in range(a1 + pairs, a2):
            out.append(Change(format_path((*loc, k)), "removed", old[k], None))
        for k in range(b1 + pairs, b2):
            out.append(Change(format_path((*loc, k)), "added", None, new[k]))


def diff_documents(old: Any, new: Any) -> list[Change]:
    """Every change from ``old`` to ``new`` (engagement documents as plain mappings)."""
    out: list[Change] = []
    _walk(old, new, (), out)
    return out


def summarize(changes: Sequence[Change], lang: str | None = None, limit: int = 3) -> str:
    """A one-line summary of changes for a revision's history."""
    if not changes:
        return t("store.summary.none", lang)
    paths = ", ".join(c.path for c in changes[:limit])
    more = len(changes) - limit
    if more > 0:
        return t("store.summary.more", lang, count=len(changes), paths=paths, more=more)
    return t("store.summary.changes", lang, count=len(changes), paths=paths)
