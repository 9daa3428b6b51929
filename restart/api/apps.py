from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "restart.api"
    label = "api"
    verbose_name = "API"
