from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignConfig(AppConfig):
    name = "restart.campaign"
    label = "campaign"
    verbose_name = _("Campaign")

    def ready(self):
        from restart.campaign.demo import seed_campaign
        from restart.campaign.selectors import information_packages_count
        from restart.campaign.services import AUDIT_ACTIONS
        from restart.core.audit import audit_actions_register
        from restart.core.demo import DemoStep, demo_register
        from restart.reports.items import register_items

        demo_register(DemoStep("Demo campaign page", seed_campaign, order=40))
        audit_actions_register(AUDIT_ACTIONS)
        # O.2.4 counts these (restart/reports/data/amif.json names the counter).
        register_items("information_packages", lambda start, end: information_packages_count(start=start, end=end))
