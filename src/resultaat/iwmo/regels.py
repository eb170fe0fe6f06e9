"""The rules we check, with their level, their official retour code (WJ001) and a Dutch message.

Rule ids are those of the iWmo 3.2 rules (technische regels TR, condities CD, constraints CS). The
retour code of a rule is the one the standard gives it (WJ001); a rule whose official code is 0001
(bericht inhoud, xslt; condities and constraints) is answered with 0001 in the header. The full list of
rules that apply to a gemeente, with the official text and where each is checked or why it is not, is
:mod:`resultaat.iwmo.regelboek`; the conformance table in ``docs/iwmo.md`` is generated from both.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Regel:
    code: str
    niveau: int
    retourcode: str
    melding: str


def _r(code: str, niveau: int, retourcode: str, melding: str) -> Regel:
    return Regel(code, niveau, retourcode, melding)


REGELS: dict[str, Regel] = {
    r.code: r
    for r in [
        # Level 2: rules within one message; the retour carries the code in its header.
        _r("IV034", 2, "0001", "XsdVersie moet de versie uit de XSD van het bericht zijn."),
        _r("TR135", 2, "8848", "De dagtekening ligt in de toekomst."),
        _r(
            "TR056",
            2,
            "9056",
            "BerichtIdentificatie is al gebruikt voor een ander bericht van deze afzender.",
        ),
        _r("TR378", 2, "S300", "De ontvanger is geen gemeente in deze installatie."),
        _r("CS002", 2, "0001", "Het BSN voldoet niet aan de elfproef."),
        _r("CS058", 2, "0001", "StatusAanlevering moet 1 (eerste aanlevering) of 3 (verwijderen) zijn."),
        _r("TR002", 2, "0001", "De geboortedatum ligt meer dan 120 jaar vóór de dagtekening."),
        _r("TR134", 2, "0001", "De datum ligt na de dagtekening van het bericht."),
        _r("TR101", 2, "0001", "Het bericht bevat dezelfde regel twee keer."),
        _r("TR018", 2, "0001", "De einddatum ligt vóór de begindatum."),
        _r("CS340", 2, "0001", "De declaratieperiode moet precies één kalendermaand zijn."),
        _r("CS337", 2, "0001", "De productperiode moet binnen één kalendermaand vallen."),
        _r("TR137", 2, "0001", "De einddatum ligt vóór de begindatum of na de dagtekening van het bericht."),
        _r(
            "CS339", 2, "0001", "Bij eenheid 83 (euro's) moet IngediendBedrag gelijk zijn aan GeleverdVolume."
        ),
        _r("TR358", 2, "0001", "TotaalIngediendBedrag is niet de som van de ingediende bedragen."),
        _r("TR315", 2, "0001", "VorigReferentieNummer komt twee keer voor in het bericht."),
        _r("TR316", 2, "0001", "Een debetregel wordt in hetzelfde bericht gecrediteerd."),
        _r(
            "TR416",
            2,
            "0001",
            "Het bericht bevat twee debetregels voor dezelfde toewijzing, productperiode en product.",
        ),
        _r("CD060", 2, "0001", "VorigReferentieNummer hoort bij een creditregel, en alleen daar."),
        _r("CD087", 2, "0001", "ProductTarief hoort bij een eenheid anders dan 83 (euro's), en alleen daar."),
        _r("CS325", 2, "0001", "Bij een bedrag 0 is DebetCredit D (debet)."),
        _r("TR335", 2, "0001", "De einddatum ligt meer dan 5 jaar vóór de declaratiedagtekening."),
        _r("TR383", 2, "0001", "Een ReferentieAanbieder komt twee keer voor in het verzoek."),
        _r("CD043", 2, "0001", "BeschikkingIngangsdatum hoort bij een BeschikkingNummer, en alleen daar."),
        _r("TR386", 2, "0001", "Hetzelfde product komt twee keer voor met overlappende periodes."),
        _r("TR410", 2, "0001", "Hetzelfde nieuwe product komt twee keer voor met overlappende periodes."),
        _r("CD075", 2, "0001", "Bij een budget is de einddatum verplicht."),
        _r("CD076", 2, "0001", "Bij frequentie per week is de einddatum verplicht."),
        _r("CD077", 2, "0001", "Bij een budget blijft de omvang leeg."),
        _r("CD078", 2, "0001", "Bij een omvang blijft het budget leeg."),
        _r("CD079", 2, "0001", "Zonder budget is het product verplicht."),
        _r("CS003", 2, "0001", "De einddatum ligt vóór de ingangsdatum."),
        _r("CS343", 2, "0001", "Bij eenheid 14, 16, 83 of 84 is de frequentie 2, 4 of 6."),
        _r("CS338", 2, "0001", "Bij eenheid 14, 16, 83 of 84 is de frequentie 2, 4 of 6."),
        _r("TR352", 2, "0001", "Het verzoek om wijziging bevat geen ongewijzigd of te wijzigen product."),
        _r("TR353", 2, "0001", "Het verzoek om wijziging bevat geen te wijzigen of nieuw product."),
        _r("CD041", 2, "0001", "Bij een product met productcode is de omvang verplicht."),
        _r("CD085", 4, "0001", "Bij VerzoekAntwoord 1 is RedenAfwijzingVerzoek verplicht."),
        _r("CD086", 4, "0001", "Bij VerzoekAntwoord 2 blijft RedenAfwijzingVerzoek leeg."),
        _r("TR381", 2, "S329", "De productcode past niet bij de productcategorie."),
        # Level 3: rules on our data (305/307).
        _r("TR019", 3, "9019", "De melding kan niet gekoppeld worden aan een toewijzing van deze aanbieder."),
        _r("TR063", 3, "9063", "Er is geen eerdere aanlevering met deze gegevens om te verwijderen."),
        _r("TR071", 3, "9071", "De start kan niet verwijderd worden: er is al een stop voor gemeld."),
        _r("TR074", 3, "9074", "Er is al eerder een melding met dezelfde gegevens ontvangen."),
        _r(
            "TR326", 3, "9326", "Er is al een lopende start voor dit toegewezen product; meld eerst een stop."
        ),
        _r("TR382", 3, "9069", "Er is geen start met deze toewijzing en begindatum om te stoppen."),
        _r("TR413", 3, "9413", "Na een tijdelijke stop (reden 20) volgt geen tweede tijdelijke stop."),
        _r("TR414", 3, "9414", "De einddatum ligt vóór de einddatum van de eerdere stop."),
        _r("TR415", 3, "9415", "De levering is al definitief gestopt; er kan geen stop meer volgen."),
        # Level 3: requests (315/317).
        _r("TR347", 3, "9347", "ReferentieAanbieder is al gebruikt door deze aanbieder."),
        _r("TR374", 3, "9374", "Er staat al een open verzoek voor deze cliënt bij deze aanbieder."),
        _r("TR304", 3, "8187", "Het BSN hoort niet bij een cliënt van de gemeente."),
        _r(
            "TR349", 3, "9349", "Het verzoek om wijziging bevat niet alle lopende toewijzingen van de cliënt."
        ),
        _r("TR350", 3, "9350", "Een ongewijzigd product is geen lopende toewijzing van deze cliënt."),
        _r("TR351", 3, "9351", "Een te wijzigen product is geen lopende toewijzing van deze cliënt."),
        _r(
            "TR357",
            3,
            "9357",
            "De gewenste ingangsdatum ligt niet na de dagtekening en is niet die van de toewijzing.",
        ),
        _r("TR361", 3, "9361", "Een product komt vaker voor met overlappende periodes."),
        _r(
            "TR373",
            3,
            "9373",
            "Het budget wijzigt, maar de gewenste ingangsdatum is niet die van de toewijzing.",
        ),
        _r("TR411", 3, "9411", "Bij een toewijzing met productcode is de omvang verplicht."),
        # Level 3: the declaratie (323), per prestatie.
        _r("TR333", 3, "9333", "Het DeclaratieNummer is al gebruikt door deze aanbieder."),
        _r("TR314", 3, "8021", "Het ReferentieNummer van de prestatie is al eerder aangeleverd."),
        _r("TR323", 3, "8017", "Van deze creditregel is geen goedgekeurde debetregel bekend."),
        _r(
            "TR389", 3, "9389", "Voor deze toewijzing, periode en dit product is al een debetregel ingediend."
        ),
        _r("TR390", 3, "9390", "Deze debetregel is al gecrediteerd."),
        _r(
            "TR338", 3, "9338", "De prestatie verwijst niet naar een toewijzing van deze aanbieder en cliënt."
        ),
        _r("TR339", 3, "9339", "De productcategorie is niet die van de toewijzing."),
        _r("TR340", 3, "9340", "De productcode is niet die van de toewijzing."),
        _r("TR341", 3, "9341", "De eenheid past niet bij de eenheid van de toewijzing."),
        _r("TR307", 3, "9307", "De prestatie begint vóór de ingangsdatum van de toewijzing."),
        _r("TR308", 3, "9308", "De prestatie eindigt na de einddatum van de toewijzing."),
        _r("TR319", 3, "9319", "De productperiode ligt na de declaratieperiode."),
        _r("TR384", 3, "9384", "Er mag niet gedeclareerd worden op een verwijderde toewijzing."),
        _r(
            "TR387",
            3,
            "9387",
            "De productperiode begint niet op de eerste van de maand (of de ingangsdatum van de toewijzing).",
        ),
        _r(
            "TR388",
            3,
            "9388",
            "De productperiode eindigt niet op de laatste van de maand (of de einddatum van de toewijzing).",
        ),
        _r("TR321", 3, "9321", "Het geleverde volume is groter dan het toegewezen volume."),
        _r(
            "TR322",
            3,
            "9322",
            "De ingediende volumes samen zijn groter dan het toegewezen volume over de looptijd van de "
            "toewijzing.",
        ),
        _r("TR369", 3, "9369", "De ingediende bedragen samen zijn groter dan het toegewezen budget."),
        _r("TR346", 3, "9346", "IngediendBedrag is niet GeleverdVolume maal ProductTarief."),
        _r("TR418", 3, "0611", "Het ingediende tarief is niet het contracttarief."),
        # Our own messages (301, 319), checked before one is sent.
        _r("TR061", 4, "0001", "De cliënt heeft geen BRP-, correspondentie- of verblijfadres."),
        _r("TR006", 4, "0001", "Het contact heeft geen telefoonnummer en geen huisnummer met postcode."),
        _r("CD034", 4, "0001", "Bij een BRP- of verblijfadres is de postcode verplicht."),
        _r("CD025", 4, "0001", "Bij een Nederlands adres is het huisnummer verplicht."),
        _r("CD005", 4, "0001", "Bij een postcode is de landcode verplicht."),
        _r("TR302", 4, "0001", "Hetzelfde product komt twee keer voor met overlappende periodes."),
        _r(
            "CS335", 4, "0001", "Verwijderen (reden 13) mag alleen als ingangsdatum en einddatum gelijk zijn."
        ),
        _r(
            "TR385",
            4,
            "9385",
            "De toewijzing heeft goedgekeurde declaratieregels en kan niet verwijderd worden.",
        ),
        _r("TR355", 4, "9355", "ReferentieAanbieder hoort niet bij een eerder verzoek van deze aanbieder."),
        _r("TR359", 4, "9359", "Op dit verzoek is al een toewijzing (301) gestuurd; een 319 kan niet meer."),
        _r("TR360", 4, "9360", "'In onderzoek' mag maar één keer per verzoek worden gestuurd."),
        _r("TR365", 4, "9365", "Dit verzoek is al afgewezen; er kan geen antwoord meer volgen."),
        _r(
            "TR379",
            4,
            "9379",
            "ReferentieAanbieder verwijst niet naar een openstaand verzoek om toewijzing of wijziging.",
        ),
    ]
}


@dataclass(frozen=True)
class Probleem:
    regel: str
    pad: str
    detail: str = ""

    @property
    def retourcode(self) -> str:
        return REGELS[self.regel].retourcode if self.regel in REGELS else "0001"

    @property
    def melding(self) -> str:
        basis = REGELS[self.regel].melding if self.regel in REGELS else self.detail
        return f"{basis} {self.detail}".strip() if self.regel in REGELS and self.detail else basis
