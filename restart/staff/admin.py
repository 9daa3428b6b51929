from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from restart.staff.models import User

# Who may sign in, with which roles, is changed only on the staff accounts pages: their services
# check the rules (no manager removes their own role) and write the audit entry. Here it is read-only.
ACCESS_FIELDS = ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff", "last_login"]
    search_fields = ["email", "full_name"]
    readonly_fields = [*ACCESS_FIELDS, "last_login", "date_joined"]

    def get_fieldsets(self, request, obj=None):
        accounts = format_html(
            gettext('Roles, deactivation and sign-in are changed on the <a href="{url}">staff accounts pages</a>, '
                    "which keep an audit entry."),
            url=reverse("staff:account_list"),
        )  # fmt: skip
        return [
            (None, {"fields": ["email"]}),
            (_("Person"), {"fields": ["full_name", "language"]}),
            (_("Access"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"], "description": accounts}),
            (_("Dates"), {"fields": ["last_login", "date_joined"]}),
        ]

    def has_add_permission(self, request):
        return False  # staff are invited, so that they choose their own password

    def has_delete_permission(self, request, obj=None):
        return False  # accounts are deactivated: their audit history stays attributable

    def user_change_password(self, request, id, form_url=""):
        raise PermissionDenied


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(DjangoGroupAdmin):
    """Roles and their permissions are declared in code (restart.core.roles) and synced by migration."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# The technical admin is for superusers, with the same sign-in as the staff area, two-factor included.
def _admin_has_permission(request) -> bool:
    user = request.user
    return user.is_active and user.is_staff and user.is_superuser and user.is_verified()


def _admin_login(request, extra_context=None):
    if _admin_has_permission(request):
        return redirect("admin:index")
    if request.user.is_authenticated and request.user.is_verified():
        # Signed in but not allowed: sending them to sign in again would loop back here.
        return render(request, "staff/admin_denied.html", status=403)
    return redirect_to_login(request.get_full_path(), resolve_url("staff:login"))


admin.site.has_permission = _admin_has_permission
admin.site.login = _admin_login
