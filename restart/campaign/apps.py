from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignConfig(AppConfig):
    name = "restart.campaign"
    label = "campaign"
    verbose_name = _("Campaign")

    def ready(self):
        from restart.campaign.demo import seed_campaign
        from restart.campaign.services import AUDIT_ACTIONS
        from restart.core.audit import audit_actions_register
        from restart.core.demo import DemoStep, demo_register

        demo_register(DemoStep("Demo campaign page", seed_campaign, order=40))
        audit_actions_register(AUDIT_ACTIONS)
