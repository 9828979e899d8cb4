"""The error-curves chart: clipping, coordinates, reversed and logarithmic axes."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

from scenes.components.error_curves import ErrorCurves, clipped_runs
from scenes.theme import LIGHT


@pytest.mark.parametrize(
    ("x", "y", "expected"),
    [
        ([0, 1, 2], [0.5, 0.5, 0.5], [[(0, 0.5), (1, 0.5), (2, 0.5)]]),
        ([0, 1, 2], [0.0, 2.0, 0.0], [[(0, 0.0), (0.5, 1.0)], [(1.5, 1.0), (2, 0.0)]]),
        ([0, 1], [2.0, 3.0], []),
        ([0, 1, 2], [0.5, np.nan, 0.5], []),
        ([0, 2], [-1.0, 3.0], [[(0.5, 0.0), (1.0, 1.0)]]),
        ([3], [0.2], [[(3, 0.2)]]),
    ],
)
def test_clipped_runs_cut_the_line_at_the_band(x, y, expected):
    runs = clipped_runs(x, y, 0.0, 1.0)
    assert len(runs) == len(expected)
    for run, want in zip(runs, expected, strict=True):
        assert_allclose(run, want)


def test_point_maps_the_ranges_onto_the_axes():
    chart = ErrorCurves(LIGHT, x_range=(0, 10, 2), y_range=(-1, 1, 0.5), width=5, height=4)
    assert_allclose(chart.point(10, 1) - chart.point(0, -1), [5, 4, 0])
    assert_allclose(chart.point(0, -1), chart.axes.c2p(0, 0))


def test_reversed_axis_puts_the_high_end_at_the_left():
    chart = ErrorCurves(LIGHT, x_range=(1, 20, 1), reverse_x=True, width=5)
    assert chart.point(20, 0)[0] == pytest.approx(chart.axes.c2p(0, 0)[0])
    assert chart.point(1, 0)[0] == pytest.approx(chart.axes.c2p(1, 0)[0])


def test_log_axis_spaces_decades_evenly():
    chart = ErrorCurves(LIGHT, x_range=(1, 100, 1), log_x=True, x_ticks=[1, 10, 100], width=4)
    assert chart.point(10, 0)[0] - chart.point(1, 0)[0] == pytest.approx(2.0)


def test_marker_rides_on_the_curve_and_stays_on_the_chart():
    chart = ErrorCurves(LIGHT, x_range=(0, 4, 1), y_range=(0, 1, 0.5))
    chart.add_curve("test", [0, 2, 4], [0.2, 0.6, 5.0], LIGHT.palette.test)
    assert chart.value_at("test", 1) == pytest.approx(0.4)
    assert_allclose(chart.build_marker("test", 1).get_center(), chart.point(1, 0.4))
    assert_allclose(chart.build_marker("test", 4).get_center(), chart.point(4, 1.0))


def test_add_curve_refuses_x_that_does_not_increase():
    chart = ErrorCurves(LIGHT)
    with pytest.raises(ValueError, match="must be increasing"):
        chart.add_curve("k", [3, 2, 1], [0.1, 0.2, 0.3], LIGHT.palette.test)


def test_log_axis_refuses_a_range_reaching_zero():
    with pytest.raises(ValueError, match="x_range must be positive with log_x"):
        ErrorCurves(LIGHT, x_range=(0, 10, 1), log_x=True)
