"""The candidate's private link to their profile: signed, bound to the profile's own secret."""

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation

from restart.core.private_links import link_token, object_from_token
from restart.jobfair.models import CandidateProfile

SALT = "restart.jobfair.profile"
MAX_AGE = 2 * 365 * 24 * 3600  # a job search can take a while


def profile_token(profile: CandidateProfile) -> str:
    return link_token(profile, salt=SALT, key="p")


def profile_from_token(token: str) -> CandidateProfile | None:
    profiles = CandidateProfile.objects.select_related("person")
    profile = object_from_token(profiles, token, salt=SALT, key="p", max_age=MAX_AGE)
    return None if profile is None or profile.person.is_erased else profile


def profile_url(profile: CandidateProfile, request: HttpRequest | None = None) -> str:
    with translation.override(profile.person.preferred_language):
        path = reverse("jobfair:profile", kwargs={"token": profile_token(profile)})
    return request.build_absolute_uri(path) if request else settings.SITE_URL + path
