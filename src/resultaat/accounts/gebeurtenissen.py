"""The named audit events of accounts (see ``resultaat.core.audit.gebeurtenissen``)."""

from __future__ import annotations

from resultaat.core.audit.gebeurtenissen import Gebeurtenis

GEBRUIKER_AANGEMAAKT = Gebeurtenis(
    "gebruiker.aangemaakt",
    "Gebruiker {gebruiker} aangemaakt: {rechten}",
    "Een beheerder heeft een gebruiker aangemaakt, met rol, organisatie en rechten.",
)
GEBRUIKER_GEWIJZIGD = Gebeurtenis(
    "gebruiker.gewijzigd",
    "Gebruiker {gebruiker} gewijzigd ({velden}): {rechten}",
    "Een beheerder heeft de gegevens, rol, gemeenten of rechten van een gebruiker gewijzigd.",
)
GEBRUIKER_WACHTWOORD_GEWIJZIGD = Gebeurtenis(
    "gebruiker.wachtwoord_gewijzigd",
    "Wachtwoord van gebruiker {gebruiker} {wat}",
    "Een beheerder heeft het wachtwoord van een gebruiker gezet of het inloggen met wachtwoord uitgezet.",
)
GEBRUIKER_VERWIJDERD = Gebeurtenis(
    "gebruiker.verwijderd",
    "Gebruiker {gebruiker} verwijderd (was: {rechten})",
    "Een beheerder heeft een gebruiker verwijderd.",
)
TOKENS_INGETROKKEN = Gebeurtenis(
    "gebruiker.tokens_ingetrokken",
    "API-tokens van gebruiker {gebruiker} ingetrokken ({aantal}): {reden}",
    "De API-tokens van een gebruiker zijn ingetrokken: door de gebruiker of een beheerder, of doordat "
    "het wachtwoord veranderde.",
)
TWEESTAPS_OPNIEUW = Gebeurtenis(
    "gebruiker.tweestaps_opnieuw",
    "Tweestapsverificatie van gebruiker {gebruiker} gewist: opnieuw instellen bij de volgende keer inloggen",
    "Een beheerder heeft de authenticator-app van een gebruiker gewist (bijvoorbeeld een verloren telefoon).",
)
