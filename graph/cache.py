"""Caches for a served store: it never changes while it is served, so an answer stays right.

``LRUCache`` keeps the most recently used values within a count and a total weight (bytes, say).
``cacheable`` tells whether a query's answer depends only on the store: not one that calls an
external endpoint (``SERVICE``) or a function whose value changes from call to call.

>>> c = LRUCache(max_entries=2)
>>> c.put("a", 1); c.put("b", 2); c.put("c", 3)
>>> c.get("a") is None, c.get("c")
(True, 3)
>>> cacheable("SELECT * WHERE { ?s ?p ?o }"), cacheable("SELECT (NOW() AS ?t) WHERE {}")
(True, False)
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")

_VOLATILE = re.compile(r"\bSERVICE\b|\b(?:NOW|RAND|UUID|STRUUID|BNODE)\s*\(", re.IGNORECASE)


def cacheable(sparql: str) -> bool:
    """True when the query's answer depends on the store alone (no SERVICE, NOW(), RAND(), ...)."""
    return _VOLATILE.search(sparql) is None


class LRUCache(Generic[K, V]):
    """A thread-safe least-recently-used cache bounded by entries and by the sum of the values' weights."""

    def __init__(self, max_entries: int = 1024, max_weight: int | None = None) -> None:
        self.max_entries = max_entries
        self.max_weight = max_weight
        self._items: OrderedDict[K, tuple[V, int]] = OrderedDict()
        self._weight = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: K) -> V | None:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return item[0]

    def put(self, key: K, value: V, weight: int = 1) -> None:
        """Keep value (a value heavier than the whole cache may hold is not kept)."""
        if self.max_weight is not None and weight > self.max_weight:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._weight -= old[1]
            self._items[key] = (value, weight)
            self._weight += weight
            while len(self._items) > self.max_entries or (
                    self.max_weight is not None and self._weight > self.max_weight):
                _, (_, w) = self._items.popitem(last=False)
                self._weight -= w

    def __len__(self) -> int:
        return len(self._items)
