"""The demo year's appraisal: this year's scheme (the default one), some enterprises' votes,
and the appraisal run, reviewed and published, so the public site's lists show a result. Its
public notice has ended (published as of the latest day whose five working days are over):
the `district` account objected to its false-finding deduction during the notice, the admin
rejected the objection with the reason, and the appraisal is final — so the warning list names
the liaison person the enterprises rated poorly, and the introducers' rewards are final.
Everything goes through the services. Idempotent: nothing is added when the year has an
appraisal.

What the demo shows of the scoring rules: input-output compared over a real field (the four
regions that spent on promotion in the investor demo, by the efficacy coefficient) with the
zones that attracted capital at no recorded cost at the top; liaison units without reviews or
cases judged on what they have (their satisfaction and case weights spread over visits and
votes, not scored 0); the one unit with reviews scored against the standards (a rating of
4.5, 5 % bad reviews), not made the best of a field of one; individuals without rated visits
judged on the rest."""

import datetime as dt

from django.utils import timezone

from accounts.models import Role, User
from feedback.models import Ballot
from feedback.services import ballot_cast, ballots_issue, working_days_after
from projects.demo import SEED_FIGURES

from . import services
from .models import Appraisal, Scheme

# Of the ballots issued to the demo enterprises, these vote (unit codes; True: also for the
# commerce bureau's liaison officer); the rest have not voted yet.
VOTES = [("commerce", True), ("commerce", True), ("ndrc", False), ("commerce", False)]


def _votes(year: int, admin, units) -> None:
    if Ballot.objects.filter(year=year).exists():
        return
    issued = ballots_issue(user=admin, year=year, base_url="/vote/")
    officer = User.objects.filter(role=Role.LIAISON, liaison_unit=units.get("commerce")).first()
    for (_ballot, url), (unit_code, person) in zip(issued, VOTES, strict=False):
        token = url.rstrip("/").rsplit("/", 1)[-1]
        people = [officer] if person and officer else []
        ballot_cast(token=token, units=[units[unit_code]], people=people)


def _notice_start(today: dt.date, days: int) -> dt.date:
    """The latest day from which a notice of `days` working days ended before today."""
    start = today - dt.timedelta(days=days)
    while working_days_after(start, days) >= today:
        start -= dt.timedelta(days=1)
    return start


def _objection(appraisal, admin, district, start: dt.date) -> None:
    """The district objects to its region's false-finding deduction on the notice's second
    day; the admin rejects it with the reason."""
    key = f"region:{district.region_id}"
    entry = appraisal.scores.filter(subject_key=key).first()
    if entry is None:
        return
    codes = set(entry.indicators.values_list("code", flat=True))
    objection = services.objection_file(
        user=district,
        appraisal=appraisal,
        subject=key,
        indicator="falsified" if "falsified" in codes else "",
        text="被核查项目已于核查后一周开工，开工资料附后，请求撤销扣分。",
        on=min(start + dt.timedelta(days=1), appraisal.notice_ends_on),
    )
    services.objection_answer(
        user=admin,
        objection=objection,
        decision="rejected",
        reason="核查之日现场未见施工，事后开工不改变当时虚报的事实；维持扣分。",
    )


def demo_year() -> int:
    """The year the demo appraises: this year, but never past the demo records' last year
    (2026, the seed's): seeded in 2028, the demo still appraises the year it has data for."""
    return min(timezone.localdate().year, max(SEED_FIGURES))


def seed_appraisal(*, users, units, **_kwargs) -> list[str]:
    year = demo_year()
    if Appraisal.objects.filter(year=year).exists():
        return []
    admin = users["admin"]
    if not Scheme.objects.filter(year=year).exists():
        services.scheme_create(user=admin, year=year)
    _votes(year, admin, units)
    appraisal = services.appraisal_create(user=admin, year=year)
    appraisal = services.appraisal_execute(appraisal_id=appraisal.pk)
    services.appraisal_submit(user=admin, appraisal=appraisal)
    start = _notice_start(timezone.localdate(), appraisal.scheme.notice_working_days)
    appraisal = services.appraisal_publish(user=admin, appraisal=appraisal, on=start)
    district = users.get("district")
    if district is not None and district.region_id:
        _objection(appraisal, admin, district, start)
    services.appraisal_finalise(user=admin, appraisal=appraisal)
    return [f"appraisal {year} published {start}, final after its notice"]
