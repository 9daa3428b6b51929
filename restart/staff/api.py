"""Staff endpoints about the calling account itself."""

from ninja import Router, Schema

from restart.api.auth import staff_token
from restart.api.schemas import ErrorOut
from restart.core.access import user_roles

router = Router(tags=["staff"], auth=staff_token)


class MeOut(Schema):
    email: str
    full_name: str
    roles: list[str]


@router.get(
    "/me",
    response={200: MeOut, 401: ErrorOut},
    url_name="me",
    operation_id="staff_me",
    summary="The account behind the token",
)
def me(request):
    """Check a token: the e-mail, name and current roles of the account it acts for."""
    user = request.auth
    return {"email": user.email, "full_name": user.full_name, "roles": sorted(user_roles(user))}
