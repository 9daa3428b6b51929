from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InfopointConfig(AppConfig):
    name = "restart.infopoint"
    label = "infopoint"
    verbose_name = _("Information point")
