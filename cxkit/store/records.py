"""What the store hands back: small immutable records, no database objects."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Literal

from cxkit.errors import CxkitError, RevisionConflict

if TYPE_CHECKING:
    from cxkit.model import Contribution, Engagement


@dataclass(frozen=True)
class Revision:
    """One saved state of an engagement: numbered from 1, never rewritten."""

    number: int
    author: str
    at: dt.datetime
    summary: str


@dataclass(frozen=True)
class Stored:
    """An engagement as loaded, with the revision it is (the base of the next save)."""

    engagement: Engagement
    revision: Revision


@dataclass(frozen=True)
class EngagementSummary:
    """One line of ``cxkit list``: the latest revision of an engagement."""

    id: str
    client: str
    revision: int
    saved_at: dt.datetime
    author: str
    phase: str


@dataclass(frozen=True)
class KeptDraft:
    """Content refused by a save conflict, kept so nothing typed is lost."""

    id: int
    engagement_id: str
    base_revision: int
    author: str
    at: dt.datetime
    engagement: Engagement


ChangeKind = Literal["added", "removed", "changed"]


@dataclass(frozen=True)
class Change:
    """One difference between two revisions, at a path like ``strategy.pillars[1].name``."""

    path: str
    kind: ChangeKind
    old: Any = None
    new: Any = None


class SaveConflict(RevisionConflict):
    """A refused save: ``latest`` is the newer revision, ``kept_id`` the kept draft."""

    def __init__(self, latest: Revision, kept_id: int, /, **params: Any) -> None:
        super().__init__("error.store.conflict", **params)
        self.latest = latest
        self.kept_id = kept_id


@dataclass(frozen=True)
class ContributionRecord:
    """A contribution as the participant's path hands it back, without the pydantic model.

    The fields of :class:`cxkit.model.Contribution` (:meth:`to_model` makes one), and
    its moderation state.
    """

    id: str
    workshop: str
    participant: str
    team: str | None
    kind: str
    target: str | None
    text: str | None
    value: int | float | None
    at: dt.datetime
    status: str
    moderation: str = "shown"
    """``shown`` on the projected screen, ``pending`` approval, or ``hidden`` by the facilitator."""
    payload: dict[str, Any] | None = None
    """A structured kind's fields (a KPI proposal's indicator, unit, target; a placement's axes)."""
    into: str | None = None
    """Adopted: what it became (a pillar id); merged: the contribution it joined."""

    def to_model(self) -> Contribution:
        from cxkit.model import Contribution

        fields = asdict(self)
        del fields["moderation"]  # the store's, not the engagement's
        fields["details"] = fields.pop("payload") or {}
        return Contribution.model_construct(**fields)


class InvalidContribution(CxkitError):
    """A participant's input that breaks a rule (empty, too long, out of scale, over budget)."""
