from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TopicsConfig(AppConfig):
    name = "restart.topics"
    label = "topics"
    verbose_name = _("Topics")

    def ready(self):
        from restart.core.audit import audit_actions_register
        from restart.topics.services import AUDIT_ACTIONS

        audit_actions_register(AUDIT_ACTIONS)
