"""The demo year's appraisal: this year's scheme (the default one), some enterprises' votes,
and the appraisal run, reviewed and published, so the public site's commendation and warning
lists show a result. Everything goes through the services. Idempotent: nothing is added when
the year has an appraisal.

What the demo shows of the scoring rules: input-output compared over a real field (the four
regions that spent on promotion in the investor demo, by the efficacy coefficient) with the
zones that attracted capital at no recorded cost at the top; liaison units without reviews or
cases judged on what they have (their satisfaction and case weights spread over visits and
votes, not scored 0); the one unit with reviews scored against the standards (a rating of
4.5, 5 % bad reviews), not made the best of a field of one; individuals without rated visits
judged on the rest."""

from django.utils import timezone

from accounts.models import Role, User
from feedback.models import Ballot
from feedback.services import ballot_cast, ballots_issue

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


def seed_appraisal(*, users, units, **_kwargs) -> list[str]:
    year = timezone.localdate().year
    if Appraisal.objects.filter(year=year).exists():
        return []
    admin = users["admin"]
    if not Scheme.objects.filter(year=year).exists():
        services.scheme_create(user=admin, year=year)
    _votes(year, admin, units)
    appraisal = services.appraisal_create(user=admin, year=year)
    appraisal = services.appraisal_execute(appraisal_id=appraisal.pk)
    services.appraisal_submit(user=admin, appraisal=appraisal)
    services.appraisal_publish(user=admin, appraisal=appraisal)
    return [f"appraisal {year} published"]
