"""Serializers of the API. Reading only, except the input of the client registration and the BSN search.

Related organisations and catalogue entries are referred to by their public code (gemeente code, AGB
code, resultaat code); client-data rows by their id. Writes never happen here: the viewsets call the
service functions with the validated data.
"""

from __future__ import annotations

from rest_framework import serializers

# --- Organisations ---------------------------------------------------------------------------------


# --- Catalogue ----------------------------------------------------------------------------------------


# --- Contracts ----------------------------------------------------------------------------------------


# --- Clients ------------------------------------------------------------------------------------------


# --- Toegang -------------------------------------------------------------------------------------------


# --- Toewijzingen and leveringen ----------------------------------------------------------------------


# --- Ondersteuningsplan, evaluatie, signalen --------------------------------------------------------


# --- Werklijst and audit -----------------------------------------------------------------------------


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Meesturen als header `Authorization: Token <token>`.")
