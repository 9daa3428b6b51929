from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "restart.courses"
    label = "courses"
    verbose_name = _("Polish courses")

    def ready(self):
        from restart.core.audit import audit_actions_register
        from restart.core.demo import DemoStep, demo_register
        from restart.core.privacy import privacy_register
        from restart.courses.calendars import registration_calendar
        from restart.courses.demo import seed_courses
        from restart.courses.panel import enrollment_panel
        from restart.courses.privacy import COURSES_STEPS
        from restart.courses.selectors import groups_details
        from restart.courses.services import AUDIT_ACTIONS, OWNER_TYPE, registration_flags
        from restart.registrations.owners import OwnerAdapter, register_owner

        register_owner(OWNER_TYPE, OwnerAdapter(details=groups_details, registration_flags=registration_flags,
                                                templates="courses", panel=enrollment_panel,
                                                calendar=registration_calendar))  # fmt: skip
        privacy_register(COURSES_STEPS)
        audit_actions_register(AUDIT_ACTIONS)
        demo_register(DemoStep("Demo courses", seed_courses, order=45))
