"""Beheer of users (/beheer/accounts/user/): a functioneel beheerder manages only the gemeente users
of its own gemeenten and never anyone's rights; the installation admin (superuser) manages everyone;
every change to a user writes a named audit event with a Dutch text."""

import pytest
from django.urls import reverse

from resultaat.accounts.models import Rol, User
from resultaat.accounts.services import GeenBeheerrecht, controleer_wijziging, geef_beheertoegang
from resultaat.core.audit.models import AuditEvent
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def alkmaar():
    return f.GemeenteFactory(code="0361", naam="Alkmaar")


@pytest.fixture
def bergen():
    return f.GemeenteFactory(code="0373", naam="Bergen")


@pytest.fixture
def beheerder(alkmaar):
    user = f.UserFactory(username="fb-alkmaar", rol=Rol.BEHEERDER, gemeenten=[alkmaar])
    geef_beheertoegang(user)
    return user


@pytest.fixture
def als_beheerder(client, beheerder):
    client.force_login(beheerder)
    return client


@pytest.fixture
def als_superuser(client):
    client.force_login(f.UserFactory(username="installatie", rol="", is_staff=True, is_superuser=True))
    return client


def _wijzig(url):
    return reverse("admin:accounts_user_change", args=[url])


def _wachtwoord(pk):
    return reverse("admin:auth_user_password_change", args=[pk])


def _gegevens(user, **extra):
    return {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "date_joined_0": "01-01-2025",
        "date_joined_1": "12:00:00",
        "rol": user.rol,
        "gemeenten": [g.pk for g in user.gemeenten.all()],
        **extra,
    }


def _gebruikersgebeurtenissen():
    return list(AuditEvent.objects.filter(gebeurtenis__startswith="gebruiker.").order_by("pk"))


@pytest.mark.parametrize(
    "aanval",
    [
        {"is_superuser": "on"},
        {"is_superuser": "on", "is_staff": "on"},
        {"groups": "1"},
        {},  # only the other gemeente
    ],
)
def test_the_beheerder_cannot_make_itself_superuser_or_add_a_gemeente(
    als_beheerder, beheerder, bergen, aanval
):
    voor = _gebruikersgebeurtenissen()
    data = _gegevens(beheerder, **aanval)
    data["gemeenten"] = [*data["gemeenten"], bergen.pk]

    response = als_beheerder.post(_wijzig(beheerder.pk), data)

    assert response.status_code == 403
    assert "installatiebeheerder" in response.content.decode()
    beheerder.refresh_from_db()
    assert not beheerder.is_superuser
    assert list(beheerder.gemeenten.values_list("code", flat=True)) == ["0361"]
    assert _gebruikersgebeurtenissen() == voor


def test_after_the_refused_attack_the_api_still_hides_the_other_gemeente(als_beheerder, beheerder, bergen):
    data = _gegevens(beheerder, is_superuser="on")
    data["gemeenten"] = [*data["gemeenten"], bergen.pk]
    als_beheerder.post(_wijzig(beheerder.pk), data)

    beheerder.refresh_from_db()
    assert not beheerder.has_perm("clienten.view_client")
    assert not beheerder.gemeenten.filter(pk=bergen.pk).exists()


def test_the_own_page_shows_rights_read_only(als_beheerder, beheerder):
    response = als_beheerder.get(_wijzig(beheerder.pk))

    assert response.status_code == 200
    velden = response.context["adminform"].form.fields
    assert not {"is_superuser", "is_staff", "groups", "user_permissions", "rol", "gemeenten"} & set(velden)


def test_the_beheerder_sees_only_the_users_of_its_own_gemeenten(als_beheerder, alkmaar, bergen):
    eigen = f.UserFactory(username="consulent-alkmaar", gemeenten=[alkmaar])
    ander = f.UserFactory(username="consulent-bergen", gemeenten=[bergen])
    beide = f.UserFactory(username="consulent-beide", gemeenten=[alkmaar, bergen])
    aanbieder = f.UserFactory(username="zorg", rol=Rol.AANBIEDER, aanbieder=f.AanbiederFactory())
    f.UserFactory(username="root", rol="", is_superuser=True, is_staff=True)

    response = als_beheerder.get(reverse("admin:accounts_user_changelist"))

    namen = {u.username for u in response.context["cl"].result_list}
    assert namen == {"fb-alkmaar", "consulent-alkmaar"}
    for buiten in (ander, beide, aanbieder):
        assert als_beheerder.get(_wijzig(buiten.pk)).status_code == 302  # "bestaat niet", to the index
        als_beheerder.post(_wijzig(buiten.pk), _gegevens(buiten, first_name="Gekaapt"))
        buiten.refresh_from_db()
        assert buiten.first_name != "Gekaapt"
        assert als_beheerder.get(_wachtwoord(buiten.pk)).status_code == 404
        als_beheerder.post(
            _wachtwoord(buiten.pk), {"password1": "Xyz-lang-genoeg-1", "password2": "Xyz-lang-genoeg-1"}
        )
        buiten.refresh_from_db()
        assert not buiten.check_password("Xyz-lang-genoeg-1")
    assert als_beheerder.get(_wijzig(eigen.pk)).status_code == 200


def test_another_beheerder_with_beheertoegang_is_read_only(als_beheerder, alkmaar):
    collega = f.UserFactory(username="fb-2", rol=Rol.BEHEERDER, gemeenten=[alkmaar])
    geef_beheertoegang(collega)

    assert als_beheerder.get(_wachtwoord(collega.pk)).status_code == 403
    assert als_beheerder.post(_wijzig(collega.pk), _gegevens(collega, first_name="X")).status_code == 403


def test_the_beheerder_cannot_give_another_gemeente_or_an_aanbieder_role(als_beheerder, alkmaar, bergen):
    consulent = f.UserFactory(username="consulent-alkmaar", gemeenten=[alkmaar])

    response = als_beheerder.post(
        _wijzig(consulent.pk), _gegevens(consulent, gemeenten=[alkmaar.pk, bergen.pk])
    )
    assert response.status_code == 200
    response = als_beheerder.post(_wijzig(consulent.pk), _gegevens(consulent, rol=Rol.AANBIEDER))
    assert response.status_code == 200

    consulent.refresh_from_db()
    assert consulent.rol == Rol.CONSULENT
    assert list(consulent.gemeenten.all()) == [alkmaar]
    assert not _gebruikersgebeurtenissen()[1:]  # only the beheertoegang of the fixture


def test_the_service_refuses_the_same(beheerder, alkmaar, bergen):
    consulent = f.UserFactory(username="consulent-alkmaar", gemeenten=[alkmaar])
    with pytest.raises(GeenBeheerrecht, match="niet wijzigen"):
        controleer_wijziging(beheerder, beheerder, gewijzigd=["is_superuser"])
    with pytest.raises(GeenBeheerrecht, match="gemeenten"):
        controleer_wijziging(
            beheerder, consulent, gewijzigd=["gemeenten"], rol=Rol.CONSULENT, gemeenten=[alkmaar, bergen]
        )
    with pytest.raises(GeenBeheerrecht, match="installatiebeheerder"):
        geef_beheertoegang(consulent, door=beheerder)
    controleer_wijziging(
        beheerder, consulent, gewijzigd=["first_name"], rol=Rol.CONSULENT, gemeenten=[alkmaar]
    )


def test_the_beheerder_manages_its_own_users_and_every_change_is_in_the_trail(als_beheerder, alkmaar):
    response = als_beheerder.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "nieuw",
            "usable_password": "true",
            "password1": "een-lang-wachtwoord-42",
            "password2": "een-lang-wachtwoord-42",
            "first_name": "Nina",
            "last_name": "",
            "email": "",
            "rol": Rol.CONSULENT,
            "gemeenten": [alkmaar.pk],
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    nieuw = User.objects.get(username="nieuw")
    assert not nieuw.is_staff and not nieuw.is_superuser

    response = als_beheerder.post(_wijzig(nieuw.pk), _gegevens(nieuw, rol=Rol.FINANCIEEL))
    assert response.status_code == 302
    response = als_beheerder.post(
        _wachtwoord(nieuw.pk),
        {"password1": "Ander-lang-wachtwoord-7", "password2": "Ander-lang-wachtwoord-7"},
    )
    assert response.status_code == 302

    events = _gebruikersgebeurtenissen()[1:]
    assert [e.gebeurtenis for e in events] == [
        "gebruiker.aangemaakt",
        "gebruiker.gewijzigd",
        "gebruiker.wachtwoord_gewijzigd",
    ]
    assert (
        events[0].tekst == "Gebruiker nieuw aangemaakt: rol Wmo-consulent; gemeenten Alkmaar (0361); actief"
    )
    assert events[1].tekst.startswith("Gebruiker nieuw gewijzigd (")
    assert "rol Financieel medewerker" in events[1].tekst
    assert events[2].tekst == "Wachtwoord van gebruiker nieuw gezet"
    assert {e.actor_naam for e in events} == {"fb-alkmaar"}
    assert {e.object_id for e in events} == {str(nieuw.pk)}


def test_the_superuser_still_manages_everyone(als_superuser, beheerder, bergen):
    response = als_superuser.get(_wachtwoord(beheerder.pk))
    assert response.status_code == 200

    data = _gegevens(beheerder, is_staff="on", is_superuser="on")
    data["gemeenten"] = [*data["gemeenten"], bergen.pk]
    data["groups"] = list(beheerder.groups.values_list("pk", flat=True))
    response = als_superuser.post(_wijzig(beheerder.pk), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    beheerder.refresh_from_db()
    assert beheerder.is_superuser
    assert set(beheerder.gemeenten.values_list("code", flat=True)) == {"0361", "0373"}
    laatste = _gebruikersgebeurtenissen()[-1]
    assert laatste.gebeurtenis == "gebruiker.gewijzigd"
    assert "supergebruikerstatus" in laatste.tekst
    assert "installatiebeheerder (superuser)" in laatste.tekst
    assert laatste.actor_naam == "installatie"
