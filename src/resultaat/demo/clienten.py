"""Clients: a person with a Dutch name, address, household and phone number in one of the gemeenten."""

from __future__ import annotations

import datetime as dt

from resultaat.clienten.models import Client, Huishouden
from resultaat.core.codes import (
    COD046Geslacht,
)
from resultaat.demo.basis import (
    _ascii,
)
from resultaat.demo.batch import (
    _Persoon,
)
from resultaat.demo.kern import (
    _Basis,
)
from resultaat.demo.regio_gegevens import (
    BG,
    DB,
    HOB,
    PV,
)
from resultaat.demo.teksten import (
    ACHTERNAMEN,
    MAN_JONG,
    MAN_OUD,
    POSTCODE_LETTERS,
    VROUW_JONG,
    VROUW_OUD,
)


class ClientenMixin(_Basis):
    def persoon(self, bsn: str, groep: str, code: str) -> _Persoon:
        rng = self.rng
        info = self.gemeente_info[code]
        oud = self.kans({HOB: 0.92, PV: 0.9, BG: 0.4, DB: 0.65}[groep])
        leeftijd = rng.randint(66, 97) if oud else rng.randint(19, 64)
        if oud and leeftijd > 85 and self.kans(0.3):
            leeftijd = rng.randint(78, 88)
        vrouw = self.kans(0.63 if oud else 0.52)
        geboren = dt.date(self.vandaag.year - leeftijd - 1, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
        leeftijd = (self.vandaag - geboren).days // 365
        namen = (
            (VROUW_OUD if vrouw else MAN_OUD) if geboren.year < 1962 else (VROUW_JONG if vrouw else MAN_JONG)
        )
        aantal = rng.choices((1, 2, 3), weights=(3, 5, 2) if geboren.year < 1962 else (7, 3, 0))[0]
        voornamen = rng.sample(namen, aantal)
        tussenvoegsel, achternaam = self.kies(ACHTERNAMEN)
        plaats = info.plaatsen[0] if self.kans(0.75) else self.kies(info.plaatsen)
        letters = self.kies(POSTCODE_LETTERS) + self.kies(POSTCODE_LETTERS)
        while letters in ("SA", "SD", "SS"):
            letters = self.kies(POSTCODE_LETTERS) + self.kies(POSTCODE_LETTERS)
        huisnummer = str(rng.randint(1, 180))
        if self.kans(0.1):
            huisnummer += self.kies(("A", "B", "-1", "-2", " rd"))
        if oud:
            huishouden = self.gewogen(
                ((Huishouden.ALLEENSTAAND, 55), (Huishouden.PARTNERS, 40), (Huishouden.ANDERS, 5))
            )
        else:
            huishouden = self.gewogen(
                (
                    (Huishouden.ALLEENSTAAND, 45),
                    (Huishouden.PARTNERS, 20),
                    (Huishouden.PARTNERS_KINDEREN, 20),
                    (Huishouden.EENOUDER, 15),
                )
            )
        grootte = {
            Huishouden.ALLEENSTAAND: 1,
            Huishouden.PARTNERS: 2,
            Huishouden.PARTNERS_KINDEREN: rng.randint(3, 5),
            Huishouden.EENOUDER: rng.randint(2, 4),
            Huishouden.ANDERS: rng.randint(2, 3),
        }[huishouden]
        if self.kans(0.6 if oud else 0.2):
            # Area code and subscriber number together are ten digits (072 512 3456, 0251 654 321).
            abonnee = rng.randint(1000, 9999) if len(plaats.netnummer) == 3 else rng.randint(100, 999)
            telefoon = f"{plaats.netnummer} {rng.randint(500, 699)} {abonnee}"
        else:
            telefoon = f"06 {rng.randint(10, 99)}{rng.randint(10, 99)} {rng.randint(1000, 9999)}"
        email = ""
        if not oud and self.kans(0.6):
            email = (
                _ascii(f"{voornamen[0]}.{achternaam}".lower().replace(" ", ""))
                + f"{rng.randint(1, 99)}@example.nl"
            )
        client = Client(
            bsn=bsn,
            gemeente=self.gemeenten[code],
            voorletters="".join(f"{v[0]}." for v in voornamen),
            voornamen=" ".join(voornamen),
            tussenvoegsel=tussenvoegsel,
            achternaam=achternaam,
            geboortedatum=geboren,
            geslacht=COD046Geslacht.VROUW if vrouw else COD046Geslacht.MAN,
            straat=self.kies(plaats.straten),
            huisnummer=huisnummer,
            postcode=f"{self.kies(plaats.postcodes)} {letters}",
            woonplaats=plaats.naam,
            telefoon=telefoon,
            email=email,
            huishouden=huishouden,
            huishouden_grootte=grootte,
        )
        naam = f"{tussenvoegsel.capitalize()} {achternaam}" if tussenvoegsel else achternaam
        aanhef = f"{'mevrouw' if vrouw else 'meneer'} {naam}"
        return _Persoon(client, self.gemeenten[code], info, aanhef, leeftijd)
