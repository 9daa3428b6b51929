from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "restart.registrations"
    label = "registrations"
    verbose_name = _("Registrations")

    def ready(self):
        from restart.core.audit import audit_actions_register
        from restart.core.privacy import privacy_register
        from restart.people.ledger import register_source
        from restart.registrations.privacy import REGISTRATIONS_STEPS, registration_labels
        from restart.registrations.services import AUDIT_ACTIONS

        privacy_register(REGISTRATIONS_STEPS)
        register_source("registrations.registration", registration_labels)
        audit_actions_register(AUDIT_ACTIONS)
