"""The toewijzingen pages: the list and the provider portal (one form-backed view per action)."""
