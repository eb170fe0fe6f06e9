"""Finding a client (by BSN over POST, or by surname), and the audit log for the privacy officer.

The client page with the whole chain is in the site shell: its timeline shows higher components.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views import View

from resultaat.clienten import auditlog
from resultaat.clienten.models import Client
from resultaat.clienten.services import auditspoor, zoek_op_bsn
from resultaat.clienten.web.forms import BsnZoekForm
from resultaat.clienten.web.tabellen import ClientFilter, ClientTabel
from resultaat.core.audit.models import Actie, AuditEvent, record
from resultaat.core.tabellen import TabelView, export_te_lang
from resultaat.core.web import ScopedListView, SectieMixin

GEEN_CLIENT = "Geen cliënt gevonden met dit BSN."


def begin_van_dag(dag: dt.date) -> dt.datetime:
    """Midnight at the start of ``dag`` in Dutch local time."""
    return timezone.make_aware(dt.datetime.combine(dag, dt.time.min))


class ClientZoekenView(SectieMixin, View):
    """The BSN goes in the body of a POST: never in a URL, a query string, a log line or the history."""

    secties = ("client-zoeken",)
    template_name = "clienten/client_zoeken.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, self.template_name, {"form": BsnZoekForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = BsnZoekForm(request.POST)
        if form.is_valid():
            client = zoek_op_bsn(door=request.user, bsn=form.cleaned_data["bsn"])
            if client is not None:
                return redirect("web:client-detail", pk=client.pk)
            # The same answer whether the BSN is unknown or belongs to someone the user may not see.
            form.add_error("bsn", GEEN_CLIENT)
        return render(request, self.template_name, {"form": form})


class ClientListView(TabelView):
    secties = ("clienten",)
    model = Client
    template_name = "clienten/client_list.html"
    context_object_name = "clienten"
    tabel_class = ClientTabel
    filter_class = ClientFilter
    export_naam = "clienten"
    enkelvoud, meervoud = "cliënt", "cliënten"

    def basis(self) -> QuerySet[Client]:
        qs = Client.objects.for_user(self.request.user).select_related("gemeente")
        return qs.order_by("achternaam", "voorletters", "pk")


class AuditFilter:
    """The auditor's view of the log: events on the clients of their gemeenten and events about no
    client (users, roles, bank details, letter templates, tariffs); ``?client=<id>`` narrows it to one
    client ("wie zag mijn dossier"), a client the auditor may not see gives nothing."""

    request: HttpRequest
    client: Client | None = None
    van: dt.date | None = None
    tot: dt.date | None = None
    actie = ""
    datumfout = ""

    def gefilterd(self) -> QuerySet[AuditEvent]:
        user = self.request.user
        qs = auditspoor(user).select_related("content_type")
        client_pk = self.request.GET.get("client", "")
        if client_pk:
            if client_pk.isdigit():
                self.client = Client.objects.for_user(user).filter(pk=int(client_pk)).first()
            qs = qs.filter(client_id=self.client.pk) if self.client else qs.none()
        # ``?van=`` and ``?tot=`` (dates, both days included) and ``?actie=``: a bad date is ignored.
        self.van = datum_of_niets(self.request.GET.get("van", ""))
        self.tot = datum_of_niets(self.request.GET.get("tot", ""))
        self.datumfout = ""
        if self.van and self.tot and self.tot < self.van:
            self.datumfout = "Kies een einddatum op of na de begindatum."
        # On the indexed moment itself (a cast to a date would read every row): from the start of ``van``
        # up to the start of the day after ``tot``, in the local time zone.
        if self.van:
            qs = qs.filter(tijdstip__gte=begin_van_dag(self.van))
        if self.tot:
            qs = qs.filter(tijdstip__lt=begin_van_dag(self.tot + dt.timedelta(days=1)))
        self.actie = self.request.GET.get("actie", "")
        if self.actie not in Actie.values:
            self.actie = ""
        if self.actie:
            qs = qs.filter(actie=self.actie)
        return qs.order_by("-tijdstip", "-id")

    def filter_query(self) -> str:
        """The filter as a query string, for the export links and the pages."""
        delen = {
            "client": self.client.pk if self.client else "",
            "van": self.van.isoformat() if self.van else "",
            "tot": self.tot.isoformat() if self.tot else "",
            "actie": self.actie,
        }
        query = urlencode({k: v for k, v in delen.items() if v})
        return f"?{query}" if query else ""


def datum_of_niets(tekst: str) -> dt.date | None:
    try:
        datum = dt.date.fromisoformat(tekst.strip())
    except ValueError:
        return None
    return datum if 1900 <= datum.year <= 2999 else None


class AuditExportView(AuditFilter, SectieMixin, View):
    """The log as on the page (the same filter), as CSV or XLSX; the export of one client's log is
    itself in the log ("geexporteerd")."""

    secties = ("auditlog",)
    formaat = "csv"

    def get(self, request: HttpRequest) -> HttpResponse:
        formaat = self.formaat
        events = list(self.gefilterd()[: auditlog.MAX_EXPORT + 1])
        if len(events) > auditlog.MAX_EXPORT:
            return export_te_lang(request, auditlog.MAX_EXPORT, terug=reverse("web:audit-list"))
        naam = f"auditlog-client-{self.client.pk}" if self.client else "auditlog"
        if formaat == "xlsx":
            response = HttpResponse(
                auditlog.als_xlsx(request.user, events),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        else:
            response = HttpResponse(
                auditlog.als_csv(request.user, events), content_type="text/csv; charset=utf-8"
            )
        response["Content-Disposition"] = f'attachment; filename="{naam}.{formaat}"'
        response["Cache-Control"] = "private, no-store"
        if self.client is not None:
            with transaction.atomic():
                record([self.client], Actie.GEEXPORTEERD)
        return response


class AuditListView(AuditFilter, ScopedListView):
    """Events on the clients of the auditor's gemeenten; filter by client pk (GET) or by BSN (POST)."""

    secties = ("auditlog",)
    model = AuditEvent
    template_name = "clienten/audit_list.html"
    context_object_name = "events"
    paginate_by = 50

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        self.client: Client | None = None
        self.zoekform = BsnZoekForm()
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[AuditEvent]:
        return self.gefilterd()

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.zoekform = BsnZoekForm(request.POST)
        if self.zoekform.is_valid():
            client = zoek_op_bsn(door=request.user, bsn=self.zoekform.cleaned_data["bsn"])
            if client is not None:
                return redirect(f"{reverse('web:audit-list')}?client={client.pk}")
            self.zoekform.add_error("bsn", GEEN_CLIENT)
        return self.get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["zoekform"] = self.zoekform
        context["client"] = self.client
        context["client_gevraagd"] = bool(self.request.GET.get("client"))
        context["regels"] = auditlog.leesbaar(self.request.user, context["events"])
        context["export_query"] = self.filter_query()
        context["van"] = self.van
        context["tot"] = self.tot
        context["actie"] = self.actie
        context["acties"] = Actie.choices
        context["datumfout"] = self.datumfout
        return context
