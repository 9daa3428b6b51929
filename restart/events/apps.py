from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "restart.events"
    label = "events"
    verbose_name = _("Integration meetings")

    def ready(self):
        from restart.core.audit import audit_actions_register
        from restart.core.demo import DemoStep, demo_register
        from restart.events.demo import seed_events
        from restart.events.selectors import occurrences_details
        from restart.events.services import AUDIT_ACTIONS, OWNER_TYPE
        from restart.registrations.owners import OwnerAdapter, register_owner

        register_owner(OWNER_TYPE, OwnerAdapter(details=occurrences_details))
        audit_actions_register(AUDIT_ACTIONS)
        demo_register(DemoStep("Demo events", seed_events, order=40))
