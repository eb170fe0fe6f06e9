"""Access to the Django admin (/beheer/) for the roles that keep reference data."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q

from resultaat.accounts.models import Rol, User

# Role -> (group name, the models whose reference data the role keeps in the admin).
BEHEERGROEPEN: dict[str, tuple[str, Q]] = {
    Rol.BEHEERDER: (
        "Functioneel beheer",
        Q(
            content_type__app_label__in=[
                "catalogus",
                "contracten",
                "organisaties",
                "brieven",
                "eigen_bijdrage",
            ]
        )
        | Q(content_type__app_label="toegang", content_type__model="toeganginstelling")
        | Q(content_type__app_label="accounts", content_type__model="user")
        | Q(content_type__app_label="ondersteuning", content_type__model="socialekaartvoorziening"),
    ),
    Rol.CONTRACTMANAGER: (
        "Contractbeheer",
        Q(content_type__app_label__in=["catalogus", "contracten"])
        | Q(content_type__app_label="organisaties", content_type__model="aanbieder"),
    ),
}


def geef_beheertoegang(user: User) -> None:
    """Give a beheerder or contractmanager the admin, limited to the reference data of that role."""
    if user.rol not in BEHEERGROEPEN:
        raise ValueError(f"De rol {user.rol!r} heeft geen toegang tot het beheer.")
    naam, modellen = BEHEERGROEPEN[user.rol]
    with transaction.atomic():
        groep, _ = Group.objects.get_or_create(name=naam)
        groep.permissions.set(Permission.objects.filter(modellen))
        user.is_staff = True
        user.save(update_fields=["is_staff"])
        user.groups.add(groep)
