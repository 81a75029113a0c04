"""A benchmark grid from a CSV or Excel file: actors in rows, criteria in columns.

The first column names the actor; an optional column named ``kind``
(or ``type``) says self / competitor / cross-sector; every other column is
a criterion. Empty cells stay unscored. The result is plain data for the
engagement's ``collection.benchmark``: the session validates it (scores
within the scale) like any other edit.
"""

from __future__ import annotations

import importlib
import io
import math
from typing import Any

from cxkit.errors import FileFormatError

_KIND_COLUMNS = {"kind", "type", "nature"}
_KINDS = {"self", "competitor", "cross-sector"}


def _cell(value: Any) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        try:
            number = float(text.replace(",", "."))
        except ValueError:
            return text  # left for validation to name, in the catalog's words
        return int(number) if number.is_integer() else number
    return value


def read_benchmark(data: bytes, filename: str, scale: int) -> dict[str, Any]:
    """The benchmark mapping (scale, criteria, scores) read from a file's bytes."""
    pd: Any = importlib.import_module("pandas")  # imported late: a page without import stays light

    name = filename.lower()
    try:
        if name.endswith((".xlsx", ".xlsm")):
            frame = pd.read_excel(io.BytesIO(data), dtype=object)
        elif name.endswith((".csv", ".txt")):
            text = data.decode("utf-8-sig")
            frame = pd.read_csv(io.StringIO(text), sep=None, engine="python", dtype=str)
        else:
            raise FileFormatError("ui.import.extension", file=filename)
    except FileFormatError:
        raise
    except UnicodeDecodeError:
        raise FileFormatError("ui.import.encoding", file=filename) from None
    except Exception as exc:  # pandas and openpyxl raise many kinds for a broken file
        raise FileFormatError("ui.import.unreadable", file=filename, detail=str(exc)) from None
    columns = [str(c).strip() for c in frame.columns]
    if len(columns) < 2:
        raise FileFormatError("ui.import.columns", file=filename)
    kind_col = next((c for c in columns[1:] if c.lower() in _KIND_COLUMNS), None)
    criteria = [c for c in columns[1:] if c != kind_col]
    scores = []
    for record in frame.itertuples(index=False, name=None):
        values = dict(zip(columns, record, strict=True))
        actor = _cell(values[columns[0]])
        if actor is None:
            continue
        row: dict[str, Any] = {"actor": str(actor), "values": {}}
        kind = _cell(values.get(kind_col)) if kind_col else None
        if isinstance(kind, str) and kind.lower() in _KINDS:
            row["kind"] = kind.lower()
        elif kind is not None:
            row["kind"] = kind  # validation names the bad value
        for criterion in criteria:
            score = _cell(values[criterion])
            if score is not None:
                row["values"][criterion] = score
        scores.append(row)
    return {"scale": scale, "criteria": criteria, "scores": scores}
