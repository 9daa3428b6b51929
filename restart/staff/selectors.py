"""Reads of staff accounts, each through a fetch-and-check helper (docs/staff-access.md)."""

from django.http import Http404

from restart.core.access import user_can_enter
from restart.staff.models import ApiToken, User


def account_get_for_user(*, user, pk: int) -> User:
    """A staff account, for those who manage accounts (managers); 404 for anyone else."""
    account = User.objects.filter(pk=pk).first() if user_can_enter(user, "accounts") else None
    if account is None:
        raise Http404
    return account


def api_token_get_for_user(*, user, account_pk: int, pk: int) -> ApiToken:
    """A live API token of an account, for those who manage accounts."""
    token = (
        ApiToken.objects.select_related("user").filter(pk=pk, user_id=account_pk, revoked_at=None).first()
        if user_can_enter(user, "accounts")
        else None
    )
    if token is None:
        raise Http404
    return token
