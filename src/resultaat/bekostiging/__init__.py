"""Bekostiging: period settlement, payment batches, budgets. Other components use ``services``."""
