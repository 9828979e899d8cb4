"""GIFs from rendered frames: frame rules, recorder, encoder, size budget, quality and probe."""

from mlu_render.gif.budget import (
    BUDGET_COLORS,
    BUDGET_FRAME_RATE_COUNT,
    WIDTH_STEP,
    BudgetChoice,
    GifBudgetError,
    GifCandidate,
    describe_choice,
    fit_gif_budget,
    format_bytes,
    width_ladder,
)
from mlu_render.gif.encoder import GifEncoding, encode_gif
from mlu_render.gif.frame_rules import (
    GIF_FRAME_RATES,
    MIN_WIDTH,
    SCALE_FLAGS,
    gif_frame_rate,
    gif_size,
    kept_frames,
)
from mlu_render.gif.probe import VideoFacts, probe_video
from mlu_render.gif.quality import PSNR_CEILING_DB, gif_quality
from mlu_render.gif.recorder import GifWriter

__all__ = [
    "BUDGET_COLORS",
    "BUDGET_FRAME_RATE_COUNT",
    "GIF_FRAME_RATES",
    "MIN_WIDTH",
    "PSNR_CEILING_DB",
    "SCALE_FLAGS",
    "WIDTH_STEP",
    "BudgetChoice",
    "GifBudgetError",
    "GifCandidate",
    "GifEncoding",
    "GifWriter",
    "VideoFacts",
    "describe_choice",
    "encode_gif",
    "fit_gif_budget",
    "format_bytes",
    "gif_frame_rate",
    "gif_quality",
    "gif_size",
    "kept_frames",
    "probe_video",
    "width_ladder",
]
