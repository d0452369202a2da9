"""Records that are not the demo's, written with the PREVIOUS release's code and factories
(run as `manage.py shell < scripts/upgrade_extra_data.py` in its worktree). Prints their ids as
JSON, per table, for scripts/upgrade_snapshot.py. A real installation's admin is named
"admin" too: the demo must leave it alone."""

import json
import os

from reference.models import Region
from tests.factories import ProjectFactory, UserFactory

# The demo's regions: the factories' own would take its codes.
regions = list(Region.objects.order_by("pk"))
ids = {"projects_project": [], "investors_investor": [], "accounts_user": []}
for n in range(int(os.environ.get("UPGRADE_EXTRA_PROJECTS", "40"))):
    region = regions[n % len(regions)]
    project = ProjectFactory(
        name_zh_hans=f"升级检查项目{n}",
        name_en=f"Upgrade check {n}",
        region=region,
        investor__owner_region=region,
        investor__name_zh_hans=f"升级检查投资方{n}",
        investor__name_en=f"Upgrade Check Investor {n}",
    )
    ids["projects_project"].append(project.pk)
    ids["investors_investor"].append(project.investor_id)
for n in range(5):
    ids["accounts_user"].append(UserFactory(username=f"upgrade-check-{n}", region=regions[0]).pk)
print("EXTRA_IDS=" + json.dumps(ids))
