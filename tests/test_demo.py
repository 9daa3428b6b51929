from io import StringIO

from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from restart.core.access import user_roles
from restart.core.roles import Role
from restart.infopoint.models import Consultation, ConsultationSlot
from restart.knowledge.models import Article
from restart.people.models import Person
from restart.staff.models import User


def test_seed_demo_creates_one_login_per_role_and_is_idempotent(db):
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())
    for role in set(Role) - {Role.SPECIALIST}:
        user = User.objects.get(email=f"{role.value}@restart.example")
        assert user_roles(user) == {role}
        assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 1
    lawyer = User.objects.get(email="lawyer@restart.example")
    assert lawyer.speciality == "lawyer" and TOTPDevice.objects.filter(user=lawyer).count() == 1
    assert user_roles(lawyer) == {Role.SPECIALIST}
    assert Person.objects.count() == 200
    assert ConsultationSlot.objects.exists() and Consultation.objects.count() == 80
    articles = Article.objects.filter(is_demo=True, status="published")
    assert articles.count() >= 24
    assert all(len({t.language for t in a.translations.all()}) == 4 for a in articles.prefetch_related("translations"))
    assert all(a.source_list and a.reviewed_on for a in articles)


def test_otp_code_prints_a_code_the_device_accepts(db):
    call_command("seed_demo", stdout=StringIO())
    out = StringIO()
    call_command("otp_code", "manager@restart.example", stdout=out)
    device = TOTPDevice.objects.get(user__email="manager@restart.example")
    assert device.verify_token(out.getvalue().strip())


def test_seed_demo_fills_the_programme_with_events_a_waiting_list_and_past_attendance(db):
    from restart.events.models import Event
    from restart.registrations.models import Registration

    call_command("seed_demo", stdout=StringIO())
    assert {"english-club", "french-online", "ashtanga-yoga", "film-screening"} <= set(
        Event.objects.values_list("slug", flat=True)
    )
    assert Event.objects.get(slug="french-online").is_online
    assert Registration.objects.filter(status="waitlisted").exists()
    assert Registration.objects.filter(status="attended").exists()
    assert Event.objects.filter(kind="screening").exists()


def test_seed_demo_holds_a_fair_with_stands_booked_interviews_and_outcomes(db):
    from restart.jobfair.models import CandidateProfile, Employer, Fair, Interview, JobOffer
    from restart.people.models import Participation

    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert Employer.objects.count() == 8 and JobOffer.objects.count() == 20 and CandidateProfile.objects.count() == 60
    assert Fair.objects.count() == 2
    outcomes = set(Interview.objects.values_list("outcome", flat=True))
    assert {"hired", "not_hired"} <= outcomes
    ahead = Interview.objects.filter(registration__status="confirmed")
    assert ahead.filter(accepted_at__isnull=False).exists() and ahead.filter(accepted_at__isnull=True).exists()
    assert Participation.objects.filter(professional_guidance=True, status="attended", kind="job_fair").exists()
    assert Employer.objects.get(key="demo-metal").accounts.filter(email="employer@restart.example").exists()
