from __future__ import annotations

import pytest

from cxkit.ui.query import notebook_params, query_params


def test_outside_voila_the_parameter_cell_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QUERY_STRING", raising=False)
    assert notebook_params(engagement="horizon-mutuelle", workspace=None) == {
        "engagement": "horizon-mutuelle",
        "workspace": None,
    }


def test_the_link_overrides_declared_parameters_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUERY_STRING", "engagement=acme&token=abc%2Fdef&admin=1")
    assert query_params() == {"engagement": "acme", "token": "abc/def", "admin": "1"}
    assert notebook_params(engagement="demo", token=None) == {
        "engagement": "acme",
        "token": "abc/def",
    }
