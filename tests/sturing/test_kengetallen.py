"""The figures per period a contract manager steers by: computed from what happened, kept after the
cases behind them are gone from the daily recomputation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Max, Sum
from django.utils import timezone

from resultaat.bekostiging import services as bk
from resultaat.kwaliteit.models import Afname, Enquete, Klacht, KlachtCategorie, Verzending
from resultaat.kwaliteit.services.cijfers import enquete_cijfers, klacht_cijfers
from resultaat.ondersteuning.models import Evaluatie, ResultaatBehaald, Signaal, SignaalSoort
from resultaat.sturing.berekenen import VELDEN as ALLE_VELDEN
from resultaat.sturing.models import AanbiederKengetal, GemeenteKengetal, Kengetal
from resultaat.sturing.services import bijwerken
from resultaat.toewijzingen import services as tw
from tests import factories as f
from tests.bekostiging.helpers import D, maak_wereld

pytestmark = pytest.mark.django_db

VELDEN = (
    "actief",
    "nieuw",
    "beeindigd",
    "uitgaven_cent",
    "betaalde_clienten",
    "evaluaties",
    "behaald",
    "overstap_in",
    "overstap_uit",
    "starts",
    "startdagen",
    "signalen",
    "klachten",
    "tevredenheid_aantal",
    "tevredenheid_som",
    "wachtenden",
)


def moment(d: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(d, dt.time(10)))


def figuren(periode: str, aanbieder) -> dict[str, int]:
    qs = Kengetal.objects.filter(periode_code=periode, aanbieder=aanbieder)
    return qs.aggregate(**{v: Sum(v) for v in VELDEN})


@pytest.fixture
def wereld():
    """Alkmaar, 2017 (P01 = 1-28 January, P02 = 29 January - 25 February): three clients.

    anna at Noord: decided 2 January, starts 12 January (10 days), reached her result (10 February).
    bert at Noord: decided 2 January, starts 2 January, switches to Zuid on 5 February (P02).
    cor at Zuid: decided 2 January, not started: waiting at the end of P01.
    """
    w = maak_wereld()
    bk.genereer_kalender(w.gemeente, 2017)

    def toewijzing(aanbieder, start):
        t = tw.maak_toewijzing(
            door=w.fenna,
            client=f.ClientFactory(gemeente=w.gemeente),
            aanbieder=aanbieder,
            product=w.product,
            ingangsdatum=D(2017, 1, 2),
            moment=moment(D(2017, 1, 2)),
        )
        if start:
            tw.meld_start(door=w.fenna, toewijzing=t, begindatum=start)
        return t

    w.anna = toewijzing(w.noord, D(2017, 1, 12))
    w.bert = toewijzing(w.noord, D(2017, 1, 2))
    w.cor = toewijzing(w.zuid, None)
    w.bert_zuid = tw.wissel_aanbieder(
        door=w.fenna,
        toewijzing=w.bert,
        nieuwe_aanbieder=w.zuid,
        per=D(2017, 2, 5),
        moment=moment(D(2017, 2, 1)),
    )
    tw.meld_start(door=w.fenna, toewijzing=w.bert_zuid, begindatum=D(2017, 2, 5))
    Evaluatie.objects.create(toewijzing=w.anna, datum=D(2017, 2, 10), resultaat_behaald=ResultaatBehaald.JA)
    Evaluatie.objects.create(toewijzing=w.bert, datum=D(2017, 2, 3), resultaat_behaald=ResultaatBehaald.NEE)
    Signaal.objects.create(
        client=w.anna.client,
        aanbieder=w.noord,
        toewijzing=w.anna,
        soort=SignaalSoort.EENZAAMHEID,
        toelichting="Zit veel alleen",
        gemeld_op=moment(D(2017, 1, 20)),
    )
    Klacht.objects.create(
        gemeente=w.gemeente,
        aanbieder=w.zuid,
        client=w.cor.client,
        ontvangen_op=D(2017, 2, 8),
        categorie=KlachtCategorie.WACHTTIJD,
        onderwerp="Nog steeds geen hulp",
        omschrijving="Ik wacht al weken.",
        uiterlijk=D(2017, 3, 22),
    )
    Enquete.objects.create(
        gemeente=w.gemeente,
        aanbieder=w.noord,
        client=w.anna.client,
        toewijzing=w.anna,
        verzending=Verzending.GEEN,
        verzonden_op=D(2017, 1, 20),
        beantwoord_op=moment(D(2017, 1, 20)),
        afname=Afname.TELEFOON,
        cijfer=8,
    )
    run = bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, "2017-P01"), door=w.fenna).run
    bk.keur_goed(run=run, door=w.frank)
    return w


def test_each_figure_comes_from_what_happened_in_its_period(wereld):
    w = wereld
    uitkomst = bijwerken(D(2016, 12, 1), w.gemeente.pk)
    assert uitkomst.perioden == 13

    noord_p01 = figuren("2017-P01", w.noord)
    # Two clients in care, both new; anna waited 10 days, bert none; one signal; one survey graded 8.
    assert noord_p01["actief"] == 2 and noord_p01["nieuw"] == 2 and noord_p01["beeindigd"] == 0
    assert (noord_p01["starts"], noord_p01["startdagen"]) == (2, 10)
    assert noord_p01["signalen"] == 1
    assert (noord_p01["tevredenheid_aantal"], noord_p01["tevredenheid_som"]) == (1, 8)
    # The approved run of P01 paid Noord for both clients (pro rata from their start).
    assert noord_p01["betaalde_clienten"] == 2
    assert (
        noord_p01["uitgaven_cent"]
        == bk.verschuldigd(w.anna, "2017-P01").bedrag_cent + bk.verschuldigd(w.bert, "2017-P01").bedrag_cent
    )

    zuid_p01 = figuren("2017-P01", w.zuid)
    assert zuid_p01["wachtenden"] == 1  # cor, not started at the end of P01
    assert zuid_p01["uitgaven_cent"] == 0

    noord_p02, zuid_p02 = figuren("2017-P02", w.noord), figuren("2017-P02", w.zuid)
    # bert voted with his feet: out at Noord, in at Zuid, in the period his new toewijzing began.
    assert (noord_p02["overstap_uit"], noord_p02["overstap_in"]) == (1, 0)
    assert (zuid_p02["overstap_in"], zuid_p02["overstap_uit"]) == (1, 0)
    assert noord_p02["beeindigd"] == 1
    # Two evaluations of Noord's toewijzingen in P02, one reached; P02 has no approved run: no spend.
    assert (noord_p02["evaluaties"], noord_p02["behaald"]) == (2, 1)
    assert noord_p02["uitgaven_cent"] == 0
    assert zuid_p02["klachten"] == 1
    # Counted as the quality component counts them.
    p01, p02 = bk.zoek_periode(w.gemeente, "2017-P01"), bk.zoek_periode(w.gemeente, "2017-P02")
    [klachten] = klacht_cijfers(p02.begin, p02.eind, gemeente_ids=[w.gemeente.pk])
    assert (klachten.aanbieder_id, klachten.ontvangen) == (w.zuid.pk, zuid_p02["klachten"])
    [enquetes] = enquete_cijfers(p01.begin, p01.eind, gemeente_ids=[w.gemeente.pk])
    assert enquetes.cijfer_gemiddeld == noord_p01["tevredenheid_som"] / noord_p01["tevredenheid_aantal"]
    assert zuid_p02["actief"] == 2  # bert from 5 February, cor (decided, not yet started)


def test_the_daily_run_leaves_older_periods_as_they_were(wereld):
    """The figures survive the removal of the personal data: the daily run recomputes recent periods only."""
    w = wereld
    bijwerken(D(2016, 12, 1), w.gemeente.pk)
    voor = figuren("2017-P01", w.noord)
    # The cases behind the figures go (as after the retention term): the evaluations and signal are removed.
    Evaluatie.objects.all().delete()
    Signaal.objects.all().delete()
    per_aanbieder = AanbiederKengetal.objects.filter(periode_code="2017-P01", aanbieder=w.noord)
    per_aanbieder = per_aanbieder.values(*VELDEN)
    voor_per_aanbieder = list(per_aanbieder)
    call_command("sturing_bijwerken")
    assert figuren("2017-P01", w.noord) == voor
    assert list(per_aanbieder) == voor_per_aanbieder
    # A full recomputation from the sources would now lose them.
    bijwerken(D(2016, 12, 1), w.gemeente.pk)
    assert figuren("2017-P02", w.noord)["evaluaties"] == 0


def optellingen(qs, *groep):
    velden = {v: Max(v) if v == "wachttijd_dagen" else Sum(v) for v in ALLE_VELDEN}
    return {tuple(r[g] for g in groep): r for r in qs.values(*groep).annotate(**velden).order_by(*groep)}


def test_the_sums_per_provider_and_per_gemeente_equal_the_detailed_rows(wereld):
    """The dashboards read the coarser levels: every figure there is the sum (the longest wait the
    maximum) of the detailed rows per product, and they are written by the same run."""
    w = wereld
    bijwerken(D(2016, 12, 1), w.gemeente.pk)
    fijn = optellingen(Kengetal.objects.all(), "periode_id", "aanbieder_id")
    grof = {
        (r["periode_id"], r["aanbieder_id"]): r
        for r in AanbiederKengetal.objects.values("periode_id", "aanbieder_id", *ALLE_VELDEN)
    }
    assert grof == fijn
    assert fijn[(bk.zoek_periode(w.gemeente, "2017-P01").pk, w.noord.pk)]["actief"] == 2
    per_periode = optellingen(Kengetal.objects.all(), "periode_id")
    gemeente = {(r["periode_id"],): r for r in GemeenteKengetal.objects.values("periode_id", *ALLE_VELDEN)}
    assert gemeente == per_periode
    assert GemeenteKengetal.objects.get(periode_code="2017-P02").aanbieders == 2


def test_all_gemeenten_at_once_give_the_same_figures_as_one_by_one(wereld):
    w = wereld
    velden = ("periode_id", "aanbieder_id", "product_id", *ALLE_VELDEN)
    bijwerken(D(2016, 12, 1), w.gemeente.pk)
    een = sorted(Kengetal.objects.values_list(*velden), key=str)
    uitkomst = bijwerken(D(2016, 12, 1))
    assert sorted(Kengetal.objects.values_list(*velden), key=str) == een
    assert uitkomst.regels == len(een) > 0


def test_a_deleted_or_returned_toewijzing_does_not_count(wereld):
    w = wereld
    f.ToewijzingFactory(
        client=f.ClientFactory(gemeente=w.gemeente),
        aanbieder=w.noord,
        product=w.product,
        ingangsdatum=D(2017, 1, 9),
        geretourneerd=True,
    )
    bijwerken(D(2016, 12, 1), w.gemeente.pk)
    assert figuren("2017-P01", w.noord)["actief"] == 2


def test_the_command_says_what_is_wrong_with_its_input(db):
    with pytest.raises(CommandError, match="geen datum"):
        call_command("sturing_bijwerken", "--vanaf", "gisteren")
    with pytest.raises(CommandError, match="geen gemeente"):
        call_command("sturing_bijwerken", "--gemeente", "9999")


def test_a_period_with_figures_cannot_be_deleted(wereld):
    """The figures' references are checked by Django (the database holds no constraint for them)."""
    from django.db.models import ProtectedError

    w = wereld
    bijwerken(D(2016, 12, 1), w.gemeente.pk)
    with pytest.raises(ProtectedError) as fout:
        bk.zoek_periode(w.gemeente, "2017-P02").delete()
    soorten = {type(o) for o in fout.value.protected_objects}
    assert {Kengetal, AanbiederKengetal, GemeenteKengetal} <= soorten
