"""The seed catalogue as the contractmanager and the consulent find it after `migrate` (seeds 000-003)."""

import datetime as dt

import pytest
from django.apps import apps

from resultaat.catalogus import seed, seed_laden
from resultaat.catalogus.models import (
    Aandachtspunt,
    ComplexiteitNiveau,
    IntensiteitNiveau,
    Meerpost,
    Product,
    Resultaat,
    ResultaatDomein,
    Subresultaat,
    Tarief,
    Tijdsband,
)

D = dt.date

pytestmark = pytest.mark.django_db


def test_thuisondersteuning_costs_216_euro_per_cak_period_in_2017_only():
    product = Product.objects.get(categorie="01", code="TO001")

    assert product.naam == "Thuisondersteuning"
    assert product.resultaat.code == "schoon-en-leefbaar-huis"
    assert (product.eenheid, product.frequentie) == ("82", "4")
    tarief = product.tarief_op(D(2017, 6, 1))
    assert tarief is not None
    assert tarief.bedrag_cent == 21600
    assert tarief.get_periode_display() == "per periode van 4 weken"
    assert str(tarief) == "€ 216,00 per periode van 4 weken"
    assert product.tarief_op(D(2016, 12, 31)) is None
    assert product.tarief_op(D(2018, 1, 1)) is None
    assert product.tarief_op(D(2018, 6, 1)) is None


def test_no_tariff_is_invented_for_products_no_source_gives_an_amount_for():
    # Seed 000's Thuisondersteuning; begeleiding licht and midden from domain/NOTES.md 4.3 (per 4 weeks).
    assert sorted(Tarief.objects.values_list("product__code", "bedrag_cent")) == [
        ("BGL", 34413),
        ("BGM", 103239),
        ("TO001", 21600),
    ]


def test_schoon_en_leefbaar_huis_carries_the_plus_of_seed_000():
    resultaat = Resultaat.objects.get(code="schoon-en-leefbaar-huis")

    assert resultaat.naam == "Schoon en leefbaar huis"
    assert resultaat.domein.naam == "Zelfstandig en veilig wonen"
    for wording in (
        "Preventie,",
        "Actieve signalering,",
        "Het versterken van de regie (coaching)",
        "Het actief ondersteunen van de cliënt bij het leggen van verbindingen met reeds aanwezig "
        "voorliggende voorzieningen",
        "Samen met de cliënt wordt een boodschappenlijst gemaakt",
        "Er wordt gesignaleerd dat de cliënt mogelijk eenzaam is.",
        "De cliënt wordt in contact gebracht met bijvoorbeeld het buurthuis",
    ):
        assert wording in resultaat.plus
    assert "Het gaat niet over het aantal uren" in resultaat.omschrijving
    assert resultaat.bron.startswith("seed 000 Thuisondersteuning")


def test_the_three_bands_reproduce_the_table_of_seed_003():
    banden = Tijdsband.objects.geldig_op(D(2025, 1, 1)).filter(resultaat__code="schoon-en-leefbaar-huis")

    assert [(b.code, b.naam, b.min_minuten, b.max_minuten) for b in banden] == [
        ("basis-1", "Basis -1", 60, 90),
        ("basis", "Basis", 91, 130),
        ("basis-plus-1", "Basis+1", 131, 260),
    ]
    assert not Tijdsband.objects.geldig_op(D(2024, 12, 31)).exists()
    basis_min_1, basis, basis_plus_1 = banden
    assert basis_min_1.omschrijving == (
        "Cliënt/netwerk kan zelf lichte en middelzware taken uitvoeren, en/of er is sprake van een kleine "
        "woning/zorgstudio"
    )
    assert basis.situatie == "Basis-cliëntsituatie, volledige overname"
    assert basis.opmerkingen == (
        "Gemiddelde woonsituatie, (zie beschrijving in mailbericht) bij gemiddelde cliëntsituatie"
    )
    assert basis_plus_1.omschrijving == "Volledige overname met verzwarende factoren die leiden tot meerwerk"
    assert [b.naam for b in banden if b.omvat(130)] == ["Basis"]
    assert [b.naam for b in banden if b.omvat(131)] == ["Basis+1"]


def test_basis_plus_1_has_the_five_meerposten_of_seed_003():
    band = Tijdsband.objects.get(code="basis-plus-1")

    assert [(m.code, m.naam) for m in band.meerposten.all()] == [
        ("beperkingen", "Beperkingen/belemmeringen cliënt (enig of veel extra inzet)"),
        ("samenstelling-huishouden", "Samenstelling huishouden"),
        ("extra-kamer-in-gebruik", "Extra kamer 'in gebruik'"),
        ("extra-kamer-niet-in-gebruik", "Extra kamer 'niet in gebruik'"),
        ("huisdier", "Extra vervuiling huisdier"),
    ]
    assert Meerpost.objects.exclude(tijdsband=band).count() == 0


def test_each_band_is_a_product_from_2025():
    producten = Product.objects.filter(categorie="01", code__startswith="HOB").order_by("code")

    assert [(p.code, p.tijdsband.code, p.geldig_van) for p in producten] == [
        ("HOB1", "basis-1", D(2025, 1, 1)),
        ("HOB2", "basis", D(2025, 1, 1)),
        ("HOB3", "basis-plus-1", D(2025, 1, 1)),
    ]
    assert {p.resultaat.code for p in producten} == {"schoon-en-leefbaar-huis"}


def test_the_four_results_of_seed_002_exist():
    namen = dict(Resultaat.objects.filter(code__in=seed.RESULTAAT_CODES_SEED_002).values_list("code", "naam"))

    assert namen == {
        "schoon-en-leefbaar-huis": "Schoon en leefbaar huis",
        "voedsel-en-kleding": "Beschikken over voedsel en/of kleding",
        "structuur-huishouden": "Structuur in het huishouden",
        "sociaal-netwerk-opbouwen": "Ondersteunen bij het opbouwen van een sociaal netwerk",
    }


def test_the_domains_of_the_resultatenmatrix_in_order():
    assert list(ResultaatDomein.objects.values_list("code", "naam")) == [
        ("zelfstandig-veilig-wonen", "Zelfstandig en veilig wonen"),
        ("zelfverzorging", "Zelfverzorging"),
        ("zinvolle-daginvulling", "Zinvolle daginvulling"),
        ("mantelzorg-netwerk", "Mantelzorg, ondersteund netwerk"),
    ]


def test_every_ro_2017_result_has_a_subresult_with_aandachtspunten():
    for code in seed.RO2017_RESULTAAT_CODES:
        subresultaten = Subresultaat.objects.filter(resultaat__code=code)
        assert subresultaten.count() == 1, code
        assert subresultaten.get().aandachtspunten.count() >= 1, code
    assert len(seed.RO2017_RESULTAAT_CODES) == 11


def test_ro_2017_wording_is_as_in_seed_001():
    administratie = Subresultaat.objects.get(code="administratie-en-geld")
    assert administratie.omschrijving == (
        "De administratie van de cliënt en het beheer van zijn geld zijn op orde."
    )
    assert list(administratie.aandachtspunten.values_list("omschrijving", flat=True)) == [
        "Cliënt opent, leest, begrijpt en beantwoordt zijn post",
        "De administratie van de cliënt is op orde",
        "Cliënt maakt gebruik van regelingen, uitkeringen en toeslagen waar hij voor in aanmerking komt",
        "Cliënt heeft inzicht in zijn administratie en financiën",
        "Cliënt heeft geen inkomsten, groeiende hoge schulden",
        "Anders, namelijk",
    ]
    mantelzorg = Subresultaat.objects.get(resultaat__code="mantelzorg")
    assert mantelzorg.resultaat.domein.code == "mantelzorg-netwerk"
    assert mantelzorg.omschrijving == (
        "De mantelzorgers van kwetsbare inwoners zijn in staat mantelzorgtaken uit te voeren."
    )
    assert mantelzorg.aandachtspunten.filter(omschrijving="Cliënt kan gebruik maken van respijtzorg").exists()
    assert Subresultaat.objects.get(code="arbeidsmatige-dagbesteding").resultaat.domein.code == (
        "zinvolle-daginvulling"
    )


def test_no_ocr_breakage_is_left_in_the_texts():
    texts = [
        *Subresultaat.objects.values_list("omschrijving", flat=True),
        *Aandachtspunt.objects.values_list("omschrijving", flat=True),
        *Resultaat.objects.values_list("plus", flat=True),
    ]
    for text in texts:
        assert "cliént" not in text.lower(), text
        assert "Client " not in text, text
        assert not text.startswith("-"), text
        assert "  " not in text.replace("\n  ", "\n"), text


def test_complexity_and_intensity_levels_in_order():
    assert list(ComplexiteitNiveau.objects.values_list("code", "naam", "omschrijving")) == [
        ("licht", "Licht", "Praktische en adviserende ondersteuning"),
        ("midden", "Midden", "Versterkende ondersteuning"),
        ("zwaar", "Zwaar", "Overnemende / compenserende ondersteuning"),
    ]
    assert list(IntensiteitNiveau.objects.values_list("code", "naam")) == [
        ("incidenteel", "Incidenteel (om de week)"),
        ("wekelijks", "Wekelijks"),
        ("meerdere-keren-per-week", "Meerdere keren / week"),
        ("dagelijks", "Dagelijks"),
    ]


def test_products_of_the_resultatenmatrix_per_level():
    op_niveau = dict(
        Product.objects.filter(complexiteit__isnull=False).values_list("code", "complexiteit__code")
    )

    for prefix in ("BG", "BS", "PV", "PS"):
        assert [op_niveau[f"{prefix}{s}"] for s in "LMZ"] == ["licht", "midden", "zwaar"]
    assert [op_niveau[c] for c in ("DBL", "DBM", "DBH")] == ["licht", "midden", "zwaar"]
    assert [op_niveau[c] for c in ("RSU", "RSD", "RSE")] == ["licht", "midden", "zwaar"]
    categorie = dict(Product.objects.values_list("code", "categorie"))
    assert {categorie[c] for c in ("BGL", "BSM", "PVZ", "PSL", "DBH", "RSU", "RSD", "RSE")} == {
        "02",
        "03",
        "07",
        "06",
        "04",
    }
    assert Product.objects.get(code="RSE").naam == "Dagen (respijtzorg)"
    assert set(
        Product.objects.exclude(code__in=("TO001", "HOB1", "HOB2", "HOB3")).values_list(
            "geldig_van", flat=True
        )
    ) == {D(2017, 1, 1)}


def test_aanvullende_arrangementen_and_outputgericht_units():
    aanvullend = Product.objects.filter(aanvullend_arrangement=True).order_by("categorie", "code")

    assert list(aanvullend.values_list("categorie", "code", "naam")) == [
        ("08", "VVR", "Vervoer"),
        ("08", "VVW", "Vervoer rolstoel"),
        ("10", "STA", "Startarrangement"),
    ]
    assert set(Product.objects.values_list("eenheid", "frequentie")) == {("82", "4")}
    assert Product.objects.count() == len(seed.PRODUCTEN) == 25


def test_loading_again_changes_nothing():
    models = (ResultaatDomein, Resultaat, Subresultaat, Aandachtspunt, Tijdsband, Meerpost, Product, Tarief)
    before = {m.__name__: m.objects.count() for m in models}

    aantallen = seed_laden.laad_catalogus(apps)

    after = {m.__name__: m.objects.count() for m in models}
    assert after == before
    assert {k: aantallen[k] for k in before} == before


def test_seed_constants_name_existing_rows():
    categorie, code = seed.PRODUCT_THUISONDERSTEUNING
    assert Product.objects.filter(categorie=categorie, code=code).exists()
    assert set(Tijdsband.objects.values_list("code", flat=True)) == set(seed.TIJDSBAND_CODES)
    assert set(ComplexiteitNiveau.objects.values_list("code", flat=True)) == set(seed.COMPLEXITEIT_CODES)
