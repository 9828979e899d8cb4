"""Private input checks shared by every public function of ``mlu_math``.

Each check raises ``ValueError`` whose message names the argument and says
what is allowed; one helper per kind of check, so that the same mistake is
refused in the same words everywhere.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Collection, Mapping
from typing import Any, TypeVar

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "as_1d",
    "as_float_array",
    "as_generator",
    "check_binary_scores",
    "check_bounds",
    "check_callable",
    "check_choice",
    "check_class_codes",
    "check_class_labels",
    "check_count",
    "check_count_array",
    "check_finite",
    "check_finite_array",
    "check_flag",
    "check_generator",
    "check_indices",
    "check_instance",
    "check_interval",
    "check_labels",
    "check_length",
    "check_mapping",
    "check_real",
    "check_same_length",
    "check_sample_weight",
    "check_scores",
    "check_subset",
    "check_threshold",
    "check_thresholds",
    "check_unit_interval",
]

_MAX_SHOWN = 5
_REAL_KINDS = "biuf"

T = TypeVar("T")


# --- arrays ---------------------------------------------------------------------------


def as_1d(values: ArrayLike, name: str) -> NDArray:
    """Return ``values`` as a non-empty 1-D array, or raise naming ``name``.

    Parameters
    ----------
    values : array-like of shape (n,)
        The input to convert.
    name : str
        The argument name used in error messages.

    Returns
    -------
    array : ndarray of shape (n,)
        ``values`` as an array, not copied when already one.

    """
    array = _as_array(values, name)
    if array.ndim != 1:
        raise ValueError(
            f"{name} must be 1-D (shape (n_samples,)), got an array of shape {array.shape}"
        )
    if array.size == 0:
        raise ValueError(f"{name} is empty; at least 1 sample is needed")
    return array


def _as_float(array: NDArray, name: str) -> NDArray[np.float64]:
    """Convert a real-valued array to float64, or raise naming ``name``."""
    if array.dtype.kind not in _REAL_KINDS:
        raise ValueError(
            f"{name} must hold real numbers (bool, int or float), got dtype {array.dtype}"
        )
    return array.astype(np.float64, copy=False)


def _as_array(values: ArrayLike, name: str) -> NDArray:
    """Return ``np.asarray(values)``, refusing ragged input by name."""
    try:
        return np.asarray(values)
    except ValueError:
        raise ValueError(f"{name} must be a rectangular array, got {values!r}") from None


def _shown(values: NDArray) -> str:
    """Format a few of ``values`` for an error message."""
    shown = ", ".join(repr(v.item()) for v in values[:_MAX_SHOWN])
    more = ", ..." if values.size > _MAX_SHOWN else ""
    return f"[{shown}{more}]"


def as_float_array(values: ArrayLike, name: str) -> NDArray[np.float64]:
    """Return real ``values`` of any shape as a float64 array, or raise naming ``name``.

    Parameters
    ----------
    values : array-like
        Bools, ints or floats, of any shape (a scalar too).
    name : str
        The argument name used in error messages.

    Returns
    -------
    array : ndarray, dtype float64
        Not copied when already float64.

    """
    return _as_float(_as_array(values, name), name)


def check_finite(array: NDArray[np.float64], name: str) -> NDArray[np.float64]:
    """Raise if ``array`` holds NaN or infinity, naming ``name``.

    Parameters
    ----------
    array : ndarray
        A float array, of any shape.
    name : str
        The argument name used in error messages.

    Returns
    -------
    array : ndarray
        The same array.

    """
    bad = ~np.isfinite(array)
    if bad.any():
        raise ValueError(
            f"{name} must be finite, but it holds {np.count_nonzero(bad)} NaN or "
            f"infinite value(s), e.g. {_shown(array[bad])}"
        )
    return array


def _check_2d(array: NDArray, name: str, n_columns: int | None, min_columns: int) -> None:
    """Raise unless ``array`` is 2-D with rows and the columns asked for."""
    if array.ndim != 2:
        raise ValueError(
            f"{name} must be 2-D (shape (n_samples, n_features)), got an array of shape "
            f"{array.shape}"
        )
    if n_columns is not None and array.shape[1] != n_columns:
        raise ValueError(
            f"{name} must have {n_columns} column(s), shape (n_samples, {n_columns}), "
            f"got shape {array.shape}"
        )
    if array.shape[0] == 0 or array.shape[1] < min_columns:
        raise ValueError(
            f"{name} must have at least one row and at least {min_columns} column(s), "
            f"got shape {array.shape}"
        )


def check_finite_array(
    values: ArrayLike,
    name: str,
    *,
    ndim: int | None = 1,
    n_columns: int | None = None,
    min_columns: int = 1,
) -> NDArray[np.float64]:
    """Return finite real ``values`` as a float64 array of the given shape.

    Parameters
    ----------
    values : array-like
        Bools, ints or floats.
    name : str
        The argument name used in error messages.
    ndim : {1, 2, None}, default=1
        1: a non-empty vector of shape (n_samples,). 2: a matrix of shape
        (n_samples, n_features) with at least one row. None: any shape,
        a scalar or an empty array too (for elementwise functions).
    n_columns : int, optional
        With ``ndim=2``, the number of columns required.
    min_columns : int, default=1
        With ``ndim=2``, the fewest columns allowed.

    Returns
    -------
    array : ndarray, dtype float64
        Not copied when already float64.

    """
    if ndim == 1:
        array = as_1d(values, name)
    else:
        array = _as_array(values, name)
    array = _as_float(array, name)
    if ndim == 2:
        _check_2d(array, name, n_columns, min_columns)
    return check_finite(array, name)


def check_same_length(
    first_name: str, first: NDArray, second_name: str, second: NDArray, unit: str = "samples"
) -> None:
    """Raise unless two arrays have as many rows (or samples) as each other.

    Parameters
    ----------
    first_name, second_name : str
        The argument names used in the error message.
    first, second : ndarray
        The arrays; their first axes are compared.
    unit : str, default="samples"
        What one entry of a 1-D ``first`` is called; a 2-D one has rows.

    """
    n_first, n_second = len(first), len(second)
    if n_first != n_second:
        what = "rows" if np.ndim(first) == 2 else unit
        raise ValueError(f"{first_name} has {n_first} {what} but {second_name} has {n_second}")


def check_length(array: NDArray, name: str, n: int, n_name: str) -> None:
    """Raise unless ``array`` holds ``n`` values, the number ``n_name`` asks for.

    Parameters
    ----------
    array : ndarray
        The array; its first axis is counted.
    name, n_name : str
        The names of the array and of the count, for the error message.
    n : int
        The length required.

    """
    if len(array) != n:
        raise ValueError(f"{name} has {len(array)} values but {n_name} is {n}")


def check_scores(y_score: ArrayLike, name: str = "y_score") -> NDArray[np.float64]:
    """Return finite real scores as a float64 array.

    Parameters
    ----------
    y_score : array-like of shape (n_samples,)
        Scores, probabilities or decision values.
    name : str, default="y_score"
        The argument name used in error messages.

    Returns
    -------
    y_score : ndarray of shape (n_samples,), dtype float64
        The scores.

    """
    return check_finite_array(y_score, name)


def check_unit_interval(
    values: ArrayLike, name: str, *, allow_nan: bool = False
) -> NDArray[np.float64]:
    """Return probabilities or rates (any shape) as float64, each in [0, 1].

    Parameters
    ----------
    values : array-like
        Real numbers in [0, 1], of any shape.
    name : str
        The argument name used in error messages.
    allow_nan : bool, default=False
        Whether NaN (an undefined rate) is allowed.

    Returns
    -------
    array : ndarray, dtype float64

    """
    array = as_float_array(values, name)
    outside = ~((array >= 0.0) & (array <= 1.0))
    if allow_nan:
        outside &= ~np.isnan(array)
    if outside.any():
        nan = " (or be NaN)" if allow_nan else ""
        raise ValueError(f"{name} must lie in [0, 1]{nan}, got {_shown(array[outside])}")
    return array


# --- labels ---------------------------------------------------------------------------


def check_labels(y_true: ArrayLike, name: str = "y_true") -> NDArray[np.int8]:
    """Return binary labels as an int8 array of 0s and 1s.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        Labels; bools, or ints or floats equal to 0 or 1.
    name : str, default="y_true"
        The argument name used in error messages.

    Returns
    -------
    y_true : ndarray of shape (n_samples,), dtype int8
        The labels, 1 for the positive class.

    """
    array = as_1d(y_true, name)
    if array.dtype.kind not in _REAL_KINDS:
        raise ValueError(
            f"{name} must hold the labels 0 and 1 (or False and True), got dtype {array.dtype}"
        )
    bad = (array != 0) & (array != 1)
    if bad.any():
        raise ValueError(
            f"{name} must hold only the labels 0 and 1 (or False and True), got "
            f"{_shown(np.unique(array[bad]))}"
        )
    return array.astype(np.int8)


def check_class_labels(values: ArrayLike, name: str) -> NDArray:
    """Return class labels of any kind as a non-empty 1-D array, unchanged.

    Parameters
    ----------
    values : array-like of shape (n_samples,)
        Ints, bools, strings, or whole finite floats.
    name : str
        The argument name used in error messages.

    Returns
    -------
    labels : ndarray of shape (n_samples,)

    """
    labels = as_1d(values, name)
    if labels.dtype.kind == "f":
        bad = ~np.isfinite(labels) | (labels != np.round(labels))
        if bad.any():
            raise ValueError(
                f"{name} must hold class labels (ints, bools, strings or whole floats), "
                f"got {_shown(labels[bad])}"
            )
    elif labels.dtype.kind not in "biuUSO":
        raise ValueError(f"{name} must hold class labels, got dtype {labels.dtype}")
    return labels


def check_class_codes(values: ArrayLike, name: str, *, ndim: int = 1) -> NDArray[np.intp]:
    """Return class labels 0, 1, 2, ... as an intp array, or raise naming ``name``.

    Parameters
    ----------
    values : array-like
        Non-negative integers (bools, ints, or whole floats).
    name : str
        The argument name used in error messages.
    ndim : int, default=1
        The number of dimensions required; no axis may be empty.

    Returns
    -------
    codes : ndarray, dtype intp

    """
    array = _as_array(values, name)
    if array.ndim != ndim or 0 in array.shape:
        raise ValueError(
            f"{name} must be a non-empty {ndim}-D array of class labels, got shape {array.shape}"
        )
    whole = array.dtype.kind in "biu" or (
        array.dtype.kind == "f" and bool(np.all(np.isfinite(array) & (array == np.round(array))))
    )
    if not whole or array.min() < 0:
        shown = _shown(np.unique(array)) if array.dtype.kind in _REAL_KINDS else array.dtype
        raise ValueError(
            f"{name} must hold class labels 0, 1, 2, ... (non-negative integers), got {shown}"
        )
    return array.astype(np.intp)


def check_indices(
    values: ArrayLike, name: str, n: int, limit: str, *, allow_empty: bool = False
) -> NDArray[np.intp]:
    """Return indices into ``n`` items as a 1-D intp array, non-empty unless allowed.

    Parameters
    ----------
    values : array-like of int, shape (n_indices,)
        Integer indices, each in ``[0, n)``.
    name : str
        The argument name used in error messages.
    n : int
        How many items the indices point into.
    limit : str
        What ``n`` is called in the error message, e.g. ``"n_samples"``.
    allow_empty : bool, default=False
        Whether no index at all is allowed.

    Returns
    -------
    indices : ndarray of shape (n_indices,), dtype intp

    """
    if allow_empty and np.ndim(values) == 1 and np.size(values) == 0:
        return np.empty(0, dtype=np.intp)
    array = as_1d(values, name)
    if array.dtype.kind not in "iu":
        raise ValueError(f"{name} must be integers, got dtype {array.dtype}")
    if array.min() < 0 or array.max() >= n:
        raise ValueError(
            f"{name} must lie in [0, {limit}) = [0, {n}), got values from "
            f"{array.min()} to {array.max()}"
        )
    return array.astype(np.intp, copy=False)


# --- single values --------------------------------------------------------------------


def check_count(
    value: object, name: str, minimum: int, maximum: int | None = None, reason: str = ""
) -> int:
    """Return ``value`` as an int in ``[minimum, maximum]``, or raise naming ``name``.

    Parameters
    ----------
    value : object
        An integer (a Python or numpy int; not a bool or a float).
    name : str
        The argument name used in error messages.
    minimum : int
        The smallest value allowed.
    maximum : int, optional
        The largest value allowed; no limit by default.
    reason : str, default=""
        Why the range is what it is, added to the message in brackets.

    Returns
    -------
    int

    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name} must be an integer, got {value!r}")
    if maximum is not None and not minimum <= value <= maximum:
        why = f" ({reason})" if reason else ""
        raise ValueError(f"{name} must be in [{minimum}, {maximum}]{why}, got {value}")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}")
    return int(value)


def check_count_array(values: ArrayLike, name: str, minimum: int = 1) -> NDArray[np.intp]:
    """Return a non-empty 1-D array of whole numbers, each at least ``minimum``, as intp.

    Parameters
    ----------
    values : array-like of shape (n_values,)
        Integers (or whole floats).
    name : str
        The argument name used in error messages.
    minimum : int, default=1
        The smallest value allowed.

    Returns
    -------
    counts : ndarray of shape (n_values,), dtype intp

    """
    array = _as_array(values, name)
    if array.ndim != 1 or array.size == 0:
        raise ValueError(
            f"{name} must be a non-empty 1-D array of integers, got shape {array.shape}"
        )
    if array.dtype.kind == "f":
        fraction = ~np.isfinite(array) | (array != np.round(array))
        if fraction.any():
            raise ValueError(f"{name} must hold integers, got {_shown(array[fraction])}")
    elif array.dtype.kind not in "iu":
        raise ValueError(f"{name} must hold integers, got dtype {array.dtype}")
    if array.min() < minimum:
        raise ValueError(f"{name} must all be at least {minimum}, got {array.min().item()!r}")
    return array.astype(np.intp)


def _bound(value: float) -> str:
    return f"{value:g}"


def _range_text(
    low: float | None, high: float | None, low_open: bool, high_open: bool
) -> tuple[str, str]:
    """Return how to say the range, and the word before it ('a finite number' or not)."""
    if low is not None and high is not None:
        if low_open and high_open:
            return f"strictly between {_bound(low)} and {_bound(high)}", ""
        left, right = "(" if low_open else "[", ")" if high_open else "]"
        return f"in {left}{_bound(low)}, {_bound(high)}{right}", ""
    if low is not None:
        return f"{'>' if low_open else '>='} {_bound(low)}", "a finite number "
    if high is not None:
        return f"{'<' if high_open else '<='} {_bound(high)}", "a finite number "
    return "finite", ""


def check_real(
    value: object,
    name: str,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    high_open: bool = False,
) -> float:
    """Return a finite real number in the range given, as a float, or raise naming ``name``.

    Parameters
    ----------
    value : object
        A real number (Python or numpy; a 0-d array too); not a bool.
    name : str
        The argument name used in error messages.
    low, high : float, optional
        The bounds; none by default.
    low_open, high_open : bool, default=False
        Whether the bound itself is excluded.

    Returns
    -------
    float

    """
    is_real = isinstance(value, numbers.Real) or (
        isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf"
    )
    if isinstance(value, bool | np.bool_) or not is_real:
        raise ValueError(f"{name} must be a real number, got {value!r}")
    number = float(value)  # type: ignore[arg-type]
    inside = np.isfinite(number)
    if low is not None:
        inside &= number > low if low_open else number >= low
    if high is not None:
        inside &= number < high if high_open else number <= high
    if not inside:
        text, kind = _range_text(low, high, low_open, high_open)
        raise ValueError(f"{name} must be {kind}{text}, got {value!r}")
    return number


def check_threshold(value: object, name: str) -> float:
    """Return one decision threshold as a float; infinities allowed, NaN not.

    Parameters
    ----------
    value : object
        A single real number.
    name : str
        The argument name used in error messages.

    Returns
    -------
    float

    """
    if np.ndim(value) != 0:
        raise ValueError(f"{name} must be a single number, got shape {np.shape(value)}")
    return float(check_thresholds(np.reshape(value, 1), name)[0])


def check_flag(value: object, name: str) -> bool:
    """Return ``value`` if it is True or False (a numpy bool too), or raise naming ``name``."""
    if not isinstance(value, bool | np.bool_):
        raise ValueError(f"{name} must be True or False, got {value!r}")
    return bool(value)


def check_choice(value: object, name: str, choices: Collection[str]) -> str:
    """Return ``value`` if it is one of ``choices``, or raise listing them.

    Parameters
    ----------
    value : object
        The choice made.
    name : str
        The argument name used in error messages.
    choices : collection of str
        The allowed values.

    Returns
    -------
    str

    """
    if not isinstance(value, str) or value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(choices)}; got {value!r}")
    return value


def check_subset(values: object, name: str, choices: list[str]) -> list[int]:
    """Return the positions in ``choices`` of a non-empty tuple of distinct names.

    Parameters
    ----------
    values : tuple of str
        Distinct names, each one of ``choices``; not a bare string.
    name : str
        The argument name used in error messages.
    choices : list of str
        The allowed names.

    Returns
    -------
    list of int
        ``choices.index(value)`` for each value, in order.

    """
    if isinstance(values, str):
        raise ValueError(
            f"{name} must be a tuple of names (a non-empty tuple), got the string "
            f"{values!r}; write ({values!r},)"
        )
    try:
        picked = tuple(values)  # type: ignore[arg-type]
    except TypeError:
        raise ValueError(f"{name} must be a tuple of names, got {values!r}") from None
    unknown = [value for value in picked if value not in choices]
    if unknown or not picked or len(set(picked)) != len(picked):
        raise ValueError(
            f"{name} must be distinct names (a non-empty tuple), got {picked!r} "
            f"(unknown: {unknown!r}); valid names: {', '.join(choices)}"
        )
    return [choices.index(value) for value in picked]


def check_interval(value: object, name: str) -> tuple[float, float]:
    """Return a ``(low, high)`` pair of finite floats with ``low < high``.

    Parameters
    ----------
    value : object
        Two real numbers.
    name : str
        The argument name used in error messages.

    Returns
    -------
    low, high : float

    """
    message = f"{name} must be (low, high) with finite low < high, got {value!r}"
    try:
        pair = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(message) from None
    if pair.shape != (2,) or not (np.all(np.isfinite(pair)) and pair[0] < pair[1]):
        raise ValueError(message)
    return float(pair[0]), float(pair[1])


def check_bounds(values: object, name: str, n_rows: int | None = None) -> NDArray[np.float64]:
    """Return a box: one finite ``(low, high)`` row per feature, ``low < high``.

    Parameters
    ----------
    values : array-like of shape (n_features, 2)
        The rows ``(low, high)``.
    name : str
        The argument name used in error messages.
    n_rows : int, optional
        The number of rows (features) required.

    Returns
    -------
    bounds : ndarray of shape (n_features, 2), dtype float64
        A new array.

    """
    rows = "n_features" if n_rows is None else n_rows
    message = f"{name} must have shape ({rows}, 2): rows (low, high) with finite low < high"
    try:
        box = np.array(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"{message}, got {values!r}") from None
    good_shape = box.ndim == 2 and box.shape[1] == 2 and box.shape[0] > 0
    if not good_shape or (n_rows is not None and box.shape[0] != n_rows):
        raise ValueError(f"{message}, got shape {box.shape}")
    if not (np.all(np.isfinite(box)) and np.all(box[:, 0] < box[:, 1])):
        raise ValueError(f"{message}, got {values!r}")
    return box


def check_callable(value: T, name: str) -> T:
    """Return ``value`` if it can be called, or raise naming ``name``."""
    if not callable(value):
        raise ValueError(f"{name} must be callable, got {value!r}")
    return value


def check_instance(value: object, name: str, kind: type[T]) -> T:
    """Return ``value`` if it is a ``kind``, or raise naming ``name`` and the type wanted."""
    if not isinstance(value, kind):
        raise ValueError(f"{name} must be a {kind.__name__}, got {type(value).__name__}")
    return value


def check_mapping(
    mapping: object,
    name: str,
    keys: Collection[Any],
    check_value: Callable[[Any, str], T],
    what: str = "value",
) -> dict[Any, T]:
    """Return a mapping with exactly ``keys``, each value checked, in the order of ``keys``.

    Parameters
    ----------
    mapping : object
        A mapping from each of ``keys`` to a value.
    name : str
        The argument name used in error messages.
    keys : collection
        The keys required, no more and no fewer (compared with ``==``, so
        ``1`` does not stand for ``"1"``).
    check_value : callable
        ``check_value(value, label)`` returns the checked value or raises;
        ``label`` is ``name[key]``.
    what : str, default="value"
        What one value is, for the error message.

    Returns
    -------
    dict

    """
    if not isinstance(mapping, Mapping):
        raise ValueError(f"{name} must be a mapping, got {type(mapping).__name__}")
    missing = [key for key in keys if key not in mapping]
    unknown = [key for key in mapping if key not in keys]
    if missing or unknown:
        raise ValueError(
            f"{name} must give a {what} for each of {list(keys)!r} and no other key; "
            f"missing {missing!r}, unknown {unknown!r}"
        )
    return {key: check_value(mapping[key], f"{name}[{key!r}]") for key in keys}


# --- random numbers -------------------------------------------------------------------


def _is_seed_int(value: object) -> bool:
    return not isinstance(value, bool) and isinstance(value, numbers.Integral) and value >= 0


def as_generator(rng: object, name: str = "rng") -> np.random.Generator:
    """Return ``rng`` if it is a numpy Generator, else a new one seeded with it.

    Parameters
    ----------
    rng : numpy.random.Generator, int, sequence of int or numpy.random.SeedSequence
        A generator (returned as it is), or an explicit seed: an int >= 0, a
        non-empty sequence of them, or a SeedSequence. Not None: draws repeat.
    name : str, default="rng"
        The argument name used in error messages.

    Returns
    -------
    numpy.random.Generator

    """
    if isinstance(rng, np.random.Generator):
        return rng
    if _is_seed_int(rng):
        return np.random.default_rng(int(rng))  # type: ignore[call-overload]
    is_sequence = isinstance(rng, list | tuple) or (isinstance(rng, np.ndarray) and rng.ndim == 1)
    if isinstance(rng, np.random.SeedSequence) or (
        is_sequence and len(rng) > 0 and all(_is_seed_int(v) for v in rng)  # type: ignore[arg-type]
    ):
        return np.random.default_rng(rng)  # type: ignore[arg-type]
    raise ValueError(
        f"{name} must be a numpy.random.Generator or an int seed >= 0 (or a sequence of "
        f"them), got {rng!r}"
    )


def check_generator(rng: object, name: str = "rng") -> np.random.Generator:
    """Return ``rng`` if it is a numpy Generator, or raise naming ``name``."""
    if not isinstance(rng, np.random.Generator):
        raise ValueError(
            f"{name} must be a numpy.random.Generator (np.random.default_rng(seed)), got {rng!r}"
        )
    return rng


# --- binary classification ------------------------------------------------------------


def check_sample_weight(
    sample_weight: ArrayLike | None, n_samples: int
) -> NDArray[np.float64] | None:
    """Return finite, non-negative sample weights with a positive sum, or None.

    Parameters
    ----------
    sample_weight : array-like of shape (n_samples,) or None
        Weights of the samples; None means every sample weighs 1.
    n_samples : int
        The number of samples the weights must match.

    Returns
    -------
    sample_weight : ndarray of shape (n_samples,), dtype float64, or None
        The weights.

    """
    if sample_weight is None:
        return None
    weights = check_scores(sample_weight, "sample_weight")
    if weights.size != n_samples:
        raise ValueError(f"sample_weight has {weights.size} samples but y_true has {n_samples}")
    negative = weights < 0
    if negative.any():
        raise ValueError(
            "sample_weight must be non-negative, got "
            f"{np.count_nonzero(negative)} negative value(s), e.g. "
            f"{_shown(weights[negative])}"
        )
    if not weights.sum() > 0:
        raise ValueError("sample_weight must have a positive sum, got all zeros")
    return weights


def check_binary_scores(
    y_true: ArrayLike,
    y_score: ArrayLike,
    sample_weight: ArrayLike | None = None,
) -> tuple[NDArray[np.int8], NDArray[np.float64], NDArray[np.float64] | None]:
    """Validate the inputs of a binary-classification metric.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels: bools, or ints or floats equal to 0 or 1 (1 is positive).
    y_score : array-like of shape (n_samples,)
        Finite scores; higher means more likely positive.
    sample_weight : array-like of shape (n_samples,), default=None
        Finite, non-negative weights with a positive sum.

    Returns
    -------
    y_true : ndarray of shape (n_samples,), dtype int8
        The labels as 0 and 1.
    y_score : ndarray of shape (n_samples,), dtype float64
        The scores.
    sample_weight : ndarray of shape (n_samples,), dtype float64, or None
        The weights, or None when none were given.

    Raises
    ------
    ValueError
        When an input is not 1-D, is empty, the lengths differ, a label is not
        0 or 1, a score is NaN or infinite, or a weight is negative.

    """
    labels = as_1d(y_true, "y_true")
    scores = as_1d(y_score, "y_score")
    check_same_length("y_true", labels, "y_score", scores)
    labels = check_labels(labels)
    scores = check_scores(scores)
    return labels, scores, check_sample_weight(sample_weight, labels.size)


def check_thresholds(thresholds: ArrayLike, name: str = "thresholds") -> NDArray[np.float64]:
    """Return decision thresholds as a float64 array; infinities allowed, NaN not.

    Parameters
    ----------
    thresholds : array-like of shape (n_thresholds,)
        Thresholds; a sample is predicted positive when ``score >= threshold``.
    name : str, default="thresholds"
        The argument name used in error messages.

    Returns
    -------
    thresholds : ndarray of shape (n_thresholds,), dtype float64
        The thresholds.

    """
    array = _as_float(as_1d(thresholds, name), name)
    if np.isnan(array).any():
        raise ValueError(f"{name} must not be NaN (use np.inf or -np.inf for the extremes)")
    return array
