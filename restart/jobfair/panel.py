"""What an interview adds to the candidate's private registration page: the company and offer,
accept or decline an invitation, and three months after a hire, whether the job lasted."""

from django.template.loader import render_to_string

from restart.jobfair.links import profile_token
from restart.jobfair.models import Interview
from restart.registrations.links import manage_token


def interview_panel(registration, request) -> str:
    interview = Interview.objects.filter(registration=registration).select_related(
        "slot__stand__employer__organization", "offer", "candidate").first()  # fmt: skip
    if interview is None:
        return ""
    return render_to_string("jobfair/includes/interview_panel.html", {
        "interview": interview, "token": manage_token(registration),
        "profile_token": profile_token(interview.candidate), "open": registration.status == "confirmed",
    }, request=request)  # fmt: skip
