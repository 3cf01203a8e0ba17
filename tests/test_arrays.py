import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from namematch.arrays import factorize, unique_sorted


@pytest.mark.parametrize(("values", "expected"), [
    ([], []),
    ([7], [7]),
    ([3, 1, 3, 2, 1], [1, 2, 3]),
    ([5, 5, 5], [5]),
])
def test_unique_sorted_examples(values: list[int], expected: list[int]) -> None:
    assert unique_sorted(np.array(values, dtype=np.int64)).tolist() == expected


@given(st.lists(st.integers(-(2**62), 2**62)), st.booleans())
def test_unique_sorted_is_np_unique(values: list[int], overwrite: bool) -> None:
    arr = np.array(values, dtype=np.int64)
    assert unique_sorted(arr.copy(), overwrite=overwrite).tolist() == np.unique(arr).tolist()


def test_unique_sorted_leaves_input_alone_unless_asked() -> None:
    arr = np.array([3, 1, 2], dtype=np.int64)
    unique_sorted(arr)
    assert arr.tolist() == [3, 1, 2]


@given(st.lists(st.integers(-5, 5), max_size=60))
def test_factorize_groups_equal_values(values: list[int]) -> None:
    arr = np.array(values, dtype=np.int64)
    where, groups = factorize(arr)
    assert len(where) == len(set(values))
    # one group per distinct value, numbered in the values' sorted order
    assert arr[where].tolist() == sorted(set(values))
    assert (arr[where][groups] == arr).all()
