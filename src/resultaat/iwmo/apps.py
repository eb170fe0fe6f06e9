from django.apps import AppConfig


class IwmoConfig(AppConfig):
    name = "resultaat.iwmo"
    verbose_name = "iWmo-berichtenverkeer"

    def ready(self) -> None:
        from resultaat.iwmo.uitgaand import bij_toewijzing_gewijzigd
        from resultaat.toewijzingen.signals import toewijzing_gewijzigd

        toewijzing_gewijzigd.connect(bij_toewijzing_gewijzigd, dispatch_uid="iwmo_301")
