"""The value types of the engagement file: ids, texts, names, numbers, horizons and periods.

Each is a pydantic annotated type that says how a value is read (text is
cleaned once, when it enters the model; a French "6,5" is a number) and
what the JSON Schema tells an editor about it (cxkit.file_schema).
"""

from __future__ import annotations

import math
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints, WithJsonSchema
from pydantic_core import PydanticCustomError

from cxkit.text import clean_text

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN),
    Field(description="An id: lower-case letters, digits and hyphens, unique in the engagement."),
]
"""An id: lower-case letters, digits and hyphens, unique within the engagement."""


def _clean_if_str(value: Any) -> Any:
    return clean_text(value) if isinstance(value, str) else value


Text = Annotated[str, BeforeValidator(_clean_if_str)]
"""A string as typed by a person: cleaned once, when it enters the model (see cxkit.text)."""


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("empty", "may not be empty")
    return value


# The schema's pattern says "not blank" to an editor; the validator decides.
Name = Annotated[Text, AfterValidator(_not_blank), Field(json_schema_extra={"pattern": r"\S"})]
"""A required label: a name, title, statement or text that may not be empty."""


_DECIMAL_COMMA = re.compile(r"^\s*[-+]?\d+,\d+\s*$")


def _number(value: Any) -> Any:
    """Accept 6.5, 9 or French "6,5"; refuse booleans and non-finite values."""
    if isinstance(value, bool):
        raise PydanticCustomError("number", "a number is expected")
    if isinstance(value, str):
        text = value.strip()
        if _DECIMAL_COMMA.match(text):
            text = text.replace(",", ".")
        try:
            value = float(text) if any(c in text for c in ".eE") else int(text)
        except ValueError:
            raise PydanticCustomError("number", "a number is expected") from None
    if isinstance(value, float):
        if not math.isfinite(value):
            raise PydanticCustomError("number", "a finite number is expected")
        return value
    if isinstance(value, int):
        return value
    raise PydanticCustomError("number", "a number is expected")


def _horizon(value: Any) -> Any:
    """A horizon is a year (2029) or a short text ("2027-S2", "18 mois")."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise PydanticCustomError("horizon", "a year or a short text is expected")
    return value


# What _number reads from a string, for an editor: 6.5, 9, 1e3 or a French "6,5".
NUMBER_TEXT = r"^\s*[-+]?(\d+,\d+|(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?)\s*$"
Number = Annotated[
    int | float,
    BeforeValidator(_number),
    WithJsonSchema({"anyOf": [{"type": "number"}, {"type": "string", "pattern": NUMBER_TEXT}]}),
]
Horizon = Annotated[int | Text, BeforeValidator(_horizon)]


# A measurement period: a quarter ("2027-Q1") or a month ("2027-01"); cxkit.periods reads them.
PERIOD_PATTERN = r"^\d{4}-([Qq][1-4]|0[1-9]|1[0-2])$"
_PERIOD = re.compile(PERIOD_PATTERN)


def _period(value: Any) -> Any:
    """A quarter "2027-Q1" or a month "2027-01", kept in that canonical spelling."""
    if not isinstance(value, str) or not _PERIOD.match(value):
        raise PydanticCustomError("period", "a period is expected: YYYY-Qn or YYYY-MM")
    return value.upper()


Period = Annotated[
    str,
    BeforeValidator(_period),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": PERIOD_PATTERN,
            "description": "A quarter (2027-Q1) or a month (2027-01).",
        }
    ),
]
"""A measurement period: a quarter ``YYYY-Qn`` or a month ``YYYY-MM``."""


def _kpi_horizon(value: Any) -> Any:
    """A KPI's horizon is a year (2029, meaning its end) or a period (2028-Q2, 2028-06)."""
    if isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2200:
        return value
    if isinstance(value, str) and _PERIOD.match(value):
        return value.upper()
    raise PydanticCustomError("kpi_horizon", "a year or a period is expected")


KpiHorizon = Annotated[
    int | str,
    BeforeValidator(_kpi_horizon),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 1900, "maximum": 2200},
                {"type": "string", "pattern": PERIOD_PATTERN},
            ]
        }
    ),
]
"""By when a KPI's target is to be reached: a year (its end) or a period."""
