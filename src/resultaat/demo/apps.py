from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo region generator (command ``generate_demo``); it has no models of its own."""

    name = "resultaat.demo"
    label = "demo"
    verbose_name = "Demo"
