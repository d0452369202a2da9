"""Objects inside and outside each role's scope, for the access matrix and the fuzz run.

"Inside" belongs to region A / unit A (the district and liaison users' own), "outside" to
region B / unit B. `feedback_and_investor_objects` returns {url name: (inside pk, outside pk)}
for the feedback endpoints and the investor database's."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from accounts.models import Role
from feedback import services as feedback_services
from feedback.models import Case
from investors import services as investor_services
from investors.models import InquiryRoute
from liaison.services import liaison_assign
from reference.models import IndustrySection
from tests.factories import UserFactory

BAD_REVIEW = {"overall": 2, "efficiency": 2, "quality": 3, "attitude": 2, "comment": "未解决"}


def feedback_and_investor_objects(
    *,
    bureau_user,
    district_user,
    liaison_user,
    unit_a,
    unit_b,
    region_a,
    region_b,
    projects,
    assign_b: bool = True,
) -> dict:
    """`projects`: (a, b) in region A and B, a already assigned to unit A; b is assigned to
    unit B here unless `assign_b` is False (the caller did)."""
    a, b = projects
    today = timezone.localdate()
    if assign_b:
        person_b = UserFactory(username="objects_liaison_b", role=Role.LIAISON, liaison_unit=unit_b)
        liaison_assign(
            user=bureau_user,
            project=b,
            unit=unit_b,
            person=person_b,
            start_date=today - dt.timedelta(2),
        )
    # Feedback: a visit, a request and a case (a bad review) for unit A's project and for unit
    # B's; a complaint straight to the 110 office (no unit).
    visits = [
        feedback_services.service_visit_create(
            user=bureau_user, project=p, unit=u, date=today, purpose="走访"
        )
        for p, u in ((a, unit_a), (b, unit_b))
    ]
    requests = [
        feedback_services.service_request_create(
            user=bureau_user,
            project=p,
            owner_unit=u,
            description="供电接入",
            deadline=today + dt.timedelta(days=10),
        )
        for p, u in ((a, unit_a), (b, unit_b))
    ]
    link = feedback_services.feedback_link_issue(user=bureau_user, visit=visits[0])
    case_a = Case.objects.get(review=feedback_services.feedback_submit(token=link[1], **BAD_REVIEW))
    complaint = feedback_services.complaint_submit(
        subject="审批拖延",
        description="等了一个月",
        complainant_email="li@example.org",
        started_at=timezone.now() - dt.timedelta(minutes=2),
    )

    # Investor database: one investor per region, with a contact and an interaction; an
    # activity and an agent per region; an inquiry routed to the district user, one not.
    investors = [
        investor_services.investor_create(
            user=bureau_user,
            data={"name_zh_hans": f"矩阵投资{i}", "name_en": f"Matrix Invest {i}",
                  "country": "DE", "owner_region": r},
        )
        for i, r in enumerate((region_a, region_b))
    ]  # fmt: skip
    contacts = [
        investor_services.contact_create(user=bureau_user, investor=inv, data={"name": "Anna"})
        for inv in investors
    ]
    interactions = [
        investor_services.interaction_log(
            user=u, investor=inv, kind="call", date=today, summary="电话"
        )
        for u, inv in ((district_user, investors[0]), (bureau_user, investors[1]))
    ]
    activities = [
        investor_services.activity_create(
            user=bureau_user,
            data={"name_zh_hans": f"小分队{i}", "kind": "delegation",
                  "start_date": today - dt.timedelta(days=30), "cost_cny_10k": Decimal(10),
                  "organiser_region": r},
        )
        for i, r in enumerate((region_a, region_b))
    ]  # fmt: skip
    agents = [
        investor_services.agent_create(
            user=bureau_user, data={"name": f"联络员{i}", "kind": "liaison", "region": r}
        )
        for i, r in enumerate((region_a, region_b))
    ]
    section = IndustrySection.objects.get(code="C")
    InquiryRoute.objects.create(industry=section, contact=district_user)
    now = timezone.now()
    inquiries = [
        investor_services.inquiry_submit(
            name="Jane", organisation=f"Acme {i}", country="GB", email="jane@example.com",
            message="Interested.", industry=ind, ip=f"198.51.100.{i}",
            started_at=now - dt.timedelta(minutes=2), now=now,
        )
        for i, ind in enumerate((section, None))
    ]  # fmt: skip

    def pair(objs):
        return (objs[0].pk, objs[1].pk)

    return {
        "service-visit-detail": pair(visits),
        "service-visit-feedback-link": pair(visits),
        "service-request-detail": pair(requests),
        "service-request-resolve": pair(requests),
        "complaint-detail": (case_a.pk, complaint.pk),
        "complaint-act": (case_a.pk, complaint.pk),
        "investor-detail": pair(investors),
        "contact-detail": pair(contacts),
        "interaction-detail": pair(interactions),
        "activity-detail": pair(activities),
        "agent-detail": pair(agents),
        "inquiry-detail": pair(inquiries),
        "inquiry-convert": pair(inquiries),
        "inquiry-respond": pair(inquiries),
        "inquiry-spam": pair(inquiries),
    }
