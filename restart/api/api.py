"""The one JSON API: django-ninja, its OpenAPI schema generated from the code (docs/api.md).

Each app keeps its endpoints in a `Router` (its `api.py`) and is mounted here, once.
"""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, ValidationError
from ninja.renderers import JSONRenderer

from restart.courses import api as courses
from restart.events import api as events
from restart.jobfair import api as jobfair
from restart.knowledge import api as knowledge
from restart.reports import api as reports
from restart.staff import api as staff


class Renderer(JSONRenderer):
    json_dumps_params = {"ensure_ascii": False}  # Cyrillic stays readable, as the first API sent it


api = NinjaAPI(
    title="reSTART API",
    version="1",
    description=(
        "The JSON API of reSTART. Public listings need no token; staff endpoints need "
        "`Authorization: Bearer <token>` with a token a manager issued. Errors are JSON: `{\"detail\": …}`."
    ),
    urls_namespace="api",
    docs_url=None,  # our own page renders the schema (restart/api/views.py): no CDN, no JavaScript
    openapi_url="/openapi.json",
    renderer=Renderer(),
)


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    detail = _("Some values in the request are not valid; see errors.")
    return api.create_response(request, {"detail": detail, "errors": exc.errors}, status=422)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    detail = _("This needs a valid API token in the header “Authorization: Bearer <token>”.")
    response = api.create_response(request, {"detail": detail}, status=401)
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(AuthorizationError)
def _forbidden(request, exc):
    return api.create_response(request, {"detail": _("The token's account may not do this.")}, status=403)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


api.add_router("/knowledge", knowledge.router)
api.add_router("/events", events.router)
api.add_router("/courses", courses.router)
api.add_router("/jobs", jobfair.router)
api.add_router("/reports", reports.router)
api.add_router("", staff.router)
