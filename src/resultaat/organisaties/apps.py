from django.apps import AppConfig


class OrganisatiesConfig(AppConfig):
    name = "resultaat.organisaties"
    verbose_name = "Organisaties"
