"""Organisations and users: the region, its gemeenten and providers, the sociale kaart, and the demo
logins for every role."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib.auth.hashers import make_password

from resultaat.accounts.models import Rol, User
from resultaat.accounts.services import BEHEERGROEPEN, geef_beheertoegang
from resultaat.demo.basis import (
    DEMO_WACHTWOORD,
    REGIO_NAAM,
    nl_iban,
)
from resultaat.demo.kern import (
    _Basis,
)
from resultaat.demo.regio_gegevens import (
    AANBIEDERS,
    GEMEENTE_GEBRUIKERS,
    GEMEENTEN,
    _sociale_kaart,
)
from resultaat.ondersteuning.models import (
    SocialeKaartVoorziening,
)
from resultaat.ondersteuning.services import bewaar_voorziening
from resultaat.organisaties.models import Aanbieder, Gemeente, Regio

# The provider staff of the demo, each with a name of their own (the start page greets them by it).
AANBIEDER_MEDEWERKERS = (
    ("Sanne", "de Wit"),
    ("Ahmed", "El Amrani"),
    ("Marieke", "Bakker"),
    ("Joost", "Verhoeven"),
    ("Fatma", "Yilmaz"),
    ("Pieter", "Kok"),
    ("Lotte", "Smit"),
    ("Ruud", "van Dam"),
)


class OrganisatiesMixin(_Basis):
    def regio(self) -> None:
        regio, _ = Regio.objects.get_or_create(naam=REGIO_NAAM)
        self.gemeenten = {}
        for g in GEMEENTEN:
            gemeente, _ = Gemeente.objects.get_or_create(
                code=g.code,
                defaults={
                    "naam": g.naam,
                    "regio": regio,
                    "postadres": g.postadres,
                    "telefoon": f"14 {g.plaatsen[0].netnummer}",
                    "email": f"wmo@{''.join(c for c in g.naam.lower() if c.isalnum())}.example",
                },
            )
            if gemeente.regio_id is None:
                gemeente.regio = regio
                gemeente.save(update_fields=["regio"])
            self.gemeenten[g.code] = gemeente
        self.gemeente_info = {g.code: g for g in GEMEENTEN}

        self.aanbieders = {}
        for a in AANBIEDERS:
            aanbieder, _ = Aanbieder.objects.get_or_create(
                agb_code=a.agb,
                defaults={
                    "naam": a.naam,
                    "kvk_nummer": a.kvk,
                    "iban": nl_iban(a.bank, a.rekening),
                    "straat": a.straat,
                    "huisnummer": a.huisnummer,
                    "postcode": a.postcode,
                    "plaats": a.plaats,
                    "telefoon": a.telefoon,
                    "email": f"wmo@{a.sleutel}.example",
                },
            )
            self.aanbieders[a.sleutel] = aanbieder

        # Who may deliver what where: (gemeente, group) -> [(provider key, weight)].
        self.leveranciers = defaultdict(list)
        for a in AANBIEDERS:
            for code in a.gemeenten:
                for groep in a.groepen:
                    self.leveranciers[(code, groep)].append((a.sleutel, a.gewicht))

    def sociale_kaart(self) -> None:
        """The sociale kaart per gemeente, entered by its consulent through the same service as in the
        portal (run after :meth:`gebruikers`); a gemeente whose map is filled already keeps it."""
        beheerder = User.objects.filter(is_superuser=True).order_by("pk").first()
        self.kaart = {}
        for g in GEMEENTEN:
            gemeente = self.gemeenten[g.code]
            bestaand = list(SocialeKaartVoorziening.objects.filter(gemeente=gemeente).order_by("id"))
            door = self.consulent(g.code) or beheerder
            if not bestaand and door is not None:
                bestaand = [
                    bewaar_voorziening(door=door, gemeente=gemeente, naam=n, soort=s, adres=adr, contact=c)
                    for n, s, adr, c in _sociale_kaart(g)
                ]
            self.kaart[g.code] = bestaand

    def gebruikers(self) -> list[tuple[str, str, str]]:
        wachtwoord = make_password(DEMO_WACHTWOORD)  # hashing is slow: once, reused for every account
        logins: list[tuple[str, str, str]] = []
        bestaand = set(User.objects.values_list("username", flat=True))

        def maak(username: str, **velden: Any) -> User | None:
            if username in bestaand:  # left as it is, password included
                return User.objects.filter(username=username).first()
            user = User(username=username, password=wachtwoord, **velden)
            user.save()
            return user

        def organisatie(username: str, omschrijving: str) -> str:
            return omschrijving + (" (bestond al: wachtwoord niet gewijzigd)" if username in bestaand else "")

        maak("admin", is_superuser=True, is_staff=True, first_name="Demo", last_name="Beheer")
        logins.append(("admin", "superuser", organisatie("admin", "alles")))
        self.consulenten = defaultdict(list)
        for info in GEMEENTE_GEBRUIKERS:
            user = maak(
                info.gebruikersnaam,
                rol=info.rol,
                first_name=info.voornaam,
                last_name=info.achternaam,
                email=f"{info.gebruikersnaam}@example.org",
            )
            if user is None:
                continue
            if not user.gemeenten.exists():
                user.gemeenten.set([self.gemeenten[c] for c in info.gemeenten])
            if info.rol in BEHEERGROEPEN and not user.is_staff:
                geef_beheertoegang(user)
            if info.rol == Rol.CONSULENT:
                for code in info.gemeenten:
                    self.consulenten[code].append(user)
            namen = ", ".join(self.gemeente_info[c].naam for c in info.gemeenten)
            logins.append(
                (
                    info.gebruikersnaam,
                    Rol(info.rol).label,
                    organisatie(info.gebruikersnaam, f"gemeente {namen}"),
                )
            )
        self.aanbieder_users = {}
        for i, a in enumerate(AANBIEDERS):
            username = f"aanbieder-{a.sleutel}"
            voornaam, achternaam = AANBIEDER_MEDEWERKERS[i % len(AANBIEDER_MEDEWERKERS)]
            self.aanbieder_users[a.sleutel] = maak(
                username,
                rol=Rol.AANBIEDER,
                aanbieder=self.aanbieders[a.sleutel],
                first_name=voornaam,
                last_name=achternaam,
                email=f"{username}@example.org",
            )
            logins.append((username, Rol.AANBIEDER.label, organisatie(username, a.naam)))
        return logins

    # ------------------------------------------------------------------------------- per client
