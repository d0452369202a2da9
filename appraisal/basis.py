"""What the public lists rest on besides the scores, read when an appraisal is computed and
frozen with it (in its `scheme_snapshot["basis"]`, beside `engine.list_basis`):

- the liaison persons' ratings: each named person of a project's liaison assignment (包联责任人)
  and the ratings the enterprise gave the visits of their unit to that project while they were
  named for it, in the year — kept as a sum and a count, so that the warning threshold is
  compared with the exact average, never a rounded one;
- the regions with a standing false finding: the bureau's checks in the year that found a
  project of the region falsely reported and were not withdrawn (as `region_falsified` counts
  them)."""

from collections import defaultdict

from django.utils import translation

from feedback.models import Review
from liaison.models import LiaisonAssignment
from projects.models import CheckResult, ProjectCheck


def _labels(user) -> tuple[str, str]:
    out = []
    for lang in ("zh-hans", "en"):
        with translation.override(lang):
            out.append(str(user))
    return out[0], out[1]


def liaison_person_ratings(year: int) -> dict[str, dict]:
    """{"user:<id>": {label_zh_hans, label_en, sum, count, projects}} for every named liaison
    person rated in the year. A review counts for the person named on the visited project's
    assignment (voided assignments left out) to the visiting unit on the day of the visit;
    voided reviews are left out."""
    assignments = defaultdict(list)
    for a in LiaisonAssignment.objects.filter(voided_at__isnull=True).select_related(
        "person__region", "person__liaison_unit"
    ):
        assignments[(a.project_id, a.unit_id)].append(a)
    if not assignments:
        return {}
    project_ids = {p for p, _u in assignments}
    out: dict[str, dict] = {}
    for r in (
        Review.objects.filter(
            visit__date__year=year, voided_at__isnull=True, visit__project_id__in=project_ids
        )
        .order_by("visit__date", "pk")
        .values("overall", "visit__date", "visit__project_id", "visit__unit_id")
    ):
        day = r["visit__date"]
        for a in assignments.get((r["visit__project_id"], r["visit__unit_id"]), ()):
            if a.start_date <= day and (a.end_date is None or day <= a.end_date):
                key = f"user:{a.person_id}"
                if key not in out:
                    zh, en = _labels(a.person)
                    out[key] = {
                        "label_zh_hans": zh,
                        "label_en": en,
                        "sum": 0,
                        "count": 0,
                        "projects": [],
                    }
                row = out[key]
                row["sum"] += r["overall"]
                row["count"] += 1
                if r["visit__project_id"] not in row["projects"]:
                    row["projects"].append(r["visit__project_id"])
                break
    return out


def regions_falsely_reported(year: int) -> dict[str, int]:
    """{"region:<id>": number of standing false findings checked in the year}."""
    out: dict[str, int] = defaultdict(int)
    for region_id in ProjectCheck.objects.filter(
        result=CheckResult.FALSIFIED, withdrawn_at__isnull=True, checked_on__year=year
    ).values_list("project__region_id", flat=True):
        out[f"region:{region_id}"] += 1
    return dict(out)
