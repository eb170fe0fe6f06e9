"""Files of an approved run: the specification per provider (XLSX, PDF), the SEPA credit transfer
(pain.001.001.03, built by ``sepaxml``, completed with the gemeente's initiating party and validated
against the XSD shipped with ``sepaxml``) and the CSV for the financial system.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from lxml import etree

from resultaat.bekostiging.models import Afrekenregel, Afrekenrun, Betaalbatch, BetaalInstelling, RunStatus
from resultaat.brieven.render import pdf
from resultaat.core.audit.models import record_rijen
from resultaat.core.opmaak import csv_tekst, decimaal, veilige_rij

KOPPEN = (
    "periode",
    "toewijzing",
    "client",
    "geboortedatum",
    "product",
    "soort",
    "regel",
    "dagen",
    "van",
    "tot en met",
    "tarief (EUR)",
    "bedrag (EUR)",
    "toelichting",
)


EURO = "€ #,##0.00"
DATUM = "dd-mm-yyyy"


def euros(cent: int) -> Decimal:
    """Eurocents as euros for a spreadsheet cell: 708172 -> Decimal("7081.72")."""
    return Decimal(int(cent)) / 100


def _goedgekeurd(run: Afrekenrun) -> None:
    if run.status != RunStatus.GOEDGEKEURD:
        raise ValidationError("Pas na goedkeuring door een tweede persoon is een run betaalbaar.")


def _rekening(b: Betaalbatch) -> tuple[str, str]:
    """The account a batch pays: the IBAN and holder recorded at approval, never the provider's
    current bank details (a change after the four-eyes approval must not redirect the payment)."""
    if not b.iban:
        raise ValidationError(f"Batch {b.kenmerk} heeft geen bij de goedkeuring vastgelegd IBAN.")
    return b.iban, b.rekeninghouder or b.aanbieder.naam


def leg_inzage_vast(batch: Betaalbatch, actie: str) -> None:
    """The specification of a batch shows its clients: one access-log row per client (set-based),
    about the batch, "gelezen" on the page, "geexporteerd" for the XLSX, "afgedrukt" for the PDF."""
    clienten = (
        Afrekenregel.objects.filter(run=batch.run, aanbieder=batch.aanbieder)
        .order_by()
        .values_list("client_id", flat=True)
        .distinct()
    )
    record_rijen(Betaalbatch, [(batch.pk, client_id) for client_id in clienten], actie)


def specificatie_regels(batch: Betaalbatch) -> Any:
    return (
        Afrekenregel.objects.filter(run=batch.run, aanbieder=batch.aanbieder)
        .select_related("periode", "toewijzing", "client", "product")
        .order_by("periode__begin", "toewijzing__nummer")
    )


def _rij(r: Afrekenregel) -> list[Any]:
    return [
        r.periode.code,
        r.toewijzing.nummer,
        r.client.naam,
        r.client.geboortedatum,
        f"{r.product.categorie}{r.product.code}",
        r.soort,
        r.get_regel_display(),
        r.dagen,
        r.eerste_dag,
        r.laatste_dag,
        euros(r.tarief_cent),
        euros(r.bedrag_cent),
        r.toelichting,
    ]


def specificatie_xlsx(batch: Betaalbatch) -> bytes:
    from openpyxl import Workbook

    _goedgekeurd(batch.run)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Specificatie"
    # Every cell through veilige_rij: a name must never become a formula.
    ws.append(
        veilige_rij([f"Betaalspecificatie {batch.run.gemeente.naam}, periode {batch.run.periode.code}"])
    )
    iban, houder = _rekening(batch)
    ws.append(
        veilige_rij([f"{houder} (AGB {batch.aanbieder.agb_code}), IBAN {iban}, kenmerk {batch.kenmerk}"])
    )
    ws.append([])
    ws.append(veilige_rij(KOPPEN))
    for r in specificatie_regels(batch).iterator(chunk_size=2000):
        ws.append(veilige_rij(_rij(r)))
    ws.append([])
    ws.append(
        veilige_rij(
            ["Totaal", None, None, None, None, None, None, None, None, None, None, euros(batch.totaal_cent)]
        )
    )
    # Numbers and dates stay numbers and dates, shown the Dutch way ("€ 7.081,72", "05-12-2026").
    for kolom, formaat in (("D", DATUM), ("I", DATUM), ("J", DATUM), ("K", EURO), ("L", EURO)):
        for cel in ws[kolom][4:]:
            cel.number_format = formaat
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def specificatie_pdf(batch: Betaalbatch) -> bytes:
    _goedgekeurd(batch.run)
    iban, houder = _rekening(batch)
    html = render_to_string(
        "bekostiging/specificatie_pdf.html",
        {
            "batch": batch,
            "run": batch.run,
            "regels": specificatie_regels(batch),
            "iban": iban,
            "rekeninghouder": houder,
        },
    )
    return pdf(html)


def financieel_csv(run: Afrekenrun) -> str:
    """One booking line per provider batch, for import into the gemeente's financial system."""
    _goedgekeurd(run)
    kop = ["kenmerk", "gemeente", "periode", "agb", "aanbieder", "iban", "regels", "clienten", "bedrag"]
    rijen = [
        [
            b.kenmerk,
            run.gemeente.code,
            run.periode.code,
            b.aanbieder.agb_code,
            b.aanbieder.naam,
            _rekening(b)[0],
            b.aantal_regels,
            b.aantal_clienten,
            decimaal(b.totaal_cent).replace(".", ","),
        ]
        for b in run.batches.select_related("aanbieder").order_by("aanbieder__agb_code")
    ]
    return csv_tekst([kop, *rijen])


def _betaler(run: Afrekenrun) -> dict[str, Any]:
    """The gemeente's bank details as approved with the run; a run approved before any were confirmed
    uses the confirmed ones of now."""
    naam, iban, bic = run.betaler_naam, run.betaler_iban, run.betaler_bic
    initiatiefnemer = run.betaler_initiatiefnemer
    if not iban:
        inst = BetaalInstelling.objects.filter(gemeente=run.gemeente).first()
        if inst is None or not inst.bevestigd:
            raise ValidationError(
                f"Leg eerst de betaalgegevens (naam, IBAN, BIC) van {run.gemeente.naam} vast en laat ze "
                "bevestigen door een tweede beheerder (Beheer > Betaalgegevens gemeenten)."
            )
        naam, iban, bic, initiatiefnemer = inst.naam, inst.iban, inst.bic, inst.initiatiefnemer
    return {
        "name": naam,
        "IBAN": iban,
        "BIC": bic,
        "batch": True,
        "currency": "EUR",
        "initiatiefnemer": initiatiefnemer,
    }


PAIN_001 = "pain.001.001.03"
PAIN_NS = f"urn:iso:std:iso:20022:tech:xsd:{PAIN_001}"


def met_initiatiefnemer(xml: bytes, kenmerk: str) -> bytes:
    """The file with the gemeente's SEPA initiating party: ``GrpHdr/InitgPty/Id/OrgId/Othr/Id`` after
    ``InitgPty/Nm``, where pain.001.001.03 (PartyIdentification32) puts it. ``sepaxml`` writes only the
    name; the bank identifies the gemeente as sender by this id. Without a kenmerk the file is unchanged."""
    if not kenmerk:
        return xml
    doc = etree.fromstring(xml)
    partij = doc.find(f"{{{PAIN_NS}}}CstmrCdtTrfInitn/{{{PAIN_NS}}}GrpHdr/{{{PAIN_NS}}}InitgPty")
    if partij is None:
        raise ValidationError("Het SEPA-bestand heeft geen opdrachtgever (InitgPty).")
    for oud in partij.findall(f"{{{PAIN_NS}}}Id"):
        partij.remove(oud)
    kind = etree.Element(f"{{{PAIN_NS}}}Id")
    knoop = kind
    for tag in ("OrgId", "Othr", "Id"):
        knoop = etree.SubElement(knoop, f"{{{PAIN_NS}}}{tag}")
    knoop.text = kenmerk
    # PartyIdentification32: Nm, PstlAdr, Id, CtryOfRes, CtctDtls (in that order).
    voor = [k for k in partij if k.tag in (f"{{{PAIN_NS}}}Nm", f"{{{PAIN_NS}}}PstlAdr")]
    partij.insert(len(voor), kind)
    return etree.tostring(doc, xml_declaration=True, encoding="UTF-8")


def sepa_xml(run: Afrekenrun, uitvoerdatum: dt.date | None = None) -> bytes:
    """A pain.001.001.03 credit transfer with one payment per provider whose batch total is positive
    (a net credit is not paid but settled in a later run). Validated against the XSD."""
    from sepaxml import SepaTransfer
    from sepaxml.validation import ValidationError as Schemafout
    from sepaxml.validation import try_valid_xml

    _goedgekeurd(run)
    betaler = _betaler(run)
    kenmerk = betaler.pop("initiatiefnemer")
    sepa = SepaTransfer(betaler, schema=PAIN_001, clean=True)
    uitvoerdatum = uitvoerdatum or dt.date.today()
    for b in run.batches.select_related("aanbieder").order_by("aanbieder__agb_code"):
        if b.totaal_cent <= 0:
            continue
        iban, houder = _rekening(b)
        sepa.add_payment(
            {
                "name": houder[:70],
                "IBAN": iban,
                "amount": int(b.totaal_cent),
                "execution_date": uitvoerdatum,
                "description": f"Wmo {run.gemeente.naam} {run.periode.code} {b.kenmerk}"[:140],
                "endtoend_id": b.kenmerk.replace("-", "")[:35],
            }
        )
    xml = met_initiatiefnemer(sepa.export(validate=False), kenmerk)
    try:
        try_valid_xml(xml, PAIN_001)
    except Schemafout as e:
        raise ValidationError(
            f"Het betaalbestand voldoet niet aan het SEPA-formaat {PAIN_001} ({e.__cause__}). Controleer "
            "de betaalgegevens van de gemeente (naam, IBAN, BIC, kenmerk initiatiefnemer); er is geen "
            "bestand gemaakt."
        ) from e
    return xml
