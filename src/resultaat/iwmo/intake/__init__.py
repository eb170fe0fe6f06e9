"""Intake of incoming iWmo files, for a batch of files at once, set-based.

- :mod:`.poort`: the gate (size and level 1: hardened parse, XSD, file rules; sender, direction and
  idempotency by sha256 and BerichtIdentificatie);
- :mod:`.lezen`: reading (a 305/307 straight from the tree, the others with ``parse.ontleed``);
- :mod:`.niveau2`: the rules within one message;
- :mod:`.controles`: levels 3/4 per message family (``start_stop`` 305/307, ``verzoeken`` 315/317,
  ``declaraties`` 323, ``retouren`` 302/320);
- :mod:`.retour`: the header-only retour from a template and the retour building;
- :mod:`.batch`: what is known per file and per batch (loaded set-based);
- :mod:`.toepassen`: writing the effects;
- :mod:`.verwerken`: the batch from start to end (:func:`verwerk`); :mod:`.inbox`: the inbox folder.

The public API is re-exported here.
"""

from resultaat.iwmo.intake.batch import Uitkomst, Werk
from resultaat.iwmo.intake.inbox import verwerk_inbox
from resultaat.iwmo.intake.lezen import lees_levering
from resultaat.iwmo.intake.niveau2 import niveau_2
from resultaat.iwmo.intake.poort import controleer_technisch
from resultaat.iwmo.intake.retour import kop_retour
from resultaat.iwmo.intake.toepassen import voeg_berichten_in
from resultaat.iwmo.intake.verwerken import Intake, verwerk

__all__ = [
    "Intake",
    "Uitkomst",
    "Werk",
    "controleer_technisch",
    "kop_retour",
    "lees_levering",
    "niveau_2",
    "verwerk",
    "verwerk_inbox",
    "voeg_berichten_in",
]
