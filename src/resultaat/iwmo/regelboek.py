"""Every iWmo 3.2 rule that applies to a gemeente system, with its official text and retour code, and
where we check it or why we do not.

The official data (text, retour code, messages) is ``regelboek.json``, read from the iWmo 3.2 bronnen
with ``manage.py iwmo_regelboek --bronnen``. A rule is *checked* on incoming messages when
:data:`resultaat.iwmo.regels.REGELS` has it (the intake answers it with that code), on outgoing messages
when :data:`UITGAAND` names the check; every other rule has a written reason in :data:`REDEN`. The
conformance table of ``docs/iwmo.md`` is :func:`tabel`; a test fails when a rule has neither.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from resultaat.iwmo.regels import REGELS

BESTAND = Path(__file__).with_name("regelboek.json")
RETOURCODES_BESTAND = Path(__file__).with_name("retourcodes.json")

ONTVANGEN = frozenset({"WMO302", "WMO305", "WMO307", "WMO315", "WMO317", "WMO320", "WMO323"})
VERSTUURD = frozenset({"WMO301", "WMO306", "WMO308", "WMO316", "WMO318", "WMO319", "WMO325"})


@dataclass(frozen=True)
class Bronregel:
    id: str
    soort: str
    tekst: str
    retourcode: str
    berichten: tuple[str, ...]
    controleniveau: str


def _laad() -> dict[str, Bronregel]:
    data = json.loads(BESTAND.read_text(encoding="utf-8"))
    return {
        r["id"]: Bronregel(
            r["id"], r["soort"], r["tekst"], r["retourcode"], tuple(r["berichten"]), r["controleniveau"]
        )
        for r in data
    }


BRONREGELS: dict[str, Bronregel] = _laad()
# Code list WJ001: every retour code with its official meaning (what a code means on screen).
RETOURCODES: dict[str, str] = json.loads(RETOURCODES_BESTAND.read_text(encoding="utf-8"))


def betekenis(code: str) -> str:
    """What a retour code means: its text in code list WJ001, else (a code the list leaves out, such
    as 9355) the definition of the rule that gives it; empty for an unknown code."""
    if code in RETOURCODES:
        return RETOURCODES[code]
    return next((r.tekst for r in BRONREGELS.values() if r.retourcode == code), "")


# Checks on the messages we send (301, 319, 325), before they are written (iwmo.uitgaand.controleer).
UITGAAND: dict[str, str] = {
    "TR355": "319: uitgaand.verstuur_319",
    "TR359": "319: services.beantwoord_met_319",
    "TR360": "319: services.beantwoord_met_319",
    "TR365": "319: services.beantwoord_met_319",
    "CD085": "319: services.beantwoord_met_319",
    "CD086": "319: services.beantwoord_met_319",
    "TR379": "301: services.ken_toe (alleen op een openstaand verzoek)",
    "OP090": "301/319 zonder retour na 3 werkdagen op de werklijst: bewaking (iwmo_retouren)",
    **{
        r: "301: controle_uit.controleer_301"
        for r in (
            "CS002",
            "TR002",
            "TR061",
            "TR006",
            "CD034",
            "CD025",
            "CD005",
            "CD041",
            "TR302",
            "CS335",
            "TR385",
        )
    },
}

# How a checked rule is worked out where the rule itself leaves it to an invulinstructie or its
# toelichting (shown in the conformance table).
UITWERKING: dict[str, str] = {
    "TR321": (
        "per week volgens IV077: inspanningsgericht de weeknummers van de productperiode, outputgericht "
        "(stuks output) de zondagen plus één week in de periode van de laatste zondag; huishoudelijke "
        "hulp (categorie 01) 6x het weekvolume (toelichting TR321)"
    ),
    "TR322": "per week de weeknummers van de looptijd (IV077)",
}

# Rules we do not check, and why. A rule is here only when it cannot be broken by our own messages or
# data, is not ours to check, or has no check yet (said so).
REDEN: dict[str, str] = {
    # Business rules (OP): organisational or answered elsewhere.
    "OP003": "Beslissing van de professional buiten het berichtenverkeer; geen controle op berichten.",
    "OP033": "Gevolgd: wijzigingen gaan met StatusAanlevering 1/3 (CS058) en een nieuwe 301 per wijziging.",
    "OP033x1": "Gevolgd: elke wijziging van een toewijzing verstuurt een nieuwe 301 (toewijzing_gewijzigd).",
    "OP033x2": "Gecontroleerd als CS058 (StatusAanlevering 2 in 305/307 geeft 0001).",
    "OP039": "Gaat over de eigen administratie van de ketenpartij; geen controle op berichten.",
    "OP043": "Deze applicatie legt geen pgb's vast, dus er is geen pgb om tegen te controleren.",
    "OP047": "Gevolgd: een bericht dat niet aan de standaard voldoet krijgt een retour met de regel.",
    "OP065": "Gevolgd: een retour bevat alleen klassen van afgekeurde cliënten (retour.py, bouw.py).",
    "OP071": "Gevolgd: de 301 bevat geen relaties (Contact van de cliënt alleen), dus geen relatienummers.",
    "OP072": "Gecontroleerd als TR382 (stop zonder start met dezelfde sleutel: 9069).",
    "OP076": "Gevolgd: de 301 bevat geen relaties.",
    "OP079": "Gecontroleerd: elk bericht bevat een BSN dat de elfproef doorstaat (CS002).",
    "OP080": "Gevolgd: een batch verwerkt de berichten in volgorde, en elk bericht op zichzelf.",
    "OP086": "Gevolgd: toewijzingen ontstaan alleen bij de gemeente (toewijzingen.services).",
    "OP087": "Gevolgd: elke 301 bevat alle lopende toewijzingen van de cliënt bij de aanbieder (bouw.py).",
    "OP090x2": "Gevolgd: een bestand zonder retour (niveau 1) krijgt de reden in inbox/fout en de API.",
    "OP090x4": "Gevolgd: de 325 gaat direct bij verwerking van de 323 terug.",
    "OP091": "Gevolgd: elk adres in de 301 heeft een Soort (XSD).",
    "OP095": "Gevolgd: de regels controleren alleen gegevens uit de berichten van de aanbieder zelf.",
    "OP130": "Gevolgd: de 301 bevat geen relaties.",
    "OP155": "Gecontroleerd als TR382 (de stop noemt de sleutel van de start).",
    "OP179": "Gecontroleerd in de poort (niveau 1): een bestand boven 25 MB wordt niet gelezen.",
    # Rules fixed by the XSD (level 1: a file that breaks them gets no retour, the reason is given).
    "CS015": "Afgedwongen door de XSD (BerichtSubversie is vast 2).",
    "CS025": "Afgedwongen door de XSD (BerichtVersie is vast 3).",
    "CS319": "Afgedwongen door de XSD (patroon van DeclaratieNummer).",
    # Rules our own messages cannot break: what the standard asks of the other party's data.
    "TR412": "Een toewijzing heeft hier altijd een productcode; TR412 kan dus niet optreden.",
    "TR375": "Een toewijzing heeft hier altijd een productcode; TR375 kan dus niet optreden.",
    "CD095": "Alleen van toepassing zonder productcode; een aangevraagd product zonder code wordt afgewezen.",
    "CD096": "Alleen van toepassing zonder productcode; een nieuw product zonder code wordt afgewezen.",
    "CD080": "Een toegewezen product heeft hier altijd een productcode; CD080 kan dus niet optreden.",
    "TR332": "ToewijzingNummer is uniek per gemeente door een databaseconstraint (toewijzingen).",
    "TR337": "De 325 neemt de identificatie over uit de 323 waarop zij antwoordt (bouw.bouw_325).",
    "TR342": "De 325 bevat alleen de afgewezen prestaties (bouw.bouw_325).",
    "TR366": "De 325 bevat alleen prestaties uit de 323 waarop zij antwoordt (bouw.bouw_325).",
    "TR367": "De 325 neemt de waarden van de prestatie over uit de 323 (bouw.bouw_325).",
    "TR371": "De 325 neemt de XsdVersie over uit de 323 (bouw.bouw_325).",
    "TR376": "De 325 neemt het DeclaratieNummer over uit de 323 (bouw.bouw_325).",
    # Not checked yet.
    "TR318": "Niet gecontroleerd: of er iedere maand zorg geleverd is, weet de gemeente niet.",
    "CS100": "Niet gecontroleerd: de voorbeeld- en testgegevens (tarieven 2017) liggen vóór 2021.",
    "CS139": "Niet gecontroleerd: DatumGebruik en Datum van de geboortedatum.",
    "CS050": "Niet gecontroleerd: NaamGebruik bij Partnernaam in de 301.",
    "CS089": "Niet gecontroleerd: formaat van de Nederlandse postcode in de 301 (XSD-patroon).",
    "CS318": "Niet gecontroleerd: NaamGebruik 6 in de 301.",
    "CS336": "Niet gecontroleerd: RedenWijziging 01 in de 301 (wordt hier nooit gebruikt).",
    "CD007": "Niet gecontroleerd: communicatie bij tolk in de 301.",
    "CD009": "Niet gecontroleerd: periode alleen bij een tijdelijk adres in de 301.",
    "CD066": "Niet gecontroleerd: verwijzer in de 315.",
    "CD067": "Niet gecontroleerd: verwijzer in de 315.",
    "CD068": "Niet gecontroleerd: verwijzer in de 315.",
    "TR380": "Niet gecontroleerd: datum na de dagtekening in de 317.",
}


def richting(regel: Bronregel) -> str:
    ontvangen = bool(set(regel.berichten) & ONTVANGEN)
    verstuurd = bool(set(regel.berichten) & VERSTUURD)
    if ontvangen and verstuurd:
        return "beide"
    if verstuurd:
        return "uit"
    return "in" if ontvangen else "-"


def waar(regel_id: str) -> str:
    """Where the rule is checked ('' when it is not)."""
    delen = []
    if regel_id in REGELS and REGELS[regel_id].niveau < 4:
        delen.append(f"inkomend, niveau {REGELS[regel_id].niveau}")
    if regel_id in UITGAAND:
        delen.append(f"uitgaand ({UITGAAND[regel_id]})")
    return "; ".join(delen)


def _cel(tekst: str) -> str:
    return tekst.replace("|", "/").replace("\n", " ")


def tabel() -> str:
    """The conformance table of docs/iwmo.md, one row per rule."""
    regels = [
        "| regel | retourcode | berichten | officiële tekst | gecontroleerd | reden als niet |",
        "|---|---|---|---|---|---|",
    ]
    for r in BRONREGELS.values():
        code = REGELS[r.id].retourcode if r.id in REGELS else (r.retourcode or "–")
        regels.append(
            f"| {r.id} | {code} | {', '.join(b[3:] for b in r.berichten) or '–'} | {_cel(r.tekst)} "
            f"| {_cel('; '.join(filter(None, [waar(r.id) or 'nee', UITWERKING.get(r.id, '')])))} "
            f"| {_cel(REDEN.get(r.id, ''))} |"
        )
    gecontroleerd = sum(1 for r in BRONREGELS.values() if waar(r.id))
    regels.append("")
    regels.append(
        f"{len(BRONREGELS)} regels; {gecontroleerd} gecontroleerd, "
        f"{len(BRONREGELS) - gecontroleerd} met een reden."
    )
    return "\n".join(regels) + "\n"
