"""The roles a user can have: five at a gemeente, one at a provider. What a role may open is in
``resultaat.core.navigation``; which rows it sees is decided by the ``for_user`` QuerySets."""

from __future__ import annotations

from django.db import models


class Rol(models.TextChoices):
    CONSULENT = "consulent", "Wmo-consulent"
    CONTRACTMANAGER = "contractmanager", "Contractmanager"
    FINANCIEEL = "financieel", "Financieel medewerker"
    BEHEERDER = "beheerder", "Functioneel beheerder"
    AUDITOR = "auditor", "Privacy officer / auditor"
    AANBIEDER = "aanbieder", "Medewerker zorgaanbieder"


GEMEENTE_ROLLEN = frozenset({Rol.CONSULENT, Rol.CONTRACTMANAGER, Rol.FINANCIEEL, Rol.BEHEERDER, Rol.AUDITOR})
