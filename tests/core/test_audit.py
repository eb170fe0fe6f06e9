"""Every change to client data writes an audit event in the same transaction."""

import pytest
from django.db import transaction

from resultaat.clienten.models import Client
from resultaat.core.audit.context import acting_as
from resultaat.core.audit.models import AuditEvent, ClientData
from tests import factories as f


def all_client_data_models():
    from django.apps import apps

    return [m for m in apps.get_models() if issubclass(m, ClientData)]


def test_creating_and_changing_a_client_is_audited_with_who_and_role(alice, alkmaar):
    with acting_as(alice):
        client = f.ClientFactory(gemeente=alkmaar)
        client.telefoon = "0725480000"
        client.save(update_fields=["telefoon"])
    events = list(AuditEvent.objects.filter(client_id=client.pk).order_by("id"))
    assert [e.actie for e in events] == ["aangemaakt", "gewijzigd"]
    assert events[1].velden == ["telefoon"]
    assert {e.actor_naam for e in events} == {"alice"}
    assert events[0].rol == "consulent"
    assert events[0].organisatie == "gemeente 0361"


def test_audit_trail_holds_no_field_values(alkmaar):
    client = f.ClientFactory(gemeente=alkmaar, achternaam="Geheimnaam")
    event = AuditEvent.objects.get(client_id=client.pk)
    assert "Geheimnaam" not in str(event.velden) + event.object_omschrijving
    assert client.bsn not in str(event.velden) + event.object_omschrijving


def test_bulk_writes_are_audited_too(alkmaar):
    clients = Client.objects.bulk_create([f.ClientFactory.build(gemeente=alkmaar) for _ in range(3)])
    assert AuditEvent.objects.filter(client_id__in=[c.pk for c in clients], actie="aangemaakt").count() == 3
    Client.objects.filter(pk__in=[c.pk for c in clients]).update(woonplaats="Heiloo")
    assert AuditEvent.objects.filter(actie="gewijzigd", velden=["woonplaats"]).count() == 3


def test_a_change_rolled_back_leaves_no_audit_event(alkmaar):
    before = AuditEvent.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        f.ClientFactory(gemeente=alkmaar)
        raise RuntimeError("afgebroken")
    assert AuditEvent.objects.count() == before


def test_changes_without_a_user_are_attributed_to_the_system(alkmaar):
    client = f.ClientFactory(gemeente=alkmaar)
    assert AuditEvent.objects.get(client_id=client.pk).actor_naam == "systeem"


def test_every_client_data_model_knows_its_client(noor):
    """A new client-data model must say which client it belongs to, or its audit events lose the link."""
    models = all_client_data_models()
    assert len(models) >= 15
    for model in models:
        # Its own ``client`` foreign key (the default), or its own way to the client.
        heeft_client = any(f.name == "client" for f in model._meta.get_fields())
        assert heeft_client or model.audit_client_id is not ClientData.audit_client_id, model


def test_a_bulk_update_writes_one_event_per_row(alkmaar):
    clienten = [f.ClientFactory(gemeente=alkmaar) for _ in range(3)]
    for c in clienten:
        c.straat = "Laan"
    voor = AuditEvent.objects.filter(actie="gewijzigd").count()
    Client.objects.bulk_update(clienten, ["straat"])
    events = AuditEvent.objects.filter(actie="gewijzigd").order_by("id")[voor:]
    assert sorted(int(e.object_id) for e in events) == sorted(c.pk for c in clienten)
    assert all(e.velden == ["straat"] for e in events)
