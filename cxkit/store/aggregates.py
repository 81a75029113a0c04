"""What the projected screen shows of a workshop: counts, vote ranking, ratings, words, texts.

Vote totals and ratings are computed by the database (GROUP BY), so they
cost the same for 20 or 2,000 contributions; the texts are read with their
moderation state and their words counted in Python, French and English stop
words removed, each word once per text and a few times per person at most.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import Row, RowMapping, func, select

from cxkit.store.activities import read_state
from cxkit.store.clock import aware
from cxkit.store.contributions import VOTABLE_PROPOSALS, contribution_id, records_query
from cxkit.store.database import Database
from cxkit.store.kinds import KINDS
from cxkit.store.questions import Question, question_board
from cxkit.store.revisions import document, pillar_names
from cxkit.store.schema import contributions
from cxkit.store.word_cloud import CloudWord, word_cloud

Proposal = TypeVar("Proposal", bound=Any)


def text_kinds() -> tuple[str, ...]:
    """The kinds that carry a text: moderated, and read for the frequent words.

    Read when asked, not at import: a kind's module may register after this one.
    """
    return tuple(name for name, kind in KINDS.items() if kind.has_text)


WORDS_OF = ("comment", "answer")
"""The kinds whose frequent words the projected texts show beside them (proposals, ideas,
words and questions have screens of their own)."""


def group_proposals(proposals: Iterable[Proposal]) -> list[list[Proposal]]:
    """Pillar proposals that say the same thing, case and spacing aside, in order of arrival.

    The facilitator adopts a group at once: its first proposal becomes the
    pillar, the others are merged into it.
    """
    groups: dict[str, list[Proposal]] = {}
    for proposal in proposals:
        key = " ".join(str(proposal.text or "").casefold().split())
        groups.setdefault(key, []).append(proposal)
    return list(groups.values())


STOP_WORDS = frozenset(
    """
    a à afin ai aie aient ainsi alors au aucun aucune aussi autre autres aux avec avoir avons
    bien c ça car ce ceci cela celle celles celui ces cet cette ceux chaque chez ci comme comment
    d dans de des deux doit donc dont du elle elles en encore entre est et été être eu eux fait
    faire fois font hors il ils j je jusqu l la le les leur leurs lui m ma mais me même mêmes
    mes moi moins mon n ne ni non nos notre nous on ont ou où par parce pas peu peut plus pour
    pourquoi qu quand que quel quelle quelles quels qui quoi s sa sans se selon ser ses si son
    sont sous sur t ta te tes toi ton tous tout toute toutes très tu un une unes uns vers voici
    voilà vos votre vous y
    about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further
    had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself no nor not of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    """.split()
)
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


PER_PARTICIPANT = 2
"""How many of one participant's contributions may count for the same word."""


def _words(text: str) -> set[str]:
    """The meaningful words of one text, each once (lower-cased, stop words removed)."""
    found = set()
    for word in _WORD.findall(text.lower()):
        word = re.sub(r"^[a-zà-ÿ][’']", "", word)  # l'accueil -> accueil
        if len(word) > 2 and word not in STOP_WORDS:
            found.add(word)
    return found


def frequent_words(
    texts: Iterable[tuple[str, str]], limit: int = 20, per_participant: int = PER_PARTICIPANT
) -> list[tuple[str, int]]:
    """The words most participants used, from ``(participant, text)`` pairs.

    A word counts once per contribution, and at most ``per_participant``
    times per participant: one long text, or one person's many, cannot fill
    the word cloud.
    """
    counts: Counter[str] = Counter()
    used: Counter[tuple[str, str]] = Counter()
    for who, text in texts:
        for word in _words(text):
            if used[who, word] < per_participant:
                used[who, word] += 1
                counts[word] += 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]


@dataclass(frozen=True)
class TextItem:
    """A participant's text as the projected screen may show it (never who wrote it)."""

    id: str
    kind: str
    text: str
    target: str | None
    at: dt.datetime


@dataclass(frozen=True)
class VoteTotal:
    target: str
    label: str
    dots: int
    voters: int


@dataclass(frozen=True)
class RatingSummary:
    mean: float
    n: int


@dataclass(frozen=True)
class Aggregates:
    """A workshop's contributions summed up for the projected screen.

    ``participants``: people who contributed. ``counts``: how much of each kind
    was given (votes counted in dots). ``votes``: the ranking, highest first,
    with ``voters`` the people who voted. ``ratings``: by mean score, highest
    first. ``texts``: the comments, answers and proposals to show, by kind,
    oldest first. Texts held back by moderation (pending or hidden) are left
    out everywhere; the results of an activity whose results are hidden
    (``hidden``: its kinds) are left out too, but still counted.
    """

    workshop: str
    participants: int
    counts: dict[str, int] = field(default_factory=dict)
    votes: list[VoteTotal] = field(default_factory=list)
    ratings: dict[str, RatingSummary] = field(default_factory=dict)
    words: list[tuple[str, int]] = field(default_factory=list)
    hidden: frozenset[str] = frozenset()
    voters: int = 0
    texts: dict[str, list[TextItem]] = field(default_factory=dict)
    cloud: list[CloudWord] = field(default_factory=list)
    """The word cloud's words (kind ``word``), the most given first."""
    questions: list[Question] = field(default_factory=list)
    """The room's questions, open ones by upvotes, answered ones last."""
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    """Each activity's options as the facilitator set them (the word cloud's prompt)."""


def _adopted_as(rows: Iterable[RowMapping]) -> dict[str, str]:
    """Proposal id -> what its votes now count for: the pillar it became, or that of the
    proposal it was merged into; idea id -> the head of the group it joined (a shown idea:
    one merged into a hidden idea stands alone, as on the board)."""
    rows = list(rows)
    shown = {contribution_id(r["seq"]) for r in rows if r["moderation"] == "shown"}
    moves = {
        contribution_id(r["seq"]): str(r["into"])
        for r in rows
        if r["into"]
        and (
            (r["kind"] == "pillar-proposal" and r["status"] in ("adopted", "merged"))
            or (r["kind"] == "idea" and r["status"] == "merged" and r["into"] in shown)
        )
    }
    resolved = {}
    for start in moves:
        target, seen = start, {start}
        while target in moves and moves[target] not in seen:
            target = moves[target]
            seen.add(target)
        resolved[start] = target
    return resolved


def _ranking(
    votes: Iterable[Row[Any, Any, Any]], labels: dict[str, str], adopted_as: dict[str, str]
) -> list[VoteTotal]:
    """One line per candidate, highest first: a proposal's dots follow it into its pillar."""
    dots: Counter[str] = Counter()
    voters: dict[str, set[str]] = {}
    for target, invitation, total in votes:
        if not target:
            continue
        final = adopted_as.get(target, target)
        dots[final] += int(total)
        voters.setdefault(final, set()).add(invitation)
    return sorted(
        (VoteTotal(t, labels.get(t, t), n, len(voters[t])) for t, n in dots.items()),
        key=lambda v: (-v.dots, -v.voters, v.label.casefold()),
    )


def aggregates(db: Database, engagement_id: str, workshop: str) -> Aggregates:
    c = contributions
    scope = (c.c.engagement_id == engagement_id) & (c.c.workshop == workshop)
    with db.read() as conn:
        state = read_state(conn, engagement_id, workshop)
        hidden = state.hidden_results
        participants = conn.execute(
            select(func.count(func.distinct(c.c.invitation_id))).where(scope)
        ).scalar_one()
        votes = conn.execute(
            select(c.c.target, c.c.invitation_id, func.sum(c.c.value))
            .where(scope & (c.c.kind == "vote"))
            .group_by(c.c.target, c.c.invitation_id)
        ).all()
        ratings = conn.execute(
            select(c.c.target, func.avg(c.c.value), func.count())
            .where(scope & (c.c.kind == "rating"))
            .group_by(c.c.target)
        ).all()
        texts = list(
            conn.execute(records_query().where(scope & c.c.kind.in_(text_kinds()))).mappings()
        )
        cloud = [] if "word" in hidden else word_cloud(conn, engagement_id, workshop)
        board = [] if "question" in hidden else question_board(conn, engagement_id, workshop)
    shown = [r for r in texts if r["moderation"] == "shown" and r["text"]]
    counts = Counter(r["kind"] for r in shown)
    counts["vote"] = sum(int(total) for _, _, total in votes)
    counts["rating"] = sum(int(n) for _, _, n in ratings)
    # Ideas are named by their text once revealed; before, or hidden, their dots are not shown.
    named = VOTABLE_PROPOSALS if "idea" in hidden else (*VOTABLE_PROPOSALS, "idea")
    labels = {contribution_id(r["seq"]): r["text"] for r in shown if r["kind"] in named}
    labels.update(pillar_names(document(db, engagement_id)))
    unseen = {contribution_id(r["seq"]) for r in texts if r["kind"] == "idea"} - set(labels)
    projected = [r for r in shown if r["kind"] not in hidden]
    ranking = _ranking(votes, labels, _adopted_as(texts))
    return Aggregates(
        workshop=workshop,
        participants=int(participants),
        counts={k: n for k, n in counts.items() if n},
        votes=[] if "vote" in hidden else [v for v in ranking if v.target not in unseen],
        ratings={} if "rating" in hidden else _by_score(ratings),
        words=frequent_words(
            (r["invitation_id"], r["text"]) for r in projected if r["kind"] in WORDS_OF
        ),
        hidden=hidden,
        voters=len({invitation for _, invitation, _ in votes}),
        texts=_texts(projected),
        cloud=cloud,
        questions=board,
        options={k: a.options for k, a in state.activities.items() if a.options},
    )


def _by_score(ratings: Iterable[Row[Any, Any, Any]]) -> dict[str, RatingSummary]:
    """Mean score of each criterion rated, highest first (then the most rated)."""
    summaries = [(t, RatingSummary(round(float(mean), 2), int(n))) for t, mean, n in ratings if t]
    summaries.sort(key=lambda item: (-item[1].mean, -item[1].n, str(item[0]).casefold()))
    return dict(summaries)


def _texts(rows: Iterable[RowMapping]) -> dict[str, list[TextItem]]:
    out: dict[str, list[TextItem]] = {}
    for r in rows:
        item = TextItem(
            contribution_id(r["seq"]), r["kind"], r["text"], r["target"], aware(r["at"])
        )
        out.setdefault(r["kind"], []).append(item)
    return out
