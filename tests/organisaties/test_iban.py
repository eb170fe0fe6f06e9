"""A provider's IBAN: a change is proposed, confirmed by a second person, and audited (finding P3)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from resultaat.accounts.models import Rol
from resultaat.core.audit.models import Actie, AuditEvent
from resultaat.organisaties import services as org
from resultaat.organisaties.models import Aanbieder, masker_iban
from tests import factories as f

OUD = "NL91ABNA0417164300"
NIEUW = "NL02ABNA0123456789"


@pytest.fixture
def noord(db):
    return f.AanbiederFactory(agb_code="98000001", naam="Thuiszorg Noord", iban=OUD)


@pytest.fixture
def fenna(db):
    return f.UserFactory(username="fenna", rol=Rol.FINANCIEEL)


@pytest.fixture
def frank(db):
    return f.UserFactory(username="frank", rol=Rol.FINANCIEEL)


def _events(aanbieder):
    return list(
        AuditEvent.objects.filter(actie=Actie.GEBEURTENIS, object_id=str(aanbieder.pk)).order_by("id")
    )


def test_an_iban_is_masked_to_its_last_four_characters():
    assert masker_iban(OUD) == "****4300"
    assert masker_iban("") == "-"


def test_a_new_iban_takes_effect_only_when_a_second_person_confirms_it(noord, fenna, frank):
    org.stel_iban_voor(aanbieder=noord, iban=NIEUW, door=fenna)
    noord.refresh_from_db()
    assert noord.iban == OUD and noord.iban_voorgesteld == NIEUW and noord.iban_voorgesteld_door == "fenna"

    with pytest.raises(ValidationError, match="iemand anders"):
        org.bevestig_iban(aanbieder=noord, door=fenna)
    noord.refresh_from_db()
    assert noord.iban == OUD

    org.bevestig_iban(aanbieder=noord, door=frank)
    noord.refresh_from_db()
    assert noord.iban == NIEUW and noord.iban_voorgesteld == "" and noord.iban_voorgesteld_op is None

    voorgesteld, gewijzigd = _events(noord)
    assert voorgesteld.gebeurtenis == "aanbieder.iban_voorgesteld" and voorgesteld.actor_naam == "fenna"
    assert voorgesteld.tekst == (
        "Nieuw IBAN voor Thuiszorg Noord voorgesteld: ****4300 wordt ****6789; wacht op bevestiging"
    )
    assert gewijzigd.gebeurtenis == "aanbieder.iban_gewijzigd" and gewijzigd.actor_naam == "frank"
    assert gewijzigd.tekst == (
        "IBAN van Thuiszorg Noord gewijzigd van ****4300 naar ****6789; voorgesteld door fenna"
    )
    assert OUD not in gewijzigd.tekst and NIEUW not in gewijzigd.tekst


def test_the_iban_cannot_be_changed_around_the_confirmation(noord):
    noord.iban = NIEUW
    with pytest.raises(ValidationError, match="tweede persoon"):
        noord.save()
    with pytest.raises(ValidationError, match="tweede persoon"):
        Aanbieder.objects.filter(pk=noord.pk).update(iban=NIEUW)
    with pytest.raises(ValidationError, match="tweede persoon"):
        Aanbieder.objects.bulk_update([noord], ["iban"])
    noord.refresh_from_db()
    assert noord.iban == OUD and not _events(noord)
    noord.naam = "Thuiszorg Noord BV"
    noord.save()  # other fields save as before


def test_an_invalid_or_unchanged_iban_is_not_proposed(noord, fenna):
    with pytest.raises(ValidationError, match="ongeldig"):
        org.stel_iban_voor(aanbieder=noord, iban="NL00ABNA0000000000", door=fenna)
    with pytest.raises(ValidationError, match="al het IBAN"):
        org.stel_iban_voor(aanbieder=noord, iban=OUD, door=fenna)
    assert not _events(noord)


def test_a_proposal_can_be_withdrawn(noord, fenna, frank):
    org.stel_iban_voor(aanbieder=noord, iban=NIEUW, door=fenna)
    org.trek_iban_voorstel_in(aanbieder=noord, door=frank)
    noord.refresh_from_db()
    assert noord.iban == OUD and noord.iban_voorgesteld == ""
    assert (
        _events(noord)[-1].tekst
        == "Voorgesteld IBAN ****6789 voor Thuiszorg Noord ingetrokken; het IBAN blijft ****4300"
    )
    with pytest.raises(ValidationError, match="geen nieuw IBAN"):
        org.bevestig_iban(aanbieder=noord, door=frank)


def _formulier(a, **wijzig):
    data = {
        "naam": a.naam,
        "agb_code": a.agb_code,
        "kvk_nummer": a.kvk_nummer,
        "iban_voorgesteld": a.iban_voorgesteld,
        "straat": "",
        "huisnummer": "",
        "postcode": "",
        "plaats": "",
        "telefoon": "",
        "email": "",
    }
    data.update(wijzig)
    return data


def test_in_the_beheer_a_new_iban_is_proposed_and_a_second_beheerder_confirms_it(noord, client):
    anna = f.UserFactory(username="anna", is_superuser=True, is_staff=True)
    bert = f.UserFactory(username="bert", is_superuser=True, is_staff=True)
    url = reverse("admin:organisaties_aanbieder_change", args=[noord.pk])
    client.force_login(anna)
    # A posted "iban" is ignored: the field is read only once the provider exists.
    response = client.post(url, _formulier(noord, iban=NIEUW, iban_voorgesteld=NIEUW))
    assert response.status_code == 302, response.context["adminform"].form.errors
    noord.refresh_from_db()
    assert noord.iban == OUD and noord.iban_voorgesteld == NIEUW and noord.iban_voorgesteld_door == "anna"

    wijzigen = reverse("admin:organisaties_aanbieder_changelist")
    actie = {"action": "bevestig_iban", "_selected_action": [noord.pk]}
    client.post(wijzigen, actie)
    noord.refresh_from_db()
    assert noord.iban == OUD  # anna may not confirm her own proposal

    client.force_login(bert)
    client.post(wijzigen, actie)
    noord.refresh_from_db()
    assert noord.iban == NIEUW
    assert [e.gebeurtenis for e in _events(noord)] == [
        "aanbieder.iban_voorgesteld",
        "aanbieder.iban_gewijzigd",
    ]
    assert _events(noord)[-1].actor_naam == "bert"


def test_in_the_beheer_the_current_iban_is_not_proposed_again(noord, client):
    client.force_login(f.UserFactory(username="anna", is_superuser=True, is_staff=True))
    url = reverse("admin:organisaties_aanbieder_change", args=[noord.pk])
    response = client.post(url, _formulier(noord, iban_voorgesteld=OUD))
    assert response.status_code == 200 and "al het IBAN" in response.content.decode()
