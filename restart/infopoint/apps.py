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
        from restart.people.access import register_person_grant
        from restart.people.ledger import register_source

        register_source("infopoint.consultation", selectors.consultation_labels)
        register_person_grant(selectors.people_granted_to)
        privacy_register(INFOPOINT_STEPS)
        demo_register(DemoStep("Demo information point", seed_infopoint, order=20))
        audit_actions_register({
            "consultation.transfer": _("moved the consultation %(object)s to the surviving record of a merge"),
            "consultation.offer": _("offered the referred person the consultation %(object)s"),
            "infopoint.contact_details": _("changed the information point's contact details"),
        })  # fmt: skip
