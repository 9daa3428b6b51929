from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "restart.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge base")

    def ready(self):
        from restart.core.audit import audit_actions_register
        from restart.core.demo import DemoStep, demo_register
        from restart.knowledge.demo import seed_articles
        from restart.knowledge.services import AUDIT_ACTIONS

        demo_register(DemoStep("Demo knowledge base", seed_articles, order=30))
        audit_actions_register(AUDIT_ACTIONS)
