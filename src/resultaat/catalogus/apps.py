from django.apps import AppConfig


class CatalogusConfig(AppConfig):
    name = "resultaat.catalogus"
    verbose_name = "Catalogus"
