"""The toegang pages: melding and onderzoek, aanvraag, beschikking and switch of provider, mandate."""
