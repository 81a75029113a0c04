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

The activities' sections are in :mod:`cxkit.apps.sections`, the controls made
for thumbs and the page script's sentences in :mod:`cxkit.apps.phone`.
When the room runs an agenda, the form opens on the step's activity and
moves on with the room when the phone is used
(:mod:`cxkit.apps.section_agenda`).

A room link (``?room=``, one QR code for the whole room) opens a welcome
page instead: one button makes the visitor a participant, with a personal
link to bookmark (the page's script puts it in the address bar, without a
reload) and the form right below. The device's key (the participants'
gate's cookie) makes the same phone the same participant: it joins again
as itself, and the gate sends a room link it already joined to its
personal link. The room's token and the device's key, like a personal
token, stay in the kernel's Python state.

Imports are kept to what the form needs (ipywidgets, the store; the
interview guide, and yaml with it, only once the questionnaire is opened):
a participant's kernel must stay close to a bare one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlencode

import ipywidgets as widgets

from cxkit.apps.blocks import BUTTON, CARD, FULL, HIDDEN, PLAIN, paragraph, paragraph_markup
from cxkit.apps.phone import script_strings, t_count
from cxkit.apps.section_agenda import FollowsTheAgenda, section_of
from cxkit.apps.section_cloud_qa import CLOUD_QA_KINDS, CloudQASections
from cxkit.apps.section_ideas import IdeaSection
from cxkit.apps.section_placement import describe_placement, placement_section
from cxkit.apps.section_proposals import MethodProposals
from cxkit.apps.section_ranking import RankingSection
from cxkit.apps.sections import FormSections
from cxkit.errors import AccessDenied, CxkitError
from cxkit.i18n import label, resolve_lang, t
from cxkit.safety import esc, guarded, server_log
from cxkit.typography import nbsp

# The activities a participant's form can open, one section each, in the order shown.
FORM_ACTIVITIES = (
    "propose",
    "method",
    "idea",
    "vote",
    "ranking",
    "rate",
    "answer",
    "comment",
    "word",
    "question",
    "placement",
)


SELECTOR = widgets.ToggleButtonsStyle(button_width="auto")
"""The activity selector's style: one model, shared by every page of the kernel."""


def _title(text: str, level: int = 3) -> widgets.HTML:
    return widgets.HTML(f"<h{level}>{esc(text)}</h{level}>", layout=FULL, style=PLAIN)


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


class ParticipantForm(FormSections, RankingSection, IdeaSection, CloudQASections, FollowsTheAgenda):
    """The open activities of one invitation, one at a time, each with its own send button.

    A selector at the top lists the activities the invitation opened; only
    the selected one's section is shown. A section is built the first time
    it is selected and kept, so what was typed is still there when the
    participant comes back to it (a phone page stays light: a room of
    phones does not build and render every activity at once). The
    selector's value comes from the browser: :meth:`show` checks the
    section against the session's activities before building anything.
    """

    method: MethodProposals
    """The method's proposals section, once built (it sets itself here)."""

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
        self.status = paragraph("", classes=("cxkit-status",))
        # Contributions never carry a name; only an invited team can be left out of them:
        # without a team (a room's link) there is no box at all.
        team = getattr(session, "team", None)
        self.anonymous = (
            widgets.Checkbox(
                value=False,
                description=t("phone.anonymous", lang, team=label("team", team, lang)),
                indent=False,
                layout=FULL,
                _dom_classes=("cxkit-anonymous",),  # its sentence wraps (the page's CSS)
            )
            if team
            else None
        )
        # What I sent: one block of paragraphs, rewritten after each send (not a widget a line).
        self.mine = widgets.HTML(layout=FULL, style=PLAIN, _dom_classes=("cxkit-mine",))
        self.section_box = widgets.VBox(layout=FULL, _dom_classes=("cxkit-section",))
        self._said = ""
        follow = self._follow_setup()  # the agenda's step, when the room runs one
        opened = self._open_sections()
        first = self.first_section(opened)
        self.selector = widgets.ToggleButtons(
            options=[(self.tr(f"tab.{name}"), name) for name in opened],
            value=first,
            style=SELECTOR,
            layout=FULL if len(opened) > 1 else HIDDEN,
            _dom_classes=("cxkit-selector",),  # the page's CSS makes it wrap, and tappable
        )
        if first is not None:
            self.show(first)
        else:
            self.section_box.children = [paragraph(self.tr("nothing_open"))]
        self.selector.observe(guarded(self._failed)(self._selected), names="value")
        intro = paragraph(
            f"{self.tr('intro')} {t('phone.private', lang)}", classes=("cxkit-intro",)
        )
        header = [_title(self.tr("title", workshop=workshop_title), 2), intro]
        self.widget = widgets.VBox(
            [
                script_strings(lang),
                *header,
                *([self.anonymous] if self.anonymous is not None else []),
                self.selector,
                self.section_box,
                self.status,
                _title(self.tr("mine.title")),
                self.mine,
                follow,
            ],
            layout=FULL,
            _dom_classes=("cxkit-participant",),
        )
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
        elif section == "ranking":
            self._fill_ranking()  # the facilitator may have changed what is ranked
        elif section == "idea":
            self.refresh_ideas()  # revealed since?
        elif section == "method":
            self.method.refresh()  # a coverage round opened since?
        elif section == "question":
            self._refresh_questions()  # asked and upvoted since
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
            "idea": self._idea_section,
            "vote": self._vote_section,
            "ranking": self._ranking_section,
            "rate": self._rate_section,
            "answer": self._answer_section,
            "comment": self._comment_section,
            "word": self._word_section,
            "question": self._question_section,
            "method": lambda: MethodProposals(self).widget,  # kept as self.method
            "placement": lambda: placement_section(self),
        }

    def on_watch(self) -> None:
        """At each look of the kernel: the lead's form follows a coverage round opened since."""
        if self.current == "method" and hasattr(self, "method"):
            self.method.refresh()

    def _open_sections(self) -> list[str]:
        """The sections this invitation opened, in the form's order."""
        opened = set(self._open())
        return [name for name in FORM_ACTIVITIES if name in opened]

    # --- helpers ----------------------------------------------------------------------

    def tr(self, key: str, /, **params: Any) -> str:
        return t(f"apps.form.{key}", self.lang, **params)

    def _open(self) -> list[str]:
        """Sections opened by the invitation's activities (contribution kinds)."""
        return [section_of(a) for a in self._session.activities]

    def say(self, text: str) -> None:
        self._said = text
        paragraph(text, into=self.status)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, AccessDenied):
            self.say(t("apps.denied.body", self.lang))
        elif isinstance(exc, CxkitError):
            self.say(exc.message(self.lang))
        else:
            self.say(self.tr("error"))

    def _submit(self, kind: str, **fields: Any) -> Any:
        anonymous = self.anonymous is not None and bool(self.anonymous.value)
        return self._session.submit(kind, anonymous=anonymous, **fields)

    def _button(self, key: str, action: Callable[[], None]) -> widgets.Button:
        """A send button: its previous acknowledgement goes first, a new one only once stored.

        The page's script blanks the status as soon as the button is tapped; here
        the kernel blanks it too before asking the store, so the next sentence is
        always a change the browser receives, never a stale "thank you".
        """
        button = widgets.Button(
            description=self.tr(key),
            button_style="primary",
            layout=FULL,
            style=BUTTON,
            _dom_classes=("cxkit-send",),
        )

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

    def _still_open(self, section: str) -> bool:
        """Re-read the invitation's activities (never trust that a button was visible)."""
        if section in self._open():
            return True
        self.say(self.tr("closed"))
        return False

    # --- what I sent ------------------------------------------------------------------

    def describe(self, contribution: Any) -> str:
        """One line for one of my contributions, as plain text: names and counts, never an id."""
        if contribution.kind == "ranking":
            return self.describe_ranking(contribution)
        if contribution.kind in CLOUD_QA_KINDS:
            return self._describe_cloud_qa(contribution)
        if contribution.kind == "placement":
            return describe_placement(contribution, self._session, self._names, self.lang)
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
            self.mine.value = paragraph_markup(self.tr("mine.none"))
            return
        lines = [paragraph_markup(self.describe(c), "cxkit-mine-item") for c in mine]
        self.mine.value = "".join(lines)
        if "vote" in self._sections:
            self._update_dots()


def participant_page(
    token: str | None, *, room: str | None = None, device: str | None = None, workspace: Any = None
) -> widgets.Widget:
    """The page for a link: a personal link's form, a room link's welcome, or the friendly page.

    ``device``: the browser's device key (set by the participants' gate, never
    by the link), so that joining the room again finds the same participant.
    """
    if room and not token:
        return open_room_page(room, device=device, workspace=workspace)[0]
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

    return [(q.id, nbsp(q.text, lang)) for q in load_guide("internal", lang).questions()]


class RoomWelcome:
    """A room link's page: the workshop's title and one button that makes the visitor a participant.

    The room's token is kept here, in the kernel; every click re-checks the
    pass in the store (closed, expired, full), and a second click of the same
    page changes nothing: one page, one participant. With the device's key
    (``device``), another page of the same device gets the same participant.
    """

    def __init__(
        self,
        ws: Any,
        room_token: str,
        *,
        workshop: str,
        lang: str,
        workshop_title: str,
        device: str | None = None,
    ) -> None:
        self._ws = ws
        self._room_token = room_token  # kernel state only: never copied into a widget
        self._device = device  # likewise
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
        self.invitation = self._ws.join_room(
            self._room_token, workshop=self._workshop, device=self._device
        )
        link = widgets.HTML(
            f'<a class="cxkit-personal-link" href="{esc(self.personal_href())}" target="_self" '
            'style="display:block;padding:12px;margin:8px 0;text-align:center;font-size:1.25rem;'
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
    room_token: str | None, *, device: str | None = None, workspace: Any = None
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
            ws,
            room_token or "",
            workshop=room.workshop,
            lang=lang,
            workshop_title=title,
            device=device,
        )
    except AccessDenied as exc:
        return room_refused_page(exc.key, lang), None
    except Exception:
        server_log().exception("opening the room page failed")
        return message_page("apps.unavailable.title", "apps.unavailable.body", lang), None
    return welcome.widget, welcome
