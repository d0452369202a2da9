"""Demo service visits and feedback: visits by the commerce bureau's liaison to its
enterprises, reviews (most good, some bad), cases at every stage, one overdue; routine visits
by every unit to its other enterprises, a few left late. Everything goes
through the services. Idempotent: nothing is added when visits exist."""

import datetime as dt

from django.utils import timezone

from accounts.models import User
from liaison.selectors import assignments_in_force

from . import services
from .models import ServiceRequest, ServiceVisit

# (days ago, overall, efficiency, quality, attitude, comment); None: not rated yet.
VISITS = [
    (75, (5, 5, 5, 5, "协调用电问题很及时")),
    (60, (4, 4, 5, 4, "")),
    (48, (2, 2, 3, 2, "反映的消防验收问题三周没有答复")),
    (35, (5, 4, 4, 5, "")),
    (20, (1, 2, 1, 1, "上门人员态度生硬")),
    (9, (3, 3, 3, 4, "")),
    (2, None),
]


# Every so many enterprises, one is left unvisited past its cadence (the late list shows a few,
# as a real city's would, not every enterprise).
LATE_EVERY = 12


def _routine_visits(today, *, skip: set[int]) -> None:
    """Each unit's routine visits to its other enterprises within the last quarter (no feedback
    link asked for yet), leaving one in LATE_EVERY unvisited, so the late list is short."""
    assignments = (
        assignments_in_force()
        .exclude(project_id__in=skip)
        .select_related("project", "unit")
        .order_by("project_id")
    )
    for i, a in enumerate(assignments):
        if i % LATE_EVERY == LATE_EVERY - 1:
            continue
        visitor = User.objects.filter(liaison_unit=a.unit, is_active=True).order_by("pk").first()
        if visitor is None:
            continue
        services.service_visit_create(
            user=visitor,
            project=a.project,
            unit=a.unit,
            date=max(today - dt.timedelta(days=5 + (i * 7) % 80), a.start_date),
            purpose="例行走访，了解生产经营和用工用地需求",
        )


def seed_feedback(*, units, users, **_kwargs) -> None:
    if ServiceVisit.objects.exists():
        return
    liaison, office = users["liaison"], users["office110"]
    unit = units["commerce"]
    today = timezone.localdate()
    projects = [
        a.project
        for a in assignments_in_force().filter(unit=unit).select_related("project")[: len(VISITS)]
    ]
    for project, (days_ago, rating) in zip(projects, VISITS, strict=False):
        visit = services.service_visit_create(
            user=liaison,
            project=project,
            unit=unit,
            date=today - dt.timedelta(days=days_ago),
            purpose="走访了解项目推进中的困难",
            problems_raised="施工许可办理进度" if days_ago > 40 else "",
        )
        if days_ago > 40:
            services.service_request_create(
                user=liaison,
                project=project,
                owner_unit=unit,
                visit=visit,
                description="协调施工许可办理",
                deadline=today + dt.timedelta(days=10),
            )
        _link, token = services.feedback_link_issue(user=liaison, visit=visit)
        if rating is None:
            continue
        overall, efficiency, quality, attitude, comment = rating
        review = services.feedback_submit(
            token=token,
            overall=overall,
            efficiency=efficiency,
            quality=quality,
            attitude=attitude,
            comment=comment,
        )
        if overall == 2:  # the older bad review: rectified, called back, closed
            case = review.case
            services.case_act(
                user=liaison,
                case=case,
                action="rectify",
                note="已协调消防部门上门指导，验收已排期",
                rectification="deadline",
            )
            services.case_act(
                user=office, case=case, action="callback", confirmed=True, note="企业表示满意"
            )
            services.case_act(user=office, case=case, action="close")
    _routine_visits(today, skip={p.pk for p in projects})
    # A complaint taken by phone twelve days ago, still with the unit: overdue.
    services.complaint_record(
        user=office,
        received_on=today - dt.timedelta(days=12),
        subject="办理环评手续多次往返",
        description="企业反映同一材料被要求补交三次。",
        enterprise_name="示范市某外商投资企业",
        complainant_name="王经理",
        complainant_phone="0000-0000000",
        unit=unit,
    )
    services.cases_flag_overdue(today)
    # The commerce bureau referred a permit problem to the development and reform commission,
    # which accepted it.
    request = ServiceRequest.objects.filter(owner_unit=unit).order_by("pk").first()
    ndrc_staff = User.objects.filter(liaison_unit=units["ndrc"]).order_by("pk").first()
    if request is not None and ndrc_staff is not None:
        referral = services.referral_create(
            user=liaison, request=request, to_unit=units["ndrc"], note="请协调项目节能审查"
        )
        services.referral_act(user=ndrc_staff, referral=referral, action="accept")
