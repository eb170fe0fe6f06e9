from django.apps import AppConfig


class OndersteuningConfig(AppConfig):
    name = "resultaat.ondersteuning"
    verbose_name = "Ondersteuning, evaluatie en signalen"

    def ready(self) -> None:
        # The agreed plan goes with the beschikking that says it is part of it (brieven.bijlagen).
        from resultaat.brieven import bijlagen
        from resultaat.ondersteuning.planbrief import SOORT, plannen_bij_beschikking

        bijlagen.registreer(SOORT, plannen_bij_beschikking)
