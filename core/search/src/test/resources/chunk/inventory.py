"""Inventory of a warehouse: stock levels and reservations."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Dict, Optional

LOG = logging.getLogger(__name__)
DEFAULT_WAREHOUSE = "main"


def retry(times: int):
    """Retries the decorated function a few times."""

    def wrap(fn):
        def inner(*args, **kwargs):
            for attempt in range(times):
                try:
                    return fn(*args, **kwargs)
                except IOError:
                    LOG.warning("attempt %d failed", attempt)
            return fn(*args, **kwargs)

        return inner

    return wrap


@dataclass
class StockItem:
    """One SKU and its stock."""

    sku: str
    quantity: int = 0
    reserved: int = field(default=0)

    @property
    def available(self) -> int:
        return self.quantity - self.reserved


class Inventory:
    """Stock levels per SKU, in one warehouse."""

    def __init__(self, warehouse: str = DEFAULT_WAREHOUSE):
        self.warehouse = warehouse
        self._items: Dict[str, StockItem] = {}

    # Reservations are released by the nightly job.
    @retry(times=3)
    def reserve(self, sku: str, quantity: int) -> bool:
        item = self._items.get(sku)
        if item is None or item.available < quantity:
            return False
        item.reserved += quantity
        return True

    @staticmethod
    def parse_sku(text: str) -> Optional[str]:
        text = text.strip().upper()
        return text or None


if __name__ == "__main__":
    inv = Inventory()
    print(inv.reserve("ABC", 1))
