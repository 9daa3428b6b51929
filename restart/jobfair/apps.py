from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobfairConfig(AppConfig):
    name = "restart.jobfair"
    label = "jobfair"
    verbose_name = _("Job fair")

    def ready(self):
        from restart.core.audit import audit_actions_register
        from restart.core.demo import DemoStep, demo_register
        from restart.core.privacy import privacy_register
        from restart.jobfair.demo import seed_jobfair
        from restart.jobfair.interviews import OWNER_TYPE, interview_cancel_from_link, interview_door, interview_flags
        from restart.jobfair.panel import interview_panel
        from restart.jobfair.privacy import JOBFAIR_STEPS
        from restart.jobfair.selectors import slots_details
        from restart.jobfair.services import AUDIT_ACTIONS
        from restart.people.actions import PersonAction, register_person_action
        from restart.registrations.owners import OwnerAdapter, register_owner

        register_owner(OWNER_TYPE, OwnerAdapter(details=slots_details, registration_flags=interview_flags,
                                                templates="jobfair", panel=interview_panel,
                                                door=interview_door, cancel=interview_cancel_from_link))  # fmt: skip
        privacy_register(JOBFAIR_STEPS)
        audit_actions_register(AUDIT_ACTIONS)
        demo_register(DemoStep("Demo job fair", seed_jobfair, order=50))
        register_person_action(PersonAction(label=_("Candidate profile"), url_name="jobfair_staff:candidate"))
