"""The rule registry: every check we run, with its level, retour code and a Dutch message.

Rule codes are the iStandaarden identifiers (TR/CD/CS/OP). Where NOTES §6 lists a retour code
``9nnn`` next to ``TRnnn`` we use it as that rule's code; codes whose rule text we did not have
(9063, 9069, 9071, 9074, 9413-9415, 9319, 9387, 9388) are assigned by their number and the grouping in
NOTES §6 and marked ``afgeleid`` so a beheerder can check them against the official list.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Regel:
    code: str
    niveau: int
    retourcode: str
    melding: str
    afgeleid: bool = False


REGELS: dict[str, Regel] = {
    r.code: r
    for r in [
        # Level 2: in-message rules (header + content), retour header-only.
        Regel("CS025", 2, "0001", "BerichtVersie moet 3 en BerichtSubversie 2 zijn."),
        Regel("IV034", 2, "0001", "XsdVersie moet de versie uit de XSD van het bericht zijn."),
        Regel("TR135", 2, "8848", "De dagtekening ligt in de toekomst."),
        Regel(
            "TR056",
            2,
            "9056",
            "BerichtIdentificatie is al gebruikt voor een ander bericht van deze afzender.",
        ),
        Regel("TR378", 2, "S300", "De ontvanger is geen gemeente in deze installatie."),
        Regel("BSN", 2, "0001", "Het BSN voldoet niet aan de elfproef."),
        Regel("CS058", 2, "0001", "StatusAanlevering 2 (of 9) is niet toegestaan; gebruik 3 en daarna 1."),
        Regel("CD027", 2, "0001", "De einddatum ligt vóór de begindatum."),
        Regel("CS340", 2, "0001", "De declaratieperiode moet precies één kalendermaand zijn."),
        Regel(
            "CS339", 2, "0001", "Bij eenheid 83 (euro's) moet GeleverdVolume gelijk zijn aan IngediendBedrag."
        ),
        Regel("TR343", 2, "0001", "TotaalIngediendBedrag is niet de som van de ingediende bedragen."),
        Regel("CD085", 2, "0001", "Bij VerzoekAntwoord 1 is RedenAfwijzingVerzoek verplicht."),
        Regel("CD086", 2, "0001", "Bij VerzoekAntwoord 2 blijft RedenAfwijzingVerzoek leeg."),
        Regel("TR381", 2, "S329", "De productcode past niet bij de productcategorie."),
        # Level 3/4: rules that need our data.
        Regel(
            "TR019", 3, "9019", "Er is geen toewijzing met dit nummer voor deze cliënt en aanbieder.", True
        ),
        Regel("TR063", 3, "9063", "Het product is niet gelijk aan het toegewezen product.", True),
        Regel("TR071", 3, "9071", "ToewijzingIngangsdatum is niet de ingangsdatum van de toewijzing.", True),
        Regel("TR069", 3, "9069", "De datum valt buiten de looptijd van de toewijzing.", True),
        Regel("TR326", 3, "9326", "Er is al een lopende start voor dit toegewezen product."),
        Regel("TR074", 3, "9074", "Een stop of verwijdering heeft een bijbehorende start nodig.", True),
        Regel(
            "TR413",
            3,
            "9413",
            "De levering is definitief gestopt; er kan geen start of stop meer volgen.",
            True,
        ),
        Regel(
            "TR414", 3, "9414", "Na een tijdelijke stop moet een nieuwe start na de stopdatum liggen.", True
        ),
        Regel(
            "TR415",
            3,
            "9415",
            "Na een tijdelijke stop volgt alleen een definitieve stop of een nieuwe start.",
            True,
        ),
        Regel("TR347", 3, "9347", "ReferentieAanbieder is al gebruikt door deze aanbieder."),
        Regel("TR374", 3, "9374", "Er staat al een open verzoek voor deze cliënt bij deze aanbieder."),
        Regel(
            "TR375",
            3,
            "9375",
            "Een te wijzigen of ongewijzigd product is geen lopende toewijzing van deze cliënt.",
            True,
        ),
        Regel(
            "OP259",
            3,
            "9332",
            "Het aangevraagde product overlapt met een bestaande toewijzing (stapeling).",
            True,
        ),
        Regel("TR333", 3, "9333", "Het DeclaratieNummer is al gebruikt door deze aanbieder."),
        Regel("TR314", 3, "9319", "Het ReferentieNummer van de prestatie is al gebruikt.", True),
        Regel(
            "IV085",
            3,
            "9319",
            "Een creditregel moet verwijzen naar een eerder goedgekeurde debetregel.",
            True,
        ),
        Regel(
            "TR338", 3, "9338", "De prestatie verwijst niet naar een toewijzing van deze aanbieder en cliënt."
        ),
        Regel("TR339", 3, "9339", "De productcategorie is niet die van de toewijzing."),
        Regel("TR340", 3, "9340", "De productcode is niet die van de toewijzing."),
        Regel("TR341", 3, "9341", "De eenheid is niet die van de toewijzing."),
        Regel("TR307", 3, "9307", "De prestatie begint vóór de ingangsdatum van de toewijzing."),
        Regel("TR308", 3, "9308", "De prestatie eindigt na de einddatum van de toewijzing."),
        Regel("TR384", 3, "9384", "Er mag niet gedeclareerd worden op een verwijderde toewijzing."),
        Regel("TR387", 3, "9387", "De productperiode valt niet binnen één kalendermaand.", True),
        Regel("TR321", 3, "9321", "Het geleverde volume is groter dan het toegewezen volume."),
        Regel("TR346", 3, "9346", "IngediendBedrag is niet GeleverdVolume maal ProductTarief."),
        Regel(
            "TR418", 3, "0611", "Het tarief of bedrag wijkt af van wat volgens de afrekening verschuldigd is."
        ),
        # Rules on the gemeente's own answers (319), checked before a 319 is built.
        Regel(
            "TR355", 4, "9355", "ReferentieAanbieder hoort niet bij een eerder verzoek van deze aanbieder."
        ),
        Regel("TR359", 4, "9359", "'In onderzoek' mag maar één keer per verzoek worden gestuurd."),
        Regel(
            "TR360", 4, "9360", "Op dit verzoek is al een toewijzing (301) gestuurd; een 319 kan niet meer."
        ),
        Regel("TR379", 4, "9379", "ReferentieAanbieder staat alleen in het eerste antwoord op een verzoek."),
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
