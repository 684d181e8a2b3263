"""Vietnamese alphabetical order of the partner list."""

from __future__ import annotations

import unicodedata

from application.collation import vietnamese_sort_key


def test_vietnamese_letters_follow_their_base() -> None:
    names = ["Đông Á", "Dung Quất", "Ân Thịnh", "Ăn Khang", "An Phát", "Bình Minh", "Zê Ta"]

    ordered = sorted(names, key=vietnamese_sort_key)

    assert ordered == [
        "An Phát",
        "Ăn Khang",
        "Ân Thịnh",
        "Bình Minh",
        "Dung Quất",
        "Đông Á",
        "Zê Ta",
    ]


def test_order_differs_from_code_points() -> None:
    names = ["Đại Việt", "Eo Gió", "Dương Đông"]

    assert sorted(names) != sorted(names, key=vietnamese_sort_key)
    assert sorted(names, key=vietnamese_sort_key) == ["Dương Đông", "Đại Việt", "Eo Gió"]


def test_decomposed_and_composed_sort_together() -> None:
    composed = "Hải Âu"
    decomposed = unicodedata.normalize("NFD", composed)

    assert vietnamese_sort_key(composed) == vietnamese_sort_key(decomposed)
