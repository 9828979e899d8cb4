"""The decision-tree scene's data and the jitter of the instability beat."""

import numpy as np
import pytest

from mlu_math.tree import fit_tree, predict_tree
from mlu_math.tree_data import BOUNDS, jitter_subset, make_tree_data


@pytest.mark.parametrize("seed", range(4))
def test_data_is_balanced_and_inside_its_box(seed):
    data = make_tree_data(seed=seed)
    assert data.X.shape == (70, 2) and set(data.y.tolist()) == {0, 1}
    assert 0.35 <= data.y.mean() <= 0.65
    box = np.array(BOUNDS)
    assert np.all(data.X >= box[:, 0]) and np.all(data.X <= box[:, 1])


def test_data_is_float32_exact():
    X = make_tree_data(seed=0).X
    np.testing.assert_array_equal(X.astype(np.float32).astype(np.float64), X)


def test_data_repeats_for_a_seed():
    a, b = make_tree_data(seed=3), make_tree_data(seed=3)
    np.testing.assert_array_equal(a.X, b.X)
    np.testing.assert_array_equal(a.y, b.y)


@pytest.mark.parametrize("seed", range(4))
def test_a_shallow_tree_tells_the_classes_apart(seed):
    """The story needs it: depth 2 separates most trees, depth 1 does not."""
    data = make_tree_data(seed=seed)
    accuracy = [
        np.mean(predict_tree(fit_tree(data.X, data.y, max_depth=d), data.X) == data.y)
        for d in (1, 2)
    ]
    assert accuracy[1] >= 0.88 and accuracy[1] > accuracy[0]


@pytest.mark.parametrize(
    ("n", "fraction", "expected"), [(70, 0.05, 4), (100, 0.05, 5), (10, 0.01, 1)]
)
def test_jitter_moves_the_given_share(n, fraction, expected):
    X = np.zeros((n, 2))
    moved_X, moved = jitter_subset(X, fraction, scale=1.0, rng=np.random.default_rng(0))
    assert moved.size == expected and np.all(np.diff(moved) > 0)
    still = np.setdiff1d(np.arange(n), moved)
    np.testing.assert_array_equal(moved_X[still], X[still])
    assert np.all(np.any(moved_X[moved] != 0, axis=1))


def test_jitter_noise_has_the_given_scale():
    X = np.zeros((20_000, 2))
    moved_X, _ = jitter_subset(X, 1.0, scale=[1.0, 3.0], rng=np.random.default_rng(1))
    np.testing.assert_allclose(moved_X.std(axis=0), [1.0, 3.0], rtol=0.03)


def test_jitter_clips_into_bounds_and_leaves_the_input_alone():
    X = np.full((10, 2), 0.5)
    moved_X, _ = jitter_subset(
        X, 1.0, scale=5.0, rng=np.random.default_rng(2), bounds=[[0, 1], [0, 1]]
    )
    assert np.all((moved_X >= 0) & (moved_X <= 1)) and np.all(X == 0.5)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"fraction": 0.0}, "fraction must be in \\(0, 1\\]"),
        ({"scale": -1.0}, "scale must be finite and non-negative"),
        ({"rng": 0}, "rng must be a numpy.random.Generator"),
        ({"X": np.zeros(5)}, "X must be 2-D"),
        ({"bounds": [[0, 1]]}, "bounds must have shape \\(2, 2\\)"),
    ],
)
def test_jitter_refuses_bad_input(kwargs, message):
    args = {"X": np.zeros((5, 2)), "scale": 1.0, "rng": np.random.default_rng(0), **kwargs}
    with pytest.raises(ValueError, match=message):
        jitter_subset(args.pop("X"), **args)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n_samples": 5}, "n_samples must be at least 10"),
        ({"label_noise": 0.5}, "label_noise must be in"),
    ],
)
def test_make_tree_data_refuses_bad_input(kwargs, message):
    with pytest.raises(ValueError, match=message):
        make_tree_data(**kwargs)
