"""Bearer tokens for the API: who is calling, and may they enter an area (DESIGN.md §4)."""

from django.http import HttpRequest
from ninja.errors import AuthorizationError
from ninja.security import HttpBearer

from restart.core.access import user_can_enter
from restart.staff.services import api_token_use


class StaffToken(HttpBearer):
    """`Authorization: Bearer rst_…`: a staff API token, issued by a manager or `manage.py api_token`."""

    def authenticate(self, request: HttpRequest, token: str):
        return api_token_use(raw=token, request=request)


staff_token = StaffToken()


def area_check(request: HttpRequest, area: str) -> None:
    """403 unless the token's account may, right now, enter this staff area.

    The token never does more than its account can: roles are read from the account at each call.
    """
    if not user_can_enter(request.auth, area):
        raise AuthorizationError
