"""Shared by every component's web part: the access rules (logged in, a role that may open the section,
rows via ``for_user``), the NL Design System form base and fields, a service's Dutch errors next to a form."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponseBase
from django.views.generic import DetailView, ListView
from django.views.generic.detail import SingleObjectMixin

from resultaat.core.audit.models import Actie, record_inzage
from resultaat.core.navigation import mag
from resultaat.core.paginering import BegrensdeTelling


class SectieMixin(LoginRequiredMixin):
    """Only users whose role has one of ``secties`` in its menu may open the view.

    A list or form answers 403 to other roles; a detail view answers 404 (``geweigerd_als_404``),
    the same as for an object of another organisation, so it tells nothing about what exists.
    """

    secties: tuple[str, ...] = ()
    geweigerd_als_404 = False

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if self.secties and not mag(request.user, *self.secties):
            if self.geweigerd_als_404:
                raise Http404("Niet gevonden.")
            raise PermissionDenied("U heeft geen toegang tot deze pagina.")
        return super().dispatch(request, *args, **kwargs)


class ScopedListView(SectieMixin, ListView):
    """A paginated list of what the user may see (``get_queryset`` starts from ``for_user``); the rows
    are counted up to a bound past the page (``paginator.aantal``: "meer dan ..." beyond it).

    Each row of client data on the page shown is written to the access log: "gelezen", or "gezocht"
    when one of ``zoekvelden`` is in the query string (a search by name, for instance)."""

    paginate_by = 25
    paginator_class = BegrensdeTelling
    zoekvelden: ClassVar[tuple[str, ...]] = ()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if self.request.method in ("GET", "HEAD"):
            record_inzage(context["object_list"], Actie.GEZOCHT if self.gezocht() else Actie.GELEZEN)
        return context

    def gezocht(self) -> bool:
        """Whether the page shows the result of a search (the access log says "gezocht")."""
        return any(self.request.GET.get(veld, "").strip() for veld in self.zoekvelden)


class StatusListView(ScopedListView):
    """A list filtered on ``?status=``: one of ``status_keuzes``; none or an unknown one gives
    ``status_standaard`` ("" = every status). The template gets ``status`` and ``statussen``."""

    status_keuzes: ClassVar[type[models.TextChoices]]
    status_standaard: ClassVar[str] = ""
    # For the default get_queryset: the model's rows the user may see, with these relations, in this order.
    samen_met: ClassVar[tuple[str, ...]] = ()
    volgorde: ClassVar[tuple[str, ...]] = ()
    # The name of a context flag that is true for provider staff (who may add to this list), if any.
    aanbieder_voegt_toe: ClassVar[str] = ""

    def get_queryset(self) -> Any:
        qs = self.model._default_manager.for_user(self.request.user)  # type: ignore[union-attr]
        qs = qs.select_related(*self.samen_met)
        return self.filter_status(qs).order_by(*self.volgorde)

    def filter_status(self, qs: Any) -> Any:
        self.status = self.request.GET.get("status", self.status_standaard)
        if self.status not in self.status_keuzes.values:
            self.status = self.status_standaard
        return qs.filter(status=self.status) if self.status else qs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["status"] = self.status
        context["statussen"] = self.status_keuzes.choices
        if self.aanbieder_voegt_toe:
            context[self.aanbieder_voegt_toe] = bool(getattr(self.request.user, "is_aanbieder_user", False))
        return context


class ScopedDetailView(SectieMixin, DetailView):
    """One object, looked up by ``pk`` among what the user may see: anything else gives 404.

    Opening a client's record (a GET of any page of client data: the client, a toewijzing, a plan and
    its PDF, a signal, a request, a beschikking, ...) is written to the audit trail as "gelezen", so the
    client's file shows who read what.
    """

    geweigerd_als_404 = True
    # How the access log names a GET of this page: "afgedrukt" for a letter or PDF, "geexporteerd"
    # for a download.
    leesactie: ClassVar[str] = Actie.GELEZEN

    def get_object(self, queryset: Any = None) -> Any:
        obj = super().get_object(queryset)
        if self.request.method in ("GET", "HEAD"):
            record_inzage([obj], self.leesactie)
        return obj


def is_aanbieder(user: Any) -> bool:
    """Staff of a provider (role aanbieder)."""
    return bool(getattr(user, "is_aanbieder_user", False))


def is_gemeente(user: Any) -> bool:
    """Staff of a gemeente, or a superuser acting for one."""
    return bool(getattr(user, "is_gemeente_user", False) or getattr(user, "is_superuser", False))


def fouten_naar_form(form: Any, fout: ValidationError) -> None:
    """A service's Dutch ValidationError next to the field it is about, or above the form."""
    if hasattr(fout, "error_dict"):
        for veld, lijst in fout.message_dict.items():
            form.add_error(veld if veld in form.fields else None, lijst)
    else:
        form.add_error(None, fout.messages)


class FormActie:
    """A form-backed action: the form bound to the POST; if valid, ``uitvoeren`` calls the service; its
    ``ValidationError`` goes next to the form (``fouten_naar_form``) and the page is shown again, as it is
    for an invalid form; on success ``gelukt`` answers (a ``messages.success`` text and a redirect).

    Put it before the view class (``class X(FormActie, ScopedDetailView)``). A view with an object looks
    it up first (``self.object``, 404 for another organisation's); ``bereid_voor`` is the place for a
    check before the form. The page again is ``get_context_data(**{form_naam: form})``; a view without
    ``get_context_data`` overrides ``opnieuw``.
    """

    form_class: ClassVar[type[forms.Form]]
    form_naam: ClassVar[str] = "form"
    request: HttpRequest

    def bereid_voor(self) -> None:
        if isinstance(self, SingleObjectMixin):
            self.object = self.get_object()

    def maak_form(self, data: Any = None) -> forms.Form:
        return self.form_class(data)

    def uitvoeren(self, form: Any) -> Any:
        raise NotImplementedError

    def gelukt(self, resultaat: Any) -> HttpResponseBase:
        raise NotImplementedError

    def opnieuw(self, form: Any) -> HttpResponseBase:
        return self.render_to_response(  # type: ignore[attr-defined]
            self.get_context_data(**{self.form_naam: form})  # type: ignore[attr-defined]
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.bereid_voor()
        form = self.maak_form(request.POST)
        if form.is_valid():
            try:
                resultaat = self.uitvoeren(form)
            except ValidationError as fout:
                fouten_naar_form(form, fout)
            else:
                return self.gelukt(resultaat)
        return self.opnieuw(form)


TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"
DATUM = forms.DateInput(attrs={"type": "date", "class": TEXTBOX}, format="%Y-%m-%d")
TEKST = forms.Textarea(attrs={"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 3})
SELECT = forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"})
RADIO = forms.RadioSelect(attrs={"class": "utrecht-radio-button utrecht-radio-button--html-input"})


class NLDSForm(forms.Form):
    """Marks invalid inputs for assistive technology and for the NL Design System styling."""

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = f"{name}-fout"
                attrs["class"] = f"{attrs.get('class', '')} utrecht-textbox--invalid".strip()


def datumveld(label: str, required: bool = True, **kwargs: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DATUM,
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        error_messages={"required": f"Vul de {label.lower()} in.", "invalid": "Vul een geldige datum in."},
        **kwargs,
    )


def tekstveld(label: str, required: bool = False, **kwargs: Any) -> forms.CharField:
    return forms.CharField(label=label, required=required, widget=TEKST, **kwargs)


class ClientKeuze(forms.ModelChoiceField):
    """A client in a select list: the name, and the birth date to tell namesakes apart. The form sets
    the ``queryset`` of the clients the user may choose."""

    def __init__(self, queryset: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label", "Cliënt")
        kwargs.setdefault("widget", SELECT)
        kwargs.setdefault("empty_label", "Kies een cliënt")
        kwargs.setdefault(
            "error_messages",
            {"required": "Kies de cliënt.", "invalid_choice": "Kies een cliënt uit de lijst."},
        )
        super().__init__(queryset, **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.naam} (geboren {obj.geboortedatum:%d-%m-%Y})" if obj.geboortedatum else obj.naam
