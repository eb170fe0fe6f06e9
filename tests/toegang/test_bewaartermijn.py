"""Retention: the personal data of ended cases are pseudonymised after the configurable term, the
statistics stay and every step is in the audit trail."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from resultaat.clienten.models import Client
from resultaat.core.audit.models import AuditEvent
from resultaat.ondersteuning.models import Signaal, SignaalSoort
from resultaat.toegang import bewaartermijn
from resultaat.toewijzingen.models import Levering, Toewijzing
from tests import factories as f

VANDAAG = dt.date(2024, 6, 1)  # with a term of 5 years: cases ended before 1 June 2019


@pytest.fixture
def beeindigd(noor):
    """Noor's case: melding in 2016, beschikking and toewijzing ended in 2017, a signal with a note."""
    toewijzing = noor.toewijzingen.get()
    f.toegangsketen(
        toewijzing, beschikkingnummer="B-2016-001", beschikking={"einddatum": dt.date(2018, 1, 1)}
    )
    Toewijzing.objects.filter(pk=toewijzing.pk).update(einddatum=dt.date(2017, 12, 31))
    Signaal.objects.create(
        client=noor,
        aanbieder=toewijzing.aanbieder,
        toewijzing=toewijzing,
        soort=SignaalSoort.EENZAAMHEID,
        toelichting="Mevrouw Noordermeer komt de deur niet meer uit.",
        gemeld_op=timezone.make_aware(dt.datetime(2017, 3, 1, 10, 0)),
    )
    Client.objects.filter(pk=noor.pk).update(aangemaakt_op=timezone.make_aware(dt.datetime(2016, 10, 1)))
    return noor


def test_an_ended_case_is_pseudonymised_and_its_statistics_stay(beeindigd, zeger):
    noor = beeindigd
    geboren = noor.geboortedatum
    uitkomst = bewaartermijn.pas_toe(jaren=5, vandaag=VANDAAG)
    assert (uitkomst.clienten, uitkomst.grens) == (1, dt.date(2019, 6, 1))

    noor.refresh_from_db()
    assert noor.achternaam == "Gepseudonimiseerd" and noor.voorletters == ""
    assert noor.bsn == f"P{noor.pk:08d}"
    assert (noor.straat, noor.postcode, noor.telefoon, noor.email) == ("", "", "", "")
    assert noor.geboortedatum == dt.date(geboren.year, 1, 1)
    assert noor.gepseudonimiseerd_op == VANDAAG
    assert noor.gemeente.code == "0361"
    assert Signaal.objects.get(client=noor).toelichting == ""
    # The statistics: the toewijzing, its leveringen and its beschikking are still there.
    assert Toewijzing.objects.filter(client=noor).count() == 1
    assert Levering.objects.filter(toewijzing__client=noor).count() == 1
    # Zeger's toewijzing still runs: untouched.
    zeger.refresh_from_db()
    assert zeger.achternaam == "Zuidema"


def test_the_pseudonymisation_is_in_the_audit_trail(beeindigd):
    bewaartermijn.pas_toe(jaren=5, vandaag=VANDAAG)
    event = AuditEvent.objects.get(gebeurtenis="client.gepseudonimiseerd")
    assert (event.client_id, event.actor_naam, event.kanaal) == (beeindigd.pk, "bewaartermijn", "opdracht")
    assert "bewaartermijn van 5 jaar" in event.tekst
    gewijzigd = AuditEvent.objects.filter(
        client_id=beeindigd.pk, actie="gewijzigd", actor_naam="bewaartermijn"
    )
    velden = {v for e in gewijzigd for v in e.velden}
    assert {"bsn", "achternaam", "toelichting"} <= velden


@pytest.mark.parametrize(
    "nog_lopend",
    [
        lambda noor: Toewijzing.objects.filter(client=noor).update(einddatum=dt.date(2020, 1, 1)),
        lambda noor: Toewijzing.objects.filter(client=noor).update(einddatum=None),
        lambda noor: Client.objects.filter(pk=noor.pk).update(aangemaakt_op=timezone.now()),
    ],
    ids=["ended-within-the-term", "toewijzing-open", "registered-recently"],
)
def test_a_case_within_the_term_is_kept(beeindigd, nog_lopend):
    nog_lopend(beeindigd)
    assert bewaartermijn.pas_toe(jaren=5, vandaag=VANDAAG).clienten == 0
    beeindigd.refresh_from_db()
    assert beeindigd.achternaam == "Noordermeer"


def test_a_second_run_changes_nothing(beeindigd):
    bewaartermijn.pas_toe(jaren=5, vandaag=VANDAAG)
    assert bewaartermijn.pas_toe(jaren=5, vandaag=VANDAAG).clienten == 0


def test_the_command_counts_with_proef_and_uses_the_configured_term(beeindigd, settings):
    settings.RESULTAAT_BEWAARTERMIJN_JAREN = 1
    uit = io.StringIO()
    call_command("bewaartermijn", "--proef", stdout=uit)
    assert uit.getvalue().startswith("1 cliënten zouden worden gepseudonimiseerd")
    assert Client.objects.get(pk=beeindigd.pk).achternaam == "Noordermeer"
    uit = io.StringIO()
    call_command("bewaartermijn", "--gemeente=0361", stdout=uit)
    assert uit.getvalue().startswith("1 cliënten gepseudonimiseerd")
    assert Client.objects.get(pk=beeindigd.pk).achternaam == "Gepseudonimiseerd"
