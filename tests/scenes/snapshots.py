"""Compare key-frame images with committed PNGs, within a tolerance."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

__all__ = ["FAILURES", "SNAPSHOTS", "Comparison", "compare"]

HERE = Path(__file__).parent
SNAPSHOTS = HERE / "snapshots"
FAILURES = HERE / "_failures"

PIXEL_TOLERANCE = 48
"""A pixel differs when a channel moves by more than this (of 255): text
anti-aliasing shifts edge pixels a little between Cairo and font builds."""

SHARE_TOLERANCE = 0.002
"""A frame fails when more than this share of its pixels differ."""


@dataclass(frozen=True)
class Comparison:
    """How far an image is from its snapshot."""

    differing: float
    size_matches: bool

    @property
    def ok(self) -> bool:
        return self.size_matches and self.differing <= SHARE_TOLERANCE


def compare(actual: Image.Image, expected_path: Path, failure_stem: Path) -> Comparison:
    """Compare ``actual`` with the PNG at ``expected_path``.

    On failure, ``<failure_stem>-actual.png`` and ``<failure_stem>-diff.png``
    (differing pixels in magenta over a faded copy) are written.
    """
    expected = Image.open(expected_path).convert("RGB")
    got = actual.convert("RGB")
    if got.size != expected.size:
        result = Comparison(1.0, size_matches=False)
    else:
        delta = np.abs(np.asarray(got, dtype=np.int16) - np.asarray(expected, dtype=np.int16))
        mask = delta.max(axis=2) > PIXEL_TOLERANCE
        result = Comparison(float(mask.mean()), size_matches=True)
        if not result.ok:
            _write_diff(got, mask, failure_stem)
    if not result.ok:
        failure_stem.parent.mkdir(parents=True, exist_ok=True)
        got.save(failure_stem.with_name(failure_stem.name + "-actual.png"))
    return result


def _write_diff(image: Image.Image, mask: np.ndarray, stem: Path) -> None:
    faded = (np.asarray(image, dtype=np.float32) * 0.3 + 178).astype(np.uint8)
    faded[mask] = (255, 0, 255)
    stem.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(faded).save(stem.with_name(stem.name + "-diff.png"))
