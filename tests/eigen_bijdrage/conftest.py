"""The toegang fixtures (a client, the HOB contracts, the result), for the beschikking and letter tests."""

from tests.toegang.test_toegang import contracten, huis, mevrouw

__all__ = ["contracten", "huis", "mevrouw"]
