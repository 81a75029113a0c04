"""One exception family: every exception cxkit defines or raises on purpose is a CxkitError.

The tree written in ``cxkit/errors.py``'s docstring is read here, so it
names every class, each under its real parent, and nothing that is gone.
"""

from __future__ import annotations

import ast
import builtins
import importlib
import inspect
import pkgutil
import re
from pathlib import Path
from types import ModuleType

import cxkit
import cxkit.errors
from cxkit.errors import CxkitError

PACKAGE = Path(cxkit.__file__).resolve().parent

# Exceptions raised as part of another library's protocol, not as cxkit's word to a user.
PROTOCOL_RAISES: dict[tuple[str, str], str] = {
    ("cxkit", "AttributeError"): "a module's __getattr__ must raise it for unknown names",
    ("cxkit.checks", "ValueError"): "a programming error: a check code registered twice",
    ("cxkit.periods", "ValueError"): "a programming error: a period not in the file's spelling",
    ("cxkit.ui.session", "ValueError"): "a programming error: an empty location",
    ("cxkit.ui.form", "NotImplementedError"): "an abstract method",
    ("cxkit.deck.layouts", "ValueError"): "caught at once: told as an unreadable template",
    ("cxkit.deck.render", "ValueError"): "a programming error: a plan drawn on another page",
    (
        "cxkit.store.kinds",
        "ValueError",
    ): "a programming error: a contribution kind registered twice",
    ("cxkit.ui.widgets", "NotImplementedError"): "an abstract method",
    ("cxkit.apps.gate", "Refusal"): "Voilà's pre-launch hook answers a page by a tornado HTTPError",
    ("cxkit.apps.card_route", "Refusal"): "a Tornado handler answers a page by an HTTPError",
    ("cxkit.apps.fork_provisioner", "TimeoutExpired"): "Popen.wait's, which Jupyter calls",
    ("cxkit.apps.zygote", "ValueError"): "caught at once: a malformed request is closed",
    ("cxkit.apps.zygote", "OSError"): "the provisioner then starts the kernel the usual way",
    ("cxkit.commands.workspace", "ArgumentTypeError"): "argparse turns it into a usage error",
    ("cxkit.value_types", "PydanticCustomError"): "pydantic turns it into a Problem with its path",
}


def _modules() -> list[ModuleType]:
    names = [
        info.name
        for info in pkgutil.walk_packages([str(PACKAGE)], prefix="cxkit.")
        if not info.name.endswith("__main__")
    ]
    return [cxkit, *(importlib.import_module(name) for name in names)]


def _defined_exceptions() -> dict[str, type[BaseException]]:
    found: dict[str, type[BaseException]] = {}
    for module in _modules():
        for name, obj in vars(module).items():
            if (
                inspect.isclass(obj)
                and issubclass(obj, BaseException)
                and obj.__module__ == module.__name__
            ):
                found[name] = obj
    return found


def _tree() -> dict[str, tuple[str | None, str | None]]:
    """Each class of the docstring's tree -> (its parent, the module noted in brackets)."""
    doc = cxkit.errors.__doc__ or ""
    parents: list[str] = []
    tree: dict[str, tuple[str | None, str | None]] = {}
    for line in doc.splitlines():
        match = re.match(r"^([│ ]*)(?:[├└]── )?([A-Z]\w+)(?:\s+(.*))?$", line)
        if not match or (
            not match.group(1) and "──" not in line and match.group(2) != "CxkitError"
        ):
            continue
        prefix = line[: line.index(match.group(2))]
        depth = len(prefix) // 4
        del parents[depth:]
        where = re.search(r"\((\w+\.\w+)\)\s*$", match.group(3) or "")
        tree[match.group(2)] = (parents[-1] if parents else None, where and where.group(1))
        parents.append(match.group(2))
    return tree


PROTOCOL_CLASSES = {"Refusal": "a tornado HTTPError: how Voilà's pre-launch hook answers a page"}
"""Exception classes a framework's protocol dictates; they are not told to a consultant."""


def test_every_exception_class_of_cxkit_is_a_cxkit_error() -> None:
    outside = [
        name
        for name, cls in _defined_exceptions().items()
        if not issubclass(cls, CxkitError) and name not in PROTOCOL_CLASSES
    ]
    assert outside == []


def test_the_docstring_tree_names_every_class_under_its_real_parent() -> None:
    defined = _defined_exceptions()
    tree = _tree()
    assert set(tree) == set(defined) - set(PROTOCOL_CLASSES), (
        "the tree in cxkit/errors.py's docstring is not complete"
    )
    for name, (parent, where) in tree.items():
        cls = defined[name]
        if parent is not None:
            assert cls.__bases__[0].__name__ == parent, name
        expected = "cxkit.errors" if where is None else f"cxkit.{where}"
        assert cls.__module__ == expected, (
            f"{name} is in {cls.__module__}, the tree says {expected}"
        )


def _raised_classes(module: ModuleType) -> list[type[BaseException]]:
    """The classes a module's ``raise X(...)`` statements name (calls to helpers are skipped)."""
    found = []
    source = Path(module.__file__ or "").read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
            continue
        func = node.exc.func
        target: object = None
        if isinstance(func, ast.Name):
            target = getattr(module, func.id, None) or getattr(builtins, func.id, None)
        elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            target = getattr(getattr(module, func.value.id, None), func.attr, None)
        if inspect.isclass(target) and issubclass(target, BaseException):
            found.append(target)
    return found


def test_cxkit_raises_only_its_own_errors_or_a_protocol_one() -> None:
    strays = [
        f"{module.__name__} raises {cls.__name__}"
        for module in _modules()
        for cls in _raised_classes(module)
        if not issubclass(cls, CxkitError)
        and (module.__name__, cls.__name__) not in PROTOCOL_RAISES
    ]
    assert strays == []


def test_the_tree_parser_reads_nesting() -> None:
    tree = _tree()
    assert tree["CxkitError"] == (None, None)
    assert tree["SaveConflict"][0] == "RevisionConflict"
    assert tree["RevisionConflict"][0] == "StoreError"
    assert tree["TemplateError"][0] == "CxkitError"


def test_a_server_that_did_not_start_reads_in_both_languages() -> None:
    from cxkit.apps.servers import ServerFailed

    failed = ServerFailed("participant", "OSError: [Errno 98] Address already in use")
    assert failed.message("en") == (
        "The Voilà server (participant) did not start: OSError: [Errno 98] Address already in use"
    )
    assert failed.message("fr").startswith("Le serveur Voilà (participant) n'a pas démarré\u00a0:")
