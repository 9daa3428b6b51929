from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "restart.people"
    label = "people"
    verbose_name = _("People")

    def ready(self):
        from restart.core.audit import audit_actions_register
        from restart.core.demo import DemoStep, demo_register
        from restart.core.privacy import privacy_register
        from restart.people.demo import seed_demo_people
        from restart.people.privacy import PEOPLE_STEPS
        from restart.people.services import AUDIT_ACTIONS

        privacy_register(PEOPLE_STEPS)
        audit_actions_register(AUDIT_ACTIONS)
        demo_register(DemoStep("Demo people", seed_demo_people, order=10))
