"""The job fair's privacy steps: a person's candidate profile."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from restart.core.privacy import ExportSection, PrivacySteps
from restart.jobfair import isco
from restart.jobfair.models import CandidateProfile, Interview


def export_profile(person, viewer) -> list[ExportSection]:
    profile = CandidateProfile.objects.filter(person=person).first()
    rows = []
    if profile:
        rows.append({
            "occupations": "; ".join(f"{isco.occupation_name(o['isco'])} ({o['isco']}): {o['years']}"
                                     for o in profile.occupations),
            "wanted": "; ".join(isco.occupation_name(code) for code in profile.wanted_occupations),
            "skills": ", ".join(profile.skills), "polish": profile.get_polish_level_display(),
            "languages": ", ".join(f"{item['lang']} {item['level']}" for item in profile.languages),
            "education": profile.education, "availability": profile.availability, "city": profile.city,
            "places": profile.preferred_places, "cv": _("yes") if profile.cv else _("no"),
        })  # fmt: skip
    return [ExportSection(key="jobfair", title=_("Job fair profile"), rows=rows, columns=[
        ("occupations", _("Past occupations (years)")), ("wanted", _("Occupations wanted")), ("skills", _("Skills")),
        ("polish", _("Polish")), ("languages", _("Other languages")), ("education", _("Education")),
        ("availability", _("Available from")), ("city", _("Lives in")), ("places", _("Would work in")),
        ("cv", _("CV")),
    ]), _interviews(person)]  # fmt: skip


def _interviews(person) -> ExportSection:
    interviews = Interview.objects.filter(candidate__person=person).select_related(
        "slot__stand__employer__organization", "registration", "offer").order_by("slot__starts_at")  # fmt: skip
    rows = [{
        "when": formats.date_format(timezone.localtime(interview.slot.starts_at), "SHORT_DATETIME_FORMAT"),
        "company": interview.slot.stand.employer.organization.name,
        "offer": interview.offer.title() if interview.offer else "",
        "status": interview.registration.get_status_display(),
        "accepted": _("yes") if interview.accepted else _("no"),
        "outcome": interview.get_outcome_display(),
        "still": "" if interview.still_employed is None else _("yes") if interview.still_employed else _("no"),
    } for interview in interviews]  # fmt: skip
    return ExportSection(key="interviews", title=_("Job interviews"), rows=rows, columns=[
        ("when", _("When")), ("company", _("Company")), ("offer", _("Job offer")), ("status", _("Status")),
        ("accepted", _("Accepted (the company sees my name)")), ("outcome", _("Outcome")),
        ("still", _("Still works there")),
    ])  # fmt: skip


def profile_forget(person, identity, by, request) -> None:
    """Erasure: the CV file and everything written freely go; what matching counted stays out of
    every list anyway (an erased person is never shown)."""
    profile = CandidateProfile.objects.filter(person=person).first()
    if profile is None:
        return
    if profile.cv:
        profile.cv.delete(save=False)
    profile.cv = ""
    profile.education = profile.availability = profile.preferred_places = profile.city = ""
    profile.skills = []
    profile.save()


def profile_merge(survivor, duplicate, by, request) -> None:
    """Merge: one profile for the one person; the survivor's answers win, lists are joined."""
    theirs = CandidateProfile.objects.filter(person=duplicate).first()
    if theirs is None:
        return
    mine = CandidateProfile.objects.filter(person=survivor).first()
    if mine is None:
        theirs.person = survivor
        theirs.save(update_fields=["person", "updated_at"])
        return
    mine.skills = list(dict.fromkeys([*mine.skills, *theirs.skills]))
    mine.wanted_occupations = list(dict.fromkeys([*mine.wanted_occupations, *theirs.wanted_occupations]))
    known = {item["isco"] for item in mine.occupations}
    mine.occupations = [*mine.occupations, *[item for item in theirs.occupations if item["isco"] not in known]]
    mine.key = mine.key or theirs.key
    Interview.objects.filter(candidate=theirs).update(candidate=mine)  # their registrations follow the person
    theirs.delete()
    mine.save()


JOBFAIR_STEPS = PrivacySteps(app_label="jobfair", export=export_profile, erase=profile_forget, merge=profile_merge,
                             order=160)  # fmt: skip
