"""The form's activities, one section each: propose, vote, rate, answer, comment.

A mixin of :class:`cxkit.apps.participant.ParticipantForm`, which holds the
session, the status line and the send buttons; each section here builds its
widgets the first time it is shown, and its send re-checks what the store
will check (the activity still open, a text within its limit, the dots
left) so the participant reads why, in their language, before anything is
written. What a thumb touches comes from :mod:`cxkit.apps.phone`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import ipywidgets as widgets

from cxkit.apps.blocks import FULL, TEXT_STYLE, paragraph
from cxkit.apps.form_host import FormHost
from cxkit.apps.phone import DotSteppers, counter, t_count, text_length
from cxkit.i18n import t
from cxkit.safety import esc


class FormSections(FormHost):
    """The sections' builders and sends; the form provides the members declared here."""

    _criteria: tuple[str, ...]
    _rated: str
    dots: DotSteppers

    def _question_list(self) -> Sequence[tuple[str, str]]:
        raise NotImplementedError

    _revealed_ideas: Callable[[], list[tuple[str, str]]]
    """The room's revealed ideas to give dots to (:class:`cxkit.apps.section_ideas.IdeaSection`)."""
    _voting_ideas: bool = False

    def _textarea(self, draft: str, kind: str, placeholder: str = "") -> list[widgets.Widget]:
        """A text area of four rows, full width, its draft kept by the page's script; and its counter.

        ``draft`` names what the script keeps across a lost connection;
        ``kind``'s length limit (the store's) is shown as a live count.
        """
        limit = _limit(kind)
        area = widgets.Textarea(
            placeholder=placeholder,
            continuous_update=False,
            rows=4,
            layout=FULL,
            style=TEXT_STYLE,
            _dom_classes=("cxkit-text", f"cxkit-draft-{draft}", f"cxkit-limit-{limit}"),
        )
        return [area, counter(limit, self.lang)]

    def _fits(self, kind: str, text: str) -> bool:
        """Say so, and send nothing, when ``text`` is past ``kind``'s limit (the counter said it)."""
        limit, count = _limit(kind), text_length(text)
        if count <= limit:
            return True
        self.say(t("phone.too_long", self.lang, count=count, limit=limit))
        return False

    def _thanks(self, count: int, key: str = "phone.thanks") -> None:
        self.say(t_count(key, count, self.lang, count=count))

    def _propose_section(self) -> widgets.Widget:
        area, count = self._textarea("propose", "pillar-proposal", self.tr("propose.placeholder"))
        self.proposal = area
        self.proposal.add_class("cxkit-proposal")

        def send() -> None:
            if not self._still_open("propose"):
                return
            text = (self.proposal.value or "").strip()
            if not text:
                self.say(self.tr("empty"))
                return
            if not self._fits("pillar-proposal", text):
                return
            self._submit("pillar-proposal", text=text)
            self.proposal.value = ""
            self.say(self.tr("thanks"))

        button = self._button("send", send)
        button.add_class("cxkit-propose-send")
        return self._card(
            self.tr("propose.title"),
            paragraph(self.tr("propose.question")),
            self.proposal,
            count,
            button,
        )

    def _candidates(self) -> list[tuple[str, str]]:
        """What one can vote on, by name; every name seen is kept for "what I sent".

        Once the room's ideas are revealed (an invitation that writes ideas),
        the ideas alone: the dots of an idea round go to its ideas.
        """
        ideas = self._revealed_ideas()
        pairs = ideas or [(str(ident), str(name)) for ident, name in self._session.candidates()]
        self._names.update(pairs)
        self._voting_ideas = bool(ideas)
        return pairs

    def _vote_section(self) -> widgets.Widget:
        self.vote_button = self._button("vote.send", self._send_votes)
        self.vote_button.add_class("cxkit-vote-send")
        self.dots = DotSteppers(self.lang, on_change=self._dots_changed)
        self.vote_help = paragraph("")
        card = self._card(
            self.tr("vote.title"),
            self.vote_help,
            self.dots.budget,
            self.dots.rows,
            self.vote_button,
        )
        self.vote_heading = card.children[0]
        self._fill_votes()
        return card

    def _fill_votes(self) -> None:
        """Candidates (each once, by name) and the dots still unspent, re-read from the store.

        The budget first: new rows are drawn with it (a + enabled afterwards would be one
        more message per row).
        """
        pairs = self._candidates()
        words = vote_words(self.lang, ideas=self._voting_ideas)
        if self.vote_heading.value != words[0]:
            self.vote_heading.value = words[0]
        paragraph(words[1], into=self.vote_help)
        self._update_dots()
        self.dots.fill(pairs, self.tr("vote.none"))
        if hasattr(self, "vote_button"):
            self.vote_button.disabled = not self.dots.allocation()

    def _dots_changed(self) -> None:
        self.say("")  # a new choice: the last acknowledgement is history
        self.vote_button.disabled = not self.dots.allocation()

    def _update_dots(self) -> None:
        self.dots.set_budget(int(self._session.dots_left()), int(self._session.dots))
        if hasattr(self, "vote_button"):
            self.vote_button.disabled = not self.dots.allocation()

    def _send_votes(self) -> None:
        if not self._still_open("vote"):
            return
        wanted = self.dots.allocation()
        if not wanted:
            self._fill_votes()  # candidates may have appeared since the page opened
            self.say(self.tr("vote.nothing"))
            return
        left = int(self._session.dots_left())
        if sum(n for _, n in wanted) > left:
            self.say(t_count("phone.dots.too_many", left, self.lang, left=left))
            self._update_dots()
            return
        for ident, n in wanted:
            self._submit("vote", target=ident, value=n)
        self.dots.reset()
        self._update_dots()
        self._thanks(sum(n for _, n in wanted), "phone.thanks.dots")

    def _rate_section(self) -> widgets.Widget:
        scale = int(self._session.scale)
        rated = self._rated or self.tr("rate.title")
        title = t("phone.rate.title", self.lang, company=rated) if self._rated else rated
        self._ratings: list[tuple[str, widgets.ToggleButtons]] = []
        rows: list[widgets.Widget] = []
        for criterion in self._criteria:
            choice = widgets.ToggleButtons(
                options=[(str(n), n) for n in range(1, scale + 1)],
                value=None,
                tooltips=[
                    t("phone.rate.choice", self.lang, criterion=criterion, value=n, scale=scale)
                    for n in range(1, scale + 1)
                ],
                style={"button_width": "auto"},
                layout=FULL,
            )
            choice.add_class("cxkit-scale")
            self._ratings.append((criterion, choice))
            name = paragraph(criterion)
            name.add_class("cxkit-criterion")
            rows += [name, choice]
        if not rows:
            return self._card(title, paragraph(self.tr("rate.none")))

        def send() -> None:
            if not self._still_open("rate"):
                return
            chosen = [(c, d.value) for c, d in self._ratings if d.value is not None]
            if not chosen:
                self.say(self.tr("rate.nothing"))
                return
            for criterion, value in chosen:
                self._submit("rating", target=criterion, value=int(value))
            for _, d in self._ratings:
                d.value = None
            self._thanks(len(chosen))

        help_text = (
            t("phone.rate.help", self.lang, company=self._rated, scale=scale)
            if self._rated
            else self.tr("rate.help", scale=scale)
        )
        return self._card(title, paragraph(help_text), *rows, self._button("send", send))

    def _answer_section(self) -> widgets.Widget:
        self._answers: list[tuple[str, widgets.Textarea]] = []
        rows: list[widgets.Widget] = []
        for n, (ident, text) in enumerate(self._question_list(), start=1):
            area, count = self._textarea(f"answer-{n}", "answer")
            self._answers.append((ident, area))
            rows += [paragraph(text), area, count]

        def send() -> None:
            if not self._still_open("answer"):
                return
            given = [(q, (a.value or "").strip()) for q, a in self._answers]
            given = [(q, text) for q, text in given if text]
            if not given:
                self.say(self.tr("answer.nothing"))
                return
            if not all(self._fits("answer", text) for _, text in given):
                return
            for question, text in given:
                self._submit("answer", target=question, text=text)
            for _, a in self._answers:
                a.value = ""
            self._thanks(len(given))

        return self._card(self.tr("answer.title"), *rows, self._button("send", send))

    def _comment_section(self) -> widgets.Widget:
        area, count = self._textarea("comment", "comment", self.tr("comment.placeholder"))
        self.comment = area
        self.comment.add_class("cxkit-comment")

        def send() -> None:
            if not self._still_open("comment"):
                return
            text = (self.comment.value or "").strip()
            if not text:
                self.say(self.tr("empty"))
                return
            if not self._fits("comment", text):
                return
            self._submit("comment", text=text)
            self.comment.value = ""
            self.say(self.tr("thanks"))

        return self._card(self.tr("comment.title"), self.comment, count, self._button("send", send))


def vote_words(lang: str, *, ideas: bool) -> tuple[str, str]:
    """The vote section's heading (markup) and help: for the pillars, or for the room's ideas."""
    area = "ideas.vote" if ideas else "apps.form.vote"
    return f"<h3>{esc(t(f'{area}.title', lang))}</h3>", t(f"{area}.help", lang)


def _limit(kind: str) -> int:
    """The store's length limit for ``kind``'s text (imported when a text section is built)."""
    from cxkit.store.kinds import KINDS

    limit = KINDS[kind].text_limit
    assert limit is not None, f"{kind} is not a text kind"
    return limit
