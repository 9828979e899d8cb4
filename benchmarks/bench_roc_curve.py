"""Time mlu_math.roc_curve against scikit-learn's on 10**6 samples.

Run from the repository root:

    .venv/bin/python benchmarks/bench_roc_curve.py

Both run in the same process on the same seeded inputs; each time is the best of
a few runs of ``time.perf_counter``. Two inputs: continuous scores (nearly all
distinct) and scores rounded to 2 decimals (many ties).
"""

import time
from collections.abc import Callable

import numpy as np
from sklearn import metrics as skm

import mlu_math

N_SAMPLES = 10**6
REPEATS = 5
SEED = 0


def make_inputs(rounded: bool) -> tuple[np.ndarray, np.ndarray]:
    """Seeded labels and scores where positives score higher on average."""
    rng = np.random.default_rng(SEED)
    y_true = rng.integers(0, 2, N_SAMPLES)
    y_score = 1 / (1 + np.exp(-(y_true + rng.normal(size=N_SAMPLES))))
    return y_true, np.round(y_score, 2) if rounded else y_score


def best_time(function: Callable[..., object], *args: object) -> float:
    """Return the fastest of REPEATS runs of ``function(*args)``, in seconds."""
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        function(*args)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    """Time both implementations on both inputs and print a small table."""
    print(f"roc_curve on {N_SAMPLES:,} samples, best of {REPEATS} runs")
    print(f"{'scores':<12}{'mlu_math':>12}{'sklearn':>12}{'ratio':>9}")
    for rounded in (False, True):
        y_true, y_score = make_inputs(rounded)
        ours = mlu_math.roc_curve(y_true, y_score)
        theirs = skm.roc_curve(y_true, y_score)
        for mine, truth in zip(ours, theirs, strict=True):
            np.testing.assert_array_equal(mine, truth)
        t_ours = best_time(mlu_math.roc_curve, y_true, y_score)
        t_theirs = best_time(skm.roc_curve, y_true, y_score)
        label = "2-decimal" if rounded else "continuous"
        print(
            f"{label:<12}{t_ours * 1e3:>10.1f}ms{t_theirs * 1e3:>10.1f}ms{t_ours / t_theirs:>8.2f}x"
        )
    print("ratio = mlu_math time / scikit-learn time (below 1 is faster)")


if __name__ == "__main__":
    main()
