"""Reads of the industrial chains. Every staff role reads the chains, their maps and target
companies (the investor database is city-wide too); the bureau and administrators change every
chain, an industry office's staff the chains of their office."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from accounts.models import Role
from config.numbers import percent
from config.search import matches_subquery
from projects import workflow
from projects.models import CapitalArrival, Project, Status
from projects.selectors import Achieved, achieved_by_region, funnel
from reference.industries import class_digits
from reference.selectors import region_descendant_ids

from .models import (
    Chain,
    ChainLink,
    ChainTarget,
    LocalEnterprise,
    Outreach,
    ProjectLink,
    Segment,
    TargetCompany,
)

# A project "landed" in the city (a local enterprise of its links) from approval on.
LANDED_STAGES = ("approval", "groundbreaking", "operation")
NOT_CONTACTED_DAYS = 90
# Industry (工业) in GB/T 4754: mining, manufacturing, and electricity, heat, gas and water; what
# a target without a chain counts.
INDUSTRIAL_SECTIONS = ("B", "C", "D")


def reads_chains(user) -> bool:
    return bool(user.is_authenticated)


def can_work_chain(user, chain: Chain) -> bool:
    """Whether the user changes the chain's map, gaps and targets: bureau and admin every
    chain, an industry office's staff their office's."""
    if not user.is_authenticated:
        return False
    if user.is_bureau_or_admin:
        return True
    return (
        user.role == Role.CHAIN_OFFICE
        and user.chain_office_id is not None
        and chain.office_id == user.chain_office_id
    )


def chains_for_user(user):
    qs = Chain.objects.select_related("office")
    return qs if reads_chains(user) else qs.none()


def office_chains(user):
    """The chains of the user's industry office (none for other roles)."""
    if user.role != Role.CHAIN_OFFICE or not user.chain_office_id:
        return Chain.objects.none()
    return Chain.objects.filter(office_id=user.chain_office_id)


def links_for_user(user):
    qs = ChainLink.objects.select_related("chain")
    return qs if reads_chains(user) else qs.none()


def targets_for_user(user):
    qs = TargetCompany.objects.select_related("link__chain", "investor")
    return qs if reads_chains(user) else qs.none()


def in_chain(chain_id: int, field: str = "pk") -> Q:
    """`field` is one of the chain's projects: `= ANY(ARRAY(…))` on PostgreSQL, so the chain's
    ids are read once from the link index and looked up in `field`'s index (never a scan of
    the projects with a hash join)."""
    return matches_subquery(
        field, ProjectLink.objects.filter(chain_id=chain_id).values("project_id")
    )


def in_link(link_id: int, field: str = "pk") -> Q:
    return matches_subquery(field, ProjectLink.objects.filter(link_id=link_id).values("project_id"))


def of_chain(chain_id: int) -> Q:
    """The chain's projects as a semi-join (`id IN (SELECT …)`): for a page in some order and
    for counts over a span of dates, where the planner then walks the order's (or the dates')
    index and probes the covering link index per row, reading only what the page needs.
    `in_chain` is for reading all of a chain's projects by id (the map)."""
    return Q(pk__in=ProjectLink.objects.filter(chain_id=chain_id).values("project_id"))


def of_link(link_id: int) -> Q:
    return Q(pk__in=ProjectLink.objects.filter(link_id=link_id).values("project_id"))


def link_class_prefixes(link: ChainLink) -> tuple[str, ...]:
    """The digits of the link's GB/T 4754 classes ("C27" → "27"); a section letter alone finds
    nothing (a whole section is no link's local industry)."""
    return tuple(sorted({d for d in map(class_digits, link.industry_classes or []) if d}))


def by_class(prefixes) -> Q:
    """Projects whose class starts with one of `prefixes` (none: no project). A prefix under a
    shorter one is left out; the class is said to be non-empty, so that the partial pattern
    index on the class answers (`project_industry_class`)."""
    prefixes = sorted(set(prefixes))
    kept = [p for p in prefixes if not any(p != q and p.startswith(q) for q in prefixes)]
    if not kept:
        return Q(pk__in=[])
    q = Q()
    for prefix in kept:
        q |= Q(industry_class__startswith=prefix)
    return q & ~Q(industry_class="")


def landed_projects(link: ChainLink, user):
    """A link's landed projects (its local enterprises besides those added by hand): the
    active projects the user reads, from approval on, linked to the link or of one of its
    classes, each once."""
    visible = Project.objects.all() if user is None else Project.objects.for_user(user)
    return visible.filter(
        in_link(link.pk) | by_class(link_class_prefixes(link)),
        status=Status.ACTIVE,
        stage__in=LANDED_STAGES,
    )


def chain_projects(chain_id: int):
    """The projects of a chain (each once, whatever number of its links it is in)."""
    return Project.objects.filter(of_chain(chain_id))


def link_projects(link_id: int):
    return Project.objects.filter(of_link(link_id))


@dataclass
class LinkCard:
    link: ChainLink
    local_enterprises: int = 0
    hand_added: int = 0
    landed_projects: int = 0
    targets: int = 0
    targets_by_state: dict = field(default_factory=dict)
    pipeline: dict = field(default_factory=dict)

    @property
    def pipeline_total(self) -> int:
        return sum(self.pipeline.values())


@dataclass
class ChainMap:
    chain: Chain
    segments: list  # [(segment code, label, [LinkCard])]

    @property
    def cards(self) -> list[LinkCard]:
        return [card for _code, _label, cards in self.segments for card in cards]


def chain_map(chain: Chain, user, *, with_targets: bool = True) -> ChainMap:
    """The chain's segments as columns and their links as cards with their counts: local
    enterprises (hand-added enterprises plus the landed projects, approval on, linked to the
    link or of one of its GB/T 4754 classes, each once),
    target companies (by outreach state) and the pipeline (active linked projects by stage).
    The projects counted are those the user reads. Five queries whatever the number of links
    or projects."""
    links = list(chain.links.all())
    cards = {link.pk: LinkCard(link=link) for link in links}
    # The public map (user None) counts every active project: it shows only how many landed.
    visible = Project.objects.all() if user is None else Project.objects.for_user(user)
    # Two reads, joined here: the chain's (link, project) pairs from the covering index, then
    # the stage of those projects that are active and visible, looked up by id.
    pairs = (
        ProjectLink.objects.filter(chain_id=chain.pk)
        .order_by()
        .values_list("link_id", "project_id")
    )
    stages = dict(
        visible.filter(in_chain(chain.pk), status=Status.ACTIVE)
        .order_by()
        .values_list("pk", "stage")
    )
    landed: dict[int, set] = {link.pk: set() for link in links}
    for link_id, project_id in pairs:
        stage = stages.get(project_id)
        if stage is None:
            continue
        card = cards[link_id]
        card.pipeline[stage] = card.pipeline.get(stage, 0) + 1
        if stage in LANDED_STAGES:
            landed[link_id].add(project_id)
    # Landed projects of the links' classes (prefix match), linked or not: one read of those
    # of any link's class, matched to each link here.
    prefixes = {link.pk: link_class_prefixes(link) for link in links}
    wanted = {p for ps in prefixes.values() for p in ps}
    if wanted:
        of_class = (
            visible.filter(by_class(wanted), status=Status.ACTIVE, stage__in=LANDED_STAGES)
            .order_by()
            .values_list("pk", "industry_class")
        )
        for project_id, code in of_class:
            for link_id, ps in prefixes.items():
                if code.startswith(ps):
                    landed[link_id].add(project_id)
    for link_id, ids in landed.items():
        cards[link_id].landed_projects = len(ids)
    hand = (
        LocalEnterprise.objects.filter(link__chain_id=chain.pk)
        .order_by()
        .values("link_id")
        .annotate(n=Count("pk"))
    )
    for row in hand:
        cards[row["link_id"]].hand_added = row["n"]
    if with_targets:
        states = (
            TargetCompany.objects.filter(link__chain_id=chain.pk)
            .order_by()
            .values("link_id", "state")
            .annotate(n=Count("pk"))
        )
        for row in states:
            card = cards[row["link_id"]]
            card.targets_by_state[row["state"]] = row["n"]
            card.targets += row["n"]
    for card in cards.values():
        card.local_enterprises = card.hand_added + card.landed_projects
        card.pipeline = {s: card.pipeline.get(s, 0) for s in workflow.STAGE_CODES}
    segments = [
        (code, label, [cards[link.pk] for link in links if link.segment == code])
        for code, label in Segment.choices
    ]
    return ChainMap(chain=chain, segments=segments)


def public_chain_maps(site_slug: str) -> list[ChainMap]:
    """The public chains shown on a sector page of the site, without their target companies
    ("where your company fits")."""
    chains = Chain.objects.filter(is_public=True, site_slug=site_slug).order_by("sort_order")
    return [chain_map(c, None, with_targets=False) for c in chains] if site_slug else []


def targets_not_contacted(chains, today: dt.date | None = None, days: int = NOT_CONTACTED_DAYS):
    """Target companies of the chains with no contact in `days` days (never contacted ones
    counted from when they were added), oldest first."""
    today = today or timezone.localdate()
    since = today - dt.timedelta(days=days)
    return (
        TargetCompany.objects.filter(link__chain__in=chains)
        .exclude(state=Outreach.PROJECT)
        .filter(
            Q(last_contact_on__lt=since)
            | Q(last_contact_on__isnull=True, created_at__date__lt=since)
        )
        .select_related("link__chain", "investor")
        .order_by("last_contact_on", "created_at", "pk")
    )


@dataclass
class ChainTargetProgress:
    target: ChainTarget
    achieved: Achieved

    @property
    def rows(self) -> list[tuple[str, object, object]]:
        t, a = self.target, self.achieved
        return [
            ("negotiated", a.negotiated, t.negotiated),
            ("approved", a.approved, t.approved),
            ("started", a.started, t.started),
            ("utilized_fdi_usd_10k", a.utilized_fdi_usd_10k, t.utilized_fdi_usd_10k),
        ]

    @property
    def cells(self) -> list[dict]:
        out = []
        for key, achieved, goal in self.rows:
            pct = percent(achieved, goal)
            out.append(
                {"key": key, "achieved": achieved, "goal": goal, "pct": pct,
                 "width": min(100, int(pct or 0)), "exceeded": pct is not None and pct > 100}
            )  # fmt: skip
        return out


def target_projects(chain_id: int | None):
    """The projects a target counts: the chain's, or without a chain the industrial ones."""
    if chain_id is None:
        return Project.objects.filter(industry__code__in=INDUSTRIAL_SECTIONS)
    return chain_projects(chain_id)


def chain_target_progress(year: int, chains=None) -> list[ChainTargetProgress]:
    """Each target of `year` with what its projects — the chain's, or the industrial projects
    for a target without a chain — in the target's region (where it names one) achieved:
    negotiated, approved, started, foreign capital utilized. Two queries per chain (and two
    for the targets without one). `chains` given: only those chains' targets."""
    targets = ChainTarget.objects.filter(year=year).select_related("chain", "region")
    if chains is not None:
        targets = targets.filter(chain__in=chains)
    targets = list(targets.order_by("chain__sort_order", "chain_id", "region_id"))
    by_chain: dict[int | None, dict] = {}
    for chain_id in {t.chain_id for t in targets}:
        projects = target_projects(chain_id)
        arrivals = CapitalArrival.objects.filter(project__in=projects)
        by_chain[chain_id] = achieved_by_region(projects, arrivals, year)
    out = []
    for t in targets:
        regions = by_chain.get(t.chain_id, {})
        if t.region_id is None:
            achieved = sum(regions.values(), Achieved())
        else:
            ids = region_descendant_ids(t.region)
            achieved = sum((a for pk, a in regions.items() if pk in ids), Achieved())
        out.append(ChainTargetProgress(target=t, achieved=achieved))
    return out


def chain_funnel(chain: Chain, user, year: int) -> list[dict]:
    return funnel(Project.objects.for_user(user).filter(of_chain(chain.pk)), year)
