"""The beheer (Django admin at /beheer/): reference data only, every page opens for a superuser."""

import pytest
from django.contrib import admin
from django.urls import reverse

from resultaat.accounts.models import User
from resultaat.catalogus.models import Product, Resultaat, Subresultaat, Tarief, Tijdsband
from tests import factories as f

pytestmark = pytest.mark.django_db

REGISTERED = {
    "catalogus": {
        "resultaatdomein",
        "resultaat",
        "subresultaat",
        "aandachtspunt",
        "complexiteitniveau",
        "intensiteitniveau",
        "tijdsband",
        "meerpost",
        "product",
        "tarief",
        "normenkader",
    },
    "brieven": {"briefsjabloon"},
    "eigen_bijdrage": {"abonnementstarief", "eigenbijdrageinstelling", "gemeentetarief"},
    "toegang": {"toeganginstelling"},
    "contracten": {"contract"},
    "organisaties": {"regio", "gemeente", "aanbieder"},
    "accounts": {"user"},
    "ondersteuning": {"socialekaartvoorziening"},
}
MODELS = sorted((app, model) for app, models in REGISTERED.items() for model in models)


@pytest.fixture
def beheerder(client):
    user = f.UserFactory(username="beheer", rol="", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


def test_only_reference_data_is_in_the_admin():
    registered = {(m._meta.app_label, m._meta.model_name) for m in admin.site._registry}
    ours = {(app, model) for app, model in registered if app in REGISTERED or app.startswith("resultaat")}
    assert ours == set(MODELS)
    client_data_apps = {"clienten", "toegang", "toewijzingen", "audit", "werklijst"}
    # The one toegang model in the beheer holds a gemeente's settings, no client data.
    assert not {app for app, model in registered if model != "toeganginstelling"} & client_data_apps


@pytest.mark.parametrize(("app", "model"), MODELS)
def test_changelist_and_add_page_open(beheerder, app, model):
    assert beheerder.get(reverse(f"admin:{app}_{model}_changelist")).status_code == 200
    assert beheerder.get(reverse(f"admin:{app}_{model}_add")).status_code == 200


def test_admin_is_mounted_at_beheer_and_speaks_dutch(beheerder):
    response = beheerder.get("/beheer/")
    assert response.status_code == 200
    assert "Resultaatdomeinen" in response.text
    assert "Sociale kaart" in response.text


def test_product_page_shows_the_tariff_in_euros(beheerder):
    product = Product.objects.get(categorie="01", code="TO001")

    response = beheerder.get(reverse("admin:catalogus_product_change", args=[product.pk]))

    assert response.status_code == 200
    assert 'value="216,00"' in response.text
    changelist = beheerder.get(reverse("admin:catalogus_tarief_changelist"))
    assert "€ 216,00" in changelist.text


def test_a_tariff_entered_in_euros_is_stored_in_cents(beheerder):
    product = Product.objects.get(categorie="01", code="HOB2")

    response = beheerder.post(
        reverse("admin:catalogus_tarief_add"),
        {"product": product.pk, "bedrag_euro": "231,45", "periode": "4w", "geldig_van": "01-01-2025"},
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Tarief.objects.get(product=product).bedrag_cent == 23145


def test_seed_pages_open(beheerder):
    resultaat = Resultaat.objects.get(code="schoon-en-leefbaar-huis")
    subresultaat = Subresultaat.objects.get(code="administratie-en-geld")
    band = Tijdsband.objects.get(code="basis-plus-1")

    page = beheerder.get(reverse("admin:catalogus_resultaat_change", args=[resultaat.pk]))
    assert "Actieve signalering" in page.text
    page = beheerder.get(reverse("admin:catalogus_subresultaat_change", args=[subresultaat.pk]))
    assert "Anders, namelijk" in page.text
    page = beheerder.get(reverse("admin:catalogus_tijdsband_change", args=[band.pk]))
    assert "Extra vervuiling huisdier" in page.text


def _nieuwe_gebruiker(**extra):
    return {
        "username": "bob",
        "usable_password": "true",
        "password1": "een-lang-wachtwoord-42",
        "password2": "een-lang-wachtwoord-42",
        "first_name": "Bob",
        "last_name": "",
        "email": "",
        "rol": "aanbieder",
        **extra,
    }


def test_a_provider_user_is_added_with_its_aanbieder(beheerder):
    noord = f.AanbiederFactory(naam="Thuiszorg Noord")

    response = beheerder.post(reverse("admin:accounts_user_add"), _nieuwe_gebruiker(aanbieder=noord.pk))

    assert response.status_code == 302
    bob = User.objects.get(username="bob")
    assert (bob.rol, bob.aanbieder) == ("aanbieder", noord)


def test_a_provider_user_without_aanbieder_is_refused_with_a_message(beheerder):
    response = beheerder.post(reverse("admin:accounts_user_add"), _nieuwe_gebruiker())

    assert response.status_code == 200
    assert not User.objects.filter(username="bob").exists()
    assert "heeft de rol &#x27;aanbieder&#x27; en een aanbieder" in str(
        response.context["adminform"].form.errors
    )


def test_the_beheerder_edits_a_letter_text_and_a_broken_template_is_refused(beheerder):
    from resultaat.brieven.models import Briefsjabloon

    sjabloon = Briefsjabloon.objects.get(soort="toekenning", gemeente=None)
    url = reverse("admin:brieven_briefsjabloon_change", args=[sjabloon.pk])
    data = {"soort": "toekenning", "geldig_van": "01-01-2015", "onderwerp": "Uw besluit", "tekst": "{% if %}"}
    response = beheerder.post(url, data)
    assert response.status_code == 200
    assert "geen geldig sjabloon" in response.text
    response = beheerder.post(url, {**data, "tekst": "<p>{{ aanhef }},</p>"})
    assert response.status_code == 302
    sjabloon.refresh_from_db()
    assert sjabloon.tekst == "<p>{{ aanhef }},</p>"


def test_the_beheer_looks_like_the_rest_of_resultaat(client, beheerder):
    html = client.get(reverse("admin:index")).content.decode()
    assert "<title>Beheer – Resultaat beheer</title>" in html
    assert "Resultaat beheer" in html and "Django" not in html
    # The app's design tokens and colours, and a way back to the app.
    assert "design-tokens/dist/index.css" in html and "web/beheer.css" in html
    assert f'href="{reverse("web:home")}"' in html
