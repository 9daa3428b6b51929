from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "restart.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Permissions exist only after every app's migrations ran, so roles are
        # synced on post_migrate rather than in a migration of their own.
        post_migrate.connect(_sync_roles, dispatch_uid="restart.core.roles_sync")
        from restart.core.privacy import privacy_register
        from restart.core.traces import CORE_STEPS

        privacy_register(CORE_STEPS)


def _sync_roles(sender, using="default", **kwargs) -> None:
    if sender.label != "core":
        return
    from restart.core.roles import roles_sync

    roles_sync(using=using)
