from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "restart.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from restart.core.audit import audit_actions_register
        from restart.core.demo import DemoStep, demo_register
        from restart.core.privacy import privacy_register
        from restart.people.ledger import register_source
        from restart.reports.demo import seed_reports
        from restart.reports.privacy import REPORTS_STEPS, imported_labels
        from restart.reports.services import AUDIT_ACTIONS

        audit_actions_register(AUDIT_ACTIONS)
        privacy_register(REPORTS_STEPS)
        register_source("reports.importedactivity", imported_labels)
        demo_register(DemoStep("Demo reporting periods", seed_reports, order=60))
