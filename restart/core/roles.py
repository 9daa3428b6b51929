"""Staff roles (DESIGN.md §4), declared here and synced to Django groups after migrate.

A role is a Django group whose permissions are listed below; `roles_sync` makes the database
match this file, so a role's rights change only through code review.
"""

from django.contrib.auth.models import Group, Permission
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    MANAGER = "manager", _("Manager")
    CONSULTANT = "consultant", _("Consultant")
    TEACHER = "teacher", _("Teacher")
    COORDINATOR = "coordinator", _("Coordinator")
    EMPLOYER = "employer", _("Employer")
    SPECIALIST = "specialist", _("Specialist")


ROLE_DESCRIPTIONS = {
    Role.MANAGER: _("Everything, including reports and staff accounts."),
    Role.CONSULTANT: _("Information point, knowledge base and people."),
    Role.TEACHER: _("Their course groups, attendance and assessments."),
    Role.COORDINATOR: _("Courses, events and the job fair."),
    Role.EMPLOYER: _("Their company, job offers, interview slots and consenting candidates."),
    Role.SPECIALIST: _("A lawyer or psychologist: the cases referred to them and those people only."),
}

# Permissions as "app_label.codename"; modules add theirs as they arrive.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.MANAGER: [
        "staff.view_user",
        "staff.add_user",
        "staff.change_user",
        "core.view_auditevent",
    ],
    Role.CONSULTANT: [],
    Role.TEACHER: [],
    Role.COORDINATOR: [],
    Role.EMPLOYER: [],
    Role.SPECIALIST: [],
}


def roles_sync(*, using: str = "default") -> None:
    """Create a group per role and give it exactly the permissions declared above."""
    for role in Role:
        group, _created = Group.objects.using(using).get_or_create(name=role.value)
        wanted = []
        for dotted in ROLE_PERMISSIONS[role]:
            app_label, codename = dotted.split(".")
            perm = (
                Permission.objects.using(using)
                .filter(content_type__app_label=app_label, codename=codename)
                .first()
            )
            if perm is not None:
                wanted.append(perm)
        group.permissions.set(wanted)
