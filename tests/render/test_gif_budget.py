"""fit_gif_budget: the best-looking GIF that fits a byte budget, found in few encodes."""

from __future__ import annotations

import itertools
import math
import pickle
from pathlib import Path

import pytest
from PIL import Image

from mlu_render.gif import (
    MIN_WIDTH,
    WIDTH_STEP,
    BudgetChoice,
    GifBudgetError,
    GifCandidate,
    GifEncoding,
    budget,
    describe_choice,
    encode_gif,
    fit_gif_budget,
    format_bytes,
    gif_quality,
    width_ladder,
)
from mlu_render.gif.encoder import encode_plan

BUDGET = 15_000


@pytest.fixture(scope="module")
def fitted(rich30, tmp_path_factory) -> tuple[BudgetChoice, Path, list[tuple[int, int, int]]]:
    """The choice for BUDGET, its folder, and (width, fps, colours) of every encode run."""
    folder = tmp_path_factory.mktemp("fit")
    encodes = []

    def counted(clip, plan, target, workdir):
        encodes.append((plan.width, plan.fps, plan.colors))
        return encode_plan(clip, plan, target, workdir)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(budget, "encode_plan", counted)
        choice = fit_gif_budget(
            rich30,
            folder / "out" / "fit.gif",
            max_bytes=BUDGET,
            max_width=160,
            max_fps=25,
            workdir=folder / "work",
        )
    return choice, folder, encodes


# --- Fitting a budget ---------------------------------------------------------


def test_budget_is_met_by_the_file_written(fitted):
    choice, folder, _ = fitted
    gif = choice.encoding
    assert gif.path == folder / "out" / "fit.gif"
    assert gif.bytes == gif.path.stat().st_size <= BUDGET
    assert Image.open(gif.path).size == (gif.width, gif.height)
    assert Image.open(gif.path).n_frames == gif.frame_count


def test_budget_choice_is_tight_the_next_wider_gif_does_not_fit(fitted, rich30, tmp_path):
    choice, _, _ = fitted
    gif = choice.encoding
    ladder = width_ladder(160)
    rung = ladder.index(gif.width)
    assert rung > 0  # the budget is below the full-size GIF
    wider = encode_gif(
        rich30,
        tmp_path / "wider.gif",
        width=ladder[rung - 1],
        fps=gif.fps,
        colors=gif.colors,
        workdir=tmp_path,
    )
    assert wider.bytes > BUDGET


def test_budget_choice_has_the_best_measured_quality(fitted, rich30):
    choice, _, _ = fitted
    measured = [c.psnr for c in choice.candidates if c.psnr is not None]
    assert choice.quality == max(measured)
    assert choice.quality == pytest.approx(gif_quality(choice.encoding.path, rich30), abs=1e-9)
    gif = choice.encoding
    assert GifCandidate(gif.width, gif.fps, gif.colors, gif.bytes, choice.quality) in (
        choice.candidates
    )
    too_big = [c for c in choice.candidates if c.bytes > BUDGET]
    assert too_big  # the choice is not the top candidate, so some did not fit
    assert all(c.psnr is None for c in too_big)


def test_budget_search_costs_few_encodes(fitted):
    choice, _, encodes = fitted
    # 3 rates x 3 palettes over 16 widths: bisection alone would take ~37.
    assert len(choice.candidates) <= 36
    assert len({(c.width, c.fps, c.colors) for c in choice.candidates}) == len(choice.candidates)
    # The candidates are every encode run, each run once: their count is the cost.
    assert encodes == [(c.width, c.fps, c.colors) for c in choice.candidates]


def test_budget_search_leaves_only_the_gif(fitted):
    _, folder, _ = fitted
    assert [p.name for p in (folder / "out").iterdir()] == ["fit.gif"]
    assert list((folder / "work").iterdir()) == []


def test_generous_budget_takes_the_top_candidate_in_two_encodes(rich30, tmp_path):
    choice = fit_gif_budget(
        rich30, tmp_path / "a.gif", max_bytes=10**7, max_width=120, max_fps=20, workdir=tmp_path
    )
    gif = choice.encoding
    assert (gif.width, gif.fps, gif.colors) == (120, 20, 256)
    assert len(choice.candidates) == 2


def test_budget_with_a_trim_measures_the_kept_frames(rich30, tmp_path):
    choice = fit_gif_budget(
        rich30,
        tmp_path / "t.gif",
        max_bytes=4_000,
        max_width=160,
        max_fps=10,
        start=0.5,
        end=1.0,
        workdir=tmp_path / "work",
    )
    gif = choice.encoding
    assert gif.bytes <= 4_000
    assert gif.frame_count == math.ceil(15 * gif.fps / 30)
    assert choice.quality == pytest.approx(
        gif_quality(gif.path, rich30, start=0.5, end=1.0), abs=1e-9
    )
    assert list((tmp_path / "work").iterdir()) == []


def test_impossible_budget_raises_and_leaves_nothing(rich30, tmp_path):
    target = tmp_path / "out" / "x.gif"
    target.parent.mkdir()
    with pytest.raises(GifBudgetError) as caught:
        fit_gif_budget(
            rich30, target, max_bytes=500, max_width=160, max_fps=25, workdir=tmp_path / "work"
        )
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.max_bytes == 500
    assert (error.smallest.width, error.smallest.fps, error.smallest.colors) == (16, 10, 64)
    assert error.smallest.bytes > 500
    message = str(error)
    assert "500 bytes" in message
    assert f"{error.smallest.bytes} bytes" in message
    assert "--gif-start/--gif-end" in message
    assert list(target.parent.iterdir()) == []
    assert list((tmp_path / "work").iterdir()) == []
    # It crosses a process pool intact.
    copy = pickle.loads(pickle.dumps(error))
    assert (str(copy), copy.smallest, copy.max_bytes) == (message, error.smallest, 500)


# --- Bad input ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "name"),
    [
        ({"max_bytes": 0}, "max_bytes"),
        ({"max_bytes": 1.5}, "max_bytes"),
        ({"max_fps": 30}, "max_fps"),
        ({"max_width": 8}, "max_width"),
    ],
)
def test_bad_budget_arguments_raise_naming_them(flat30, tmp_path, options, name):
    arguments = {"max_bytes": 10_000, "max_width": 160, "max_fps": 20} | options
    with pytest.raises(ValueError, match=rf"^{name} must"):
        fit_gif_budget(flat30, tmp_path / "a.gif", workdir=tmp_path, **arguments)


# --- Width ladder and the line for people -------------------------------------


@pytest.mark.parametrize("max_width", [17, 64, 160, 640, 1920])
def test_width_ladder_narrows_by_steps_of_about_an_eighth_down_to_min_width(max_width):
    ladder = width_ladder(max_width)
    assert len(ladder) >= 2  # else the pairwise checks below check nothing
    assert ladder[0] == max_width
    assert ladder[-1] == MIN_WIDTH
    assert all(a > b for a, b in itertools.pairwise(ladder))
    assert all(b >= a * WIDTH_STEP - 2 for a, b in itertools.pairwise(ladder))


def test_width_ladder_of_min_width_is_that_one_rung():
    assert width_ladder(MIN_WIDTH) == (MIN_WIDTH,)


def test_width_ladder_of_640_has_26_rungs():
    # So a bisection over it costs 5 encodes.
    assert len(width_ladder(640)) == 26


def test_describe_choice():
    gif = GifEncoding(Path("a.gif"), 480, 270, 10, 128, 40, 487_400)
    choice = BudgetChoice(gif, 38.24, 500_000, ())
    assert describe_choice(choice) == (
        "GIF fits 500 KB: 480x270, 10 fps, 128 colours, 487 KB, 38.2 dB"
    )


@pytest.mark.parametrize(
    ("count", "text"), [(950, "950 B"), (487_400, "487 KB"), (2_345_678, "2.3 MB")]
)
def test_format_bytes(count, text):
    assert format_bytes(count) == text
