"""The one exception family of cxkit, with messages a consultant can read.

CxkitError
├── FileFormatError           the file is not a YAML/JSON document we can read
├── EngagementInvalid         the document breaks the format (docs/format.md); carries every problem
├── NotFound                  an engagement, revision or file that does not exist
├── StoreError                the workspace cannot be read or written
│   ├── RevisionConflict      a save based on an older revision (content kept)
│   │   └── SaveConflict      that refusal, with the newer revision and the kept draft (store.records)
│   └── SchemaVersionError    the workspace was written by a newer cxkit
├── AccessDenied              a participant's token does not allow this
├── InvalidContribution       a participant's input breaks a rule of its kind (store.records)
├── TemplateError             a deck template lacks layouts we need
├── MeasuresRefused           a measurement file with problems; carries every one
├── ServerFailed              a Voilà server did not start; carries its log's end (apps.servers)
│   └── PortTaken             a port it needs is already in use (apps.servers)
└── ZygoteLost                a participant's kernel was asked of the zygote and never came (apps.zygote)

Every exception cxkit raises on purpose is one of these (a test walks the
package and reads this tree). Each carries a catalog key and its
parameters, so the same error reads in French or English; ``str(error)``
uses the language given at creation. The classes defined elsewhere live
beside the code that raises them and the data they carry.
"""

from __future__ import annotations

from typing import Any

from cxkit.i18n import t


class CxkitError(Exception):
    """Base of every error cxkit raises on purpose."""

    def __init__(self, key: str, /, lang: str | None = None, **params: Any) -> None:
        self.key = key
        self.params = params
        self.lang = lang
        super().__init__(key)

    def message(self, lang: str | None = None) -> str:
        return t(self.key, lang or self.lang, **self.params)

    def __str__(self) -> str:
        return self.message()


class FileFormatError(CxkitError):
    """The file cannot be read as a document (not text, not YAML/JSON, empty)."""


class EngagementInvalid(CxkitError):
    """The document is not a valid engagement; ``problems`` lists every reason."""

    def __init__(self, problems: list[Any], /, lang: str | None = None) -> None:
        super().__init__("error.invalid_engagement", lang, count=len(problems))
        self.problems = problems

    def message(self, lang: str | None = None) -> str:
        head = super().message(lang)
        lines = [p.render(lang or self.lang) for p in self.problems]
        return "\n".join([head, *("  " + line for line in lines)])


class MeasuresRefused(CxkitError):
    """A measurement file with problems (cxkit.measures_import): ``problems`` lists every one; nothing was imported."""

    def __init__(self, name: str, problems: list[Any], /, lang: str | None = None) -> None:
        super().__init__("measures.refused", lang, file=name, count=len(problems))
        self.problems = problems

    def message(self, lang: str | None = None) -> str:
        head = super().message(lang)
        return "\n".join([head, *("  " + p.message(lang or self.lang) for p in self.problems)])


class NotFound(CxkitError):
    """Something named does not exist."""


class StoreError(CxkitError):
    """The workspace cannot be used as asked."""


class RevisionConflict(StoreError):
    """A save was based on a revision older than the latest; nothing was overwritten."""


class SchemaVersionError(StoreError):
    """The workspace's schema is newer than this cxkit."""


class AccessDenied(CxkitError):
    """A participant's invitation does not allow this action."""


class TemplateError(CxkitError):
    """A deck template cannot be used."""
