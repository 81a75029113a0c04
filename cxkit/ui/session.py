"""One consultant editing one engagement: validate each edit, autosave it as a revision.

The forms never change an engagement themselves: they hand the session an
*edit*, a function of the engagement's document (a plain mapping). The
session applies it to a copy of the last valid document and re-validates
the whole with :mod:`cxkit.validation`:

- refused (a score outside the scale, a duplicate id, an unknown
  reference...): nothing changes, the problems go back to the form, which
  shows them next to the field while the widget keeps what was typed;
- accepted: the engagement is replaced and a save is scheduled (debounced),
  based on the revision the session last loaded or saved.

A save refused because someone saved a newer revision
(:class:`~cxkit.errors.RevisionConflict`) loses nothing: the session keeps
its engagement and the edits made since its last save, and
:meth:`EditSession.reload` replays them on the newest revision.

Everything is synchronous except the debounce timer, so tests call
:meth:`EditSession.flush` (or use ``delay=0``) and get a deterministic save.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable, Iterable, MutableMapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from cxkit.errors import CxkitError, EngagementInvalid, RevisionConflict
from cxkit.model import Engagement
from cxkit.ui.texts import tr
from cxkit.validation import Problem, build_engagement, format_path

log = logging.getLogger(__name__)

Loc = Sequence[str | int]
Doc = dict[str, Any]
Edit = Callable[[Doc], object]
State = Literal["saved", "pending", "refused", "conflict", "error"]


class Store(Protocol):
    """What the session needs from a workspace (:class:`cxkit.store.Workspace` is one)."""

    def save(
        self,
        engagement: Engagement,
        author: str,
        base_revision: int,
        summary: str | None = None,
        *,
        checkpoint: bool = False,
    ) -> Any: ...

    def load(self, engagement_id: str, revision: int | None = None) -> Any: ...

    def with_contributions(self, engagement: Engagement) -> Engagement: ...


@dataclass(frozen=True)
class Status:
    """What a form shows about its engagement: saved, waiting, or why not."""

    state: State
    revision: int
    message: str
    problems: tuple[Problem, ...] = ()


def _number(revision: Any) -> int:
    """A revision number from a store's ``Revision`` (or a bare int)."""
    return int(getattr(revision, "number", revision))


def to_doc(engagement: Engagement) -> Doc:
    """The engagement as a fresh mutable mapping, ready for an edit."""
    doc: Doc = engagement.model_dump(mode="python", exclude_none=True)
    return doc


def get_at(doc: Any, loc: Loc, default: Any = None) -> Any:
    """The value at ``loc`` in a document, or ``default`` where the path does not exist."""
    node = doc
    for part in loc:
        if isinstance(part, int):
            if not isinstance(node, list) or not -len(node) <= part < len(node):
                return default
            node = node[part]
        else:
            if not isinstance(node, MutableMapping) or part not in node:
                return default
            node = node[part]
    return node


def set_at(doc: Doc, loc: Loc, value: Any) -> None:
    """Set ``loc`` to ``value``, creating the sections on the way; ``None`` removes the key."""
    if not loc:
        raise ValueError("an empty location")
    node: Any = doc
    for part, following in itertools.pairwise(loc):
        if isinstance(part, int):
            node = node[part]
            continue
        if not isinstance(node.get(part), MutableMapping | list):
            node[part] = [] if isinstance(following, int) else {}
        node = node[part]
    last = loc[-1]
    if isinstance(last, int):
        node[last] = value
    elif value is None:
        node.pop(last, None)
    else:
        node[last] = value


def problems_at(problems: Iterable[Problem], loc: Loc) -> list[Problem]:
    """The problems about ``loc`` or anything inside it."""
    path = format_path(loc)
    return [
        p
        for p in problems
        if p.path == path or p.path.startswith(path + ".") or p.path.startswith(path + "[")
    ]


class EditSession:
    """The engagement being edited, its base revision, and the state of its autosave."""

    def __init__(
        self,
        store: Store,
        engagement: Engagement,
        revision: int,
        author: str,
        *,
        delay: float = 1.0,
    ) -> None:
        self.store = store
        self.engagement = engagement
        self.revision = revision
        self.author = author
        self.delay = delay
        self._doc = to_doc(engagement)
        self._pending: list[Edit] = []
        self._status = Status("saved", revision, self._saved_message(revision))
        self._listeners: list[Callable[[Status], None]] = []
        self._reload_listeners: list[Callable[[], None]] = []
        self._lock = threading.RLock()
        self._timer: threading.Timer | None = None

    @classmethod
    def open(
        cls, store: Store, engagement_id: str, author: str, *, delay: float = 1.0
    ) -> EditSession:
        """A session on the latest revision of a stored engagement."""
        stored = store.load(engagement_id)
        return cls(store, stored.engagement, _number(stored.revision), author, delay=delay)

    # --- reading -----------------------------------------------------------------

    @property
    def lang(self) -> str:
        return self.engagement.language

    @property
    def status(self) -> Status:
        return self._status

    @property
    def dirty(self) -> bool:
        return bool(self._pending)

    def get(self, loc: Loc, default: Any = None) -> Any:
        """The current value at ``loc`` (plain data, as in the engagement file)."""
        return get_at(self._doc, loc, default)

    def doc(self) -> Doc:
        """A copy of the current document, for views that compute from it."""
        return to_doc(self.engagement)

    def on_change(self, listener: Callable[[Status], None]) -> None:
        """Call ``listener`` with every new status (and with the engagement changed)."""
        self._listeners.append(listener)

    def on_reload(self, listener: Callable[[], None]) -> None:
        """Call ``listener`` when the engagement was replaced by a stored revision."""
        self._reload_listeners.append(listener)

    # --- editing -----------------------------------------------------------------

    def apply(self, edit: Edit) -> list[Problem]:
        """Apply ``edit`` if the engagement stays valid; else change nothing and say why."""
        with self._lock:
            doc = to_doc(self.engagement)
            try:
                edit(doc)
                engagement = build_engagement(doc, self.lang)
            except EngagementInvalid as exc:
                problems = list(exc.problems)
                first = problems[0].render(self.lang) if problems else ""
                if self._status.state == "conflict":
                    return problems  # the conflict stays what the form must resolve first
                self._set_status(
                    "refused", tr("status.refused", self.lang, reason=first), tuple(problems)
                )
                return problems
            except (LookupError, TypeError, ValueError) as exc:
                # An edit aimed at something no longer there (a list changed meanwhile).
                log.warning("edit not applicable: %r", exc)
                self._set_status("refused", tr("status.stale", self.lang))
                return [Problem("", "ui.status.stale")]
            self.engagement = engagement
            self._doc = to_doc(engagement)
            self._pending.append(edit)
            if self._status.state == "conflict":
                self._notify()
                return []
            self._set_status("pending", tr("status.pending", self.lang))
        self._schedule()
        return []

    def set(self, loc: Loc, value: Any) -> list[Problem]:
        """Set one field (``None`` clears it); the problems of the edit, if refused."""
        target = tuple(loc)
        return self.apply(lambda doc: set_at(doc, target, value))

    # --- saving ------------------------------------------------------------------

    def _schedule(self) -> None:
        if self.delay <= 0:
            self.flush()
            return
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(self.delay, self._autosave)
            self._timer.daemon = True
            self._timer.start()

    def _autosave(self) -> None:
        try:
            self.flush()
        except Exception:  # a timer thread has nobody to tell but the log and the status
            log.exception("autosave failed")

    def flush(self, summary: str | None = None) -> Status:
        """Save now what is pending (or, with a ``summary``, name the current state)."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if self._status.state == "conflict":
                return self._status
            if not self._pending and summary is None:
                return self._status
            try:
                saved = self.store.save(
                    self.engagement,
                    self.author,
                    self.revision,
                    summary,
                    checkpoint=summary is not None,
                )
            except RevisionConflict as exc:
                latest = exc.params.get("latest", getattr(exc, "latest", "?"))
                self._set_status("conflict", tr("status.conflict", self.lang, latest=latest))
                return self._status
            except CxkitError as exc:
                self._set_status(
                    "error", tr("status.error", self.lang, reason=exc.message(self.lang))
                )
                return self._status
            except Exception:
                log.exception("saving %s failed", self.engagement.id)
                self._set_status("error", tr("status.unexpected", self.lang))
                return self._status
            self.revision = _number(saved)
            self._pending.clear()
            self._set_status("saved", self._saved_message(self.revision))
            return self._status

    def reload(self, keep_edits: bool = True) -> list[Problem]:
        """Load the newest revision; with ``keep_edits``, replay the unsaved edits on it."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            stored = self.store.load(self.engagement.id)
            edits = list(self._pending) if keep_edits else []
            self.engagement = stored.engagement
            self._doc = to_doc(self.engagement)
            self.revision = _number(stored.revision)
            self._pending.clear()
            self._set_status("saved", self._saved_message(self.revision))
            refused: list[Problem] = []
            for edit in edits:
                refused.extend(self.apply(edit))
            if edits:
                self.flush()
        for listener in list(self._reload_listeners):
            try:
                listener()
            except Exception:
                log.exception("reload listener failed")
        return refused

    def close(self) -> None:
        """Save what is pending and stop the timer (end of a page)."""
        self.flush()

    # --- status ------------------------------------------------------------------

    def _saved_message(self, revision: int) -> str:
        return tr("status.saved", self.lang, revision=revision)

    def _set_status(self, state: State, message: str, problems: tuple[Problem, ...] = ()) -> None:
        self._status = Status(state, self.revision, message, problems)
        self._notify()

    def _notify(self) -> None:
        for listener in list(self._listeners):
            try:
                listener(self._status)
            except Exception:  # a broken view must not stop the others or the save
                log.exception("status listener failed")
