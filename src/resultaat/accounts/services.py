"""Beheer of users: who may manage which users, what they may change, and the audit of every change;
and access to the Django admin (/beheer/) for the roles that keep reference data.

An installation admin (superuser) manages every user. A functioneel beheerder manages only users
with a gemeente role whose gemeenten are all its own; it never grants superuser or staff rights,
groups or permissions, never sets an aanbieder, and never changes its own role or rights. The admin
calls these rules; every path that changes a user goes through them and writes a named event.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet

from resultaat.accounts.gebeurtenissen import (
    GEBRUIKER_AANGEMAAKT,
    GEBRUIKER_GEWIJZIGD,
    GEBRUIKER_VERWIJDERD,
    GEBRUIKER_WACHTWOORD_GEWIJZIGD,
)
from resultaat.accounts.models import GEMEENTE_ROLLEN, Rol, User
from resultaat.core.audit.gebeurtenissen import leg_vast

# Rights only an installation admin grants.
RECHTEN = frozenset({"is_superuser", "is_staff", "groups", "user_permissions"})
# What a beheerder may not change about itself.
EIGEN_RECHTEN = RECHTEN | {"rol", "gemeenten", "aanbieder", "is_active"}
# The fields whose change is a change of who the user is or what it may do.
GEVOLGDE_VELDEN = (
    "username",
    "first_name",
    "last_name",
    "email",
    "rol",
    "gemeenten",
    "aanbieder",
    "is_active",
    "is_staff",
    "is_superuser",
    "groups",
    "user_permissions",
)


class GeenBeheerrecht(PermissionDenied):
    """The user who acts may not make this change; the message is Dutch and meant for that user."""


def beheert_alle_gebruikers(door: Any) -> bool:
    return bool(getattr(door, "is_superuser", False))


def beheerbare_gebruikers(door: Any, gebruikers: QuerySet[User] | None = None) -> QuerySet[User]:
    """The users ``door`` may see in the beheer: all for a superuser; for a beheerder itself and the
    users with a gemeente role whose gemeenten (at least one) are all its own; else none."""
    qs = User.objects.all() if gebruikers is None else gebruikers
    if beheert_alle_gebruikers(door):
        return qs
    if getattr(door, "rol", "") != Rol.BEHEERDER or not getattr(door, "pk", None):
        return qs.none()
    eigen = door.gemeenten.values("pk")
    koppelingen = User.gemeenten.through.objects.filter(user=OuterRef("pk"))
    binnen = Q(
        Exists(koppelingen.filter(gemeente__in=eigen)),
        ~Exists(koppelingen.exclude(gemeente__in=eigen)),
        is_superuser=False,
        rol__in=GEMEENTE_ROLLEN,
        aanbieder__isnull=True,
    )
    return qs.filter(Q(pk=door.pk) | binnen)


def mag_wijzigen(door: Any, gebruiker: User) -> bool:
    """A superuser changes anyone; a beheerder itself (not its rights) and the users in its scope
    that have no beheertoegang of their own (another beheerder's account is the installation's)."""
    if beheert_alle_gebruikers(door):
        return True
    if not beheerbare_gebruikers(door).filter(pk=gebruiker.pk).exists():
        return False
    return gebruiker.pk == door.pk or not gebruiker.is_staff


def mag_verwijderen(door: Any, gebruiker: User) -> bool:
    if beheert_alle_gebruikers(door):
        return gebruiker.pk != door.pk
    return gebruiker.pk != door.pk and mag_wijzigen(door, gebruiker)


def verboden_velden(door: Any, gebruiker: User | None) -> frozenset[str]:
    """The fields ``door`` may not set on ``gebruiker`` (None: a new user)."""
    if beheert_alle_gebruikers(door):
        return frozenset()
    if gebruiker is not None and gebruiker.pk is not None and gebruiker.pk == door.pk:
        return EIGEN_RECHTEN
    return RECHTEN | {"aanbieder"}


def _veldnamen(velden: Iterable[str]) -> str:
    return ", ".join(str(getattr(User._meta.get_field(v), "verbose_name", v)) for v in sorted(velden))


def controleer_wijziging(
    door: Any,
    gebruiker: User | None,
    *,
    gewijzigd: Iterable[str],
    rol: str = "",
    gemeenten: Iterable[Any] = (),
) -> None:
    """Refuse (:class:`GeenBeheerrecht`) a change ``door`` may not make: ``gebruiker`` is the user as
    stored (None for a new one), ``gewijzigd`` the fields the change sets, ``rol`` and ``gemeenten``
    the values after the change."""
    if beheert_alle_gebruikers(door):
        return
    if getattr(door, "rol", "") != Rol.BEHEERDER:
        raise GeenBeheerrecht(
            "Alleen een functioneel beheerder of de installatiebeheerder beheert gebruikers."
        )
    if gebruiker is not None and gebruiker.pk is not None and not mag_wijzigen(door, gebruiker):
        raise GeenBeheerrecht(
            f"U mag gebruiker {gebruiker.get_username()} niet wijzigen: die valt buiten uw gemeenten "
            "of heeft zelf beheertoegang."
        )
    verboden = set(gewijzigd) & verboden_velden(door, gebruiker)
    if verboden:
        raise GeenBeheerrecht(
            f"U mag {_veldnamen(verboden)} niet wijzigen; dat doet de installatiebeheerder."
        )
    if gebruiker is not None and gebruiker.pk == door.pk:
        return
    if rol not in GEMEENTE_ROLLEN:
        raise GeenBeheerrecht(
            "Een functioneel beheerder geeft alleen gemeentelijke rollen; medewerkers van "
            "zorgaanbieders beheert de installatiebeheerder."
        )
    eigen = set(door.gemeenten.values_list("pk", flat=True))
    gekozen = {getattr(g, "pk", g) for g in gemeenten}
    if not gekozen:
        raise GeenBeheerrecht("Kies ten minste één gemeente waarvoor u zelf beheerder bent.")
    if not gekozen <= eigen:
        raise GeenBeheerrecht("U kunt alleen gemeenten toekennen waarvoor u zelf beheerder bent.")


def rechten_omschrijving(gebruiker: User) -> str:
    """The role, organisation and rights of a user in one readable Dutch line."""
    delen = [f"rol {gebruiker.get_rol_display() or 'geen'}"]
    if gebruiker.aanbieder_id:
        delen.append(f"aanbieder {gebruiker.aanbieder.naam}")  # type: ignore[union-attr]
    else:
        namen = sorted(str(g) for g in gebruiker.gemeenten.all())
        delen.append("gemeenten " + (", ".join(namen) if namen else "geen"))
    delen.append("actief" if gebruiker.is_active else "niet actief")
    if gebruiker.is_staff:
        delen.append("beheertoegang")
    if gebruiker.is_superuser:
        delen.append("installatiebeheerder (superuser)")
    groepen = sorted(gebruiker.groups.values_list("name", flat=True))
    if groepen:
        delen.append("groepen " + ", ".join(groepen))
    if gebruiker.user_permissions.exists():
        delen.append("eigen rechten")
    return "; ".join(delen)


def leg_wijziging_vast(gebruiker: User, *, nieuw: bool, gewijzigd: Iterable[str] = ()) -> None:
    """Write the event of a created or changed user, in the caller's transaction (nothing when no
    followed field changed)."""
    velden = [v for v in GEVOLGDE_VELDEN if v in set(gewijzigd)]
    if not nieuw and not velden:
        return
    leg_vast(
        GEBRUIKER_AANGEMAAKT if nieuw else GEBRUIKER_GEWIJZIGD,
        gebruiker,
        gebruiker=gebruiker.get_username(),
        velden=_veldnamen(velden),
        rechten=rechten_omschrijving(gebruiker),
    )


def leg_wachtwoord_vast(gebruiker: User) -> None:
    wat = (
        "gezet"
        if gebruiker.has_usable_password()
        else "uitgezet (inloggen met wachtwoord niet meer mogelijk)"
    )
    leg_vast(GEBRUIKER_WACHTWOORD_GEWIJZIGD, gebruiker, gebruiker=gebruiker.get_username(), wat=wat)


def leg_verwijdering_vast(gebruiker: User) -> None:
    leg_vast(
        GEBRUIKER_VERWIJDERD,
        gebruiker,
        gebruiker=gebruiker.get_username(),
        rechten=rechten_omschrijving(gebruiker),
    )


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
            ]
        )
        # The eigen bijdrage's reference data only; the household and the CAK meldingen are client data.
        | Q(
            content_type__app_label="eigen_bijdrage",
            content_type__model__in=["abonnementstarief", "eigenbijdrageinstelling", "gemeentetarief"],
        )
        | Q(content_type__app_label="toegang", content_type__model="toeganginstelling")
        | Q(content_type__app_label="accounts", content_type__model="user")
        | Q(content_type__app_label="ondersteuning", content_type__model="socialekaartvoorziening")
        | Q(
            content_type__app_label="bekostiging",
            content_type__model__in=["betaalinstelling", "stapelregel", "betaalbeleid", "cakperiodejaar"],
        ),
    ),
    Rol.CONTRACTMANAGER: (
        "Contractbeheer",
        Q(content_type__app_label__in=["catalogus", "contracten"])
        | Q(content_type__app_label="organisaties", content_type__model="aanbieder"),
    ),
}


def geef_beheertoegang(user: User, door: Any = None) -> None:
    """Give a beheerder or contractmanager the admin, limited to the reference data of that role.
    Only the installation (``door`` None: a command such as the demo) or a superuser does this."""
    if door is not None and not beheert_alle_gebruikers(door):
        raise GeenBeheerrecht("Alleen de installatiebeheerder geeft toegang tot het beheer.")
    if user.rol not in BEHEERGROEPEN:
        raise ValueError(f"De rol {user.rol!r} heeft geen toegang tot het beheer.")
    naam, modellen = BEHEERGROEPEN[user.rol]
    with transaction.atomic():
        groep, _ = Group.objects.get_or_create(name=naam)
        groep.permissions.set(Permission.objects.filter(modellen))
        user.is_staff = True
        user.save(update_fields=["is_staff"])
        user.groups.add(groep)
        leg_wijziging_vast(user, nieuw=False, gewijzigd=["is_staff", "groups"])
