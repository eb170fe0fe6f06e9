from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from resultaat.web import tweestaps

# The beheer (Django admin) under the app's name, in Dutch.
admin.site.site_header = "Resultaat beheer"
admin.site.site_title = "Resultaat beheer"
admin.site.index_title = "Beheer"

urlpatterns = [
    path(
        "inloggen/",
        auth_views.LoginView.as_view(extra_context={"oidc": settings.RESULTAAT_OIDC}),
        name="login",
    ),
    path("inloggen/tweestaps/", tweestaps.code_invullen, name="tweestaps"),
    path("inloggen/tweestaps/instellen/", tweestaps.instellen, name="tweestaps-instellen"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("beheer/", admin.site.urls),
    path("api/v1/", include("resultaat.api.urls")),
    path("", include("resultaat.web.urls")),
]
if settings.RESULTAAT_OIDC:
    # Single sign-on (OpenID Connect), only when configured: /oidc/authenticate/ and /oidc/callback/.
    urlpatterns.insert(0, path("oidc/", include("mozilla_django_oidc.urls")))
