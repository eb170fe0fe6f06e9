"""Domain events of toewijzingen, sent inside the service transaction.

- ``toewijzing_gewijzigd(toewijzingen=[...], referentie="")``: a toewijzing was made or changed; the
  iWmo outbox answers with a 301 per client and provider (OP087). Toewijzingen sits below iwmo, so it
  tells by this event instead of calling the message builder.
"""

from django.dispatch import Signal

toewijzing_gewijzigd = Signal()
