"""Payment basis per contract (seed 004): from the start message, or only with an agreed plan too."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from lxml import html

from resultaat.accounts.models import Rol
from resultaat.bekostiging import services as bk
from resultaat.bekostiging.models import Afrekenregel, Grondslag
from resultaat.ondersteuning.models import Ondersteuningsplan, PlanStatus
from tests import factories as f
from tests.bekostiging.helpers import D, maak_wereld

pytestmark = pytest.mark.django_db


def akkoord(t, op):
    Ondersteuningsplan.objects.create(toewijzing=t, opgesteld_op=op, status=PlanStatus.AKKOORD, akkoord_op=op)


def regel(t, code):
    return Afrekenregel.objects.get(toewijzing=t, periode__code=code)


def plan_wereld(termijn=14):
    w = maak_wereld()
    w.beleid_noord.grondslag = Grondslag.PLAN
    w.beleid_noord.plan_termijn_dagen = termijn
    w.beleid_noord.save()
    return w


def test_by_default_the_start_message_alone_is_the_basis_and_the_line_says_so(db):
    w = maak_wereld()
    t = w.toewijzing(D(2017, 1, 1))
    bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, "2017-P02"), door=w.fenna)
    r = regel(t, "2017-P02")
    assert (r.bedrag_cent, r.grondslag) == (21600, "start")
    assert "grondslag: de startmelding" in r.toelichting


def test_without_an_agreed_plan_only_the_grace_term_after_the_start_is_paid(db):
    w = plan_wereld(termijn=14)
    t = w.toewijzing(D(2017, 1, 29))  # first day of P02
    bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, "2017-P02"), door=w.fenna)
    r = regel(t, "2017-P02")
    assert (r.dagen, r.bedrag_cent, r.grondslag) == (14, 10800, "plan")
    assert (r.eerste_dag, r.laatste_dag) == (D(2017, 1, 29), D(2017, 2, 11))
    assert "akkoord ondersteuningsplan" in r.toelichting
    # P03 without a plan: nothing, and the reason is the missing plan, not "no care".
    res = bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, "2017-P03"), door=w.fenna)
    assert not Afrekenregel.objects.filter(run=res.run, toewijzing=t, periode__code="2017-P03").exists()
    assert bk.verschuldigd(t, bk.zoek_periode(w.gemeente, "2017-P03")).regel == "geen_plan"


def test_a_plan_agreed_within_the_term_pays_from_the_start_and_a_late_one_from_its_agreement(db):
    w = plan_wereld(termijn=14)
    op_tijd = w.toewijzing(D(2017, 1, 29))
    akkoord(op_tijd, D(2017, 2, 12))  # the day after the term: still contiguous
    laat = w.toewijzing(D(2017, 1, 29))
    akkoord(laat, D(2017, 2, 19))  # 7 days after the term: 19-02 .. 25-02 paid again
    bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, "2017-P02"), door=w.fenna)
    assert regel(op_tijd, "2017-P02").bedrag_cent == 21600
    r = regel(laat, "2017-P02")
    assert (r.dagen, r.bedrag_cent) == (21, 16200)
    assert (r.eerste_dag, r.laatste_dag) == (D(2017, 1, 29), D(2017, 2, 25))


def test_a_plan_agreed_after_a_period_was_settled_is_corrected_in_the_next_run(db):
    w = plan_wereld(termijn=0)
    t = w.toewijzing(D(2017, 1, 29))
    bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, "2017-P02"), door=w.fenna)
    assert not Afrekenregel.objects.filter(toewijzing=t).exists()
    akkoord(t, D(2017, 2, 12))
    bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, "2017-P03"), door=w.fenna)
    assert regel(t, "2017-P02").bedrag_cent == 10800 and regel(t, "2017-P03").bedrag_cent == 21600


def test_finance_and_the_provider_see_whose_payment_waits_for_a_plan_and_until_when(client, time_machine):
    time_machine.move_to(dt.datetime(2017, 3, 1, 10, 0, tzinfo=dt.UTC), tick=False)
    w = plan_wereld(termijn=14)
    wacht = w.toewijzing(D(2017, 1, 29))
    met_plan = w.toewijzing(D(2017, 1, 29))
    akkoord(met_plan, D(2017, 2, 5))
    recent = w.toewijzing(D(2017, 2, 25))
    w.toewijzing(D(2017, 1, 29), aanbieder=w.zuid)  # Zuid's contract pays on the start alone

    client.force_login(w.fenna)
    tekst = client.get(reverse("web:betaalbatch-list")).content.decode()
    assert "Betaling wacht op een akkoord ondersteuningsplan" in tekst
    tabel = html.fromstring(tekst).xpath("//table[@data-testid='wacht-op-plan']")[0]
    rijen = [
        [" ".join(td.text_content().split()) for td in tr.xpath("./td")] for tr in tabel.xpath(".//tbody/tr")
    ]
    assert [r[3] for r in rijen] == [str(wacht.nummer), str(recent.nummer)]
    assert rijen[0][4:] == ["29-01-2017", "11-02-2017", "Gestopt tot het plan akkoord is"]
    assert rijen[1][4:] == ["25-02-2017", "10-03-2017", "Loopt nog, plan nodig"]

    # The provider sees its own; another provider sees none of them.
    client.force_login(f.UserFactory(username="noord", rol=Rol.AANBIEDER, aanbieder=w.noord))
    assert wacht.client.naam in client.get(reverse("web:betaalbatch-list")).content.decode()
    client.force_login(f.UserFactory(username="zuid", rol=Rol.AANBIEDER, aanbieder=w.zuid))
    tekst = client.get(reverse("web:betaalbatch-list")).content.decode()
    assert "Betaling wacht op een akkoord" not in tekst and wacht.client.naam not in tekst
