"""Benchmark our renders against plain manim on the ROC & AUC scene: GIF quality and speed.

Run from the repository root (``--quality low``, the default, takes about seven
minutes on two cores):

    .venv/bin/python benchmarks/run.py [--quality low] [--only gif|speed] [--runs 2]

``gif``
    Renders the scene three times as subprocesses: once with manim writing a
    lossless QuickTime RLE (``qtrle``, ``rgb24``) video at the source size and
    rate, the reference; once with ``manim --format gif``; once with
    ``mlu render --format gif``. It also feeds the reference frames straight to
    our :class:`~mlu_render.gif.GifWriter`, at our default width (the GIF must
    come out byte for byte the same as the CLI's, which shows the reference
    holds the very frames our pipeline saw) and at the full source width (a
    GIF as large as manim's). Each GIF is compared with the reference:

    * GIF frame ``j`` starts at ``t_j``, the sum of the delays before it, as a
      player shows it. It is compared with reference frame
      ``k = floor((t_j + 0.5 cs) * source_fps)``, the frame on screen at that
      time. The half centisecond absorbs GIF's rounding of each start time to
      a whole centisecond (manim's 15 fps GIF alternates 7 and 6 cs delays).
    * The reference frame is first scaled to the GIF's size by ffmpeg's
      ``scale`` filter with our GIF's flags (lanczos, accurate rounding, full
      chroma) into planar RGB; the script checks that this reproduces our
      GIF's lossless intermediate exactly.
    * PSNR is over the RGB channels of a frame; identical frames count as
      100 dB. Both files are streamed, one frame of each in memory.

``speed``
    Times ``manim render --format mp4 --disable_caching`` and ``mlu render
    --format mp4``, each in a fresh output folder, alternately (manim, mlu,
    manim, mlu, ...). Neither shows a progress bar: ``mlu`` draws one only on
    a terminal, so manim gets ``--progress_bar none``.

The tables are printed and written into ``benchmarks/RESULTS.md`` between
``<!-- BEGIN run.py ... -->`` and ``<!-- END run.py ... -->`` markers, one block
per part and quality; text outside the markers is kept. Each block records
the date, the machine, library versions, the command, and the commit with a
digest of the repository's source files a render imports, and warns if those
files changed during the run.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import math
import os
import platform
import re
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from importlib import import_module, metadata
from pathlib import Path

import av
import imageio_ffmpeg
import numpy as np
from numpy.typing import NDArray

from mlu_render.gif import GifWriter, gif_frame_rate
from mlu_render.job import RenderJob
from mlu_render.manim_config import QUALITIES

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
BIN = Path(sys.executable).parent

SLUG = "roc-auc"
SCENE_FILE = "scenes/roc_auc.py"
SCENE_CLASS = "RocAuc"
MANIM_QUALITY = {"low": "l", "medium": "m", "high": "h", "4k": "k"}

#: ffmpeg ``scale`` flags of our GIF path; checked against its intermediate at run time.
SCALE_FLAGS = "lanczos+accurate_rnd+full_chroma_int"
#: PSNR given to a frame identical to its reference, in dB.
PSNR_CAP = 100.0
#: Half of GIF's time unit, the centisecond, in seconds.
HALF_CENTISECOND = Fraction(1, 200)
PACKAGES = ("manim", "av", "imageio-ffmpeg", "numpy", "pillow", "pycairo", "manimpango")

Frame = NDArray[np.uint8]


@dataclass(frozen=True)
class GifStats:
    """What one GIF weighs and how close it stays to the reference."""

    label: str
    size_bytes: int
    width: int
    height: int
    frame_count: int
    seconds: float
    delays_cs: tuple[int, ...]
    mean_psnr: float
    min_psnr: float
    exact_frames: int
    render: Timing | None

    @property
    def fps(self) -> float:
        """Mean frame rate: frames over total delay."""
        return self.frame_count / self.seconds


# -- subprocesses ----------------------------------------------------------


def busy_cpu_seconds() -> float:
    """Return the CPU seconds the whole machine has spent not idle, from /proc/stat."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return math.nan
    ticks = [int(field) for field in fields]
    idle = ticks[3] + ticks[4]  # idle, iowait
    return (sum(ticks[:7]) - idle) / os.sysconf("SC_CLK_TCK")  # up to softirq


@dataclass(frozen=True)
class Timing:
    """One subprocess run: its wall and CPU seconds, and other processes' CPU seconds."""

    wall: float
    cpu: float
    others: float

    def row(self) -> tuple[float, float]:
        """Return (wall, cpu)."""
        return self.wall, self.cpu


def run_timed(command: Sequence[str | Path], log: Path) -> Timing:
    """Run ``command`` from the repository root, its output to ``log``, and time it.

    CPU time is user plus system time of the process and every descendant it
    waited for (ffmpeg included), so other work on the machine inflates it
    far less than the wall time. That other work is measured too: the CPU
    time the whole machine spent meanwhile, less the run's own.
    """
    args = [str(part) for part in command]
    busy_before = busy_cpu_seconds()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with log.open("wb") as out:
        start = time.perf_counter()
        done = subprocess.run(
            args, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT
        )
        wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy = busy_cpu_seconds() - busy_before
    if done.returncode != 0:
        tail = log.read_text(errors="replace").splitlines()[-20:]
        sys.exit(f"failed ({done.returncode}): {shlex.join(args)}\n" + "\n".join(tail))
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(wall, cpu, max(0.0, busy - cpu))


def manim_command(quality: str, media_dir: Path, *options: str) -> list[str | Path]:
    """Return plain manim's command line for the scene."""
    return [
        BIN / "manim",
        "render",
        f"-q{MANIM_QUALITY[quality]}",
        SCENE_FILE,
        SCENE_CLASS,
        *options,
        "--disable_caching",
        "--progress_bar",
        "none",
        "--media_dir",
        media_dir,
    ]


def mlu_command(quality: str, formats: str, out_dir: Path) -> list[str | Path]:
    """Return our CLI's command line for the scene."""
    return [
        BIN / "mlu",
        "render",
        SLUG,
        "--quality",
        quality,
        "--format",
        formats,
        "--out",
        out_dir,
    ]


def only_file(folder: Path, pattern: str) -> Path:
    """Return the one file under ``folder`` matching ``pattern``, partial movies aside."""
    found = [p for p in folder.rglob(pattern) if "partial_movie_files" not in p.parts]
    if len(found) != 1:
        sys.exit(f"expected one {pattern} under {folder}, found {found}")
    return found[0]


def shown(command: Sequence[str | Path], work: Path) -> str:
    """Return ``command`` as typed at the repository root, ``work`` written as ``$WORK``."""
    parts = [str(part) for part in command]
    parts[0] = os.path.relpath(parts[0], ROOT)
    return shlex.join(parts).replace(str(work), "$WORK")


# -- decoding --------------------------------------------------------------


def gif_frames(path: Path) -> Iterator[tuple[Fraction, int, Frame]]:
    """Yield each GIF frame as (start in seconds, delay in cs, RGB pixels), by ffmpeg."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        time_base = stream.time_base or Fraction(1, 100)
        for frame in container.decode(stream):
            start = frame.pts * time_base
            delay = round(frame.duration * time_base * 100)
            yield start, delay, frame.to_ndarray(format="rgb24")


def reference_frames(path: Path, size: tuple[int, int] | None = None) -> Iterator[Frame]:
    """Yield the reference's RGB frames, scaled to ``size`` as our GIF path scales them."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        if size is None:
            for frame in container.decode(stream):
                yield frame.to_ndarray(format="rgb24")
            return
        graph = av.filter.Graph()
        graph.link_nodes(
            graph.add_buffer(template=stream),
            graph.add("scale", f"{size[0]}:{size[1]}:flags={SCALE_FLAGS}"),
            graph.add("format", "gbrp"),
            graph.add("buffersink"),
        ).configure()
        for frame in container.decode(stream):
            graph.push(frame)
            yield graph.vpull().to_ndarray(format="rgb24")


def reference_index(start: Fraction, source_fps: int) -> int:
    """Return the reference frame on screen at ``start`` plus half a centisecond."""
    return math.floor((start + HALF_CENTISECOND) * source_fps)


def gif_geometry(path: Path) -> tuple[int, int]:
    """Return a GIF's (width, height)."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        return stream.width, stream.height


# -- GIF quality -----------------------------------------------------------


class ReferenceCursor:
    """Reads reference frames forward, handing out the one at each index asked for."""

    def __init__(self, frames: Iterator[Frame]) -> None:
        self._frames = frames
        self._index = -1
        self._pixels: Frame | None = None

    def at(self, index: int) -> Frame:
        """Return reference frame ``index``; indices must not decrease."""
        if index < self._index:
            raise ValueError(f"frame {index} is behind frame {self._index}: read forward only")
        while self._index < index:
            try:
                self._pixels = next(self._frames)
            except StopIteration:
                raise ValueError(f"the reference has no frame {index}") from None
            self._index += 1
        assert self._pixels is not None
        return self._pixels


def psnr(reference: Frame, test: Frame) -> float:
    """Return the PSNR of one RGB frame against another, peak 255; ``inf`` when identical."""
    difference = reference.astype(np.float64) - test.astype(np.float64)
    mse = float(np.mean(difference * difference))
    return math.inf if mse == 0 else 10.0 * math.log10(255.0**2 / mse)


def measure_gif(
    label: str, path: Path, reference: Path, source_fps: int, render: Timing | None
) -> GifStats:
    """Compare every frame of the GIF at ``path`` with the reference frame shown with it."""
    width, height = gif_geometry(path)
    cursor = ReferenceCursor(reference_frames(reference, (width, height)))
    scores: list[float] = []
    delays: set[int] = set()
    seconds = Fraction(0)
    for start, delay, frame in gif_frames(path):
        pixels = cursor.at(reference_index(start, source_fps))
        scores.append(min(psnr(pixels, frame), PSNR_CAP))
        delays.add(delay)
        seconds = start + Fraction(delay, 100)
    return GifStats(
        label=label,
        size_bytes=path.stat().st_size,
        width=width,
        height=height,
        frame_count=len(scores),
        seconds=float(seconds),
        delays_cs=tuple(sorted(delays)),
        mean_psnr=statistics.fmean(scores),
        min_psnr=min(scores),
        exact_frames=sum(score == PSNR_CAP for score in scores),
        render=render,
    )


def gif_from_reference(reference: Path, quality: str, width: int, workdir: Path) -> GifWriter:
    """Encode the reference frames with our GifWriter, as our pipeline does; return it closed."""
    source_width, source_height, source_fps = QUALITIES[quality]
    job = RenderJob(SLUG, quality=quality)
    writer = GifWriter(
        workdir / f"writer-{width}.gif",
        source_fps=source_fps,
        source_size=(source_width, source_height),
        fps=gif_frame_rate(source_fps, job.gif_fps),
        width=width,
        workdir=workdir / f"writer-{width}",
    )
    with writer:
        for frame in reference_frames(reference):
            writer.write(frame)
    return writer


def scaling_difference(writer: GifWriter, reference: Path, source_fps: int) -> int:
    """Return the largest pixel difference between our scaled reference and ``writer``'s own."""
    cursor = ReferenceCursor(reference_frames(reference, writer.size))
    largest = 0
    with av.open(str(writer.intermediate_path)) as container:
        for j, frame in enumerate(container.decode(video=0)):
            pixels = cursor.at(reference_index(Fraction(j, writer.fps), source_fps))
            ours = frame.to_ndarray(format="rgb24").astype(np.int16)
            largest = max(largest, int(np.abs(ours - pixels).max()))
    return largest


@dataclass(frozen=True)
class GifReport:
    """The GIF part's findings."""

    stats: list[GifStats]
    commands: list[str]
    reference: Timing
    same_frames: bool
    scaling_error: int


def gif_part(quality: str, work: Path) -> GifReport:
    """Render the reference, manim's GIF and ours, then measure each GIF."""
    source_width, _, source_fps = QUALITIES[quality]
    reference_cmd = manim_command(
        quality,
        work / "ref",
        "--format",
        "mov",
        "--video-codec",
        "qtrle",
        "--pixel-format",
        "rgb24",
    )
    manim_cmd = manim_command(quality, work / "manim-gif", "--format", "gif")
    mlu_cmd = mlu_command(quality, "gif", work / "mlu-gif")
    print("rendering the lossless reference ...", flush=True)
    reference_timing = run_timed(reference_cmd, work / "ref.log")
    reference = only_file(work / "ref", "*.mov")
    print("rendering manim's GIF ...", flush=True)
    manim_timing = run_timed(manim_cmd, work / "manim-gif.log")
    print("rendering our GIF ...", flush=True)
    mlu_timing = run_timed(mlu_cmd, work / "mlu-gif.log")
    ours = only_file(work / "mlu-gif", "*.gif")
    print("encoding the reference with GifWriter, measuring ...", flush=True)
    same_width = gif_from_reference(reference, quality, RenderJob(SLUG).gif_width, work)
    full_width = gif_from_reference(reference, quality, source_width, work)
    stats = [
        measure_gif("ours (mlu render)", ours, reference, source_fps, mlu_timing),
        measure_gif("ours, full width*", full_width.target, reference, source_fps, None),
        measure_gif(
            "manim --format gif",
            only_file(work / "manim-gif", "*.gif"),
            reference,
            source_fps,
            manim_timing,
        ),
    ]
    return GifReport(
        stats=stats,
        commands=[shown(cmd, work) for cmd in (reference_cmd, manim_cmd, mlu_cmd)],
        reference=reference_timing,
        same_frames=same_width.target.read_bytes() == ours.read_bytes(),
        scaling_error=scaling_difference(same_width, reference, source_fps),
    )


def gif_table(stats: list[GifStats]) -> list[str]:
    """Return the GIF results as Markdown table rows."""
    manim = stats[-1]
    rows = [
        "| GIF | bytes | size | fps | frames | length s | delays cs "
        "| mean PSNR dB | min PSNR dB | exact frames | bytes / manim's | render wall / CPU s |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for gif in stats:
        render = "-" if gif.render is None else f"{gif.render.wall:.1f} / {gif.render.cpu:.1f}"
        rows.append(
            f"| {gif.label} | {gif.size_bytes:,} | {gif.width}x{gif.height} | {gif.fps:.2f} "
            f"| {gif.frame_count} | {gif.seconds:.2f} | {', '.join(map(str, gif.delays_cs))} "
            f"| {gif.mean_psnr:.2f} | {gif.min_psnr:.2f} | {gif.exact_frames} "
            f"| {gif.size_bytes / manim.size_bytes:.4f} | {render} |"
        )
    return rows


def gif_block(report: GifReport, quality: str) -> list[str]:
    """Return the GIF part's Markdown block, below its header."""
    ref = report.reference
    renders = [gif.render for gif in report.stats[::-1] if gif.render is not None]
    others = ", ".join(f"{timing.others:.1f}" for timing in [*renders, ref])
    checks = [
        "",
        "\\* our GifWriter fed the reference frames at the source width (not a CLI render).",
        "",
        "- The reference holds the frames our pipeline saw: "
        f"{'yes' if report.same_frames else 'NO'} (our GifWriter fed the reference at the "
        "default width makes a GIF byte for byte the same as `mlu render`'s).",
        f"- Reference scaling vs our GIF's lossless intermediate: largest pixel difference "
        f"{report.scaling_error}.",
        f"- Renders are single runs; other processes used {others} CPU s meanwhile "
        f"(manim's GIF, ours, the reference). The reference took {ref.wall:.1f} s wall, "
        f"{ref.cpu:.1f} s CPU.",
        "- Commands:",
        *(f"  - `{command}`" for command in report.commands),
    ]
    return [f"### GIF quality, `--quality {quality}`", "", *gif_table(report.stats), *checks]


# -- speed -----------------------------------------------------------------


@dataclass(frozen=True)
class SpeedReport:
    """The speed part's findings: timings and MP4 frame counts, by renderer."""

    times: dict[str, list[Timing]]
    frames: dict[str, set[int]]


def video_frame_count(path: Path) -> int:
    """Return the number of frames of a video's first video stream."""
    with av.open(str(path)) as container:
        return container.streams.video[0].frames


def speed_part(quality: str, runs: int, work: Path) -> SpeedReport:
    """Time manim's and our MP4 render alternately, each in a fresh folder."""
    report = SpeedReport({"manim": [], "mlu": []}, {"manim": set(), "mlu": set()})
    for run in range(runs):
        for name in report.times:
            out = work / f"speed-{name}-{run}"
            command = (
                manim_command(quality, out, "--format", "mp4")
                if name == "manim"
                else mlu_command(quality, "mp4", out)
            )
            print(f"timing {name}, run {run + 1} of {runs} ...", flush=True)
            report.times[name].append(run_timed(command, work / f"speed-{name}-{run}.log"))
            report.frames[name].add(video_frame_count(only_file(out, "*.mp4")))
    return report


def speed_rows(manim: list[Timing], mlu: list[Timing]) -> list[str]:
    """Return the speed table: wall and CPU seconds of each run, then medians."""
    rows = [
        "| run | manim wall s | mlu wall s | mlu / manim wall "
        "| manim CPU s | mlu CPU s | mlu / manim CPU | others' CPU s |",
        "|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    pairs = [
        (f"{n}", a.row(), b.row(), f"{a.others:.1f}, {b.others:.1f}")
        for n, (a, b) in enumerate(zip(manim, mlu, strict=True), start=1)
    ]
    medians = [
        tuple(statistics.median(getattr(t, field) for t in times) for field in ("wall", "cpu"))
        for times in (manim, mlu)
    ]
    pairs.append(("median", medians[0], medians[1], ""))
    for label, (wall_a, cpu_a), (wall_b, cpu_b), others in pairs:
        bold = "**" if label == "median" else ""
        rows.append(
            f"| {label} | {wall_a:.1f} | {wall_b:.1f} | {bold}{wall_b / wall_a:.3f}{bold} "
            f"| {cpu_a:.1f} | {cpu_b:.1f} | {bold}{cpu_b / cpu_a:.3f}{bold} | {others} |"
        )
    return rows


def speed_block(report: SpeedReport, quality: str, work: Path) -> list[str]:
    """Return the speed part's Markdown block."""
    counts = sorted(report.frames["manim"] | report.frames["mlu"])
    fps = QUALITIES[quality][2]
    commands = [
        manim_command(quality, work / "speed-manim-N", "--format", "mp4"),
        mlu_command(quality, "mp4", work / "speed-mlu-N"),
    ]
    return [
        f"### Speed, `--quality {quality}` (MP4)",
        "",
        *speed_rows(report.times["manim"], report.times["mlu"]),
        "",
        f"- Every MP4 has {counts[0]} frames ({counts[0] / fps:.2f} s at {fps} fps)."
        if len(counts) == 1
        else f"- **The MP4s differ in length**: {report.frames}.",
        "- Others' CPU s: CPU time other processes used during the manim and the mlu "
        f"run (from /proc/stat; `nproc` = {os.cpu_count()}). Near 0, the run had the "
        "machine to itself; the CPU ratio is the one to trust when it is not.",
        "- Commands (a new folder for each run N; the runs alternate manim, mlu):",
        *(f"  - `{shown(command, work)}`" for command in commands),
    ]


# -- report ----------------------------------------------------------------


def cpu_model() -> str:
    """Return the CPU model named in /proc/cpuinfo, or the platform's guess."""
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return platform.processor() or "unknown"
    match = re.search(r"^model name\s*:\s*(.+)$", text, re.MULTILINE)
    return match.group(1).strip() if match else "unknown"


def versions() -> str:
    """Return the versions that matter here, on one line."""
    found = [f"Python {platform.python_version()}"]
    for package in PACKAGES:
        try:
            found.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            found.append(f"{package} (missing)")
    found.append(f"PyAV's FFmpeg {av.ffmpeg_version_info}")
    found.append(f"imageio-ffmpeg's ffmpeg {imageio_ffmpeg.get_ffmpeg_version()}")
    return ", ".join(found)


def render_sources() -> list[Path]:
    """Return the repository's source files that a render of the scene imports."""
    import_module("mlu_render.cli")
    import_module("mlu_render.render")
    import_module("scenes.registry").get_scene(SLUG)
    loaded = {
        Path(module.__file__).resolve()
        for module in list(sys.modules.values())
        if getattr(module, "__file__", None)
    }
    return sorted(
        path
        for path in loaded
        if path.is_relative_to(ROOT) and not {".venv", "benchmarks"} & set(path.parts)
    )


def source_digest(sources: Sequence[Path]) -> str:
    """Return a short SHA-256 of the names and contents of ``sources``."""
    digest = hashlib.sha256()
    for path in sources:
        content = path.read_bytes() if path.exists() else b"(missing)"
        digest.update(f"{path.relative_to(ROOT)}\0".encode() + content)
    return digest.hexdigest()[:12]


def code_state(sources: Sequence[Path], digest: str) -> str:
    """Return the commit, whether ``sources`` differ from it, and their digest."""
    names = [str(path.relative_to(ROOT)) for path in sources]
    git = ["git", "-C", str(ROOT)]
    head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    status = subprocess.run([*git, "status", "--porcelain", "--", *names], capture_output=True)
    changed = " with uncommitted changes" if status.stdout.strip() else ""
    return (
        f"commit {head.stdout.strip() or 'unknown'}{changed}; the {len(sources)} source "
        f"files a render imports have SHA-256 {digest}"
    )


def context_lines(argv: Sequence[str], code: str) -> list[str]:
    """Return the date, machine, versions, code state and command of this run."""
    command = shlex.join([os.path.relpath(sys.executable, ROOT), "benchmarks/run.py", *argv])
    return [
        f"- Date: {datetime.date.today().isoformat()}",
        f"- Machine: {cpu_model()}, `nproc` = {os.cpu_count()}, {platform.system()}",
        f"- Versions: {versions()}",
        f"- Code: {code}",
        f"- Command: `{command}`",
    ]


def write_block(path: Path, key: str, lines: list[str]) -> None:
    """Put ``lines`` between the ``key`` markers in ``path``, replacing what was there."""
    begin, end = f"<!-- BEGIN run.py {key} -->", f"<!-- END run.py {key} -->"
    block = "\n".join([begin, *lines, end])
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _match: block, text)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text)


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quality", choices=list(MANIM_QUALITY), default="low")
    parser.add_argument("--only", choices=["gif", "speed"], help="run one part only")
    parser.add_argument("--runs", type=int, default=2, help="timed renders of each (speed)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def finish_block(
    block: list[str], context: list[str], sources: list[Path], digest: str
) -> list[str]:
    """Return ``block`` with this run's context, warning if the sources changed meanwhile."""
    print("\n".join(block), flush=True)
    if source_digest(sources) == digest:
        return [*block, "", *context]
    warning = "- **The code changed while this ran: the numbers may mix versions.**"
    print(warning, file=sys.stderr)
    return [*block, "", *context, warning]


def main(argv: Sequence[str] | None = None) -> None:
    """Run the parts asked for, print their tables and update RESULTS.md."""
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    sources = render_sources()
    digest = source_digest(sources)
    context = context_lines(argv, code_state(sources, digest))
    with tempfile.TemporaryDirectory(prefix="mlu-bench-") as tmp:
        work = Path(tmp)
        if args.only in (None, "gif"):
            block = gif_block(gif_part(args.quality, work), args.quality)
            write_block(
                RESULTS, f"gif {args.quality}", finish_block(block, context, sources, digest)
            )
        if args.only in (None, "speed"):
            block = speed_block(speed_part(args.quality, args.runs, work), args.quality, work)
            write_block(
                RESULTS, f"speed {args.quality}", finish_block(block, context, sources, digest)
            )
    print(f"updated {os.path.relpath(RESULTS, Path.cwd())}")


if __name__ == "__main__":
    main()
