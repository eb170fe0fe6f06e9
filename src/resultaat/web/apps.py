from django.apps import AppConfig
from django.db.models.signals import pre_save


class WebConfig(AppConfig):
    name = "resultaat.web"
    verbose_name = "Webinterface"

    def ready(self) -> None:
        # Bounds on every text and date of client data, on every save (core.grenzen).
        from resultaat.core import grenzen

        pre_save.connect(grenzen.controleer, dispatch_uid="core.grenzen")
