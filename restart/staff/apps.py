from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    name = "restart.staff"
    label = "staff"
    verbose_name = _("Staff")

    def ready(self):
        from restart.core.audit import audit_actions_register
        from restart.core.demo import DemoStep, demo_register
        from restart.staff import demo
        from restart.staff.services import AUDIT_ACTIONS

        demo_register(DemoStep("Demo staff", demo.seed_staff, order=0))
        demo_register(DemoStep("Demo authenticators", demo.seed_authenticators, order=1000))
        audit_actions_register(AUDIT_ACTIONS)
