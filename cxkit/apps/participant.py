"""The participant's form: what a client's team member sees on a phone, from an invitation link.

The invitation's scope (engagement, workshop, activities, dots) is the
:class:`~cxkit.store.invitations.ParticipantSession` held here in the
kernel's Python state: no widget value carries the token or the scope,
because the browser can set any synced value and "click" a disabled or
hidden button. Every callback goes through the session, which re-checks
the token on each call, and the form re-checks what it can (dots left, an
open activity) before asking.

What a participant typed is shown back only as escaped text in the
wrapping paragraphs of :func:`cxkit.apps.blocks.paragraph` (one helper for
every text of the apps' pages, so nothing overflows a 375 px phone), never as markup. A failure shows a catalog
message; its detail goes to the server's log.

A room link (``?room=``, one QR code for the whole room) opens a welcome
page instead: one button makes the visitor a new participant, with a
personal link to bookmark (a Voilà reload starts a new kernel, and only the
personal link finds their contributions again) and the form right below.
The room's token, like a personal one, stays in the kernel's Python state.

Imports are kept to what the form needs (ipywidgets, the store; the
interview guide, and yaml with it, only once the questionnaire is opened):
a participant's kernel must stay close to a bare one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlencode

import ipywidgets as widgets

from cxkit.apps.blocks import CARD, FULL, paragraph
from cxkit.apps.phone import (
    DotSteppers,
    counter,
    french_spacing,
    script_strings,
    t_count,
    text_length,
)
from cxkit.errors import AccessDenied, CxkitError
from cxkit.i18n import label, resolve_lang, t
from cxkit.safety import esc, guarded, server_log

# The form's sections, in the order shown, by the activity that opens them.
SECTIONS = ("propose", "vote", "rate", "answer", "comment")


def _title(text: str, level: int = 3) -> widgets.HTML:
    return widgets.HTML(f"<h{level}>{esc(text)}</h{level}>")


def message_page(title_key: str, body_key: str, lang: str | None) -> widgets.Widget:
    """A page with a title and a sentence, nothing else (a refused link, an outage)."""
    lang = resolve_lang(lang)
    page = widgets.VBox([_title(t(title_key, lang), 2), paragraph(t(body_key, lang))], layout=FULL)
    page.add_class("cxkit-message")
    return page


def denied_page(lang: str | None = None) -> widgets.Widget:
    """The friendly page of a missing, forged, expired or revoked link."""
    return message_page("apps.denied.title", "apps.denied.body", lang)


def room_refused_page(key: str | None, lang: str | None = None) -> widgets.Widget:
    """The friendly page of a room link that cannot be joined (``key``: the store's reason)."""
    if key == "error.room.full":
        return message_page("apps.room.full.title", "apps.room.full.body", lang)
    return message_page("apps.denied.title", "apps.room.denied.body", lang)


class ParticipantForm:
    """The open activities of one invitation, one at a time, each with its own send button.

    A selector at the top lists the activities the invitation opened; only
    the selected one's section is shown. A section is built the first time
    it is selected and kept, so what was typed is still there when the
    participant comes back to it (a phone page stays light: a room of
    phones does not build and render every activity at once). The
    selector's value comes from the browser: :meth:`show` checks the
    section against the session's activities before building anything.
    """

    def __init__(
        self,
        session: Any,
        *,
        lang: str,
        workshop_title: str,
        criteria: Sequence[str] = (),
        questions: Callable[[], Sequence[tuple[str, str]]] = lambda: (),
        rated: str = "",
    ) -> None:
        self._session = session  # kernel state only: never copied into a widget
        self.lang = lang
        self._criteria = tuple(criteria)
        self._rated = rated  # the company the rating activity is about, by name
        self._names: dict[str, str] = {}  # every candidate's name seen, for "what I sent"
        self._load_questions = questions  # called when the questionnaire is first needed
        self._questions: tuple[tuple[str, str], ...] | None = None
        self._sections: dict[str, widgets.Widget] = {}
        self.current: str | None = None
        self.status = paragraph("")
        self.status.add_class("cxkit-status")
        # Contributions never carry a name; only an invited team can be left out of them.
        team = getattr(session, "team", None)
        self.anonymous = widgets.Checkbox(
            value=False,
            description=t("phone.anonymous", lang, team=label("team", team, lang)) if team else "",
            indent=False,
            layout=widgets.Layout(width="100%", display="" if team else "none"),
        )
        self.anonymous.add_class("cxkit-anonymous")  # its sentence wraps (the page's CSS)
        self.mine_box = widgets.VBox(layout=FULL)
        self.mine_box.add_class("cxkit-mine")
        self.dots: DotSteppers  # built with the vote's section
        self.section_box = widgets.VBox(layout=FULL)
        self.section_box.add_class("cxkit-section")
        opened = self._open_sections()
        self.selector = widgets.ToggleButtons(
            options=[(self.tr(f"tab.{name}"), name) for name in opened],
            value=opened[0] if opened else None,
            style={"button_width": "auto"},
            layout=widgets.Layout(width="100%", display="" if len(opened) > 1 else "none"),
        )
        self.selector.add_class("cxkit-selector")  # the page's CSS makes it wrap, and tappable
        if opened:
            self.show(opened[0])
        else:
            self.section_box.children = [paragraph(self.tr("nothing_open"))]
        self.selector.observe(guarded(self._failed)(self._selected), names="value")
        intro = paragraph(f"{self.tr('intro')} {t('phone.private', lang)}")
        intro.add_class("cxkit-intro")
        header = [_title(self.tr("title", workshop=workshop_title), 2), intro]
        self.widget = widgets.VBox(
            [
                script_strings(lang),
                *header,
                self.anonymous,
                self.selector,
                self.section_box,
                self.status,
                _title(self.tr("mine.title")),
                self.mine_box,
            ],
            layout=FULL,
        )
        self.widget.add_class("cxkit-participant")
        self.refresh_mine()

    def show(self, section: object) -> bool:
        """Show ``section``, building it on its first showing; False (nothing built) if not opened.

        ``section`` may come from the browser (the selector's value): it is
        checked against the invitation's activities, never against what the
        widgets say, before any builder runs.
        """
        if not isinstance(section, str) or section not in self._open_sections():
            self.say(self.tr("closed"))
            return False
        if section != self.current:
            self.say("")  # a message belongs to the section it was said in
        built = self._sections.get(section)
        if built is None:
            built = self._sections[section] = self._builders()[section]()
        elif section == "vote":
            self._fill_votes()  # candidates proposed since, dots spent since
        self.current = section
        self.section_box.children = [built]
        if self.selector.value != section:
            self.selector.value = section
        return True

    def _selected(self, change: dict[str, Any]) -> None:
        if change["new"] != self.current and not self.show(change["new"]):
            self.selector.value = self.current  # a forged value: back to what is shown

    def _builders(self) -> dict[str, Callable[[], widgets.Widget]]:
        return {
            "propose": self._propose_section,
            "vote": self._vote_section,
            "rate": self._rate_section,
            "answer": self._answer_section,
            "comment": self._comment_section,
        }

    def _open_sections(self) -> list[str]:
        """The sections this invitation opened, in the form's order."""
        opened = set(self._open())
        return [name for name in SECTIONS if name in opened]

    # --- helpers ----------------------------------------------------------------------

    def tr(self, key: str, /, **params: Any) -> str:
        return t(f"apps.form.{key}", self.lang, **params)

    def _open(self) -> list[str]:
        """Sections opened by the invitation's activities (contribution kinds)."""
        by_kind = {"pillar-proposal": "propose", "rating": "rate"}
        return [by_kind.get(a, a) for a in self._session.activities]

    def say(self, text: str) -> None:
        paragraph(text, into=self.status)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, AccessDenied):
            self.say(t("apps.denied.body", self.lang))
        elif isinstance(exc, CxkitError):
            self.say(exc.message(self.lang))
        else:
            self.say(self.tr("error"))

    def _submit(self, kind: str, **fields: Any) -> Any:
        anonymous = bool(self.anonymous.value) and bool(getattr(self._session, "team", None))
        return self._session.submit(kind, anonymous=anonymous, **fields)

    def _button(self, key: str, action: Callable[[], None]) -> widgets.Button:
        """A send button: its previous acknowledgement goes first, a new one only once stored.

        The page's script blanks the status as soon as the button is tapped; here
        the kernel blanks it too before asking the store, so the next sentence is
        always a change the browser receives, never a stale "thank you".
        """
        button = widgets.Button(description=self.tr(key), button_style="primary", layout=FULL)
        button.add_class("cxkit-send")

        @guarded(self._failed)
        def clicked(_: Any) -> None:
            self.say("")
            action()
            self.refresh_mine()

        button.on_click(clicked)
        return button

    def _card(self, title: str, *children: widgets.Widget) -> widgets.VBox:
        card = widgets.VBox([_title(title), *children], layout=CARD)
        card.add_class("cxkit-card")
        return card

    def _textarea(self, draft: str, kind: str, placeholder: str = "") -> list[widgets.Widget]:
        """A text area of four rows, full width, its draft kept by the page's script; and its counter.

        ``draft`` names what the script keeps across a lost connection;
        ``kind``'s length limit (the store's) is shown as a live count.
        """
        area = widgets.Textarea(
            placeholder=placeholder, continuous_update=False, rows=4, layout=FULL
        )
        area.add_class("cxkit-text")
        area.add_class(f"cxkit-draft-{draft}")
        limit = _limit(kind)
        area.add_class(f"cxkit-limit-{limit}")
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

    def _still_open(self, section: str) -> bool:
        """Re-read the invitation's activities (never trust that a button was visible)."""
        if section in self._open():
            return True
        self.say(self.tr("closed"))
        return False

    # --- sections ---------------------------------------------------------------------

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
        """What one can vote on, by name; every name seen is kept for "what I sent"."""
        pairs = [(str(ident), str(name)) for ident, name in self._session.candidates()]
        self._names.update(pairs)
        return pairs

    def _vote_section(self) -> widgets.Widget:
        self.vote_button = self._button("vote.send", self._send_votes)
        self.vote_button.add_class("cxkit-vote-send")
        self.dots = DotSteppers(self.lang, on_change=self._dots_changed)
        self._fill_votes()
        return self._card(
            self.tr("vote.title"),
            paragraph(self.tr("vote.help")),
            self.dots.budget,
            self.dots.rows,
            self.vote_button,
        )

    def _fill_votes(self) -> None:
        """Candidates (each once, by name) and the dots still unspent, re-read from the store."""
        self.dots.fill(self._candidates(), self.tr("vote.none"))
        self._update_dots()

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

    # --- what I sent ------------------------------------------------------------------

    def describe(self, contribution: Any) -> str:
        """One line for one of my contributions, as plain text: names and counts, never an id."""
        kind = t(f"apps.kind.{contribution.kind}", self.lang)
        parts = [kind]
        if contribution.kind == "rating" and contribution.value is not None:
            scale, value = int(self._session.scale), int(contribution.value)
            choice = t(
                "phone.rate.choice",
                self.lang,
                criterion=contribution.target,
                value=value,
                scale=scale,
            )
            return " · ".join([kind, choice])
        if contribution.target:
            parts.append(self._target_name(contribution.kind, contribution.target))
        if contribution.text:
            parts.append(str(contribution.text))
        if contribution.value is not None:
            value = int(contribution.value)
            if contribution.kind == "vote":
                parts.append(t_count("phone.dots.given", value, self.lang, count=value))
            else:
                parts.append(str(value))
        return " · ".join(p for p in parts if p)

    def _target_name(self, kind: str, target: str) -> str:
        """The name of what a vote or an answer points at; never the id itself."""
        if kind == "vote":
            if target not in self._names:
                self._names.update(self._session.target_names())
            return self._names.get(target) or t("phone.vote.gone", self.lang)
        if kind == "answer":
            return dict(self._question_list()).get(target, "")
        return target

    def _question_list(self) -> tuple[tuple[str, str], ...]:
        """The questionnaire's (id, text), loaded once, when first needed (it reads YAML)."""
        if self._questions is None:
            self._questions = tuple(self._load_questions())
        return self._questions

    def refresh_mine(self) -> None:
        """Re-read my contributions from the store: what survives a reload is what was stored."""
        try:
            mine = list(self._session.mine())
        except Exception as exc:
            server_log().exception("reading my contributions failed")
            self._failed(exc)
            return
        if not mine:
            self.mine_box.children = [paragraph(self.tr("mine.none"))]
            return
        rows = [paragraph(self.describe(c)) for c in mine]
        for row in rows:
            row.add_class("cxkit-mine-item")
        self.mine_box.children = rows
        if "vote" in self._sections:
            self._update_dots()


def _limit(kind: str) -> int:
    """The store's length limit for ``kind``'s text (imported when a text section is built)."""
    from cxkit.store.contributions import TEXT_LIMITS

    return TEXT_LIMITS[kind]


def participant_page(
    token: str | None, *, room: str | None = None, workspace: Any = None
) -> widgets.Widget:
    """The page for a link: a personal link's form, a room link's welcome, or the friendly page."""
    if room and not token:
        return open_room_page(room, workspace=workspace)[0]
    return open_form(token, workspace=workspace)[0]


def open_form(
    token: str | None, *, workspace: Any = None
) -> tuple[widgets.Widget, ParticipantForm | None]:
    """The page to show and, when the link is valid, the form behind it."""
    try:
        from cxkit.store import Workspace

        ws = workspace if workspace is not None else Workspace.open()
        session = ws.participant(token or "")
        form = _form_for(ws, session)
    except AccessDenied:
        return denied_page(None), None
    except Exception:
        server_log().exception("opening the participant form failed")
        return message_page("apps.unavailable.title", "apps.unavailable.body", None), None
    return form.widget, form


def _language_and_title(document: dict[str, Any], workshop_id: str) -> tuple[str, str]:
    """The engagement's language and the workshop's title, from the stored document."""
    lang = resolve_lang(document["engagement"].get("language"))
    workshop = next((w for w in document.get("workshops", []) if w["id"] == workshop_id), None)
    return lang, str((workshop or {}).get("title") or workshop_id)


def _form_for(ws: Any, session: Any) -> ParticipantForm:
    # Plain data, not the model: a participant's kernel stays light (see Workspace.document).
    document = ws.document(session.engagement_id)
    lang, title = _language_and_title(document, session.workshop_id)
    benchmark = document.get("collection", {}).get("benchmark", {})
    criteria = list(benchmark.get("criteria", []))
    return ParticipantForm(
        session,
        lang=lang,
        workshop_title=str(title or session.workshop_id),
        criteria=criteria,
        questions=lambda: _guide_questions(lang),
        rated=_rated_company(document),
    )


def _rated_company(document: dict[str, Any]) -> str:
    """Who the rating activity is about: the benchmark's own company, else the client, by name."""
    scores = document.get("collection", {}).get("benchmark", {}).get("scores", [])
    own = next((s.get("actor") for s in scores if s.get("kind") == "self"), None)
    return str(own or document["engagement"].get("client") or "")


def _guide_questions(lang: str) -> list[tuple[str, str]]:
    """The internal interview guide's questions: the questionnaire's (it imports yaml)."""
    from cxkit.ui.guides import load_guide

    return [(q.id, french_spacing(q.text, lang)) for q in load_guide("internal", lang).questions()]


class RoomWelcome:
    """A room link's page: the workshop's title and one button that makes the visitor a participant.

    The room's token is kept here, in the kernel; every click re-checks the
    pass in the store (closed, expired, full), and a second click of the same
    page changes nothing: one page, one participant.
    """

    def __init__(
        self, ws: Any, room_token: str, *, workshop: str, lang: str, workshop_title: str
    ) -> None:
        self._ws = ws
        self._room_token = room_token  # kernel state only: never copied into a widget
        self._workshop = workshop
        self.lang = lang
        self.invitation: Any = None
        self.form: ParticipantForm | None = None
        self.join_button = widgets.Button(
            description=t("apps.room.join", lang), button_style="primary", layout=FULL
        )
        self.join_button.add_class("cxkit-room-join")
        self.join_button.add_class("cxkit-send")  # disabled by the page's script when offline
        self.join_button.on_click(guarded(self._failed)(lambda _: self.join()))
        self.status = paragraph("")
        self.status.add_class("cxkit-status")
        self.widget = widgets.VBox(
            [
                script_strings(lang),
                _title(t("apps.room.title", lang, workshop=workshop_title), 2),
                paragraph(t("apps.room.intro", lang)),
                self.join_button,
                self.status,
            ],
            layout=CARD,
        )
        self.widget.add_class("cxkit-room-welcome")

    def personal_href(self) -> str:
        """The relative link of this page's participant: same page, their own ``?token=``."""
        return "?" + urlencode({"token": self.invitation.token})

    def join(self) -> None:
        """Join through the room pass, then show the personal link and the form itself."""
        if self.invitation is not None:
            return
        self.invitation = self._ws.join_room(self._room_token, workshop=self._workshop)
        link = widgets.HTML(
            f'<a class="cxkit-personal-link" href="{esc(self.personal_href())}" target="_self" '
            'style="display:block;padding:12px;margin:8px 0;text-align:center;font-size:20px;'
            'font-weight:bold;background:#0969da;color:#fff;border-radius:6px;text-decoration:none">'
            f"{esc(t('apps.room.continue', self.lang))}</a>"
        )
        joined = widgets.VBox(
            [
                _title(t("apps.room.joined.title", self.lang), 2),
                paragraph(t("apps.room.joined.body", self.lang)),
                link,
            ],
            layout=CARD,
        )
        joined.add_class("cxkit-joined")
        page, self.form = open_form(self.invitation.token, workspace=self._ws)
        self.widget.children = [joined, page]

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, AccessDenied):
            self.widget.children = [room_refused_page(exc.key, self.lang)]
        elif isinstance(exc, CxkitError):
            paragraph(exc.message(self.lang), into=self.status)
        else:
            paragraph(t("apps.form.error", self.lang), into=self.status)


def open_room_page(
    room_token: str | None, *, workspace: Any = None
) -> tuple[widgets.Widget, RoomWelcome | None]:
    """The page to show for a room link and, when it can be joined, the welcome behind it."""
    lang: str | None = None
    try:
        from cxkit.store import Workspace

        ws = workspace if workspace is not None else Workspace.open()
        room = ws.room(room_token or "")
        lang, title = _language_and_title(ws.document(room.engagement), room.workshop)
        if room.problem is not None:
            return room_refused_page(room.problem, lang), None
        welcome = RoomWelcome(
            ws, room_token or "", workshop=room.workshop, lang=lang, workshop_title=title
        )
    except AccessDenied as exc:
        return room_refused_page(exc.key, lang), None
    except Exception:
        server_log().exception("opening the room page failed")
        return message_page("apps.unavailable.title", "apps.unavailable.body", lang), None
    return welcome.widget, welcome
