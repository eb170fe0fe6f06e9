"""Domain events of toewijzingen, sent inside the service transaction.

- ``toewijzing_gewijzigd(toewijzingen=[...], referentie="")``: a toewijzing was made or changed; the
  iWmo outbox answers with a 301 per client and provider (OP087).
- ``levering_gemeld(leveringen=[...])``: a start, stop or correction was recorded, from the portal or
  from a 305/307.
"""

from django.dispatch import Signal

toewijzing_gewijzigd = Signal()
levering_gemeld = Signal()
