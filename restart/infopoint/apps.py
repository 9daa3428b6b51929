from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InfopointConfig(AppConfig):
    name = "restart.infopoint"
    label = "infopoint"
    verbose_name = _("Information point")

    def ready(self):
        from restart.core.audit import audit_actions_register
        from restart.core.demo import DemoStep, demo_register
        from restart.core.privacy import privacy_register
        from restart.infopoint import selectors
        from restart.infopoint.demo import seed_infopoint
        from restart.infopoint.privacy import INFOPOINT_STEPS
        from restart.infopoint.services import AUDIT_ACTIONS
        from restart.people.access import register_person_grant
        from restart.people.ledger import register_source

        register_source("infopoint.consultation", selectors.consultation_labels)
        register_person_grant(selectors.people_granted_to)
        privacy_register(INFOPOINT_STEPS)
        demo_register(DemoStep("Demo information point", seed_infopoint, order=20))
        audit_actions_register(AUDIT_ACTIONS)
