"""Vietnamese alphabetical order through ICU's collator (Đ after D, Ă and Â after A)."""

from __future__ import annotations

import threading

import icu

_local = threading.local()


def _collator() -> icu.Collator:
    # ICU collators are not thread-safe, so each thread keeps its own.
    collator = getattr(_local, "collator", None)
    if collator is None:
        collator = icu.Collator.createInstance(icu.Locale("vi_VN"))
        _local.collator = collator
    return collator


def vietnamese_sort_key(text: str) -> bytes:
    """Return a key that sorts strings in Vietnamese alphabetical order."""
    key: bytes = _collator().getSortKey(text)
    return key
