"""Levels 3 and 4 per message family: the rules on our data, and the effects kept for the batch's write."""
