"""The conversion of an hours-based caseload, as a gemeente starts results-based financing: the beheerder
of Alkmaar reads a file of old indications (HH1, HH2 and begeleiding in hours per week, two broken
rows), the contract manager sets two scenarios side by side, and the consulent converts a first group of
clients (some with HH1 and HH2, or two begeleiding indications, combined into one decision) with a
transition period and makes their letters. All through the conversion services, as on the pages."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from resultaat.accounts.models import User
from resultaat.conversie import services as conversie
from resultaat.conversie import uitvoeren
from resultaat.demo.kern import _Basis
from resultaat.demo.regio_gegevens import AANBIEDERS, BG, HOB
from resultaat.werklijst.models import WerklijstItem

OUDE_CLIENTEN = 48
EERSTE_GROEP = 6
KOP = (
    "BSN;Naam;Geboortedatum;Adres;Postcode;Woonplaats;Gemeente;Product;Uren per week;AGB aanbieder;"
    "Startdatum;Einddatum;Besluitdatum"
)
STRATEN = ("Laat", "Voordam", "Koningsweg", "Nassaulaan", "Bergerweg", "Emmastraat", "Kennemerstraatweg")
ACHTERNAMEN = (
    "de Groot",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
)


def _bsn(volgnummer: int) -> str:
    """BSNs from 7xxxxxxxx (the rest of the demo draws from 1-6): the next that passes the elfproef."""
    kandidaat = 700_000_000 + 11 * volgnummer
    while True:
        cijfers = [int(c) for c in str(kandidaat)]
        if (sum(c * w for c, w in zip(cijfers[:8], range(9, 1, -1), strict=True)) - cijfers[8]) % 11 == 0:
            return str(kandidaat)
        kandidaat += 1


class ConversieMixin(_Basis):
    def conversie(self) -> None:
        alkmaar = self.gemeenten.get("0361")
        beheerder = User.objects.filter(username="beheerder").first()
        contractmanager = User.objects.filter(username="contractmanager").first()
        consulent = User.objects.filter(username="consulent").first()
        hh = [a.agb for a in AANBIEDERS if HOB in a.groepen and "0361" in a.gemeenten][:3]
        bg = [a.agb for a in AANBIEDERS if BG in a.groepen and "0361" in a.gemeenten][:2]
        if alkmaar is None or not (beheerder and contractmanager and consulent and hh and bg):
            return
        regels = [KOP]
        for nr in range(OUDE_CLIENTEN):
            bsn = _bsn(nr)
            naam = f"{'ABCDEFGHJKLM'[nr % 12]}. {ACHTERNAMEN[nr % len(ACHTERNAMEN)]}"
            geboren = f"{1 + nr % 28:02d}-{1 + nr % 12:02d}-19{35 + nr % 40}"
            adres = f"{STRATEN[nr % len(STRATEN)]} {3 + nr};1811 {'ABCDEFGH'[nr % 8]}K;Alkmaar;0361"
            besluit = f"15-{1 + nr % 12:02d}-2019"
            begin = f"01-{1 + (nr + 1) % 12:02d}-2020" if nr % 12 != 11 else "01-01-2021"
            if nr % 5 == 0:  # HH1 and HH2 at one provider: one result, one new decision
                indicaties = [("HH1", "1,5", hh[0]), ("HH2", "1,5", hh[0])]
            elif nr % 7 == 0:  # two begeleiding indications at two providers
                indicaties = [("BG", "2", bg[0]), ("BG", "1,5", bg[-1])]
            else:
                product = ("HH1", "HH2", "BG", "HH1")[nr % 4]
                uren = ("1", "2", "2,5", "3", "4")[nr % 5]
                aanbieders = bg if product == "BG" else hh
                indicaties = [(product, uren, aanbieders[nr % len(aanbieders)])]
            for k, (product, uren, agb) in enumerate(indicaties):
                start = begin if not k else f"01-{1 + (nr + 4) % 12:02d}-2021"
                regels.append(f"{bsn};{naam};{geboren};{adres};{product};{uren};{agb};{start};;{besluit}")
        regels.append(
            f"123456789;B. Fout;01-01-1950;Laat 1;1811 AK;Alkmaar;0361;HH1;2;{hh[0]};01-01-2020;;15-12-2019"
        )
        onbekend = f"{_bsn(99)};C. Onbekend;01-01-1950;Laat 2;1811 AK;Alkmaar;0361;HH2;2;99999999"
        regels.append(f"{onbekend};01-01-2020;;15-12-2019")
        imp = conversie.nieuwe_import(
            door=beheerder,
            gemeente=alkmaar,
            bestandsnaam="wmo-bestand-uren-2019.csv",
            inhoud=("\n".join(regels) + "\n").encode(),
        )
        conversie.proefdraai(door=beheerder, indicatieimport=imp)
        conversie.lees_in(door=beheerder, indicatieimport=imp)
        self.portaal_acties["bestaande indicatie ingelezen"] += imp.ingelezen

        per = (self.vandaag.replace(day=1) + dt.timedelta(days=95)).replace(day=1)
        tarieven = {"HH1": 2650, "HH2": 2950, "BG": 5600}
        catalogus = conversie.maak_standaardscenario(
            door=contractmanager, gemeente=alkmaar, naam="Catalogus", omzetdatum=per, uurtarieven=tarieven
        )
        conversie.maak_standaardscenario(
            door=contractmanager,
            gemeente=alkmaar,
            naam="Strenger (banden +30 minuten)",
            omzetdatum=per,
            uurtarieven=tarieven,
            verschuiving_minuten=30,
            samenvoegen="hoogste",
        )
        # A first group: the first clients of the file, with a transition period of four weeks.
        groep = list(
            imp.indicaties.order_by("regel")
            .values_list("client_id", flat=True)
            .distinct()[: EERSTE_GROEP * 2]
        )
        clienten = list(dict.fromkeys(groep))[:EERSTE_GROEP]
        vandaag = min(self.vandaag, timezone.localdate())
        laatste_werk = WerklijstItem.objects.aggregate(m=models.Max("pk"))["m"] or 0
        try:
            uitkomst = uitvoeren.voer_uit(
                door=consulent,
                scenario=catalogus,
                besluitdatum=vandaag,
                overgang_weken=4,
                clienten=clienten,
                moment=self.moment(vandaag),
            )
            uitvoeren.maak_brieven(door=consulent, ronde=uitkomst.ronde)
        except ValidationError:
            return
        # The worklist items of the new decisions carry the demo's timeline, as the re-indications do.
        WerklijstItem.objects.filter(pk__gt=laatste_werk).update(aangemaakt_op=self.moment(self.vandaag))
        self.portaal_acties["omzetting naar resultaat met brief"] += uitkomst.omgezet
