"""Staff sign-in (password, then TOTP) and the manager's account administration."""

import math
import time
from base64 import b32encode

from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render, resolve_url
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_otp.oath import TOTP

from restart.core.access import area_required, user_areas, user_roles
from restart.core.paging import paginate
from restart.core.qr import qr_svg
from restart.staff import selectors, services
from restart.staff.forms import ApiTokenForm, InviteForm, LoginForm, StaffEditForm, StaffSearchForm, TokenForm
from restart.staff.models import User


def _next_url(request, default: str = "staff:dashboard") -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if safe:
        return candidate
    return resolve_url(default)


def login_view(request):
    if request.user.is_authenticated and request.user.is_verified():
        return redirect(_next_url(request))
    form = LoginForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        auth_login(request, form.get_user())
        return redirect(f"{resolve_url('staff:two_factor')}?next={_next_url(request)}")
    return render(request, "staff/login.html", {"form": form, "next": _next_url(request)})


def two_factor(request):
    """Second step of sign-in; on the first sign-in it enrols an authenticator app."""
    user = request.user
    if not user.is_authenticated:
        return redirect("staff:login")
    if user.is_verified():
        return redirect(_next_url(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"]
        device = services.totp_device_confirmed(user) or services.totp_device_for_enrolment(user)
        refusal = _throttled_message(device)
        if refusal is None and services.two_factor_verify(request=request, token=token):
            return redirect(_next_url(request))
        form.add_error("token", refusal or _refusal_message(device, token))
    context = {"form": form, "next": _next_url(request)}
    if services.totp_device_confirmed(user) is None:
        device = services.totp_device_for_enrolment(user)
        context.update(enrolling=True, qr_svg=_qr_svg(device.config_url), secret=_grouped_secret(device))
    return render(request, "staff/two_factor.html", context)


def _throttled_message(device) -> str | None:
    """After a wrong code django-otp refuses every code for a growing pause: say so, not "wrong"."""
    allowed, info = device.verify_is_allowed()
    if allowed:
        return None
    locked_until = (info or {}).get("locked_until")
    seconds = max(1, math.ceil((locked_until - timezone.now()).total_seconds())) if locked_until else 30
    return ngettext(
        "After a wrong code, codes are not checked for %(seconds)s second. Wait, then enter the code your app shows.",
        "After a wrong code, codes are not checked for %(seconds)s seconds. Wait, then enter the code your app shows.",
        seconds,
    ) % {"seconds": seconds}


def _refusal_message(device, token: str) -> str:
    """Why a code was refused: a code is accepted once, so a used one means waiting for the next."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if totp.verify(int(token), device.tolerance):  # right, yet refused: it was used already
        return _("This code has already been used. Wait for the next code in your app (a new one appears every 30 "
                 "seconds) and enter it.")
    return _("This code is not right or has expired. Enter the current code.")


def _qr_svg(data: str) -> str:
    return qr_svg(data, label=_("QR code for your authenticator app"))


def _grouped_secret(device) -> str:
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@require_POST
def logout_view(request):
    auth_logout(request)
    messages.success(request, _("You have signed out."))
    return redirect("core:home")


@area_required("dashboard")
def dashboard(request):
    areas = [item for item in user_areas(request.user) if item["area"] != "dashboard"]
    return render(request, "staff/dashboard.html", {"areas": areas, "roles": sorted(user_roles(request.user))})


@area_required("accounts")
def account_list(request):
    form = StaffSearchForm(request.GET or None)
    accounts = User.objects.prefetch_related("groups").order_by("full_name", "email")
    if form.is_valid():
        if query := form.cleaned_data["q"].strip():
            accounts = accounts.filter(Q(full_name__icontains=query) | Q(email__icontains=query))
        if role := form.cleaned_data["role"]:
            accounts = accounts.filter(groups__name=role)
        if status := form.cleaned_data["status"]:
            accounts = accounts.filter(is_active=status == "active")
    page, query_string = paginate(request, accounts, 25)
    return render(request, "staff/account_list.html", {"form": form, "page": page, "query_string": query_string})


@area_required("accounts")
def account_invite(request):
    form = InviteForm(request.POST or None, initial={"language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        try:
            user = services.staff_invite(**form.cleaned_data, by=request.user, request=request)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": user.email})
            return redirect("staff:account_list")
    return render(request, "staff/account_invite.html", {"form": form})


@area_required("accounts")
def account_edit(request, pk: int):
    account = selectors.account_get_for_user(user=request.user, pk=pk)
    initial = {
        "full_name": account.full_name,
        "language": account.language,
        "roles": list(account.groups.values_list("name", flat=True)),
        "speciality": account.speciality,
    }
    form = StaffEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.staff_update(user=account, **form.cleaned_data, by=request.user, request=request)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Changes to %(name)s saved.") % {"name": account})
            return redirect("staff:account_list")
    tokens = account.api_tokens.all()
    return render(request, "staff/account_edit.html", {"form": form, "account": account, "tokens": tokens})


@area_required("accounts")
def account_deactivate(request, pk: int):
    account = selectors.account_get_for_user(user=request.user, pk=pk)
    error = None
    if request.method == "POST":
        try:
            services.staff_deactivate(user=account, by=request.user, request=request)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(request, _("%(name)s can no longer sign in.") % {"name": account})
            return redirect("staff:account_list")
    return render(request, "staff/account_deactivate.html", {"account": account, "error": error})


@area_required("accounts")
@require_POST
def account_reactivate(request, pk: int):
    account = selectors.account_get_for_user(user=request.user, pk=pk)
    services.staff_reactivate(user=account, by=request.user, request=request)
    messages.success(request, _("%(name)s can sign in again.") % {"name": account})
    return redirect("staff:account_edit", pk=account.pk)


@area_required("accounts")
@require_POST
def account_two_factor_reset(request, pk: int):
    account = selectors.account_get_for_user(user=request.user, pk=pk)
    services.staff_two_factor_reset(user=account, by=request.user, request=request)
    messages.success(request, _("%(name)s will set up a new authenticator at the next sign-in.") % {"name": account})
    return redirect("staff:account_edit", pk=account.pk)


@area_required("accounts")
@require_POST
def account_invitation_resend(request, pk: int):
    account = selectors.account_get_for_user(user=request.user, pk=pk)
    if account.has_accepted_invitation:
        raise Http404
    services.staff_invitation_send(user=account, by=request.user, request=request)
    messages.success(request, _("Invitation sent to %(email)s.") % {"email": account.email})
    return redirect("staff:account_edit", pk=account.pk)


@area_required("accounts")
def account_token_create(request, pk: int):
    """Issue an API token; its secret is on this one response and nowhere else."""
    account = selectors.account_get_for_user(user=request.user, pk=pk)
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, raw = services.api_token_create(
                user=account, name=form.cleaned_data["name"], by=request.user, request=request
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            response = render(request, "staff/api_token_created.html", {"account": account, "token": token, "raw": raw})
            response["Cache-Control"] = "no-store"
            return response
    return render(request, "staff/api_token_create.html", {"form": form, "account": account})


@area_required("accounts")
def account_token_revoke(request, pk: int, token_pk: int):
    token = selectors.api_token_get_for_user(user=request.user, account_pk=pk, pk=token_pk)
    if request.method == "POST":
        services.api_token_revoke(token=token, by=request.user, request=request)
        messages.success(request, _("The API token %(prefix)s no longer works.") % {"prefix": token.prefix})
        return redirect("staff:account_edit", pk=pk)
    return render(request, "staff/api_token_revoke.html", {"account": token.user, "token": token})


def invitation_accept(request, uidb64: str, token: str):
    """The invitee chooses a password; the link works once and expires."""
    try:
        user = User.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))), is_active=True)
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        user = None
    if user is None or not default_token_generator.check_token(user, token):
        return render(request, "staff/invitation_invalid.html", status=400)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.staff_invitation_accept(user=user, password=form.cleaned_data["new_password1"], request=request)
        messages.success(request, _("Your password is set. Sign in to set up two-factor authentication."))
        return redirect("staff:login")
    return render(request, "staff/invitation_accept.html", {"form": form, "invitee": user})
