"""The thread of each pillar: back to its evidence, forward to what makes it real.

A restitution is convincing when every pillar can be traced back to what
the collection found (segments, interviews and their verbatims,
competitors and the benchmark gaps against them) and forward to how it
will be measured and carried (KPIs, standards, rituals, action leads).
What was adopted from participants' proposals keeps its provenance
(workshop, proposals, dots), shown beside. This is a pure function of the
engagement; the restitution form only displays it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cxkit.model import (
    Action,
    Engagement,
    Kpi,
    Pillar,
    Provenance,
    Ritual,
    Segment,
    Standard,
    Verbatim,
)


@dataclass(frozen=True)
class Gap:
    """A benchmark criterion where a competitor the pillar cites scores above the client."""

    criterion: str
    actor: str
    client_score: int
    actor_score: int

    @property
    def size(self) -> int:
        return self.actor_score - self.client_score


@dataclass(frozen=True)
class PillarThread:
    pillar: Pillar
    segments: list[Segment] = field(default_factory=list)
    interviews: list[str] = field(default_factory=list)
    verbatims: list[tuple[str, Verbatim]] = field(default_factory=list)
    """(interview id, verbatim): from the cited interviews and tagged with a cited segment."""
    competitors: list[str] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    kpis: list[Kpi] = field(default_factory=list)
    standards: list[Standard] = field(default_factory=list)
    rituals: list[Ritual] = field(default_factory=list)
    actions: list[tuple[str, Action]] = field(default_factory=list)
    """(device kind, action lead)."""

    @property
    def adopted(self) -> list[tuple[str, Provenance | None]]:
        """(name, provenance) of the pillar and of what carries it, as adopted in workshops."""
        return [
            (name, provenance)
            for name, provenance in (
                (self.pillar.name, self.pillar.provenance),
                *((k.name, k.provenance) for k in self.kpis),
                *((s.statement, s.provenance) for s in self.standards),
                *((r.name, r.provenance) for r in self.rituals),
                *((a.title, a.provenance) for _, a in self.actions),
            )
            if provenance is not None
        ]

    @property
    def has_evidence(self) -> bool:
        return bool(self.segments or self.interviews or self.competitors)

    @property
    def is_carried(self) -> bool:
        return bool(self.kpis and (self.standards or self.rituals or self.actions))


def benchmark_gaps(engagement: Engagement, actors: set[str]) -> list[Gap]:
    """Criteria where one of ``actors`` (by name) scores above the client's own row."""
    scores = engagement.collection.benchmark.scores
    own = next((s for s in scores if s.kind == "self"), None)
    if own is None:
        return []
    gaps = []
    for row in scores:
        if row is own or row.actor not in actors:
            continue
        for criterion in engagement.collection.benchmark.criteria:
            mine, theirs = own.values.get(criterion), row.values.get(criterion)
            if mine is not None and theirs is not None and theirs > mine:
                gaps.append(Gap(criterion, row.actor, mine, theirs))
    return sorted(gaps, key=lambda g: (-g.size, g.criterion, g.actor))


def pillar_thread(engagement: Engagement, pillar: Pillar) -> PillarThread:
    """One pillar's thread (see the module's docstring)."""
    env = engagement.environment
    sources = set(pillar.sources)
    interviews = [i for i in engagement.collection.interviews if i.id in sources]
    segment_ids = sources | {i.segment for i in interviews if i.segment}
    segments = [s for s in env.customer.segments if s.id in segment_ids]
    cited = {i.id for i in interviews}
    verbatims = [
        (i.id, v)
        for i in engagement.collection.interviews
        for v in i.verbatims
        if i.id in cited or (v.segment and v.segment in sources)
    ]
    competitors = [c for c in env.market.competitors if c.id in sources]
    return PillarThread(
        pillar=pillar,
        segments=segments,
        interviews=[i.id for i in interviews],
        verbatims=verbatims,
        competitors=[c.name for c in competitors],
        gaps=benchmark_gaps(engagement, {c.name for c in competitors}),
        kpis=[k for k in engagement.strategy.kpis if pillar.id in k.pillars],
        standards=[s for s in engagement.referential.standards if pillar.id in s.pillars],
        rituals=[r for r in engagement.referential.rituals if pillar.id in r.pillars],
        actions=[(d.kind, a) for d, a in engagement.actions() if pillar.id in a.pillars],
    )


def pillar_threads(engagement: Engagement) -> list[PillarThread]:
    """Every pillar's thread, in the pillars' order."""
    return [pillar_thread(engagement, p) for p in engagement.strategy.pillars]
