"""Activity return (seed: huge spending, poor result): what each promotion activity cost
against what came of it — investors met, projects credited to it, their contracted and
utilized foreign capital (figures from the pipeline through `hooks.activity_returns`)."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count

from config.numbers import round_half_up

from . import hooks

ZERO = Decimal("0")


@dataclass
class ActivityReturn:
    activity: object
    investors_met: int
    projects: int
    contracted_fdi_usd_10k: Decimal
    utilized_fdi_usd_10k: Decimal

    @property
    def cost(self) -> Decimal:
        return self.activity.cost_cny_10k

    @property
    def utilized_per_cost(self) -> Decimal | None:
        """Utilized foreign capital (万美元) per 10k CNY spent; None when nothing was spent."""
        if not self.cost:
            return None
        return round_half_up(self.utilized_fdi_usd_10k / self.cost, 2)

    @property
    def contracted_per_cost(self) -> Decimal | None:
        if not self.cost:
            return None
        return round_half_up(self.contracted_fdi_usd_10k / self.cost, 2)


def activity_returns(activities) -> list[ActivityReturn]:
    """Returns of the given activities (a queryset), in a fixed number of queries."""
    acts = list(activities.annotate(n_met=Count("investors_met", distinct=True)))
    figures = hooks.activity_returns([a.pk for a in acts])
    out = []
    for a in acts:
        f = figures.get(a.pk, {})
        out.append(
            ActivityReturn(
                activity=a,
                investors_met=a.n_met,
                projects=f.get("projects", 0),
                contracted_fdi_usd_10k=f.get("contracted_fdi_usd_10k") or ZERO,
                utilized_fdi_usd_10k=f.get("utilized_fdi_usd_10k") or ZERO,
            )
        )
    return out


def ranked(returns: list[ActivityReturn]) -> list[ActivityReturn]:
    """Best return first (utilized, then contracted capital per 10k CNY spent); activities
    with no cost last."""

    def key(r):
        return (
            r.utilized_per_cost is None,
            -(r.utilized_per_cost or 0),
            -(r.contracted_per_cost or 0),
            r.activity.pk,
        )

    return sorted(returns, key=key)
