from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "restart.people"
    label = "people"
    verbose_name = _("People")

    def ready(self):
        from restart.core.privacy import privacy_register
        from restart.people.privacy import PEOPLE_STEPS

        privacy_register(PEOPLE_STEPS)
