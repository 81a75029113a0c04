"""The word cloud (kind ``word``): a word or a very short expression per contribution.

The facilitator asks one question (the activity's ``prompt`` option, see
:func:`word_prompt`); each participant answers with at most
:data:`WORDS_PER_PARTICIPANT` words of the workshop, each at most
:data:`WORDS_PER_TEXT` words and :data:`WORD_LIMIT` characters. The budget
and the "same word twice" refusal are checked in the appending transaction,
with the invitation's row locked (:mod:`cxkit.store.kinds`): two tabs of one
phone cannot send a fourth word.

Words are one when they read the same once case, accents, spacing and the
punctuation around them are set aside (:func:`word_key`: "Lent" and
"lent " are one, so are "réactif" and "Reactif"). Since one participant
cannot send the same word twice, the cloud counts each participant once per
word: a word's weight is the number of people who gave it, and nobody can
weigh more than one on any word. Like every text, a word waits for the
facilitator's approval in the "approve first" mode and only shown words reach
the cloud (:mod:`cxkit.store.moderation`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Connection, RowMapping, func, select

from cxkit.store.contributions import Draft, records_query
from cxkit.store.database import Database
from cxkit.store.kinds import Participant, contribution_kind
from cxkit.store.records import InvalidContribution
from cxkit.store.schema import contributions
from cxkit.text import fold

WORD_LIMIT = 40
"""Longest word or expression, in characters."""
WORDS_PER_TEXT = 3
"""Most words in one contribution ("pas assez réactifs")."""
WORDS_PER_PARTICIPANT = 3
"""Most contributions of one participant to a workshop's word cloud."""
PROMPT_LIMIT = 200
"""Longest prompt the facilitator may set (a projected title, a phone's question)."""

_EDGES = re.compile(r"^[\W_]+|[\W_]+$")


def word_key(text: str) -> str:
    """What makes two words one: lower case, no accents, single spaces, no punctuation around."""
    return _EDGES.sub("", fold(text.replace("’", "'")))


def word_prompt(options: Mapping[str, Any]) -> str | None:
    """The facilitator's question from the activity's options, or None (the catalog's default).

    The options are plain data a facilitator's app set: anything but a short
    text is ignored rather than trusted.
    """
    prompt = options.get("prompt")
    if not isinstance(prompt, str):
        return None
    prompt = " ".join(prompt.split())
    return prompt[:PROMPT_LIMIT] or None


def _within_words(conn: Connection, invitation: RowMapping, draft: Draft) -> None:
    """Fewer than three words sent to this workshop, and never the same one twice."""
    sent = conn.execute(
        select(contributions.c.text).where(
            (contributions.c.invitation_id == invitation["id"]) & (contributions.c.kind == "word")
        )
    ).scalars()
    texts = [text or "" for text in sent]
    if word_key(draft.text or "") in {word_key(text) for text in texts}:
        raise InvalidContribution("error.word.again", word=draft.text)
    if len(texts) >= WORDS_PER_PARTICIPANT:
        raise InvalidContribution("error.word.budget", limit=WORDS_PER_PARTICIPANT)


@contribution_kind("word", text_limit=WORD_LIMIT, locked=_within_words)
def word(draft: Draft, who: Participant) -> Draft:
    """A word or a short expression, single-spaced; at most three words, something to read."""
    text = " ".join((draft.text or "").split())
    if not word_key(text):
        raise InvalidContribution("error.contribution.empty")
    if len(text.split()) > WORDS_PER_TEXT:
        raise InvalidContribution("error.word.words", limit=WORDS_PER_TEXT)
    return replace(draft, text=text, target=None)


@dataclass(frozen=True)
class CloudWord:
    """One word of the cloud: as most people wrote it, and how many people gave it."""

    text: str
    people: int


def word_cloud(conn: Connection, engagement_id: str, workshop: str) -> list[CloudWord]:
    """The workshop's shown words, the most given first, in the caller's transaction.

    The database counts the people per spelling (GROUP BY); spellings that are
    one word (:func:`word_key`) are then added up, which counts nobody twice
    since nobody can send one word twice. The word shows as most people wrote
    it (the first written on a tie).
    """
    records = records_query().where(
        (contributions.c.engagement_id == engagement_id)
        & (contributions.c.workshop == workshop)
        & (contributions.c.kind == "word")
    )
    shown = records.subquery()
    rows = conn.execute(
        select(
            shown.c.text,
            func.count(func.distinct(shown.c.invitation_id)),
            func.min(shown.c.seq),
        )
        .where(shown.c.moderation == "shown")
        .group_by(shown.c.text)
    ).all()
    spellings: dict[str, list[tuple[int, int, str]]] = {}
    for text, people, first in rows:
        if text and word_key(text):
            spellings.setdefault(word_key(text), []).append((int(people), -int(first), text))
    words = [
        CloudWord(max(variants)[2], sum(people for people, _, _ in variants))
        for variants in spellings.values()
    ]
    return sorted(words, key=lambda w: (-w.people, w.text.casefold()))


def read_cloud(db: Database, engagement_id: str, workshop: str) -> list[CloudWord]:
    """The cloud of :func:`word_cloud`, in a transaction of its own."""
    with db.read() as conn:
        return word_cloud(conn, engagement_id, workshop)
