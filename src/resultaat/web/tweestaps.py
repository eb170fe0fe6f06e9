"""Login, second step: the TOTP code of the authenticator app, its enrolment, and the lockout page.

:class:`TweeStapsVerplicht` sends a signed-in user for whom two-step verification is required
(``accounts.tweestaps.verplicht_voor``) to the code page until the session is verified; the API
answers such a session with 403. Token requests are checked when the token is issued (``api/token``).
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import segno
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login

from resultaat.accounts import tweestaps

VRIJ = ("/inloggen/", "/uitloggen/", "/oidc/", "/static/")


def _volgende(request: HttpRequest) -> str:
    doel = request.POST.get("next") or request.GET.get("next") or ""
    if doel and url_has_allowed_host_and_scheme(doel, {request.get_host()}, request.is_secure()):
        return doel
    return reverse(settings.LOGIN_REDIRECT_URL)


class TweeStapsVerplicht:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and tweestaps.verplicht_voor(user)
            and not user.is_verified()
            and not request.path.startswith(VRIJ)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": "Tweestapsverificatie ontbreekt: vul eerst de code in op de website."},
                    status=403,
                )
            return HttpResponseRedirect(
                reverse("tweestaps") + "?" + urlencode({"next": request.get_full_path()})
            )
        return self.get_response(request)


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code uit de authenticator-app",
        min_length=6,
        max_length=7,
        error_messages={
            "required": "Vul de code van zes cijfers in.",
            "min_length": "De code heeft zes cijfers.",
            "max_length": "De code heeft zes cijfers.",
        },
    )


@never_cache
@login_required
def code_invullen(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not tweestaps.heeft_apparaat(user):
        return redirect(reverse("tweestaps-instellen") + "?" + urlencode({"next": _volgende(request)}))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        apparaat = tweestaps.bevestigd_apparaat(user, form.cleaned_data["code"])
        if apparaat is not None:
            otp_login(request, apparaat)
            return redirect(_volgende(request))
        form.add_error("code", "Deze code klopt niet of is verlopen. Probeer de nieuwe code uit de app.")
    return render(request, "registration/tweestaps.html", {"form": form, "next": _volgende(request)})


@never_cache
@login_required
def instellen(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if tweestaps.heeft_apparaat(user) and not user.is_verified():
        return redirect(reverse("tweestaps") + "?" + urlencode({"next": _volgende(request)}))
    apparaat = tweestaps.nieuw_apparaat(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if tweestaps.bevestig_apparaat(apparaat, form.cleaned_data["code"]):
            otp_login(request, apparaat)
            return redirect(_volgende(request))
        form.add_error("code", "Deze code klopt niet. Scan de QR-code opnieuw en vul de nieuwe code in.")
    context = {
        "form": form,
        "next": _volgende(request),
        "qr": segno.make(apparaat.config_url, error="m").svg_inline(scale=4, title="QR-code voor de app"),
        "sleutel": base64.b32encode(apparaat.bin_key).decode().rstrip("="),
    }
    return render(request, "registration/tweestaps_instellen.html", context)


def geblokkeerd(request: HttpRequest, response: Any = None, credentials: Any = None) -> HttpResponse:
    """What a locked login gets (django-axes): 429, a Dutch page or, in the API, the API's error shape."""
    minuten = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    melding = (
        "Te veel mislukte inlogpogingen. Het inloggen met deze gebruikersnaam is vanaf dit adres "
        f"{minuten} minuten geblokkeerd."
    )
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": melding}, status=429)
    return render(request, "registration/geblokkeerd.html", {"melding": melding}, status=429)
