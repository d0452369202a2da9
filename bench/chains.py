"""Industrial chains at 200,000 projects: four chains of five links, 40,000 projects in links
(some in two); median time of the chain map page, the map API, and the project list page and
API filtered by chain and by link (page of 50), each at most 150 ms."""

import random
import time

from django.db import connection
from django.test import Client

from .pipeline import _fill, _median_ms, _row

LINKED = 40_000


def _chains(user):
    from chains.models import Chain, ChainLink, ChainOffice
    from projects.models import Project

    from .db import copy_rows

    office = ChainOffice.objects.create(code="bench", name="产业办", name_zh_hans="产业办")
    links = []
    for c in range(4):
        chain = Chain.objects.create(
            slug=f"bench-{c}", name=f"产业链{c}", name_zh_hans=f"产业链{c}", office=office
        )
        for i, segment in enumerate(
            ["upstream", "midstream", "midstream", "downstream", "services"]
        ):
            links.append(
                ChainLink.objects.create(
                    chain=chain, segment=segment, name=f"环节{i}", name_zh_hans=f"环节{i}"
                )
            )
    ids = list(Project.objects.values_list("pk", flat=True))
    rng = random.Random(11)
    picked = rng.sample(ids, min(LINKED, len(ids) // 5))
    now = time.strftime("%Y-%m-%d %H:%M:%S+00")

    def rows():
        for n, pk in enumerate(picked):
            link = links[n % len(links)]
            yield (pk, link.pk, link.chain_id, user.pk, now)
            if n % 10 == 0:  # one in ten also in the next link of its chain
                other = links[(n % len(links)) // 5 * 5 + (n % 5 + 1) % 5]
                yield (pk, other.pk, other.chain_id, user.pk, now)

    t = time.perf_counter()
    copy_rows(
        connection,
        "chains_projectlink",
        ["project_id", "link_id", "chain_id", "added_by_id", "added_at"],
        rows(),
    )
    with connection.cursor() as c:
        c.execute(
            "VACUUM ANALYZE chains_projectlink"
            if connection.get_autocommit()
            else "ANALYZE chains_projectlink"
        )
    print(f"linked {len(picked):,} projects in {time.perf_counter() - t:.1f} s")
    return links


def _classes(links) -> None:
    """GB/T 4754 classes: every manufacturing project gets a four-digit class (divisions 13–43,
    spread by id), and each link one group ("C271") — the first link a whole division ("C27")
    — so the map finds local enterprises by class as well as by link. Idempotent."""
    from projects.models import Project

    with connection.cursor() as c:
        c.execute(
            "UPDATE projects_project SET industry_class ="
            " (13 + id % 31)::text || ((id / 31) % 10)::text || ((id / 310) % 10)::text"
            " WHERE industry_id = (SELECT id FROM reference_industrysection WHERE code = 'C')"
            " AND industry_class = ''"
        )
        c.execute(
            "VACUUM ANALYZE projects_project"
            if connection.get_autocommit()
            else "ANALYZE projects_project"
        )
    for n, link in enumerate(links):
        link.industry_classes = ["C27"] if n == 0 else [f"C{27 + n // 5}{n % 5}"]
        link.save(update_fields=["industry_classes"])
    found = Project.objects.exclude(industry_class="").count()
    print(f"{found:,} projects with a GB/T 4754 class")


def run(*, projects: int, repeat: int, fill_data: bool = True):
    from accounts.models import User
    from chains.models import ChainLink

    if fill_data:
        user = _fill(projects)
        links = _chains(user)
    else:
        user = User.objects.get(username="bench")
        links = list(ChainLink.objects.order_by("pk"))
    _classes(links)
    client = Client()
    client.force_login(user)
    label = f"{projects:,} projects"
    chain, link = links[0].chain_id, links[1].pk
    return [
        _row(
            f"chain map page, {label} (median)",
            _median_ms(client, f"/en/staff/chains/{chain}/", repeat),
        ),
        _row(
            f"chain map API, {label} (median)",
            _median_ms(client, f"/api/v1/chains/{chain}/map/", repeat),
        ),
        _row(
            f"project list ?chain=, {label}, page of 50 (median)",
            _median_ms(client, f"/en/staff/projects/?chain={chain}", repeat),
        ),
        _row(
            f"API list ?chain_link=, {label}, page of 50 (median)",
            _median_ms(client, f"/api/v1/projects/?chain_link={link}&page_size=50", repeat),
        ),
    ]
