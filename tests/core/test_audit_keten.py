"""The access log (NEN 7513) is append-only at the database and hash-chained; audit_verify finds an
edited, an inserted and a removed row."""

from __future__ import annotations

import io
import itertools

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory

from resultaat.core.adres import client_adres
from resultaat.core.audit.context import Herkomst, acting_as, vanuit
from resultaat.core.audit.models import AuditEvent
from resultaat.core.audit.onveranderlijk import TRIGGERS, aanwezige_triggers, verwijder_triggers
from tests import factories as f

TABEL = AuditEvent._meta.db_table


def verify() -> str:
    uit, fout = io.StringIO(), io.StringIO()
    try:
        call_command("audit_verify", stdout=uit, stderr=fout)
    except CommandError as e:
        return f"FOUT {e}\n{fout.getvalue()}"
    return uit.getvalue()


@pytest.fixture
def log(alkmaar, alice):
    """A few rows in the log (a client made and changed by alice), in id order."""
    with acting_as(alice):
        for _ in range(3):
            client = f.ClientFactory(gemeente=alkmaar)
            client.telefoon = "0725480000"
            client.save(update_fields=["telefoon"])
    return list(AuditEvent.objects.order_by("id").values_list("id", flat=True))


def test_the_triggers_are_in_the_database(db):
    assert set(TRIGGERS[connection.vendor]) <= aanwezige_triggers(connection)


def test_the_database_refuses_an_update_of_an_audit_row(log):
    with pytest.raises(DatabaseError, match="alleen aan te vullen"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {TABEL} SET actor_naam = 'iemand anders' WHERE id = %s", [log[0]])  # noqa: S608
    assert AuditEvent.objects.get(pk=log[0]).actor_naam == "alice"


def test_the_database_refuses_a_delete_of_an_audit_row(log):
    with pytest.raises(DatabaseError, match="alleen aan te vullen"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABEL} WHERE id = %s", [log[0]])  # noqa: S608
    assert AuditEvent.objects.filter(pk=log[0]).exists()


def test_the_application_refuses_to_change_or_remove_audit_rows(log):
    event = AuditEvent.objects.get(pk=log[0])
    for poging in (event.save, event.delete, AuditEvent.objects.all().delete):
        with pytest.raises(TypeError, match="alleen aan te vullen"):
            poging()
    with pytest.raises(TypeError):
        AuditEvent.objects.filter(pk=log[0]).update(actor_naam="x")


def test_each_row_holds_the_hash_of_the_row_before(log):
    rijen = list(AuditEvent.objects.order_by("id").values_list("vorige_hash", "hash"))
    for (_, vorige), (schakel, _) in itertools.pairwise(rijen):
        assert schakel == vorige
    assert len({h for _, h in rijen}) == len(rijen)


def test_audit_verify_accepts_an_untouched_log(log):
    uit = verify()
    assert uit.startswith("Auditlog in orde:"), uit
    assert f"laatste regel {log[-1]}" in uit


def test_audit_verify_finds_an_edited_row(log):
    verwijder_triggers(connection)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABEL} SET actor_naam = 'niemand' WHERE id = %s", [log[2]])  # noqa: S608
    uit = verify()
    assert uit.startswith("FOUT Auditlog niet in orde: 1 breuk"), uit
    assert f"Regel {log[2]}: de inhoud past niet bij de hash" in uit


def test_audit_verify_finds_a_removed_row(log):
    verwijder_triggers(connection)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABEL} WHERE id = %s", [log[2]])  # noqa: S608
    uit = verify()
    assert uit.startswith("FOUT Auditlog niet in orde: 1 breuk"), uit
    assert f"Vóór regel {log[3]} ontbreken een of meer regels (verwijderd)." in uit


def test_audit_verify_finds_an_inserted_row(log):
    """A copy of a genuine row (its hash is valid for its content) put between two rows by id."""
    verwijder_triggers(connection)
    kolommen = [f.column for f in AuditEvent._meta.concrete_fields if f.column != "id"]
    lijst = ", ".join(kolommen)
    with connection.cursor() as cursor:
        # Make room between the second and the third row (ids shifted up by 100 from the third on),
        # then insert a copy of the first row there.
        for pk in reversed(log[2:]):
            cursor.execute(f"UPDATE {TABEL} SET id = id + 100 WHERE id = %s", [pk])  # noqa: S608
        cursor.execute(
            f"INSERT INTO {TABEL} (id, {lijst}) SELECT %s, {lijst} FROM {TABEL} WHERE id = %s",  # noqa: S608
            [log[2], log[0]],
        )
    uit = verify()
    assert uit.startswith("FOUT Auditlog niet in orde"), uit
    assert f"Regel {log[2]} is ingevoegd" in uit


def test_audit_verify_finds_a_made_up_row_at_the_end(log):
    """Someone with write access to the database, but without the chain's key, adds a row."""
    verwijder_triggers(connection)
    laatste = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
    kolommen = [f.column for f in AuditEvent._meta.concrete_fields if f.column not in ("id", "vorige_hash")]
    lijst = ", ".join(kolommen)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {TABEL} (vorige_hash, {lijst}) SELECT %s, {lijst} FROM {TABEL} WHERE id = %s",  # noqa: S608
            [laatste, log[0]],
        )
    assert "de inhoud past niet bij de hash" in verify()


def test_audit_verify_with_a_noted_end_point_finds_rows_cut_off_at_the_end(log):
    eind = AuditEvent.objects.order_by("-id").values_list("id", "hash").first()
    verwijder_triggers(connection)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABEL} WHERE id = %s", [eind[0]])  # noqa: S608
    assert verify().startswith("Auditlog in orde")  # the chain alone cannot see a cut-off end
    with pytest.raises(CommandError):
        call_command(
            "audit_verify", f"--tot-en-met={eind[0]}:{eind[1]}", stdout=io.StringIO(), stderr=io.StringIO()
        )


def test_a_read_through_the_web_is_logged_with_address_and_channel(client, alice, alkmaar):
    noa = f.ClientFactory(gemeente=alkmaar)
    client.force_login(alice)
    assert client.get(f"/clienten/{noa.pk}/", REMOTE_ADDR="192.0.2.7").status_code == 200
    event = AuditEvent.objects.filter(client_id=noa.pk, actie="gelezen").latest("id")
    assert (event.actor_naam, event.rol, event.adres, event.kanaal) == (
        "alice",
        "consulent",
        "192.0.2.7",
        "web",
    )


def test_a_command_is_logged_as_such_on_behalf_of_the_operating_system_user(alkmaar):
    with vanuit(Herkomst(adres="beheerserver", kanaal="opdracht")), acting_as("bewaartermijn"):
        client = f.ClientFactory(gemeente=alkmaar)
    event = AuditEvent.objects.get(client_id=client.pk)
    assert (event.actor_naam, event.kanaal, event.adres) == ("bewaartermijn", "opdracht", "beheerserver")
    assert event.namens  # the OS user who started the command


@pytest.mark.parametrize(
    ("proxies", "remote", "doorgestuurd", "verwacht"),
    [
        ([], "203.0.113.5", "198.51.100.1", "203.0.113.5"),  # no trusted proxy: the header is ignored
        (["10.0.0.1"], "203.0.113.5", "198.51.100.1", "203.0.113.5"),  # not from the proxy
        (["10.0.0.1"], "10.0.0.1", "198.51.100.1", "198.51.100.1"),
        (["10.0.0.0/8"], "10.0.0.1", "6.6.6.6, 198.51.100.1, 10.0.0.2", "198.51.100.1"),  # forged hop left
        (["10.0.0.1"], "10.0.0.1", "nonsense", "10.0.0.1"),
    ],
)
def test_the_client_address_trusts_forwarded_headers_only_from_configured_proxies(
    settings, proxies, remote, doorgestuurd, verwacht
):
    settings.RESULTAAT_VERTROUWDE_PROXIES = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=doorgestuurd)
    assert client_adres(request) == verwacht
