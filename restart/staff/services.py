"""Every write to staff accounts: invitation, roles, (de)activation, two-factor, API tokens."""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from restart.core.audit import audit_record
from restart.core.errors import DomainError
from restart.core.notifications import mail_send
from restart.core.roles import Role
from restart.staff.models import ApiToken, User


def _absolute(path: str, request: HttpRequest | None) -> str:
    return request.build_absolute_uri(path) if request else settings.SITE_URL + path


def invitation_url(*, user: User, request: HttpRequest | None = None) -> str:
    with translation.override(user.language):
        path = reverse(
            "staff:invitation_accept",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
    return _absolute(path, request)


def _set_roles(user: User, roles: list[str]) -> None:
    wanted = [Role(role).value for role in roles]
    user.groups.set(Group.objects.filter(name__in=wanted))
    user._restart_roles = None


@transaction.atomic
def staff_invite(
    *,
    email: str,
    full_name: str,
    roles: list[str],
    language: str,
    by: User,
    request: HttpRequest | None = None,
) -> User:
    """Create an account without a password and e-mail its owner a link to choose one."""
    email = User.objects.normalize_email(email).lower()
    if User.objects.filter(email__iexact=email).exists():
        raise DomainError({"email": _("A staff account with this e-mail address already exists.")})
    user = User(email=email, full_name=full_name, language=language, invited_by=by)
    user.set_unusable_password()
    user.save()
    _set_roles(user, roles)
    audit_record(actor=by, action="staff.invite", obj=user, request=request, details={"roles": sorted(roles)})
    staff_invitation_send(user=user, by=by, request=request)
    return user


def staff_invitation_send(*, user: User, by: User, request: HttpRequest | None = None) -> None:
    mail_send(
        to=user.email,
        template="staff/email/invitation",
        context={
            "user": user,
            "inviter": by,
            "url": invitation_url(user=user, request=request),
            "programme_name": settings.PROGRAMME_NAME,
            "valid_days": settings.PASSWORD_RESET_TIMEOUT // 86400,
        },
        language=user.language,
    )


@transaction.atomic
def staff_invitation_accept(*, user: User, password: str, request: HttpRequest | None = None) -> User:
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_record(actor=user, action="staff.invitation_accept", obj=user, request=request)
    return user


@transaction.atomic
def staff_update(
    *,
    user: User,
    full_name: str,
    language: str,
    roles: list[str],
    by: User,
    speciality: str = "",
    request: HttpRequest | None = None,
) -> User:
    before = sorted(user.groups.values_list("name", flat=True))
    if user == by and Role.MANAGER in before and Role.MANAGER not in roles:
        raise DomainError({"roles": _("You cannot take the manager role away from yourself.")})
    user.full_name = full_name
    user.language = language
    user.speciality = speciality
    user.save(update_fields=["full_name", "language", "speciality"])
    _set_roles(user, roles)
    audit_record(
        actor=by,
        action="staff.update",
        obj=user,
        request=request,
        details={"roles_before": before, "roles_after": sorted(roles)},
    )
    return user


@transaction.atomic
def staff_deactivate(*, user: User, by: User, request: HttpRequest | None = None) -> User:
    """Block sign-in at once; the account and its history stay."""
    if user == by:
        raise DomainError(_("You cannot deactivate your own account."))
    user.is_active = False
    user.save(update_fields=["is_active"])
    audit_record(actor=by, action="staff.deactivate", obj=user, request=request)
    return user


@transaction.atomic
def staff_reactivate(*, user: User, by: User, request: HttpRequest | None = None) -> User:
    user.is_active = True
    user.save(update_fields=["is_active"])
    audit_record(actor=by, action="staff.reactivate", obj=user, request=request)
    return user


@transaction.atomic
def staff_two_factor_reset(*, user: User, by: User, request: HttpRequest | None = None) -> None:
    """For a lost phone: the next sign-in enrols a new authenticator."""
    TOTPDevice.objects.filter(user=user).delete()
    audit_record(actor=by, action="staff.two_factor_reset", obj=user, request=request)


def totp_device_confirmed(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def totp_device_for_enrolment(user: User) -> TOTPDevice:
    """The unconfirmed device whose secret the enrolment page shows (one per user)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)
    return device


@transaction.atomic
def two_factor_verify(*, request: HttpRequest, token: str) -> bool:
    """Check a code from the user's authenticator; enrol it if it was not yet confirmed."""
    user = request.user
    device = totp_device_confirmed(user)
    enrolling = device is None
    if enrolling:
        device = totp_device_for_enrolment(user)
    if not device.verify_token(token):
        return False
    if enrolling:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit_record(actor=user, action="staff.two_factor_enrol", obj=user, request=request)
    otp_login(request, device)
    return True


# --- API tokens ---------------------------------------------------------------------------------
# A token reads "rst_<prefix>_<secret>". The prefix finds the row and is shown in lists; only a
# SHA-256 hash of the whole token is stored. The secret carries 256 random bits, so a fast hash is
# enough (nothing to brute-force, unlike a password) and is compared in constant time.
API_TOKEN_PREFIX_LENGTH = 8


def _api_token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@transaction.atomic
def api_token_create(
    *, user: User, name: str, by: User | None, request: HttpRequest | None = None
) -> tuple[ApiToken, str]:
    """Issue a token for `user`; the returned secret is shown once and never stored."""
    if not user.is_active:
        raise DomainError(_("A deactivated account cannot get an API token."))
    prefix = secrets.token_hex(API_TOKEN_PREFIX_LENGTH // 2)
    while ApiToken.objects.filter(prefix=prefix).exists():
        prefix = secrets.token_hex(API_TOKEN_PREFIX_LENGTH // 2)
    raw = f"rst_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        user=user, name=name.strip(), prefix=prefix, secret_hash=_api_token_hash(raw), created_by=by
    )
    audit_record(actor=by, action="api_token.create", obj=token, request=request, details={"account": user.email})
    return token, raw


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by: User | None, request: HttpRequest | None = None) -> ApiToken:
    """Stop a token at once; the row stays so the audit trail can name it."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(
            actor=by, action="api_token.revoke", obj=token, request=request, details={"account": token.user.email}
        )
    return token


def _api_token_find(raw: str) -> ApiToken | None:
    parts = raw.split("_")
    if len(parts) < 3 or parts[0] != "rst" or len(parts[1]) != API_TOKEN_PREFIX_LENGTH:
        return None
    token = ApiToken.objects.select_related("user").filter(prefix=parts[1], revoked_at__isnull=True).first()
    if token is None or not hmac.compare_digest(token.secret_hash, _api_token_hash(raw)):
        return None
    return token


@transaction.atomic
def api_token_use(*, raw: str, request: HttpRequest) -> User | None:
    """The active account behind a bearer token, or None; every accepted use is audited.

    A token acts as its account does now: a deactivated account's tokens stop working, and a
    role taken away is taken away from its tokens too (roles are read from the account at each use).
    """
    token = _api_token_find(raw)
    if token is None or not token.user.is_active:
        return None
    token.last_used_at = timezone.now()
    token.save(update_fields=["last_used_at"])
    audit_record(
        actor=token.user,
        action="api_token.use",
        obj=token,
        request=request,
        details={"method": request.method, "path": request.path[:500]},
    )
    return token.user


# What each action code these services write means in the audit trail (registered in apps.py).
AUDIT_ACTIONS = {
    "api_token.create": gettext_lazy("issued the API token %(object)s"),
    "api_token.revoke": gettext_lazy("revoked the API token %(object)s"),
    "api_token.use": gettext_lazy("used the API token %(object)s"),
    "staff.invite": gettext_lazy("invited %(object)s"),
    "staff.invitation_accept": gettext_lazy("%(object)s accepted the invitation"),
    "staff.update": gettext_lazy("changed the account of %(object)s"),
    "staff.deactivate": gettext_lazy("deactivated the account of %(object)s"),
    "staff.reactivate": gettext_lazy("reactivated the account of %(object)s"),
    "staff.two_factor_reset": gettext_lazy("reset the two-factor authentication of %(object)s"),
    "staff.two_factor_enrol": gettext_lazy("set up two-factor authentication for %(object)s"),
}
