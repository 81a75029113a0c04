"""The workspace store against bare drivers: contributions per second, large saves and loads.

For SQLite (a temporary file) and PostgreSQL (a temporary schema on
``CXKIT_TEST_PG_URL``; skipped with a note if unreachable), in the same run:

- contributions per second, 1 writer process then 8 at once, through
  ``ParticipantSession.submit`` (token re-check, rules, append), against a
  bare ``sqlite3`` / ``psycopg`` loop inserting the same rows with the same
  pattern (one transaction per row, same SQLite pragmas);
- save and load of ``cxkit.sample.large_engagement()``, against the bare
  insert / select of the same JSON text (plus ``json.loads`` for the load);
  and against the same bare insert / select doing the domain work every
  store of valid engagements must do: re-validating before the insert
  (``revalidate``, "only valid engagements are stored"), building the model
  after the select (``Engagement.model_validate_json``).

Targets (issue 3): >= 200 contributions/s with 8 writers on SQLite, store
time <= 2x the bare baseline.

    .venv/bin/python benchmarks/bench_store.py
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing as mp
import os
import queue
import sqlite3
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import quote

from _common import best_of

from cxkit.model import Engagement
from cxkit.sample import large_engagement
from cxkit.store import Workspace
from cxkit.store.schema import contributions
from cxkit.validation import revalidate

PG_URL = os.environ.get(
    "CXKIT_TEST_PG_URL", "postgresql+psycopg://cxkit:cxkit@127.0.0.1:5432/cxkit_test"
)
PER_WRITER = {1: 1500, 8: 300}
STORE_FILE = "cxkit.db"
ROUNDS = 5
SIZES = {"interviews": 300, "competitors": 60, "criteria": 20, "standards": 120, "actions": 500}
BARE_TABLE = """CREATE TABLE bare_contributions (
    seq {serial} PRIMARY KEY, invitation_id VARCHAR(40), engagement_id VARCHAR(200),
    workshop VARCHAR(200), participant VARCHAR(40), team VARCHAR(60), kind VARCHAR(40),
    target TEXT, text TEXT, value FLOAT, anonymous BOOLEAN, at TIMESTAMP)"""
BARE_INSERT = (
    "INSERT INTO bare_contributions (invitation_id, engagement_id, workshop, participant, team,"
    " kind, target, text, value, anonymous, at) VALUES ({p}, {p}, {p}, {p}, {p}, {p}, {p}, {p}, {p}, {p}, {p})"
)


# --- writers (child processes) ---------------------------------------------------------------


def _store_writer(url: str, token: str, count: int, barrier: Any, out: Any) -> None:
    with Workspace.open(url=url) as ws:
        session = ws.participant(token)
        barrier.wait()
        start = time.monotonic()
        for i in range(count):
            session.submit("comment", text=f"Le conseiller m'a rappelé le jour même, n°{i}")
        out.put((start, time.monotonic()))


def _bare_rows(count: int) -> list[tuple[Any, ...]]:
    at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    return [
        ("i-x", "horizon-mutuelle", "atelier-1", "p-x", None, "comment", None,
         f"Le conseiller m'a rappelé le jour même, n°{i}", None, False, at)
        for i in range(count)
    ]  # fmt: skip


def _bare_sqlite_writer(
    path: str, table: str, invitation_id: str, count: int, barrier: Any, out: Any
) -> None:
    """A plain sqlite3 loop, one transaction a row, the store's pragmas: into ``table`` of ``path``
    (a table of its own, or the store's, with its indexes and foreign key)."""
    conn = sqlite3.connect(path, timeout=30, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    sql = BARE_INSERT.format(p="?").replace("bare_contributions", table)
    rows = [(invitation_id, *row[1:]) for row in _bare_rows(count)]
    barrier.wait()
    start = time.monotonic()
    for row in rows:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(sql, (*row[:-1], row[-1].isoformat(" ")))
        conn.execute("COMMIT")
    out.put((start, time.monotonic()))
    conn.close()


def _bare_pg_writer(
    conninfo: str, table: str, invitation_id: str, count: int, barrier: Any, out: Any
) -> None:
    """A plain psycopg loop, one transaction a row: into ``table`` (its own, or the store's)."""
    import psycopg

    sql = BARE_INSERT.format(p="%s").replace("bare_contributions", table)
    rows = [(invitation_id, *row[1:]) for row in _bare_rows(count)]
    # Autocommit: each insert is its own transaction in one round trip, as the store's is.
    with psycopg.connect(conninfo, autocommit=True) as conn:
        barrier.wait()
        start = time.monotonic()
        for row in rows:
            with conn.cursor() as cur:
                cur.execute(sql, row)
        out.put((start, time.monotonic()))


def _run(target: Any, args_of: list[tuple[Any, ...]]) -> float:
    """Start one process per argument tuple at once; the wall time from first start to last end."""
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(len(args_of))
    out = ctx.Queue()
    procs = [ctx.Process(target=target, args=(*a, barrier, out)) for a in args_of]
    for p in procs:
        p.start()
    spans: list[tuple[float, float]] = []
    while len(spans) < len(procs):
        try:
            spans.append(out.get(timeout=1))
        except queue.Empty:
            if any(p.exitcode not in (None, 0) for p in procs):
                for p in procs:
                    p.kill()
                raise SystemExit("a writer process failed (its traceback is above)") from None
    for p in procs:
        p.join()
    return max(e for _, e in spans) - min(s for s, _ in spans)


def _renamed(engagement: Engagement, name: str) -> Engagement:
    edited = engagement.model_copy(deep=True)
    edited.strategy.pillars[0].name = name
    return edited


# --- one backend ------------------------------------------------------------------------------


def bench_backend(name: str, url: str, bare: dict[str, Any]) -> tuple[list[str], dict[str, Any]]:
    """The lines to print, and the figures the targets are judged on."""
    lines = []
    found: dict[str, Any] = {"contributions": {}}
    with Workspace.open(url=url) as ws:
        ws.ensure_demo()
        for writers, each in PER_WRITER.items():
            invitations = ws.invite("horizon-mutuelle", "atelier-1", count=writers)
            total = writers * each
            # Interleaved, best of ROUNDS: the machine is shared, the least disturbed run counts.
            store_s = bare_s = float("inf")
            for _ in range(ROUNDS):
                store_s = min(
                    store_s, _run(_store_writer, [(url, i.token, each) for i in invitations])
                )
                bare_s = min(bare_s, _run(bare["writer"], [(*bare["target"], each)] * writers))
            found["contributions"][writers] = (total / store_s, store_s / bare_s)
            lines.append(
                f"{name:<10} contributions, {writers} writer(s) x {each:<4}"
                f" store {total / store_s:7.0f}/s   bare {total / bare_s:7.0f}/s"
                f"   ratio {store_s / bare_s:5.2f}x"
            )
            if bare.get("into_store_table"):
                # The same bare loop into the store's own table: what the schema costs
                # (two indexes, a foreign key) apart from what the store's code costs.
                where = bare["into_store_table"]
                schema_s = float("inf")
                for _ in range(ROUNDS):
                    args = [(where, contributions.name, i.id, each) for i in invitations]
                    schema_s = min(schema_s, _run(bare["writer"], args))
                lines.append(
                    f"{name:<10}   same loop into the store's table (indexes, foreign key)"
                    f"   bare {total / schema_s:7.0f}/s   store ratio {store_s / schema_s:5.2f}x"
                )

        big = large_engagement(**SIZES)
        text = revalidate(big).text
        ws.create(big, "bench")

        def edits(first: int, count: int) -> list[tuple[int, Engagement]]:
            return [(n, _renamed(big, f"Pilier {n}")) for n in range(first, first + count)]

        # Autosave: each save on the revision this process saved last.
        pending = iter(edits(1, ROUNDS))

        def autosave() -> None:
            number, edited = next(pending)
            ws.save(edited, "bench", base_revision=number)

        store_save = best_of(autosave, ROUNDS)
        # The first save after a load (another process saved last): the previous document is read.
        cold_save = float("inf")
        for number, edited in edits(ROUNDS + 1, ROUNDS):
            with Workspace.open(url=url) as other:
                other.load(big.id)
                start = time.perf_counter()
                other.save(edited, "bench", base_revision=number)
                cold_save = min(cold_save, time.perf_counter() - start)
        validation = best_of(lambda: revalidate(big), ROUNDS)
        bare_save = best_of(lambda: bare["save"](text), ROUNDS)
        checked_save = best_of(lambda: bare["save"](revalidate(big).text), ROUNDS)
        store_load = best_of(lambda: ws.load(big.id), ROUNDS)
        bare_load = best_of(lambda: json.loads(bare["load"]()), ROUNDS)
        model_load = best_of(lambda: Engagement.model_validate_json(bare["load"]()), ROUNDS)
        kib = len(text.encode()) / 1024
        found["driver"] = {"save": store_save / bare_save, "load": store_load / bare_load}
        found["domain"] = {
            "save": store_save / checked_save,
            "first save": cold_save / checked_save,
            "load": store_load / model_load,
        }
        # What the bare loop itself takes once it validates, or builds the model.
        found["floor"] = {"save": checked_save / bare_save, "load": model_load / bare_load}
        lines += [
            f"{name:<10} save large engagement ({kib:.0f} KiB JSON), autosave"
            f"  store {store_save * 1000:6.1f} ms  bare {bare_save * 1000:6.1f} ms"
            f"  ratio {store_save / bare_save:5.2f}x",
            f"{name:<10}   bare insert after the same re-validation ({validation * 1000:.1f} ms)"
            f"     bare {checked_save * 1000:6.1f} ms  store ratio {store_save / checked_save:5.2f}x",
            f"{name:<10}   first save after a load (previous revision read and parsed)"
            f"  store {cold_save * 1000:6.1f} ms  store ratio {cold_save / checked_save:5.2f}x",
            f"{name:<10} load large engagement"
            f"  store {store_load * 1000:6.1f} ms  bare {bare_load * 1000:6.1f} ms"
            f"  ratio {store_load / bare_load:5.2f}x",
            f"{name:<10}   bare select then the same model building"
            f"        bare {model_load * 1000:6.1f} ms  store ratio {store_load / model_load:5.2f}x",
        ]
        demo = ws.load("horizon-mutuelle")
        pending_demo = iter(
            (n, _renamed(demo.engagement, f"Fiable {n}"))
            for n in range(demo.revision.number, demo.revision.number + 5)
        )

        def save_demo() -> None:
            number, edited = next(pending_demo)
            ws.save(edited, "bench", base_revision=number)

        lines.append(
            f"{name:<10} save of the demo engagement (autosave)"
            f"  store {best_of(save_demo, 5) * 1000:6.1f} ms"
        )
    return lines, found


def verdicts(results: dict[str, dict[str, Any]]) -> list[str]:
    """The issue's targets, judged on this run's figures."""

    def ok(good: bool) -> str:
        return "OK" if good else "MISSED"

    rate = results["sqlite"]["contributions"][8][0]
    contributions = {
        f"{backend} {writers} writer{'s' if writers > 1 else ''}": ratio
        for backend, found in results.items()
        for writers, (_, ratio) in found["contributions"].items()
    }
    domain = {
        f"{backend} {what}": ratio
        for backend, found in results.items()
        for what, ratio in found["domain"].items()
    }
    driver = ", ".join(
        f"{backend} {what} {ratio:.2f}x (bare doing the same: {found['floor'][what]:.2f}x)"
        for backend, found in results.items()
        for what, ratio in found["driver"].items()
    )

    def listed(ratios: dict[str, float]) -> str:
        return ", ".join(f"{key} {ratio:.2f}x" for key, ratio in ratios.items())

    return [
        "",
        "targets (issue 3):",
        f"  8 SQLite writers: {rate:.0f} contributions/s (>= 200): {ok(rate >= 200)}",
        f"  contributions, store / bare loop (<= 2x): {ok(max(contributions.values()) <= 2)}"
        f"  [{listed(contributions)}]",
        f"  save and load, store / bare doing the same validation or model building (<= 2x):"
        f" {ok(max(domain.values()) <= 2)}  [{listed(domain)}]",
        f"  save and load, store / bare driver alone: {driver}: validating before the insert"
        f" and building the model after the select cost more than the driver itself",
    ]


def sqlite_bare(folder: Path) -> dict[str, Any]:
    path = str(folder / "bare.db")
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(BARE_TABLE.format(serial="INTEGER"))
    conn.execute("CREATE TABLE bare_docs (id INTEGER PRIMARY KEY, document TEXT)")

    def save(text: str) -> None:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO bare_docs (document) VALUES (?)", (text,))
        conn.execute("COMMIT")

    def load() -> str:
        row = conn.execute("SELECT document FROM bare_docs ORDER BY id DESC LIMIT 1").fetchone()
        return str(row[0])

    return {
        "writer": _bare_sqlite_writer,
        "target": (path, "bare_contributions", "i-x"),
        "into_store_table": str(folder / STORE_FILE),
        "save": save,
        "load": load,
    }


def pg_bare(conninfo: str) -> dict[str, Any]:
    import psycopg

    conn = psycopg.connect(conninfo, autocommit=True)
    conn.execute(BARE_TABLE.format(serial="SERIAL"))
    conn.execute("CREATE TABLE bare_docs (id SERIAL PRIMARY KEY, document TEXT)")

    def save(text: str) -> None:
        with conn.transaction():
            conn.execute("INSERT INTO bare_docs (document) VALUES (%s)", (text,))

    def load() -> str:
        row = conn.execute("SELECT document FROM bare_docs ORDER BY id DESC LIMIT 1").fetchone()
        assert row is not None
        return str(row[0])

    return {
        "writer": _bare_pg_writer,
        "target": (conninfo, "bare_contributions", "i-x"),
        "into_store_table": conninfo,
        "save": save,
        "load": load,
    }


def main() -> None:
    print(
        f"python {sys.version.split()[0]}, sqlite {sqlite3.sqlite_version}, {os.cpu_count()} cores"
    )
    lines: list[str] = []
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        more, results["sqlite"] = bench_backend(
            "sqlite", f"sqlite:///{folder / STORE_FILE}", sqlite_bare(folder)
        )
        lines += more

    try:
        import psycopg
        from sqlalchemy.engine import make_url

        base = make_url(PG_URL)
        conninfo = base.set(drivername="postgresql").render_as_string(hide_password=False)
        admin = psycopg.connect(conninfo, autocommit=True, connect_timeout=3)
    except Exception as exc:
        print(f"PostgreSQL not reachable at {PG_URL} ({exc.__class__.__name__}): skipped")
        admin = None
    if admin is not None:
        schema = f"bench_{uuid.uuid4().hex[:10]}"
        admin.execute(f'CREATE SCHEMA "{schema}"')
        try:
            options = quote(f"-csearch_path={schema}")
            sep = "&" if "?" in PG_URL else "?"
            pg_info = f"{conninfo}{sep}options={options}"
            more, results["postgresql"] = bench_backend(
                "postgresql", f"{PG_URL}{sep}options={options}", pg_bare(pg_info)
            )
            lines += more
        finally:
            admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
            admin.close()
    print("\n".join(lines + verdicts(results)))


if __name__ == "__main__":
    main()
