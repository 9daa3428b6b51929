from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import resolve_url
from django.utils.translation import gettext_lazy as _

from restart.staff.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff", "last_login"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name", "language"]}),
        (_("Access"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]})]


# The technical admin uses the same sign-in as the staff area, two-factor included.
def _admin_has_permission(request) -> bool:
    user = request.user
    return user.is_active and user.is_staff and user.is_verified()


def _admin_login(request, extra_context=None):
    return redirect_to_login(request.get_full_path(), resolve_url("staff:login"))


admin.site.has_permission = _admin_has_permission
admin.site.login = _admin_login
