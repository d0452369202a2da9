"""An access matrix generated from the URL conf: every API endpoint and method × every role ×
an object inside and outside the role's scope → the expected status. A new endpoint (or a new
method on one) without an entry in MATRIX fails `test_every_endpoint_has_an_entry`.

Writes are sent with an empty body: a role that may write gets 400 (the fields are missing),
one that may not gets 403, an object outside the scope 404. Each case runs in a savepoint
that is rolled back, so the cases do not disturb each other.
"""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.services import api_token_issue
from appraisal import services as appraisal_services
from forecast.services import forecast_run
from liaison.services import liaison_assign
from projects import services as project_services
from reference.models import IndustrySection
from stats import services as stats_services
from tests.factories import LiaisonUnitFactory, ProjectFactory, UserFactory
from tests.security.objects import feedback_and_investor_objects

pytestmark = pytest.mark.django_db

ROLES = ("admin", "bureau", "district", "liaison", "office110")
METHODS = ("get", "post", "put", "patch", "delete")


def _api_endpoints():
    """(url name, method) for every API route in the URL conf."""

    def walk(patterns):
        for p in patterns:
            if hasattr(p, "url_patterns"):
                yield from walk(p.url_patterns)
            elif p.name and "format" not in str(p.pattern):
                cls = getattr(p.callback, "cls", None)
                actions = getattr(p.callback, "actions", None)
                if cls is None:
                    continue
                methods = set(actions) if actions else {m for m in METHODS if hasattr(cls, m)}
                for m in methods - {"head"}:  # HEAD answers as GET does
                    yield p.name, m

    from config import api_urls  # the module itself, whatever URL conf a test has set

    return {(name, m) for name, m in walk(api_urls.urlpatterns) if name != "api-root"}


# (url name, method) → {role: (inside, outside)}. One status for both where the endpoint
# takes no object.
A = "admin"
B = "bureau"
D = "district"
L = "liaison"
OF = "office110"


def _all(status):
    return dict.fromkeys(ROLES, (status, status))


def WRITE_OWN(status):
    """Admin and bureau change all; district staff their region's (403 elsewhere); the
    read-only roles nothing (403)."""
    return {A: (status, status), B: (status, status), D: (status, 403), L: (403, 403),
            OF: (403, 403)}  # fmt: skip


# Creating with an empty body: 400 for the roles that may create, 403 for the others.
CREATE = {A: (400, 400), B: (400, 400), D: (400, 400), L: (403, 403), OF: (403, 403)}


def ROUTED(status):
    """Inquiries: bureau and admin all; a staff member those routed to them; others 404."""
    return {A: (status, status), B: (status, status), D: (status, 404), L: (404, 404),
            OF: (404, 404)}  # fmt: skip


# The industrial chains: every role reads them; the bureau and administrators write (an empty
# body: 400), the read-only roles and district staff may not (403). Industry offices: below.
_CHAIN_WRITE = {A: (400, 400), B: (400, 400), D: (403, 403), L: (403, 403), OF: (403, 403)}

MATRIX = {
    ("chain-list", "get"): _all(200),
    ("chain-detail", "get"): _all(200),
    ("chain-map", "get"): _all(200),
    ("chain-link-list", "get"): _all(200),
    ("chain-link-detail", "get"): _all(200),
    ("chain-link-gap", "post"): _CHAIN_WRITE,
    ("chain-link-projects", "post"): _CHAIN_WRITE,
    ("chain-target-list", "get"): _all(200),
    ("chain-target-list", "post"): _CHAIN_WRITE,
    ("chain-target-detail", "get"): _all(200),
    ("chain-target-move", "post"): _CHAIN_WRITE,
    ("api-me", "get"): _all(200),
    ("api-stats-bulletin", "get"): {
        A: (200, 200),
        B: (200, 200),
        D: (200, 404),
        L: (200, 404),
        OF: (200, 200),
    },
    # The bulletin's files: as the bulletin (a published period every role; a draft of the
    # whole city not for district and liaison staff).
    ("api-stats-bulletin-file", "get"): {
        A: (200, 200),
        B: (200, 200),
        D: (200, 404),
        L: (200, 404),
        OF: (200, 200),
    },
    ("api-stats-fdi", "get"): {
        A: (200, 200),
        B: (200, 200),
        D: (200, 404),
        L: (200, 404),
        OF: (200, 200),
    },
    # The year-end forecast: the whole-city roles every scope; district staff their regions;
    # liaison staff none (inside: region A's scope, outside: region B's).
    ("api-forecast", "get"): {
        A: (200, 200),
        B: (200, 200),
        D: (200, 404),
        L: (404, 404),
        OF: (200, 200),
    },
    ("api-token", "post"): _all(400),
    ("api-token-revoke", "delete"): dict.fromkeys(ROLES, (204, 404)),
    ("api-tokens", "get"): _all(200),
    ("capital-arrival-detail", "delete"): {
        A: (400, 400),
        B: (400, 400),
        D: (400, 404),
        L: (403, 403),
        OF: (403, 403),
    },
    ("capital-arrival-detail", "get"): {
        A: (200, 200),
        B: (200, 200),
        D: (200, 404),
        L: (200, 404),
        OF: (200, 200),
    },
    ("capital-arrival-list", "get"): _all(200),
    ("capital-arrival-list", "post"): {
        A: (400, 400),
        B: (400, 400),
        D: (400, 400),
        L: (403, 403),
        OF: (403, 403),
    },
    ("domestic-arrival-detail", "delete"): {
        A: (400, 400),
        B: (400, 400),
        D: (400, 404),
        L: (403, 403),
        OF: (403, 403),
    },
    # Liaison staff read the projects assigned to their unit; none is domestic here.
    ("domestic-arrival-detail", "get"): {
        A: (200, 200),
        B: (200, 200),
        D: (200, 404),
        L: (404, 404),
        OF: (200, 200),
    },
    ("domestic-arrival-list", "get"): _all(200),
    ("domestic-arrival-list", "post"): {
        A: (400, 400),
        B: (400, 400),
        D: (400, 400),
        L: (403, 403),
        OF: (403, 403),
    },
    ("industry-detail", "get"): _all(200),
    ("industry-list", "get"): _all(200),
    ("project-detail", "get"): {
        A: (200, 200),
        B: (200, 200),
        D: (200, 404),
        L: (200, 404),
        OF: (200, 200),
    },
    ("project-detail", "patch"): {
        A: (200, 200),
        B: (200, 200),
        D: (200, 404),
        L: (403, 403),
        OF: (403, 403),
    },
    ("project-detail", "put"): {
        A: (400, 400),
        B: (400, 400),
        D: (400, 404),
        L: (403, 403),
        OF: (403, 403),
    },
    ("project-drop", "post"): {
        A: (400, 400),
        B: (400, 400),
        D: (400, 404),
        L: (403, 403),
        OF: (403, 403),
    },
    ("project-funnel", "get"): _all(200),
    ("project-history", "get"): {
        A: (200, 200),
        B: (200, 200),
        D: (200, 404),
        L: (200, 404),
        OF: (200, 200),
    },
    ("project-list", "get"): _all(200),
    ("project-list", "post"): {
        A: (400, 400),
        B: (400, 400),
        D: (400, 400),
        L: (403, 403),
        OF: (403, 403),
    },
    ("project-reopen", "post"): {
        A: (400, 400),
        B: (400, 400),
        D: (400, 404),
        L: (403, 403),
        OF: (403, 403),
    },
    ("project-transition", "post"): {
        A: (400, 400),
        B: (400, 400),
        D: (400, 404),
        L: (403, 403),
        OF: (403, 403),
    },
    ("region-detail", "get"): _all(200),
    ("region-list", "get"): _all(200),
    ("stats-run-detail", "get"): {
        A: (200, 200),
        B: (200, 200),
        D: (404, 404),
        L: (404, 404),
        OF: (200, 200),
    },
    ("stats-run-list", "get"): _all(200),
    ("stats-run-list", "post"): _all(400),
    ("stats-snapshot-detail", "get"): {
        A: (200, 200),
        B: (200, 200),
        D: (200, 200),
        L: (200, 404),
        OF: (200, 200),
    },
    ("stats-snapshot-list", "get"): _all(200),
    # Opening figures (issue 24): the bureau and administrators only, every scope alike.
    ("stats-opening-figure-list", "get"): {**_all(403), A: (200, 200), B: (200, 200)},
    ("stats-opening-figure-list", "post"): {**_all(403), A: (400, 400), B: (400, 400)},
    ("stats-opening-figure-detail", "get"): {**_all(403), A: (200, 200), B: (200, 200)},
    ("stats-opening-figure-detail", "delete"): {**_all(403), A: (204, 204), B: (204, 204)},
    ("stats-opening-figure-import-file", "post"): {**_all(403), A: (400, 400), B: (400, 400)},
    # Reconciliations: the whole city's readers; bureau and admin import, resolve, review.
    ("stats-reconciliation-list", "get"): _all(200),
    ("stats-reconciliation-detail", "get"): {
        A: (200, 200),
        B: (200, 200),
        D: (404, 404),
        L: (404, 404),
        OF: (200, 200),
    },
    ("stats-reconciliation-import", "post"): {
        A: (400, 400),
        B: (400, 400),
        D: (404, 404),
        L: (404, 404),
        OF: (403, 403),
    },
    ("stats-reconciliation-line-resolve", "post"): {
        A: (400, 400),
        B: (400, 400),
        D: (404, 404),
        L: (404, 404),
        OF: (403, 403),
    },
    # An empty body: the review is refused while a difference is open (400).
    ("stats-reconciliation-review", "post"): {
        A: (400, 400),
        B: (400, 400),
        D: (404, 404),
        L: (404, 404),
        OF: (403, 403),
    },
    # The province tables: the whole city's readers; a draft has none (400).
    ("stats-snapshot-province-tables", "get"): {
        A: (200, 400),
        B: (200, 400),
        D: (404, 404),
        L: (404, 404),
        OF: (200, 400),
    },
    ("stats-snapshot-province-sent", "post"): {
        A: (400, 400),
        B: (400, 400),
        D: (404, 404),
        L: (404, 404),
        OF: (403, 403),
    },
    ("stats-snapshot-publish", "post"): {
        A: (200, 200),
        B: (200, 200),
        D: (403, 403),
        L: (404, 404),
        OF: (403, 403),
    },
    ("target-detail", "get"): {
        A: (200, 200),
        B: (200, 200),
        D: (200, 404),
        L: (404, 404),
        OF: (200, 200),
    },
    ("target-detail", "patch"): {
        A: (200, 200),
        B: (200, 200),
        D: (403, 403),
        L: (403, 403),
        OF: (403, 403),
    },
    ("target-detail", "put"): {
        A: (400, 400),
        B: (400, 400),
        D: (403, 403),
        L: (403, 403),
        OF: (403, 403),
    },
    # Opportunities seeking investment (issue 21): every staff role reads them all; bureau
    # and admin write (the public site's editors).
    ("opportunity-list", "get"): _all(200),
    ("opportunity-list", "post"): {
        A: (400, 400),
        B: (400, 400),
        D: (403, 403),
        L: (403, 403),
        OF: (403, 403),
    },
    ("opportunity-detail", "get"): _all(200),
    ("opportunity-detail", "patch"): {
        A: (200, 200),
        B: (200, 200),
        D: (403, 403),
        L: (403, 403),
        OF: (403, 403),
    },
    ("opportunity-detail", "put"): {
        A: (400, 400),
        B: (400, 400),
        D: (403, 403),
        L: (403, 403),
        OF: (403, 403),
    },
    ("target-list", "get"): _all(200),
    ("target-list", "post"): {
        A: (400, 400),
        B: (400, 400),
        D: (403, 403),
        L: (403, 403),
        OF: (403, 403),
    },
    # Feedback (service visits, requests, complaints), with real objects
    # (tests/security/objects.py): inside = unit A's project (the liaison user's unit, the
    # district user's region), outside = unit B's in region B; the complaint "outside" went
    # straight to the 110 office (no unit). Inside the visit was rated badly, so a new
    # feedback link is refused (400) and the case exists.
    ("complaint-act", "post"): {
        A: (400, 400),
        B: (400, 400),
        D: (404, 404),
        L: (400, 404),
        OF: (400, 400),
    },
    ("complaint-detail", "get"): {
        A: (200, 200),
        B: (200, 200),
        D: (404, 404),
        L: (200, 404),
        OF: (200, 200),
    },
    ("complaint-list", "get"): _all(200),
    ("service-request-detail", "get"): {
        A: (200, 200),
        B: (200, 200),
        D: (200, 404),
        L: (200, 404),
        OF: (200, 200),
    },
    ("service-request-list", "get"): _all(200),
    ("service-request-list", "post"): _all(400),
    ("service-request-resolve", "post"): {
        A: (400, 400),
        B: (400, 400),
        D: (400, 404),
        L: (400, 404),
        OF: (400, 400),
    },
    ("service-visit-detail", "get"): {
        A: (200, 200),
        B: (200, 200),
        D: (200, 404),
        L: (200, 404),
        OF: (200, 200),
    },
    ("service-visit-feedback-link", "post"): {
        A: (400, 201),
        B: (400, 201),
        D: (403, 404),
        L: (400, 404),
        OF: (403, 403),
    },
    ("service-visit-list", "get"): _all(200),
    ("service-visit-list", "post"): _all(400),
    # Liaison units and assignments: every staff role reads the units, a unit only itself;
    # assignments scoped (district: their regions' projects; liaison: their unit's); only
    # bureau and admin assign (an empty body is 400 for them, 403 for the others); the
    # cadence of an assignment is the bureau's, the admin's or its unit's.
    ("liaison-unit-list", "get"): _all(200),
    ("liaison-unit-detail", "get"): {
        A: (200, 200),
        B: (200, 200),
        D: (200, 200),
        L: (200, 404),
        OF: (200, 200),
    },
    ("liaison-unit-suggestions", "get"): {
        A: (200, 404),
        B: (200, 404),
        D: (403, 403),
        L: (403, 403),
        OF: (403, 403),
    },
    ("assignment-list", "get"): _all(200),
    ("assignment-list", "post"): {
        A: (400, 400),
        B: (400, 400),
        D: (403, 403),
        L: (403, 403),
        OF: (403, 403),
    },
    ("assignment-detail", "get"): {
        A: (200, 200),
        B: (200, 200),
        D: (200, 404),
        L: (200, 404),
        OF: (200, 200),
    },
    ("assignment-cadence", "post"): {
        A: (400, 400),
        B: (400, 400),
        D: (403, 404),
        L: (400, 404),
        OF: (403, 403),
    },
    # Referrals between units: a unit sees those it made or received; the receiving unit
    # (or bureau/admin) acts; district staff and the office never create one.
    ("referral-list", "get"): _all(200),
    ("referral-list", "post"): {
        A: (400, 400),
        B: (400, 400),
        D: (403, 403),
        L: (400, 400),
        OF: (403, 403),
    },
    ("referral-detail", "get"): {
        A: (200, 200),
        B: (200, 200),
        D: (404, 404),
        L: (200, 404),
        OF: (200, 200),
    },
    ("referral-act", "post"): {
        A: (400, 400),
        B: (400, 400),
        D: (404, 404),
        L: (400, 404),
        OF: (403, 403),
    },
    # Investor database (issue 8), with real objects: inside = an investor owned by the district
    # user's region (its contact, the interaction the district user logged, the region's
    # activity and agent); outside = region B's (the interaction logged by the bureau). Every
    # role reads all of it; a role that may not write gets 403 before its input is read. The
    # inquiry inside is routed to the district user, the one outside to nobody.
    ("activity-detail", "get"): _all(200),
    ("activity-detail", "patch"): WRITE_OWN(200),
    ("activity-detail", "put"): WRITE_OWN(400),
    ("activity-list", "get"): _all(200),
    ("activity-list", "post"): CREATE,
    ("activity-returns", "get"): _all(200),
    ("agent-detail", "get"): _all(200),
    ("agent-detail", "patch"): WRITE_OWN(200),
    ("agent-detail", "put"): WRITE_OWN(400),
    ("agent-list", "get"): _all(200),
    ("agent-list", "post"): CREATE,
    ("contact-detail", "delete"): WRITE_OWN(204),
    ("contact-detail", "get"): _all(200),
    ("contact-detail", "patch"): WRITE_OWN(200),
    ("contact-detail", "put"): WRITE_OWN(400),
    ("contact-list", "get"): _all(200),
    ("contact-list", "post"): CREATE,
    ("inquiry-convert", "post"): ROUTED(400),
    ("inquiry-detail", "get"): ROUTED(200),
    ("inquiry-list", "get"): _all(200),
    ("inquiry-respond", "post"): ROUTED(400),
    ("inquiry-spam", "post"): ROUTED(200),
    ("interaction-detail", "get"): _all(200),
    ("interaction-detail", "patch"): WRITE_OWN(200),
    ("interaction-detail", "put"): WRITE_OWN(400),
    ("interaction-list", "get"): _all(200),
    ("interaction-list", "post"): CREATE,
    ("investor-detail", "get"): _all(200),
    ("investor-detail", "patch"): WRITE_OWN(200),
    ("investor-detail", "put"): WRITE_OWN(400),
    ("investor-duplicates", "get"): _all(200),
    ("investor-list", "get"): _all(200),
    ("investor-list", "post"): CREATE,
    # Year-end appraisal: every role reads an appraisal (its entries are scoped, not the
    # appraisal); only admins run, submit and publish it. The world's appraisal is a computed
    # draft: submitting it works, publishing it before review is refused (400).
    ("appraisal-list", "get"): _all(200),
    ("appraisal-list", "post"): {
        A: (400, 400),
        B: (403, 403),
        D: (403, 403),
        L: (403, 403),
        OF: (403, 403),
    },
    ("appraisal-detail", "get"): _all(200),
    ("appraisal-submit", "post"): {
        A: (200, 200),
        B: (403, 403),
        D: (403, 403),
        L: (403, 403),
        OF: (403, 403),
    },
    ("appraisal-publish", "post"): {
        A: (400, 400),
        B: (403, 403),
        D: (403, 403),
        L: (403, 403),
        OF: (403, 403),
    },
    # Public notice (issue 20): district and liaison staff object (for their own entries: an
    # empty body is a 400; another region's entry a 403, see tests/appraisal/test_api.py);
    # admins answer and finalise (the world's draft is not under notice: 400); every role
    # reads the objections in its scope and the rewards.
    ("appraisal-objections", "get"): _all(200),
    ("appraisal-objections", "post"): {
        A: (403, 403),
        B: (403, 403),
        D: (400, 400),
        L: (400, 400),
        OF: (403, 403),
    },
    ("appraisal-objection-answer", "post"): {
        A: (400, 400),
        B: (403, 403),
        D: (403, 403),
        L: (403, 403),
        OF: (403, 403),
    },
    ("appraisal-finalise", "post"): {
        A: (400, 400),
        B: (403, 403),
        D: (403, 403),
        L: (403, 403),
        OF: (403, 403),
    },
    ("appraisal-rewards", "get"): _all(200),
    # Background exports (issue 12): every role exports its own lists; only the owner sees an
    # export or downloads its file (inside: the user's own finished export; outside: another
    # user's).
    # Verifications (issue 13): read as the project is; recorded and withdrawn by bureau and
    # admin only (an empty body: 400), whoever else is refused before the scope (403).
    ("project-check-list", "get"): _all(200),
    ("project-check-list", "post"): {
        A: (400, 400),
        B: (400, 400),
        D: (403, 403),
        L: (403, 403),
        OF: (403, 403),
    },
    ("project-check-detail", "get"): {
        A: (200, 200),
        B: (200, 200),
        D: (200, 404),
        L: (200, 404),
        OF: (200, 200),
    },
    ("project-check-withdraw", "post"): {
        A: (400, 400),
        B: (400, 400),
        D: (403, 403),
        L: (403, 403),
        OF: (403, 403),
    },
    # Monthly reports (issue 13): the whole city's for admin, bureau and the 110 office, a
    # district's own for its staff, none for liaison staff (403); filed by district staff
    # (their own regions), bureau and admin; an empty body: 400.
    ("monthly-report-list", "get"): {
        A: (200, 200),
        B: (200, 200),
        D: (200, 200),
        L: (403, 403),
        OF: (200, 200),
    },
    ("monthly-report-list", "post"): CREATE,
    ("monthly-report-withdraw", "post"): {
        A: (400, 400),
        B: (400, 400),
        D: (403, 404),
        L: (403, 403),
        OF: (403, 403),
    },
    ("monthly-report-detail", "get"): {
        A: (200, 200),
        B: (200, 200),
        D: (200, 404),
        L: (403, 403),
        OF: (200, 200),
    },
    ("export-list", "get"): _all(200),
    ("export-list", "post"): _all(400),
    ("export-detail", "get"): dict.fromkeys(ROLES, (200, 404)),
    ("export-download", "get"): dict.fromkeys(ROLES, (200, 404)),
    # Imports (issue 24): bureau and admin; an import is its owner's alone (inside: the user's
    # own; outside: another user's, 404). An empty upload or apply: 400; the template of
    # staff users only for admin (403 for bureau).
    ("import-upload-list", "post"): {A: (400, 400), B: (400, 400), D: (403, 403),
                                     L: (403, 403), OF: (403, 403)},
    ("import-detail", "get"): {A: (200, 404), B: (200, 404), D: (403, 403), L: (403, 403),
                               OF: (403, 403)},
    ("import-apply", "post"): {A: (202, 404), B: (202, 404), D: (403, 403), L: (403, 403),
                               OF: (403, 403)},
    ("import-templates", "get"): {A: (200, 200), B: (200, 403), D: (403, 403), L: (403, 403),
                                  OF: (403, 403)},
}  # fmt: skip


@pytest.fixture
def world(
    region_a,
    region_b,
    unit_a,
    liaison_user,
    bureau_user,
    admin_user,
    district_user,
    sections,
    chain_office,
):
    a = ProjectFactory(region=region_a, capital_source="foreign")
    b = ProjectFactory(region=region_b, capital_source="foreign")
    chain_keys = _chains(a, b, chain_office, bureau_user)
    unit_other = LiaisonUnitFactory()
    person_other = UserFactory(username="liaison_other", role="liaison", liaison_unit=unit_other)
    assignment_b = liaison_assign(
        user=bureau_user,
        project=b,
        unit=unit_other,
        person=person_other,
        start_date=timezone.localdate() - dt.timedelta(days=3),
    )
    referral_keys = _referrals(a, b, unit_a, unit_other, bureau_user)
    assignment_a = liaison_assign(
        user=bureau_user,
        project=a,
        unit=unit_a,
        person=liaison_user,
        start_date=timezone.localdate() - dt.timedelta(days=3),
    )
    arrivals = [
        project_services.capital_arrival_create(
            user=bureau_user,
            project=p,
            date=timezone.localdate(),
            amount=Decimal(5),
            currency="USD",
        )
        for p in (a, b)
    ]
    domestic = [
        project_services.domestic_arrival_create(
            user=bureau_user,
            project=ProjectFactory(
                region=r,
                capital_source="domestic",
                enterprise_type="domestic",
                contracted_fdi_usd_10k=0,
            ),
            date=timezone.localdate(),
            amount_cny_10k=Decimal(5),
            source_province="32",
        )
        for r in (region_a, region_b)
    ]
    targets = [
        project_services.target_set(user=bureau_user, region=r, year=2026, negotiated=4)
        for r in (region_a, region_b)
    ]
    published = stats_services.stats_run_execute(
        run_id=stats_services.stats_run_create(user=bureau_user, year=2026, month=9).pk
    ).snapshot
    stats_services.stats_snapshot_publish(user=bureau_user, snapshot=published)
    run = stats_services.stats_run_create(user=bureau_user, year=2026, month=10)
    draft = stats_services.stats_run_execute(run_id=run.pk).snapshot
    rec = stats_services.reconciliation_import(
        user=bureau_user,
        year=2026,
        month=9,
        source="safe",
        file_name="list.csv",
        content="企业名称,金额,日期\n甲公司,5,2026-09-15\n".encode(),
    )
    line = rec.lines.get()
    other = UserFactory(username="someone_else")
    appraisal_services.scheme_create(user=admin_user, year=2026)
    appraisal = appraisal_services.appraisal_execute(
        appraisal_id=appraisal_services.appraisal_create(user=admin_user, year=2026).pk
    )
    in_and_out = feedback_and_investor_objects(
        bureau_user=bureau_user,
        district_user=district_user,
        liaison_user=liaison_user,
        unit_a=unit_a,
        unit_b=unit_other,
        region_a=region_a,
        region_b=region_b,
        projects=(a, b),
        assign_b=False,
    )
    checks = [
        project_services.check_record(
            user=bureau_user, project=p, checked_on=dt.date(2026, 3, 1), result="confirmed",
            finding="属实",
        )
        for p in (a, b)
    ]  # fmt: skip
    reports = [
        stats_services.monthly_report_file(
            user=bureau_user, region=r, year=2026, month=2, summary="x",
            filed_on=dt.date(2026, 3, 9), receipt_note="文",
        )
        for r in (region_a, region_b)
    ]  # fmt: skip
    openings = [
        stats_services.opening_figure_save(
            user=bureau_user, year=2024, month=6, region=r,
            values=dict.fromkeys(stats_services.OPENING_VALUES, 1),
        )
        for r in (region_a, region_b)
    ]  # fmt: skip
    return {
        **in_and_out,
        "stats-opening-figure-detail": (openings[0].pk, openings[1].pk),
        **chain_keys,
        "project-check-detail": (checks[0].pk, checks[1].pk),
        "project-check-withdraw": (checks[0].pk, checks[1].pk),
        "monthly-report-detail": (reports[0].pk, reports[1].pk),
        "monthly-report-withdraw": (reports[0].pk, reports[1].pk),
        "appraisal-detail": (appraisal.pk, appraisal.pk),
        "appraisal-submit": (appraisal.pk, appraisal.pk),
        "appraisal-publish": (appraisal.pk, appraisal.pk),
        "appraisal-objections": (appraisal.pk, appraisal.pk),
        "appraisal-objection-answer": ({"pk": appraisal.pk, "oid": 1},) * 2,
        "appraisal-finalise": (appraisal.pk, appraisal.pk),
        "appraisal-rewards": (appraisal.pk, appraisal.pk),
        "region-detail": (region_a.pk, region_b.pk),
        "industry-detail": (IndustrySection.objects.get(code="C").pk,) * 2,
        "project-detail": (a.pk, b.pk),
        "project-drop": (a.pk, b.pk),
        "project-history": (a.pk, b.pk),
        "project-reopen": (a.pk, b.pk),
        "project-transition": (a.pk, b.pk),
        "capital-arrival-detail": (arrivals[0].pk, arrivals[1].pk),
        "domestic-arrival-detail": (domestic[0].pk, domestic[1].pk),
        "stats-snapshot-province-tables": (published.pk, draft.pk),
        "stats-reconciliation-detail": (rec.pk, rec.pk),
        "stats-reconciliation-line-resolve": ({"pk": rec.pk, "oid": line.pk},) * 2,
        "stats-reconciliation-review": (rec.pk, rec.pk),
        "stats-snapshot-province-sent": (published.pk, draft.pk),
        "target-detail": (targets[0].pk, targets[1].pk),
        "opportunity-detail": (_opportunity(region_a).pk,) * 2,
        "stats-run-detail": (run.pk, run.pk),
        "stats-snapshot-detail": (published.pk, draft.pk),
        "stats-snapshot-publish": (draft.pk, draft.pk),
        "api-stats-fdi": ("?period=2026-09", "?period=2026-10"),
        "api-forecast": _forecast_scopes(region_a, region_b),
        "api-stats-bulletin": ("?period=2026-09&lang=en", "?period=2026-10&lang=en"),
        "api-stats-bulletin-file": (
            "?period=2026-09&lang=en&file=pdf",
            "?period=2026-10&lang=zh-hans&file=xlsx",
        ),
        "liaison-unit-detail": (unit_a.pk, unit_other.pk),
        "referral-detail": referral_keys,
        "referral-act": referral_keys,
        "liaison-unit-suggestions": (f"?project={a.pk}", "?project=999999"),
        "assignment-detail": (assignment_a.pk, assignment_b.pk),
        "assignment-cadence": (assignment_a.pk, assignment_b.pk),
        "api-token-revoke": ("own", api_token_issue(user=other, client="x").record.public_id),
        "export-detail": ("own-export", _finished_export(other).pk),
        "export-download": ("own-export", _finished_export(other).pk),
        "import-detail": ("own-import", _checked_import(other).pk),
        "import-apply": ("own-import", _checked_import(other).pk),
        "import-templates": ({"kind": "projects"}, {"kind": "users"}),
    }


def _forecast_scopes(region_a, region_b):
    forecast_run()
    return (f"?scope=region:{region_a.pk}", f"?scope=region:{region_b.pk}")


def _chains(a, b, office, user):
    """A chain of the industry office's (project a in one of its links) and another office's
    chain (project b), each link with a target company: inside and outside the office."""
    from chains import services as chain_services
    from tests.factories import ChainFactory, ChainLinkFactory, InvestorFactory

    links = (
        ChainLinkFactory(chain=ChainFactory(office=office)),
        ChainLinkFactory(chain=ChainFactory()),
    )
    targets = []
    for project, link in zip((a, b), links, strict=True):
        chain_services.project_link_add(user=user, project=project, link=link)
        targets.append(
            chain_services.target_company_add(user=user, link=link, investor=InvestorFactory())
        )
    chains = tuple(link.chain_id for link in links)
    return {
        "chain-detail": chains,
        "chain-map": chains,
        "chain-link-detail": tuple(link.pk for link in links),
        "chain-link-gap": tuple(link.pk for link in links),
        "chain-link-projects": tuple(link.pk for link in links),
        "chain-target-detail": tuple(t.pk for t in targets),
        "chain-target-move": tuple(t.pk for t in targets),
    }


def _opportunity(region):
    from website.models import Opportunity

    return Opportunity.objects.create(
        name_zh_hans="招商项目",
        sector=IndustrySection.objects.get(code="C"),
        zone=region,
        investment_cny_10k=100,
        valid_until=timezone.localdate() + dt.timedelta(days=365),
    )


def _finished_export(user):
    from staff.models import ExportJob
    from staff.services import export_job_run

    job = ExportJob.objects.create(owner=user, kind="projects", language="en")
    export_job_run(job.pk)
    return job


def _checked_import(user):
    """A checked (dry-run) import of one valid target row, owned by `user`."""
    from imports.models import ImportJob

    region = ProjectFactory().region
    return ImportJob.objects.create(
        owner=user,
        kind="targets",
        filename="t.csv",
        language="en",
        valid=1,
        rows=[{"row": 2, "values": {"year": "2026", "region": region.code}, "errors": [],
               "state": "new"}],
    )  # fmt: skip


def _referrals(a, b, unit_a, unit_other, user):
    """A referral to the liaison user's unit (inside) and one between two other units."""
    from feedback.models import Referral, ServiceRequest

    third = LiaisonUnitFactory()
    keys = []
    for project, owner, to_unit in ((b, unit_other, unit_a), (b, unit_other, third)):
        request = ServiceRequest.objects.create(
            project=project,
            owner_unit=owner,
            description="x",
            raised_on=timezone.localdate(),
            deadline=timezone.localdate(),
            created_by=user,
        )
        referral = Referral.objects.create(
            request=request, from_unit=owner, to_unit=to_unit, note="x", created_by=user
        )
        keys.append(referral.pk)
    return tuple(keys)


def _users(request):
    return {
        "admin": request.getfixturevalue("admin_user"),
        "bureau": request.getfixturevalue("bureau_user"),
        "district": request.getfixturevalue("district_user"),
        "liaison": request.getfixturevalue("liaison_user"),
        "office110": request.getfixturevalue("office110_user"),
    }


def _status(user, name, method, key):
    from django.urls import reverse

    kwargs, query = {}, ""
    if isinstance(key, str) and key.startswith("?"):
        key, query = None, key
    if isinstance(key, dict):  # a route with two ids (an appraisal's objection)
        kwargs, key = key, None
    if key is not None:
        if key == "own":
            key = api_token_issue(user=user, client="matrix").record.public_id
        elif key == "own-export":
            key = _finished_export(user).pk
        elif key == "own-import":
            key = _checked_import(user).pk
        kwargs = {"id": key} if name == "api-token-revoke" else {"pk": key}
    url = reverse(name, kwargs=kwargs) + query
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    sid = transaction.savepoint()
    try:
        if method == "get":
            resp = client.get(url)
        else:
            resp = getattr(client, method)(url, {}, format="json")
    finally:
        transaction.savepoint_rollback(sid)
    return resp.status_code


def _needs_pk(name) -> bool:
    from django.urls import NoReverseMatch, reverse

    try:
        reverse(name)
    except NoReverseMatch:
        return True
    return False


def observed(request, world):
    """The matrix as the code answers now (used to review and to fill MATRIX)."""
    users = _users(request)
    out = {}
    for name, method in sorted(_api_endpoints()):
        keys = world.get(name)
        if keys is None and _needs_pk(name):
            keys = (0, 0)  # no object of this kind in the world yet: an unknown id
        row = {}
        for role, user in users.items():
            if keys is None:
                s = _status(user, name, method, None)
                row[role] = (s, s)
            else:
                row[role] = tuple(_status(user, name, method, k) for k in keys)
        out[(name, method)] = row
    return out


def test_every_endpoint_has_an_entry():
    """A new API endpoint or method needs its row here: who may do what, inside and outside
    their scope."""
    missing = sorted(_api_endpoints() - set(MATRIX))
    gone = sorted(set(MATRIX) - _api_endpoints())
    assert missing == [], f"add these to MATRIX in {__file__}: {missing}"
    assert gone == [], f"remove these from MATRIX: {gone}"


def test_every_endpoint_answers_as_the_matrix_says(request, world):
    seen = observed(request, world)
    wrong = {k: (MATRIX.get(k), v) for k, v in seen.items() if MATRIX.get(k) != v}
    assert wrong == {}, "(expected, observed) per endpoint: " + repr(wrong)


# --- Industry offices (issue 25) --------------------------------------------------------------
# An industry office's staff read the whole city as the 110 office does, so every endpoint
# answers them as MATRIX answers the 110 office, except where listed here: they change the
# projects linked to their office's chains (inside: project a, in their chain; outside: project
# b, in another office's: readable, not theirs to change, 403), add investors, their contacts,
# promotion activities and agents and log interactions (the companies they court, as district
# staff do), and write their own chain (another office's: 403). They create no project.
CHAIN_OFFICE_DIFFERS = {
    ("project-detail", "patch"): (200, 403),
    ("project-detail", "put"): (400, 403),
    ("project-drop", "post"): (400, 403),
    ("project-reopen", "post"): (400, 403),
    ("project-transition", "post"): (400, 403),
    ("investor-list", "post"): (400, 400),
    ("contact-list", "post"): (400, 400),
    ("interaction-list", "post"): (400, 400),
    ("activity-list", "post"): (400, 400),
    ("agent-list", "post"): (400, 400),
    ("chain-link-gap", "post"): (400, 403),
    ("chain-link-projects", "post"): (400, 403),
    ("chain-target-list", "post"): (400, 400),
    ("chain-target-move", "post"): (400, 403),
}


def test_industry_office_answers_as_the_110_office_but_where_listed(
    request, world, chain_office_user
):
    seen, expected = {}, {}
    for name, method in sorted(_api_endpoints()):
        keys = world.get(name)
        if keys is None and _needs_pk(name):
            keys = (0, 0)
        if keys is None:
            status = _status(chain_office_user, name, method, None)
            seen[(name, method)] = (status, status)
        else:
            seen[(name, method)] = tuple(_status(chain_office_user, name, method, k) for k in keys)
        expected[(name, method)] = CHAIN_OFFICE_DIFFERS.get(
            (name, method), MATRIX[(name, method)][OF]
        )
    wrong = {k: (expected[k], v) for k, v in seen.items() if expected[k] != v}
    assert wrong == {}, "(expected, observed) per endpoint: " + repr(wrong)


# Without signing in, every endpoint answers 401 but the token endpoint, which is how one
# signs in (an empty body: 400). Tried on the real object (the "outside" one of each row).
ANONYMOUS = {("api-token", "post"): 400}


def test_anonymous_gets_401_from_every_endpoint_but_the_token_one(world):
    seen = {}
    for name, method in sorted(_api_endpoints()):
        keys = world.get(name)
        if keys is None and _needs_pk(name):
            keys = (0, 0)
        seen[(name, method)] = _status(None, name, method, None if keys is None else keys[1])
    expected = {k: ANONYMOUS.get(k, 401) for k in seen}
    wrong = {k: (expected[k], v) for k, v in seen.items() if expected[k] != v}
    assert wrong == {}, "(expected, observed) per endpoint: " + repr(wrong)
    assert len(seen) > 80


# --- Pages and exports of the investor database (issue 8) --------------------------------------
# Everyone reads the city-wide database (list, detail, the three xlsx exports, activities,
# agents, the report); editing is the owner region's or the bureau's (403 elsewhere);
# inquiries are the bureau's and the routed contact's (404 for others); the switch that
# publishes the median first-response time is the bureau's and the admin's (POST).
# Anonymous: sent to sign in (302).

INVESTOR_PAGES = {
    ("investors:list", "get"): {A: 200, B: 200, D: 200, L: 200, OF: 200, None: 302},
    ("investors:export", "get"): {A: 200, B: 200, D: 200, L: 200, OF: 200, None: 302},
    ("investors:contact_export", "get"): {A: 200, B: 200, D: 200, L: 200, OF: 200, None: 302},
    ("investors:interaction_export", "get"): {
        A: 200, B: 200, D: 200, L: 200, OF: 200, None: 302,
    },
    ("investors:detail", "get"): {
        A: (200, 200), B: (200, 200), D: (200, 200), L: (200, 200), OF: (200, 200),
        None: (302, 302),
    },
    ("investors:edit", "get"): {
        A: (200, 200), B: (200, 200), D: (200, 403), L: (403, 403), OF: (403, 403),
        None: (302, 302),
    },
    ("investors:inquiries", "get"): {A: 200, B: 200, D: 200, L: 200, OF: 200, None: 302},
    ("investors:inquiry_detail", "get"): {
        A: (200, 200), B: (200, 200), D: (200, 404), L: (404, 404), OF: (404, 404),
        None: (302, 302),
    },
    # Answering (issue 21): the same people as the page; an empty post re-renders it.
    ("investors:inquiry_detail", "post"): {
        A: (200, 200), B: (200, 200), D: (200, 404), L: (404, 404), OF: (404, 404),
        None: (302, 302),
    },
    ("investors:inquiry_settings", "post"): {
        A: 302, B: 302, D: 403, L: 403, OF: 403, None: 302,
    },
    ("investors:activities", "get"): {A: 200, B: 200, D: 200, L: 200, OF: 200, None: 302},
    ("investors:activity_edit", "get"): {
        A: (200, 200), B: (200, 200), D: (200, 403), L: (403, 403), OF: (403, 403),
        None: (302, 302),
    },
    ("investors:agents", "get"): {A: 200, B: 200, D: 200, L: 200, OF: 200, None: 302},
    ("investors:report", "get"): {A: 200, B: 200, D: 200, L: 200, OF: 200, None: 302},
}  # fmt: skip


def test_investor_pages_answer_as_the_matrix_says(request, world, client):
    from django.urls import reverse

    keys_of = {
        "investors:detail": ("pk", world["investor-detail"]),
        "investors:edit": ("pk", world["investor-detail"]),
        "investors:inquiry_detail": ("inquiry_pk", world["inquiry-detail"]),
        "investors:activity_edit": ("activity_pk", world["activity-detail"]),
    }
    users = {**_users(request), None: None}
    seen = {}
    for (name, method), _row in INVESTOR_PAGES.items():
        row = {}
        for role, user in users.items():
            client.logout()
            if user is not None:
                client.force_login(user)
            send = getattr(client, method)
            if name in keys_of:
                kw, keys = keys_of[name]
                row[role] = tuple(
                    send(reverse(name, kwargs={kw: k}), HTTP_ACCEPT_LANGUAGE="en").status_code
                    for k in keys
                )
            else:
                sid = transaction.savepoint()
                row[role] = send(reverse(name)).status_code
                transaction.savepoint_rollback(sid)
        seen[(name, method)] = row
    wrong = {k: (INVESTOR_PAGES[k], v) for k, v in seen.items() if INVESTOR_PAGES[k] != v}
    assert wrong == {}, "(expected, observed) per page: " + repr(wrong)


# --- Pages of liaison units at work (issue 9): each role, inside and outside its scope --------

PAGES = {
    "liaison:unassigned": {A: 200, B: 200, D: 404, L: 404, OF: 404},
    "liaison:funds": {A: 200, B: 200, D: 404, L: 200, OF: 404},
    "liaison:assign": {
        A: (200, 200),
        B: (200, 200),
        D: (403, 404),
        L: (403, 404),
        OF: (403, 403),
    },
    "liaison:cadence": {
        A: (200, 200),
        B: (200, 200),
        D: (403, 404),
        L: (200, 404),
        OF: (403, 403),
    },
    "feedback:referrals": {A: 200, B: 200, D: 404, L: 200, OF: 200},
    "feedback:referral": {
        A: (200, 200),
        B: (200, 200),
        D: (404, 404),
        L: (200, 404),
        OF: (200, 200),
    },
    "feedback:referral_create": {
        A: (200, 200),
        B: (200, 200),
        D: (403, 404),
        L: (200, 404),
        OF: (403, 403),
    },
    "feedback:clocks": {A: 200, B: 200, D: 404, L: 200, OF: 200},
    # Each user's own settings (the language of their e-mails): every role, their own only.
    "accounts:preferences": {A: 200, B: 200, D: 200, L: 200, OF: 200},
}


@pytest.fixture
def page_world(region_a, region_b, unit_a, liaison_user, bureau_user):
    from feedback.models import Referral, ServiceRequest

    a = ProjectFactory(region=region_a)
    b = ProjectFactory(region=region_b)
    unit_other, unit_third = LiaisonUnitFactory(), LiaisonUnitFactory()
    person = UserFactory(username="page_liaison_other", role="liaison", liaison_unit=unit_other)
    start = timezone.localdate() - dt.timedelta(days=3)
    liaison_assign(user=bureau_user, project=a, unit=unit_a, person=liaison_user, start_date=start)
    liaison_assign(user=bureau_user, project=b, unit=unit_other, person=person, start_date=start)
    requests = [
        ServiceRequest.objects.create(
            project=p,
            owner_unit=u,
            description="x",
            raised_on=start,
            deadline=start,
            created_by=bureau_user,
        )
        for p, u in ((a, unit_a), (b, unit_other))
    ]
    referrals = [
        Referral.objects.create(
            request=requests[0],
            from_unit=unit_a,
            to_unit=unit_other,
            note="x",
            created_by=bureau_user,
        ),
        Referral.objects.create(
            request=requests[1],
            from_unit=unit_other,
            to_unit=unit_third,
            note="x",
            created_by=bureau_user,
        ),
    ]
    return {
        "liaison:assign": (a.pk, b.pk),
        "liaison:cadence": (a.pk, b.pk),
        "feedback:referral": (referrals[0].pk, referrals[1].pk),
        "feedback:referral_create": (requests[0].pk, requests[1].pk),
    }


def test_liaison_pages_answer_as_the_matrix_says(request, page_world, client):
    from django.urls import reverse

    users = _users(request)
    seen = {}
    for name in PAGES:
        row = {}
        for role, user in users.items():
            client.force_login(user)
            keys = page_world.get(name)
            if keys is None:
                row[role] = client.get(reverse(name)).status_code
            else:
                row[role] = tuple(
                    client.get(reverse(name, kwargs={"pk": k})).status_code for k in keys
                )
        seen[name] = row
    wrong = {k: (PAGES[k], v) for k, v in seen.items() if PAGES[k] != v}
    assert wrong == {}, "(expected, observed) per page: " + repr(wrong)


# --- Pages of the year-end appraisal (issue 13) ------------------------------------------------
# A computed draft: its entries are scoped (district staff their region's, liaison staff their
# unit's and their own; another's explanation page is 404, and stays 404 after publishing,
# when the ranking is whole but the records behind another scope's score are not); the
# appraisal page and the exports open for every role with only those entries. Schemes are
# for admins.

APPRAISAL_PAGES = {
    "appraisal:list": dict.fromkeys(ROLES, 200),
    "appraisal:detail": dict.fromkeys(ROLES, 200),
    "appraisal:export_xlsx": dict.fromkeys(ROLES, 200),
    "appraisal:export_pdf": dict.fromkeys(ROLES, 200),
    "appraisal:scheme": {A: 200, B: 403, D: 403, L: 403, OF: 403},
    "appraisal:score": {
        A: (200, 200),
        B: (200, 200),
        D: (200, 404),
        L: (404, 404),
        OF: (200, 200),
    },
}


def test_appraisal_pages_answer_as_the_matrix_says(request, region_a, region_b, client):
    from django.urls import reverse

    admin = request.getfixturevalue("admin_user")
    scheme = appraisal_services.scheme_create(user=admin, year=2026)
    draft = appraisal_services.appraisal_execute(
        appraisal_id=appraisal_services.appraisal_create(user=admin, year=2026).pk
    )
    own = draft.scores.get(subject_key=f"region:{region_a.pk}").pk
    other = draft.scores.get(subject_key=f"region:{region_b.pk}").pk
    urls = {
        "appraisal:list": reverse("appraisal:list"),
        "appraisal:detail": reverse("appraisal:detail", args=[draft.pk]),
        "appraisal:export_xlsx": reverse("appraisal:export_xlsx", args=[draft.pk]),
        "appraisal:export_pdf": reverse("appraisal:export_pdf", args=[draft.pk]),
        "appraisal:scheme": reverse("appraisal:scheme", args=[scheme.year]),
        "appraisal:score": (
            reverse("appraisal:score", args=[draft.pk, own]),
            reverse("appraisal:score", args=[draft.pk, other]),
        ),
    }
    _assert_pages(client, _users(request), urls, APPRAISAL_PAGES)


# The public notice (issue 20): an appraisal under notice with one objection by the district's
# region (inside) and one by another region (outside). Every role opens the objections page
# (each sees the objections in its scope); an objection and its evidence open for the roles
# that read the whole city and for the staff of its subject (another's: 404); only admins
# finalise (POST; refused while the notice runs: back to the page) and answer.

OBJECTION_PAGES = {
    "appraisal:objections": dict.fromkeys(ROLES, 200),
    "appraisal:objection": {
        A: (200, 200),
        B: (200, 200),
        D: (200, 404),
        L: (404, 404),
        OF: (200, 200),
    },
    "appraisal:objection_evidence": {
        A: (200, 200),
        B: (200, 200),
        D: (200, 404),
        L: (404, 404),
        OF: (200, 200),
    },
}
OBJECTION_POSTS = {
    "appraisal:finalise": {A: 302, B: 403, D: 403, L: 403, OF: 403},
    # an empty answer to the other region's objection: outside their scope for district and liaison
    "appraisal:objection": {A: 200, B: 403, D: 404, L: 404, OF: 403},
}


def test_objection_pages_answer_as_the_matrix_says(
    request, region_a, region_b, client, settings, tmp_path
):
    import time_machine
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    settings.MEDIA_ROOT = tmp_path
    admin = request.getfixturevalue("admin_user")
    district_b = request.getfixturevalue("district_user_b")
    appraisal_services.scheme_create(user=admin, year=2026)
    draft = appraisal_services.appraisal_execute(
        appraisal_id=appraisal_services.appraisal_create(user=admin, year=2026).pk
    )
    appraisal_services.appraisal_submit(user=admin, appraisal=draft)
    users = _users(request)
    with time_machine.travel("2026-12-04 10:00 +0800", tick=False):
        a = appraisal_services.appraisal_publish(user=admin, appraisal=draft)
        own, other = (
            appraisal_services.objection_file(
                user=user,
                appraisal=a,
                subject=f"region:{region.pk}",
                text="x",
                evidence=SimpleUploadedFile("e.pdf", b"%PDF-1.4 x", "application/pdf"),
            )
            for user, region in ((users["district"], region_a), (district_b, region_b))
        )
        urls = {
            "appraisal:objections": reverse("appraisal:objections", args=[a.pk]),
            "appraisal:objection": (
                reverse("appraisal:objection", args=[a.pk, own.pk]),
                reverse("appraisal:objection", args=[a.pk, other.pk]),
            ),
            "appraisal:objection_evidence": (
                reverse("appraisal:objection_evidence", args=[a.pk, own.pk]),
                reverse("appraisal:objection_evidence", args=[a.pk, other.pk]),
            ),
        }
        _assert_pages(client, users, urls, OBJECTION_PAGES)
        seen = {}
        for name, url in (
            ("appraisal:finalise", reverse("appraisal:finalise", args=[a.pk])),
            ("appraisal:objection", urls["appraisal:objection"][1]),
        ):
            row = {}
            for role, user in users.items():
                client.force_login(user)
                row[role] = client.post(url, {}).status_code
            seen[name] = row
    wrong = {k: (OBJECTION_POSTS[k], v) for k, v in seen.items() if OBJECTION_POSTS[k] != v}
    assert wrong == {}, "(expected, observed) per page: " + repr(wrong)


def _assert_pages(client, users, urls, expected):
    """GET each page as each role: one status, or (inside, outside) where `urls` gives two."""
    seen = {}
    for name, url in urls.items():
        row = {}
        for role, user in users.items():
            client.force_login(user)
            if isinstance(url, tuple):
                row[role] = tuple(client.get(u).status_code for u in url)
            else:
                row[role] = client.get(url).status_code
        seen[name] = row
    wrong = {k: (expected[k], v) for k, v in seen.items() if expected[k] != v}
    assert wrong == {}, "(expected, observed) per page: " + repr(wrong)


# --- Pages of the background exports (issue 12) ------------------------------------------------
# Every role exports the lists it reads; an export is its owner's alone (inside: the user's own
# finished export; outside: another user's, 404 even for admin and bureau). The direct
# downloads answer every role (their rows are the role's scope).

EXPORT_PAGES = {
    "staff:exports": dict.fromkeys(ROLES, 200),
    "staff:export_detail": dict.fromkeys(ROLES, (200, 404)),
    "staff:export_download": dict.fromkeys(ROLES, (200, 404)),
    "staff:export_create": dict.fromkeys(ROLES, 302),  # POST; an empty form: back to the list
    "projects:export": dict.fromkeys(ROLES, 200),
    "investors:export": dict.fromkeys(ROLES, 200),
}


def test_export_pages_answer_as_the_matrix_says(request, region_a, client):
    from django.urls import reverse

    ProjectFactory(region=region_a)
    other = _finished_export(UserFactory(username="export_owner_elsewhere"))
    seen = {}
    users = _users(request)
    for name in EXPORT_PAGES:
        row = {}
        for role, user in users.items():
            client.force_login(user)
            if name == "staff:export_create":
                row[role] = client.post(reverse(name), {}).status_code
            elif name in ("staff:export_detail", "staff:export_download"):
                own = _finished_export(user)
                row[role] = tuple(
                    client.get(reverse(name, args=[pk])).status_code for pk in (own.pk, other.pk)
                )
            else:
                row[role] = client.get(reverse(name)).status_code
        seen[name] = row
    wrong = {k: (EXPORT_PAGES[k], v) for k, v in seen.items() if EXPORT_PAGES[k] != v}
    assert wrong == {}, "(expected, observed) per page: " + repr(wrong)


# --- Verifications and monthly reports (issue 13) ----------------------------------------------
# Verifications are recorded and withdrawn by bureau and admin only (403 for a role that reads
# the project, 404 outside its scope). Monthly reports: the whole city's for admin, bureau and
# the 110 office, a district's own for its staff (another region's report 404), nothing for
# liaison staff (403); filed by district staff, bureau and admin.

VERIFICATION_AND_REPORT_PAGES = {
    "projects:check_create": {
        A: (200, 200),
        B: (200, 200),
        D: (403, 404),
        L: (403, 404),
        OF: (403, 403),
    },
    "projects:check_withdraw": {
        A: (200, 200),
        B: (200, 200),
        D: (403, 404),
        L: (403, 404),
        OF: (403, 403),
    },
    "stats:reports": {A: 200, B: 200, D: 200, L: 403, OF: 200},
    "stats:report_file": {A: 200, B: 200, D: 200, L: 403, OF: 403},
    "stats:report": {A: (200, 200), B: (200, 200), D: (200, 404), L: (403, 403), OF: (200, 200)},
    "stats:report_withdraw": {
        A: (200, 200),
        B: (200, 200),
        D: (403, 404),
        L: (403, 403),
        OF: (403, 403),
    },
}


def test_verification_and_report_pages_answer_as_the_matrix_says(
    request, region_a, region_b, unit_a, client
):
    from django.urls import reverse

    users = _users(request)
    bureau = users["bureau"]
    a = ProjectFactory(region=region_a)
    b = ProjectFactory(region=region_b)
    liaison_assign(
        user=bureau,
        project=a,
        unit=unit_a,
        person=users["liaison"],
        start_date=timezone.localdate() - dt.timedelta(days=3),
    )
    checks = [
        project_services.check_record(
            user=bureau, project=p, checked_on=dt.date(2026, 3, 1), result="falsified", finding="x"
        )
        for p in (a, b)
    ]
    reports = [
        stats_services.monthly_report_file(
            user=bureau,
            region=r,
            year=2026,
            month=2,
            summary="x",
            filed_on=dt.date(2026, 3, 9),
            receipt_note="文",
        )
        for r in (region_a, region_b)
    ]
    urls = {
        "projects:check_create": tuple(
            reverse("projects:check_create", args=[p.pk]) for p in (a, b)
        ),
        "projects:check_withdraw": tuple(
            reverse("projects:check_withdraw", args=[c.project_id, c.pk]) for c in checks
        ),
        "stats:reports": reverse("stats:reports"),
        "stats:report_file": reverse("stats:report_file"),
        "stats:report": tuple(reverse("stats:report", args=[r.pk]) for r in reports),
        "stats:report_withdraw": tuple(
            reverse("stats:report_withdraw", args=[r.pk]) for r in reports
        ),
    }
    _assert_pages(client, users, urls, VERIFICATION_AND_REPORT_PAGES)


# --- Statistics defaults and the new year's targets (issue 19) ----------------------------------
# The bulletin without a period opens on the default period for every role (a page explaining
# that nothing is computed, never a 404); the targets page reads for every role that has it in
# the menu; copying last year's targets is bureau and admin only (a POST; others 403).

DATE_PAGES = {
    "stats:bulletin": dict.fromkeys(ROLES, 200),
    "projects:targets": dict.fromkeys(ROLES, 200),
    "projects:targets_copy": {A: 302, B: 302, D: 403, L: 403, OF: 403},
}


def test_date_default_pages_answer_as_the_matrix_says(request, region_a, client):
    from django.urls import reverse

    from projects.models import RegionTarget

    RegionTarget.objects.create(region=region_a, year=2000, negotiated=4)
    seen = {}
    for name in DATE_PAGES:
        row = {}
        for role, user in _users(request).items():
            client.force_login(user)
            if name == "projects:targets_copy":
                row[role] = client.post(reverse(name), {"year": "2001"}).status_code
            else:
                row[role] = client.get(reverse(name)).status_code
        seen[name] = row
    wrong = {k: (DATE_PAGES[k], v) for k, v in seen.items() if DATE_PAGES[k] != v}
    assert wrong == {}, "(expected, observed) per page: " + repr(wrong)


# --- The bulletin's files (issue 28) -----------------------------------------------------------
# The PDF and the xlsx answer as the bulletin page: a published period every role (inside), the
# city's draft only the whole-city roles (outside: 404 for district and liaison staff).

BULLETIN_FILE_PAGES = {
    "stats:bulletin_file": {
        A: (200, 200),
        B: (200, 200),
        D: (200, 404),
        L: (200, 404),
        OF: (200, 200),
    },
}


@time_machine.travel(dt.datetime(2026, 11, 16, 2, 0, tzinfo=dt.UTC), tick=False)
def test_bulletin_files_answer_as_the_matrix_says(request, region_a, bureau_user, client):
    from django.urls import reverse

    ProjectFactory(region=region_a)
    published = stats_services.stats_run_execute(
        run_id=stats_services.stats_run_create(user=bureau_user, year=2026, month=9).pk
    ).snapshot
    stats_services.stats_snapshot_publish(user=bureau_user, snapshot=published)
    stats_services.stats_run_execute(
        run_id=stats_services.stats_run_create(user=bureau_user, year=2026, month=10).pk
    )
    urls = {
        "stats:bulletin_file": (
            reverse("stats:bulletin_file", args=["pdf"]) + "?period=2026-09",
            reverse("stats:bulletin_file", args=["xlsx"]) + "?period=2026-10&lang=en",
        )
    }
    _assert_pages(client, _users(request), urls, BULLETIN_FILE_PAGES)


# --- The working-day calendar (issue 19) ------------------------------------------------------
# Administrators keep it (add, correct, delete); bureau staff read it (they get the dashboard's
# December warning); the other roles have no page (403).

CALENDAR_PAGES = {
    "staff:calendar": {A: 200, B: 200, D: 403, L: 403, OF: 403},
    "staff:calendar_day": {A: 200, B: 403, D: 403, L: 403, OF: 403},
    "staff:calendar_day_delete": {A: 302, B: 403, D: 403, L: 403, OF: 403},  # POST
}


@time_machine.travel(dt.datetime(2026, 11, 16, 2, 0, tzinfo=dt.UTC), tick=False)
def test_calendar_pages_answer_as_the_matrix_says(request, client):
    from django.urls import reverse

    from reference.models import WorkCalendarDay

    day = WorkCalendarDay.objects.get(date=dt.date(2026, 10, 1))
    users = _users(request)
    _assert_pages(
        client,
        users,
        {
            "staff:calendar": reverse("staff:calendar"),
            "staff:calendar_day": reverse("staff:calendar_day", args=[day.pk]),
        },
        {k: v for k, v in CALENDAR_PAGES.items() if k != "staff:calendar_day_delete"},
    )
    seen = {}
    for role, user in users.items():
        client.force_login(user)
        url = reverse("staff:calendar_day_delete", args=[day.pk])
        seen[role] = client.post(url).status_code
        if seen[role] == 302:
            day = WorkCalendarDay.objects.create(date=day.date, kind="holiday", name="x")
    assert seen == CALENDAR_PAGES["staff:calendar_day_delete"]


# --- The public site's opportunities, events, stories and fact sheets (issue 21) --------------
# The staff pages of the opportunities are the site editor's: bureau and admin (others 403);
# the public pages answer everyone alike.

SITE_PAGES = {
    "sitecontent:opportunities": {A: 200, B: 200, D: 403, L: 403, OF: 403},
    "sitecontent:opportunity_new": {A: 200, B: 200, D: 403, L: 403, OF: 403},
    "sitecontent:opportunity_edit": {A: 200, B: 200, D: 403, L: 403, OF: 403},
    "sitecontent:list": {A: 200, B: 200, D: 403, L: 403, OF: 403},  # success stories
    "website:opportunities": dict.fromkeys(ROLES, 200),
    "website:opportunity": dict.fromkeys(ROLES, 200),
    "website:events": dict.fromkeys(ROLES, 200),
    "website:event_register": dict.fromkeys(ROLES, 200),
    "website:stories": dict.fromkeys(ROLES, 200),
    "website:downloads": dict.fromkeys(ROLES, 200),
}


def test_site_promotion_pages_answer_as_the_matrix_says(request, region_a, client):
    from django.urls import reverse

    from investors.models import PromotionActivity
    from website.services import opportunity_move

    admin = request.getfixturevalue("admin_user")
    opp = _opportunity(region_a)
    opportunity_move(user=admin, opp=opp, to="review")
    opportunity_move(user=admin, opp=opp, to="published")
    event = PromotionActivity.objects.create(
        name="推介会",
        name_zh_hans="推介会",
        name_en="Roadshow",
        kind="roadshow",
        start_date=timezone.localdate() + dt.timedelta(days=30),
        end_date=timezone.localdate() + dt.timedelta(days=30),
        organiser_region=region_a,
        is_public=True,
    )
    urls = {
        "sitecontent:opportunities": reverse("sitecontent:opportunities"),
        "sitecontent:opportunity_new": reverse("sitecontent:opportunity_new"),
        "sitecontent:opportunity_edit": reverse("sitecontent:opportunity_edit", args=[opp.pk]),
        "sitecontent:list": reverse("sitecontent:list", args=["stories"]),
        "website:opportunities": reverse("website:opportunities"),
        "website:opportunity": reverse("website:opportunity", args=[opp.pk]),
        "website:events": reverse("website:events"),
        "website:event_register": reverse("website:event_register", args=[event.pk]),
        "website:stories": reverse("website:stories"),
        "website:downloads": reverse("website:downloads"),
    }
    _assert_pages(client, _users(request), urls, SITE_PAGES)


# --- Investor content on the public site (issue 21, points 2–5) -------------------------------
# The public pages answer everyone, signed in or not (None: anonymous); the staff editor's
# lists and forms for policies, the setup guide, zones, plots and premises and costs are for
# bureau staff and administrators (403 for the other roles, sign-in for anonymous).

_PUBLIC = {A: 200, B: 200, D: 200, L: 200, OF: 200, None: 200}
_EDITOR = {A: 200, B: 200, D: 403, L: 403, OF: 403, None: 302}
INVESTOR_CONTENT_PAGES = {
    "website:policies": _PUBLIC,
    "website:policy": _PUBLIC,
    "website:setup_guide": _PUBLIC,
    "website:zones": _PUBLIC,
    "website:zone": _PUBLIC,
    "website:land": _PUBLIC,
    "website:land_csv": _PUBLIC,
    "website:land_json": _PUBLIC,
    "website:costs": _PUBLIC,
    **{f"sitecontent:list {k}": _EDITOR for k in ("policies", "guide", "zones", "plots", "costs")},
    **{f"sitecontent:new {k}": _EDITOR for k in ("policies", "guide", "zones", "plots", "costs")},
    "sitecontent:edit policies": _EDITOR,
    "sitecontent:preview policies": _EDITOR,
}


def test_investor_content_pages_answer_as_the_matrix_says(request, client):
    from django.urls import reverse

    from tests.website.investor_content import make_policy, make_zone

    today = timezone.localdate()
    if not IndustrySection.objects.exists():
        from reference.industries import sync_sections

        sync_sections()
    policy = make_policy(today, number=1, title_en="Measures")
    zone = make_zone(today)
    urls = {}
    for name in INVESTOR_CONTENT_PAGES:
        route, _sep, kind = name.partition(" ")
        if route == "website:policy":
            urls[name] = reverse(route, args=[policy.pk])
        elif route == "website:zone":
            urls[name] = reverse(route, args=[zone.slug])
        elif route in ("sitecontent:edit", "sitecontent:preview"):
            urls[name] = reverse(route, args=[kind, policy.pk])
        elif kind:
            urls[name] = reverse(route, args=[kind])
        else:
            urls[name] = reverse(route)
    users = {**_users(request), None: None}
    seen = {}
    for name, url in urls.items():
        row = {}
        for role, user in users.items():
            client.logout()
            if user is not None:
                client.force_login(user)
            row[role] = client.get(url).status_code
        seen[name] = row
    wrong = {
        k: (INVESTOR_CONTENT_PAGES[k], v) for k, v in seen.items() if INVESTOR_CONTENT_PAGES[k] != v
    }
    assert wrong == {}, "(expected, observed) per page: " + repr(wrong)


# --- Public site: following an inquiry, and the staff review list (issue 21, items 8-9) ---------
# Following an inquiry is public (every role and anonymous: 200, GET and POST); the list of
# content due for review and "mark as verified" are the site editors' (bureau, admin); others
# 403, anonymous sent to sign in.

SITE_FRESHNESS_PAGES = {
    ("website:inquiry_track", "get"): {A: 200, B: 200, D: 200, L: 200, OF: 200, None: 200},
    ("website:inquiry_track", "post"): {A: 200, B: 200, D: 200, L: 200, OF: 200, None: 200},
    ("sitecontent:review", "get"): {A: 200, B: 200, D: 403, L: 403, OF: 403, None: 302},
    ("sitecontent:verify", "post"): {A: 302, B: 302, D: 403, L: 403, OF: 403, None: 302},
}


def test_site_freshness_pages_answer_as_the_matrix_says(request, client):
    from django.urls import reverse

    from website.models import Page

    page = Page.objects.create(slug="p", section="about", title_zh_hans="页面")
    users = {**_users(request), None: None}
    seen = {}
    for (name, method), _row in SITE_FRESHNESS_PAGES.items():
        row = {}
        args = ["pages", page.pk] if name == "sitecontent:verify" else []
        for role, user in users.items():
            client.logout()
            if user is not None:
                client.force_login(user)
            row[role] = getattr(client, method)(reverse(name, args=args)).status_code
        seen[(name, method)] = row
    wrong = {
        k: (SITE_FRESHNESS_PAGES[k], v) for k, v in seen.items() if SITE_FRESHNESS_PAGES[k] != v
    }
    assert wrong == {}, "(expected, observed) per page: " + repr(wrong)


# --- Operations (issue 23): liveness and readiness answer everyone alike (no data in them;
# readiness here is 503 — the test settings' Redis is up but no worker has beaten); the
# Prometheus metrics answer administrators and the monitoring address only (404 otherwise;
# "monitoring": an anonymous client from METRICS_ALLOWED_IPS).

OPS_PAGES = {
    "healthz": {A: 200, B: 200, D: 200, L: 200, OF: 200, None: 200, "monitoring": 200},
    "readyz": {A: 503, B: 503, D: 503, L: 503, OF: 503, None: 503, "monitoring": 503},
    "metrics": {A: 200, B: 404, D: 404, L: 404, OF: 404, None: 404, "monitoring": 200},
}


def test_operations_endpoints_answer_as_the_matrix_says(request, client, settings):
    from django.urls import reverse

    settings.METRICS_ALLOWED_IPS = ["192.0.2.10"]
    users = {**_users(request), None: None, "monitoring": None}
    seen = {}
    for name in OPS_PAGES:
        row = {}
        for role, user in users.items():
            client.logout()
            if user is not None:
                client.force_login(user)
            address = "192.0.2.10" if role == "monitoring" else "198.51.100.1"
            row[role] = client.get(reverse(name), REMOTE_ADDR=address).status_code
        seen[name] = row
    wrong = {k: (OPS_PAGES[k], v) for k, v in seen.items() if OPS_PAGES[k] != v}
    assert wrong == {}, "(expected, observed) per page: " + repr(wrong)


# --- The year-end forecast (issue 26) ---------------------------------------------------------
# Its page reads like its API: the whole-city roles every scope, district staff their regions
# (another region or the city: 404), liaison staff nothing (404). Changing a schedule: see
# tests/forecast/test_forecast.py (bureau and admin all, district staff their regions', 403 for
# the read-only roles).

FORECAST_PAGES = {
    # A project's contribution schedule reads like the project (liaison staff: none assigned).
    "forecast:schedule": {
        A: (200, 200),
        B: (200, 200),
        D: (200, 404),
        L: (404, 404),
        OF: (200, 200),
    },
    "forecast:page": {
        A: (200, 200),
        B: (200, 200),
        D: (200, 404),
        L: (404, 404),
        OF: (200, 200),
    },
}


def test_forecast_pages_answer_as_the_matrix_says(request, region_a, region_b, client):
    from django.urls import reverse

    a = ProjectFactory(region=region_a)
    b = ProjectFactory(region=region_b)
    forecast_run()
    url = reverse("forecast:page")
    urls = {
        "forecast:schedule": (
            reverse("forecast:schedule", args=[a.pk]),
            reverse("forecast:schedule", args=[b.pk]),
        ),
        "forecast:page": (f"{url}?scope=region:{region_a.pk}", f"{url}?scope=region:{region_b.pk}"),
    }
    _assert_pages(client, _users(request), urls, FORECAST_PAGES)


# --- Day one at a new bureau (issue 24) -------------------------------------------------------
# The go-live checklist: administrators (and the test e-mail, POST), bureau staff read it;
# development zones and the opening figures: the bureau and administrators; others 403.

GO_LIVE_PAGES = {
    ("staff:go_live", "get"): {A: 200, B: 200, D: 403, L: 403, OF: 403},
    ("staff:go_live", "post"): {A: 302, B: 403, D: 403, L: 403, OF: 403},
    ("staff:dev_zone_create", "get"): {A: 200, B: 200, D: 403, L: 403, OF: 403},
    ("staff:dev_zone_edit", "get"): {A: 200, B: 200, D: 403, L: 403, OF: 403},
    ("stats:opening", "get"): {A: 200, B: 200, D: 403, L: 403, OF: 403},
    ("stats:opening_template", "get"): {A: 200, B: 200, D: 403, L: 403, OF: 403},
}


def test_go_live_pages_answer_as_the_matrix_says(request, client, settings):
    from django.urls import reverse

    from reference.models import Region, RegionKind

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    zone = Region.objects.create(name="开发区", name_zh_hans="开发区", kind=RegionKind.DEV_ZONE)
    users = _users(request)
    users["admin"].email = "admin@example.org"
    users["admin"].save()
    seen = {}
    for (name, method), _row in GO_LIVE_PAGES.items():
        args = [zone.pk] if name == "staff:dev_zone_edit" else []
        row = {}
        for role, user in users.items():
            client.force_login(user)
            row[role] = getattr(client, method)(reverse(name, args=args)).status_code
        seen[(name, method)] = row
    wrong = {k: (GO_LIVE_PAGES[k], v) for k, v in seen.items() if GO_LIVE_PAGES[k] != v}
    assert wrong == {}, "(expected, observed) per page: " + repr(wrong)


# --- Domestic capital and the province's tables (issue 26) -------------------------------------
# Domestic capital is recorded and deleted on a domestic project by those who edit it (district
# staff their region's; another region's project 404). The province tables are the whole
# city's readers' (admin, bureau, the 110 office); the others 404; a draft's page says it has
# no tables and its files are 404; "mark as sent" (a POST) is bureau and admin's.

PROVINCE_PAGES = {
    ("projects:domestic_arrival_create", "get"): {
        A: (200, 200),
        B: (200, 200),
        D: (200, 404),
        L: (404, 404),
        OF: (403, 403),
    },
    ("stats:province", "get"): {
        A: (200, 200),
        B: (200, 200),
        D: (404, 404),
        L: (404, 404),
        OF: (200, 200),
    },
    ("stats:province_file", "get"): {
        A: (200, 404),
        B: (200, 404),
        D: (404, 404),
        L: (404, 404),
        OF: (200, 404),
    },
    # One reconciliation (it has no region): one status per role.
    ("stats:reconciliations", "get"): {A: (200,), B: (200,), D: (404,), L: (404,), OF: (200,)},
    ("stats:reconciliation", "get"): {A: (200,), B: (200,), D: (404,), L: (404,), OF: (200,)},
    ("stats:reconciliation_review", "post"): {
        A: (302,),
        B: (302,),
        D: (404,),
        L: (404,),
        OF: (403,),
    },
    ("stats:province_sent", "post"): {
        A: (302, 302),
        B: (302, 302),
        D: (404, 404),
        L: (404, 404),
        OF: (403, 403),
    },
}


@time_machine.travel(dt.datetime(2026, 11, 16, 2, 0, tzinfo=dt.UTC), tick=False)
def test_domestic_and_province_pages_answer_as_the_matrix_says(
    request, region_a, region_b, bureau_user, client
):
    from django.urls import reverse

    projects = [
        ProjectFactory(
            region=r,
            capital_source="domestic",
            enterprise_type="domestic",
            contracted_fdi_usd_10k=0,
        )
        for r in (region_a, region_b)
    ]
    published = stats_services.stats_run_execute(
        run_id=stats_services.stats_run_create(user=bureau_user, year=2026, month=9).pk
    ).snapshot
    stats_services.stats_snapshot_publish(user=bureau_user, snapshot=published)
    draft = stats_services.stats_run_execute(
        run_id=stats_services.stats_run_create(user=bureau_user, year=2026, month=10).pk
    ).snapshot
    rec = stats_services.reconciliation_import(
        user=bureau_user,
        year=2026,
        month=9,
        source="commerce",
        file_name="list.csv",
        content="企业名称,金额,日期\n甲公司,5,2026-09-15\n".encode(),
    )
    urls = {
        "stats:reconciliations": [reverse("stats:reconciliations")],
        "stats:reconciliation": [reverse("stats:reconciliation", args=[rec.pk])],
        "stats:reconciliation_review": [reverse("stats:reconciliation_review", args=[rec.pk])],
        "projects:domestic_arrival_create": [
            reverse("projects:domestic_arrival_create", args=[p.pk]) for p in projects
        ],
        "stats:province": [reverse("stats:province", args=[s.pk]) for s in (published, draft)],
        "stats:province_file": [
            reverse("stats:province_file", args=[s.pk, "xlsx"]) for s in (published, draft)
        ],
        "stats:province_sent": [
            reverse("stats:province_sent", args=[s.pk]) for s in (published, draft)
        ],
    }
    seen = {}
    for (name, method), _row in PROVINCE_PAGES.items():
        row = {}
        for role, user in _users(request).items():
            client.force_login(user)
            row[role] = tuple(
                getattr(client, method)(
                    u, {"language": "en"} if method == "post" else None
                ).status_code
                for u in urls[name]
            )
        seen[(name, method)] = row
    wrong = {k: (PROVINCE_PAGES[k], v) for k, v in seen.items() if PROVINCE_PAGES[k] != v}
    assert wrong == {}, "(expected, observed) per page: " + repr(wrong)


# --- Pages of the imports (issue 24) ----------------------------------------------------------
# Bureau and admin import (staff users: admin only, so the users template is 403 for bureau);
# an import is its owner's alone (outside: another user's, 404); the other roles 403.

IMPORT_PAGES = {
    "imports:index": {A: 200, B: 200, D: 403, L: 403, OF: 403},
    "imports:detail": {A: (200, 404), B: (200, 404), D: (403, 403), L: (403, 403),
                       OF: (403, 403)},
    "imports:template": {A: (200, 200), B: (200, 403), D: (403, 403), L: (403, 403),
                         OF: (403, 403)},
}  # fmt: skip


def test_import_pages_answer_as_the_matrix_says(request, client):
    from django.urls import reverse

    users = _users(request)
    other = _checked_import(UserFactory(username="import_owner_elsewhere"))
    seen = {}
    for name in IMPORT_PAGES:
        row = {}
        for role, user in users.items():
            client.force_login(user)
            if name == "imports:detail":
                own = _checked_import(user)
                row[role] = tuple(
                    client.get(reverse(name, args=[pk])).status_code for pk in (own.pk, other.pk)
                )
            elif name == "imports:template":
                row[role] = tuple(
                    client.get(reverse(name, args=[k])).status_code for k in ("projects", "users")
                )
            else:
                row[role] = client.get(reverse(name)).status_code
        seen[name] = row
    wrong = {k: (IMPORT_PAGES[k], v) for k, v in seen.items() if IMPORT_PAGES[k] != v}
    assert wrong == {}, "(expected, observed) per page: " + repr(wrong)


# --- The staff workspace's own pages (issue 27) -------------------------------------------------
# Every page of the staff menu that takes no object, as each role opens it (GET). With the
# tables above, this is what docs/roles.md prints (scripts/roles_doc.py; tests/test_roles_doc.py
# fails when the document differs), so the document cannot promise a page a role is refused.


def _roles(admin, bureau, district, liaison, office110):
    return {A: admin, B: bureau, D: district, L: liaison, OF: office110}


_OPEN = _roles(200, 200, 200, 200, 200)
STAFF_PAGES = {
    "staff:dashboard": _OPEN,
    "projects:list": _OPEN,
    "projects:board": _OPEN,
    "projects:create": _roles(200, 200, 200, 403, 403),
    "stats:overview": _OPEN,
    "stats:references": _OPEN,
    "feedback:workspace": _OPEN,
    "feedback:cases": _roles(200, 200, 404, 200, 200),
    # Satisfaction reads the whole city's units and people: the whole-city roles only.
    "feedback:satisfaction": _roles(200, 200, 404, 404, 200),
    # The enterprises' ballots are issued and counted by administrators alone.
    "feedback:votes": _roles(200, 404, 404, 404, 404),
    "chains:list": _OPEN,
    "chains:targets": _OPEN,
    "chains:workspace": _roles(403, 403, 403, 403, 403),  # the industry office's own
    "sitecontent:index": _roles(200, 200, 403, 403, 403),
    "staff:regions": _OPEN,
    "accounts:api_tokens": _OPEN,
    "admin:index": _roles(200, 302, 302, 302, 302),  # others: to the admin's sign-in
}


def test_staff_pages_answer_as_the_matrix_says(request, client):
    from django.urls import reverse

    users = _users(request)
    _assert_pages(client, users, {name: reverse(name) for name in STAFF_PAGES}, STAFF_PAGES)
