"""Who may open which part of the web UI: one table from role to menu, used by the menu and the views.

The menu and the access checks read the same table, so a link is shown exactly when the page behind
it may be opened. Row-level visibility (which clients, which toewijzingen) is not decided here but
in the ``for_user`` QuerySets of the models.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from resultaat.core.rollen import Rol


@dataclass(frozen=True)
class Sectie:
    """A part of the UI that appears as one menu item."""

    code: str
    label: str
    url_name: str


SECTIES: dict[str, Sectie] = {
    s.code: s
    for s in [
        Sectie("portaal", "Overzicht", "web:portaal"),
        Sectie("werklijst", "Werklijst", "web:werklijst"),
        Sectie("toegang", "Nieuwe melding", "web:melding-nieuw"),
        Sectie("mandaat", "Indicatievoorstellen", "web:mandaat-list"),
        Sectie("termijnen", "Termijnen", "web:termijnregister"),
        Sectie("client-zoeken", "Cliënten zoeken", "web:client-zoeken"),
        Sectie("clienten", "Cliënten", "web:client-list"),
        Sectie("toewijzingen", "Toewijzingen", "web:toewijzing-list"),
        Sectie("signalen", "Signalen", "web:signaal-list"),
        Sectie("sociale-kaart", "Sociale kaart", "web:sociale-kaart"),
        Sectie("verzoeken", "Verzoeken", "web:verzoek-list"),
        Sectie("berichten", "Berichten", "web:bericht-list"),
        Sectie("aanbieders", "Aanbieders", "web:aanbieder-list"),
        Sectie("contracten", "Contracten", "web:contract-list"),
        Sectie("catalogus", "Catalogus", "web:catalogus"),
        Sectie("auditlog", "Auditlog", "web:audit-list"),
        Sectie("bekostiging", "Bekostiging", "web:afrekenrun-list"),
        Sectie("specificaties", "Betaalspecificaties", "web:betaalbatch-list"),
        Sectie("conversie", "Conversie", "web:conversie"),
        Sectie("omzetting", "Omzetting", "web:conversie-omzetting"),
        Sectie("cak", "CAK-leveringen", "web:cak-leveringen"),
        Sectie("tevredenheid", "Tevredenheid", "web:tevredenheid"),
        Sectie("klachten", "Klachten", "web:klacht-list"),
        Sectie("wachtlijst", "Wachtlijst", "web:wachtlijst"),
        Sectie("sturing", "Dashboards", "web:sturing"),
        Sectie("mijn-cijfers", "Mijn cijfers", "web:sturing-mijn"),
        Sectie("beheer", "Beheer", "admin:index"),
    ]
}

# Role -> the sections in its menu, in menu order; a label of its own where the role calls it differently.
ROL_MENU: dict[str, tuple[tuple[str, str | None], ...]] = {
    Rol.CONSULENT: (
        ("werklijst", None),
        ("toegang", None),
        ("termijnen", None),
        ("mandaat", None),
        ("client-zoeken", None),
        ("clienten", None),
        ("toewijzingen", None),
        ("signalen", None),
        ("verzoeken", None),
        ("berichten", None),
        ("sociale-kaart", None),
        ("omzetting", None),
        ("klachten", None),
    ),
    Rol.CONTRACTMANAGER: (
        ("aanbieders", None),
        ("contracten", None),
        ("catalogus", None),
        ("toewijzingen", None),
        ("tevredenheid", None),
        ("klachten", None),
        ("wachtlijst", None),
        ("conversie", None),
        ("sturing", None),
    ),
    Rol.FINANCIEEL: (
        ("bekostiging", None),
        ("cak", None),
        ("toewijzingen", None),
        ("aanbieders", None),
        ("berichten", None),
    ),
    Rol.BEHEERDER: (
        ("catalogus", None),
        ("contracten", None),
        ("aanbieders", None),
        ("sociale-kaart", None),
        ("conversie", None),
        ("termijnen", None),
        ("beheer", None),
    ),
    Rol.AUDITOR: (("client-zoeken", None), ("auditlog", None)),
    Rol.AANBIEDER: (
        ("portaal", None),
        ("clienten", "Mijn cliënten"),
        ("toewijzingen", None),
        ("signalen", None),
        ("verzoeken", None),
        ("sociale-kaart", None),
        ("mandaat", None),
        ("specificaties", None),
        ("mijn-cijfers", None),
        ("berichten", None),
        ("tevredenheid", None),
        ("klachten", None),
        ("wachtlijst", None),
    ),
}


@dataclass(frozen=True)
class MenuItem:
    sectie: str
    label: str
    url_name: str


def menu_voor(user: Any) -> list[MenuItem]:
    """The menu of a user: their role's sections; a superuser without a role gets every section."""
    if not getattr(user, "is_authenticated", False):
        return []
    if user.rol in ROL_MENU:
        regels = ROL_MENU[user.rol]
    elif user.is_superuser:
        regels = tuple((code, None) for code in SECTIES)
    else:
        regels = ()
    return [MenuItem(code, label or SECTIES[code].label, SECTIES[code].url_name) for code, label in regels]


def secties_voor(user: Any) -> frozenset[str]:
    return frozenset(item.sectie for item in menu_voor(user))


def mag(user: Any, *secties: str) -> bool:
    """May the user open at least one of these sections?"""
    return bool(secties_voor(user) & set(secties))
