from django.apps import AppConfig


class EigenBijdrageConfig(AppConfig):
    name = "resultaat.eigen_bijdrage"
    verbose_name = "Eigen bijdrage"
