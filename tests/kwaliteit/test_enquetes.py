"""The satisfaction survey: a link that works once and expires, answers that are the resident's."""

from __future__ import annotations

import datetime as dt
from io import BytesIO, StringIO

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader

from resultaat.accounts.models import Rol
from resultaat.brieven.models import Briefsjabloon, Briefsoort
from resultaat.kwaliteit.models import Afname, Enquete, Verzending
from resultaat.kwaliteit.services import enquete_cijfers
from resultaat.kwaliteit.services.enquetes import (
    ONBRUIKBAAR,
    Antwoorden,
    beantwoord_via_link,
    code_hash,
    leg_antwoorden_vast,
    open_enquete,
    te_enqueteren,
    verstuur,
)
from resultaat.ondersteuning.models import Evaluatie, EvaluatieMoment, ResultaatBehaald
from tests import factories as f

pytestmark = pytest.mark.django_db

GOED = Antwoorden(
    cijfer=8, resultaat="ja", respect="ja", betrouwbaar="deels", aanraden="ja", toelichting="Fijn"
)


@pytest.fixture
def carla(alkmaar):
    return f.UserFactory(username="carla", rol=Rol.CONTRACTMANAGER, gemeenten=[alkmaar])


def test_a_letter_carries_a_code_whose_hash_alone_is_stored_and_a_qr_code(noor, alice):
    verstuurd = verstuur(toewijzing=noor.toewijzingen.get(), verzending=Verzending.BRIEF, door=alice)

    enquete = verstuurd.enquete
    assert enquete.token_hash == code_hash(verstuurd.code)
    assert verstuurd.code.replace("-", "") not in enquete.token_hash
    assert verstuurd.brief is not None and verstuurd.brief.startswith(b"%PDF")
    assert open_enquete(verstuurd.code.lower().replace("-", " ")) == enquete


def test_an_email_sends_the_link_without_the_name(noor, alice):
    noor.email = "noor@example.org"
    noor.save()
    verstuurd = verstuur(toewijzing=noor.toewijzingen.get(), verzending=Verzending.EMAIL, door=alice)

    [bericht] = mail.outbox
    assert bericht.to == ["noor@example.org"]
    assert f"/enquete/?code={verstuurd.code}" in bericht.body
    assert "Noordermeer" not in bericht.body
    assert "Thuiszorg Noord" in bericht.body


def test_an_email_without_an_address_is_refused_and_nothing_is_saved(noor, alice):
    with pytest.raises(ValidationError, match="geen e-mailadres"):
        verstuur(toewijzing=noor.toewijzingen.get(), verzending=Verzending.EMAIL, door=alice)
    assert not Enquete.objects.exists()


def test_the_link_answers_once(noor, alice):
    verstuurd = verstuur(toewijzing=noor.toewijzingen.get(), verzending=Verzending.BRIEF, door=alice)

    enquete = beantwoord_via_link(code=verstuurd.code, antwoorden=GOED)

    assert (enquete.cijfer, enquete.afname, enquete.toelichting) == (8, Afname.LINK, "Fijn")
    assert open_enquete(verstuurd.code) is None
    with pytest.raises(ValidationError, match=ONBRUIKBAAR):
        beantwoord_via_link(code=verstuurd.code, antwoorden=GOED)
    enquete.refresh_from_db()
    assert enquete.cijfer == 8


def test_the_link_expires(noor, alice, settings):
    settings.RESULTAAT_ENQUETE_GELDIG_WEKEN = 6
    verstuurd = verstuur(toewijzing=noor.toewijzingen.get(), verzending=Verzending.BRIEF, door=alice)
    later = timezone.now() + dt.timedelta(weeks=6, minutes=1)

    assert open_enquete(verstuurd.code, nu=later) is None
    with pytest.raises(ValidationError, match=ONBRUIKBAAR):
        beantwoord_via_link(code=verstuurd.code, antwoorden=GOED, nu=later)


def test_an_unknown_code_says_the_same_as_a_used_one(noor):
    with pytest.raises(ValidationError, match=ONBRUIKBAAR):
        beantwoord_via_link(code="AAAA-BBBB-CCCC-DDDD", antwoorden=GOED)


def test_a_provider_can_neither_record_nor_change_answers(noor, bob, alice):
    toewijzing = noor.toewijzingen.get()
    with pytest.raises(PermissionDenied):
        leg_antwoorden_vast(door=bob, afname=Afname.TELEFOON, antwoorden=GOED, toewijzing=toewijzing)
    enquete = leg_antwoorden_vast(door=alice, afname=Afname.TELEFOON, antwoorden=GOED, toewijzing=toewijzing)
    with pytest.raises(PermissionDenied):
        leg_antwoorden_vast(door=bob, afname=Afname.TELEFOON, antwoorden=GOED, enquete=enquete)


def test_staff_record_a_phone_survey_with_their_name_and_the_answers_stay(noor, alice, carla):
    verstuurd = verstuur(toewijzing=noor.toewijzingen.get(), verzending=Verzending.BRIEF, door=alice)

    enquete = leg_antwoorden_vast(
        door=carla, afname=Afname.TELEFOON, antwoorden=GOED, enquete=verstuurd.enquete
    )

    assert enquete.ingevoerd_door == carla and enquete.afname == Afname.TELEFOON
    # The letter's link no longer works, and nobody overwrites the answers.
    assert open_enquete(verstuurd.code) is None
    with pytest.raises(ValidationError, match="al beantwoord"):
        leg_antwoorden_vast(
            door=alice,
            afname=Afname.HUISBEZOEK,
            antwoorden=Antwoorden(3, "nee", "nee", "nee", "nee"),
            enquete=enquete,
        )


def test_a_second_survey_while_one_is_open_is_refused(noor, alice):
    toewijzing = noor.toewijzingen.get()
    verstuur(toewijzing=toewijzing, verzending=Verzending.BRIEF, door=alice)
    with pytest.raises(ValidationError, match="al een tevredenheidsonderzoek open"):
        verstuur(toewijzing=toewijzing, verzending=Verzending.BRIEF, door=alice)


def test_bad_answers_are_refused_in_dutch(noor, alice):
    with pytest.raises(ValidationError) as fout:
        leg_antwoorden_vast(
            door=alice,
            afname=Afname.TELEFOON,
            antwoorden=Antwoorden(11, "misschien", "ja", "ja", "ja"),
            toewijzing=noor.toewijzingen.get(),
        )
    assert fout.value.message_dict["cijfer"] == ["Kies een cijfer van 1 tot en met 10."]
    assert fout.value.message_dict["resultaat"] == ["Kies een antwoord."]
    assert not Enquete.objects.exists()


def test_the_response_rate_follows_sent_and_answered(noor, zeger, alice, noord):
    eerste = verstuur(toewijzing=noor.toewijzingen.get(), verzending=Verzending.BRIEF, door=alice)
    verstuur(toewijzing=zeger.toewijzingen.get(), verzending=Verzending.BRIEF, door=alice)
    beantwoord_via_link(code=eerste.code, antwoorden=GOED)
    vandaag = timezone.localdate()

    rijen = enquete_cijfers(vandaag, vandaag + dt.timedelta(days=1))

    assert sorted((r.verstuurd, r.beantwoord) for r in rijen) == [(1, 0), (1, 1)]
    [van_noord] = [r for r in rijen if r.aanbieder_id == noord.pk]
    assert van_noord.respons == 1.0 and van_noord.cijfer_gemiddeld == 8


def test_the_daily_run_sends_after_the_end_and_yearly_by_mail_or_one_letter_file(alkmaar, noord, tmp_path):
    vandaag = timezone.localdate()
    geeindigd = f.ToewijzingFactory(
        client=f.ClientFactory(gemeente=alkmaar, email="a@example.org"),
        aanbieder=noord,
        ingangsdatum=vandaag - dt.timedelta(days=200),
        einddatum=vandaag - dt.timedelta(days=3),
    )
    f.LeveringFactory(toewijzing=geeindigd)
    eind_evaluatie(geeindigd, vandaag - dt.timedelta(days=1))
    lopend = f.ToewijzingFactory(
        client=f.ClientFactory(gemeente=alkmaar),
        aanbieder=noord,
        ingangsdatum=vandaag - dt.timedelta(days=400),
    )
    f.LeveringFactory(toewijzing=lopend)
    nieuw = f.ToewijzingFactory(
        client=f.ClientFactory(gemeente=alkmaar),
        aanbieder=noord,
        ingangsdatum=vandaag - dt.timedelta(days=30),
    )
    f.LeveringFactory(toewijzing=nieuw)

    call_command("enquetes_versturen", "--map", str(tmp_path), stdout=StringIO())

    assert {(e.toewijzing_id, e.aanleiding, e.verzending) for e in Enquete.objects.all()} == {
        (geeindigd.pk, "einde", "email"),
        (lopend.pk, "jaarlijks", "brief"),
    }
    assert len(mail.outbox) == 1
    [pdf] = tmp_path.iterdir()
    assert pdf.read_bytes().startswith(b"%PDF")
    # A second run the same day sends nothing again.
    call_command("enquetes_versturen", "--map", str(tmp_path), stdout=StringIO())
    assert Enquete.objects.count() == 2


def test_the_invitation_letter_is_a_tagged_dutch_pdf(noor, alice):
    brief = verstuur(toewijzing=noor.toewijzingen.get(), verzending=Verzending.BRIEF, door=alice).brief
    lezer = PdfReader(BytesIO(brief))
    assert lezer.trailer["/Root"]["/Lang"] == "nl-NL"
    assert "/StructTreeRoot" in lezer.trailer["/Root"]
    assert "vul deze code in" in lezer.pages[0].extract_text()


def test_the_beheerder_writes_the_invitation_letter_and_the_code_and_qr_stay(noor, alice):
    zonder_code = Briefsjabloon(
        soort=Briefsoort.ENQUETE,
        gemeente=noor.gemeente,
        geldig_van=dt.date(2020, 1, 1),
        onderwerp="Uw mening telt",
        tekst="<p>Beste inwoner, doe mee met ons onderzoek naar {{ aanbieder }}.</p>",
    )
    with pytest.raises(ValidationError, match="meedoen"):
        zonder_code.full_clean()
    zonder_code.tekst += "<p>Zo doet u mee:</p>{{ meedoen }}<p>Groet, team Wmo {{ gemeente.naam }}</p>"
    zonder_code.full_clean()
    zonder_code.save()

    brief = verstuur(toewijzing=noor.toewijzingen.get(), verzending=Verzending.BRIEF, door=alice).brief
    tekst = " ".join(PdfReader(BytesIO(brief)).pages[0].extract_text().split())
    assert "doe mee met ons onderzoek naar" in tekst
    assert "Uw mening telt" in tekst
    # The app's own block (code, web address) is where the text put it, before the greeting.
    assert tekst.index("vul deze code in") < tekst.index("Groet, team Wmo")


def eind_evaluatie(toewijzing, datum):
    return Evaluatie.objects.create(
        toewijzing=toewijzing,
        datum=datum,
        resultaat_behaald=ResultaatBehaald.JA,
        moment=EvaluatieMoment.EINDE,
    )


def test_the_end_survey_waits_for_the_end_evaluation(alkmaar, noord):
    """The resident is asked after the end evaluation; without one, four weeks after the end date."""
    vandaag = timezone.localdate()

    def geeindigd(dagen_geleden: int):
        t = f.ToewijzingFactory(
            client=f.ClientFactory(gemeente=alkmaar),
            aanbieder=noord,
            ingangsdatum=vandaag - dt.timedelta(days=300),
            einddatum=vandaag - dt.timedelta(days=dagen_geleden),
        )
        f.LeveringFactory(toewijzing=t)
        return t

    wacht = geeindigd(3)  # ended, not evaluated yet: no survey before the evaluation
    geevalueerd = geeindigd(10)
    eind_evaluatie(geevalueerd, vandaag - dt.timedelta(days=2))
    vooraf = geeindigd(2)  # evaluated before the end: the survey follows the end
    eind_evaluatie(vooraf, vandaag - dt.timedelta(days=20))
    tussentijds = geeindigd(5)  # an interim evaluation is not the end evaluation
    Evaluatie.objects.create(toewijzing=tussentijds, datum=vandaag, resultaat_behaald=ResultaatBehaald.JA)
    nooit = geeindigd(30)  # four weeks after the end without an end evaluation: asked all the same
    lang_geleden = geeindigd(90)
    eind_evaluatie(lang_geleden, vandaag - dt.timedelta(days=60))

    gekozen = {t.pk for t, aanleiding in te_enqueteren(vandaag) if aanleiding == "einde"}

    assert gekozen == {geevalueerd.pk, vooraf.pk, nooit.pk}
    assert wacht.pk not in gekozen and tussentijds.pk not in gekozen and lang_geleden.pk not in gekozen
    eind_evaluatie(wacht, vandaag)  # recorded today: the survey goes out tomorrow
    assert wacht.pk not in {t.pk for t, _ in te_enqueteren(vandaag)}
    assert wacht.pk in {t.pk for t, _ in te_enqueteren(vandaag + dt.timedelta(days=1))}
