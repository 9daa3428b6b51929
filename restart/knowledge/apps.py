from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "restart.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge base")

    def ready(self):
        from restart.core.demo import DemoStep, demo_register
        from restart.knowledge.demo import seed_articles

        demo_register(DemoStep("Demo knowledge base", seed_articles, order=30))
