"""Synthetic clips for the GIF tests, written and decoded independently of mlu_render.gif."""

from __future__ import annotations

import math
import subprocess
from collections.abc import Iterator
from pathlib import Path

import av
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from mlu_render.ffmpeg import ffmpeg_command

# A 320x180 RGBA clip of moving flat shapes and text, as GifWriter gets from manim.
SOURCE_SIZE = (320, 180)
BACKGROUND = (30, 34, 48, 255)

# 160x90 RGB clips written straight to lossless video, as encode_gif reads them.
SIZE = (160, 90)


def synthetic_frame(index: int, size: tuple[int, int] = SOURCE_SIZE) -> np.ndarray:
    """Frame ``index`` of a clip of moving flat shapes and changing text."""
    width, height = size
    image = Image.new("RGBA", size, BACKGROUND)
    draw = ImageDraw.Draw(image)
    x = 10 + 4 * index
    draw.rectangle((x, 30, x + 60, 90), fill=(230, 80, 60, 255))
    draw.ellipse((200, 100 - index, 260, 150 - index), fill=(70, 160, 230, 255))
    draw.line((0, height - 1, index * width // 60, 0), fill=(250, 200, 60), width=3)
    font = ImageFont.load_default(size=18)
    draw.text((10, 140), f"threshold {index / 60:.2f}", fill=(240, 240, 240), font=font)
    return np.asarray(image)


def synthetic_clip(n_frames: int = 60) -> Iterator[np.ndarray]:
    for index in range(n_frames):
        yield synthetic_frame(index)


def flat_frame(index: int) -> np.ndarray:
    """Frame ``index`` (< 108): two flat colours of its own, 40 levels from any other's.

    A GIF's palette keeps so few, so distinct colours to within a level or
    two (palettegen averages in another colour space), so a decoded GIF frame
    names its source frame unambiguously: see :func:`assert_shows`.
    """
    red, green, blue = 20 + 40 * (index % 6), 20 + 40 * (index // 6 % 6), 40 * (index // 36)
    frame = np.empty((SIZE[1], SIZE[0], 3), dtype=np.uint8)
    frame[:] = (red, green, 20 + blue)
    frame[20:40, index : index + 20] = (red, green, 140 + blue)
    return frame


def assert_shows(frame: np.ndarray, index: int, where: str) -> None:
    """Assert that a decoded GIF frame is source frame ``index`` (others are 40 levels off)."""
    error = np.abs(frame.astype(int) - flat_frame(index)).max()
    assert error <= 2, f"{where} is not source frame {index}: off by up to {error} levels"


def rich_frame(index: int) -> np.ndarray:
    """Frame ``index`` of a manim-like clip: anti-aliased moving shapes and text."""
    image = Image.new("RGB", SIZE, (30, 34, 48))
    draw = ImageDraw.Draw(image)
    draw.ellipse((5 + 2 * index, 10, 45 + 2 * index, 50), fill=(230, 80, 60))
    draw.line((0, SIZE[1] - 1, 2 * index, 0), fill=(250, 200, 60), width=3)
    draw.text((10, 60), f"threshold {index / 30:.2f}", fill=(240, 240, 240))
    return np.asarray(image.resize((SIZE[0] // 2, SIZE[1] // 2)).resize(SIZE, Image.BILINEAR))


def write_lossless(path: Path, frames: list[np.ndarray], fps: int | str) -> Path:
    """Write RGB frames to an FFV1 video, as GifWriter's intermediate is."""
    height, width, _ = frames[0].shape
    command = ffmpeg_command(
        [
            *("-f", "rawvideo", "-pix_fmt", "rgb24", "-video_size", f"{width}x{height}"),
            *("-framerate", str(fps), "-i", "pipe:0"),
            *("-vf", "format=gbrp", "-c:v", "ffv1", "-f", "matroska", path),
        ]
    )
    subprocess.run(command, input=b"".join(f.tobytes() for f in frames), check=True)
    return path


def decoded_frames(path: Path) -> Iterator[np.ndarray]:
    """Yield the RGB frames of a video or GIF one at a time, decoded by PyAV."""
    with av.open(str(path)) as container:
        for frame in container.decode(video=0):
            yield frame.to_ndarray(format="rgb24")


def decoded(path: Path) -> list[np.ndarray]:
    return list(decoded_frames(path))


def decoded_gif(path: Path) -> tuple[Image.Image, list[dict]]:
    """Open a GIF with PIL and return it with each frame's ``info``."""
    image = Image.open(path)
    infos = []
    for index in range(image.n_frames):
        image.seek(index)
        infos.append(dict(image.info))
    return image, infos


def numpy_psnr(reference: np.ndarray, test: np.ndarray) -> float:
    """PSNR in dB of ``test`` against ``reference``, peak 255, by brute force; inf if equal."""
    assert reference.shape == test.shape, (reference.shape, test.shape)
    difference = reference.astype(np.float64) - test.astype(np.float64)
    mse = float(np.mean(difference * difference))
    return math.inf if mse == 0 else 10 * math.log10(255**2 / mse)
