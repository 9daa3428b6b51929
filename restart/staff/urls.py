from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from restart.core.access import AREA_URLS, AREAS
from restart.core.views import staff_coming_soon
from restart.staff import views
from restart.staff.forms import StaffPasswordResetForm

app_name = "staff"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("login/", views.login_view, name="login"),
    path("two-factor/", views.two_factor, name="two_factor"),
    path("logout/", views.logout_view, name="logout"),
    path("accounts/", views.account_list, name="account_list"),
    path("accounts/invite/", views.account_invite, name="account_invite"),
    path("accounts/<int:pk>/", views.account_edit, name="account_edit"),
    path("accounts/<int:pk>/deactivate/", views.account_deactivate, name="account_deactivate"),
    path("accounts/<int:pk>/reactivate/", views.account_reactivate, name="account_reactivate"),
    path("accounts/<int:pk>/two-factor-reset/", views.account_two_factor_reset, name="account_two_factor_reset"),
    path("accounts/<int:pk>/resend/", views.account_invitation_resend, name="account_invitation_resend"),
    path("accounts/<int:pk>/api-tokens/new/", views.account_token_create, name="account_token_create"),
    path(
        "accounts/<int:pk>/api-tokens/<int:token_pk>/revoke/", views.account_token_revoke, name="account_token_revoke"
    ),
    path("invitation/<uidb64>/<token>/", views.invitation_accept, name="invitation_accept"),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(
            form_class=StaffPasswordResetForm,
            template_name="staff/password_reset.html",
            success_url=reverse_lazy("staff:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="staff/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="staff/password_reset_confirm.html",
            success_url=reverse_lazy("staff:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(template_name="staff/password_reset_complete.html"),
        name="password_reset_complete",
    ),
]

# Areas whose modules have not landed yet show a "coming soon" page to the right roles.
urlpatterns += [
    path(f"{area}/", staff_coming_soon(area), name=f"area_{area}")
    for area in AREAS
    if area not in AREA_URLS
]
