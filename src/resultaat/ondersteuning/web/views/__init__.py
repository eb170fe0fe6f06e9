"""The ondersteuning pages: the ondersteuningsplan, the sociale kaart and the signals."""
