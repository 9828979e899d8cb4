"""Benchmark rendering from your own scores at real sizes: 10^3 to 10^6 CSV rows.

Run from the repository root (about 15 minutes on an idle 2-core machine):

    .venv/bin/python benchmarks/user_data.py [--sizes 1000,10000,100000,1000000] [--runs 3]

Seeded CSVs of labels and logit scores (40 % positives, scores normal around
+1 and -1 with spread 1.5, written with six decimals) are written into a
temporary folder. Each render is its own subprocess,
``mlu render roc-auc --data FILE --quality low --format png``, in a fresh
output folder; the built-in data is rendered the same way without
``--data``. Then the low-quality MP4 is rendered from the built-in data and
from the largest CSV, alternately ``--runs`` times; the ratio reported is the
median of the pairs' ratios, all from this one run.

For each run the table gives wall seconds, CPU seconds (user + system of
the render and every process it waited for), the peak resident memory of
the largest of those processes (``ru_maxrss`` from ``os.wait4``), and the
CPU seconds other processes on the machine used meanwhile (from
``/proc/stat``), which tells a busy machine's numbers from an idle one's. The
time :func:`mlu_render.scores_csv.read_scores_csv` takes over each file, in
this process, is given too.

The table is printed and appended to ``benchmarks/RESULTS.md`` under the
heading below, with the date, commit and command.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from mlu_render.scores_csv import read_scores_csv

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
HEADING = "## Your own scores at real sizes (`benchmarks/user_data.py`)"
MLU = Path(sys.executable).parent / "mlu"
SLUG = "roc-auc"
SIZES = (1_000, 10_000, 100_000, 1_000_000)
SEED = 0


@dataclass(frozen=True)
class Run:
    """One render subprocess: what it made and what it cost."""

    label: str
    output: str
    read: float | None
    wall: float
    cpu: float
    peak_mb: float
    others: float

    def row(self) -> str:
        read = "" if self.read is None else f"{self.read:.2f}"
        return (
            f"| {self.label} | {self.output} | {read} | {self.wall:.1f} | {self.cpu:.1f} "
            f"| {self.peak_mb:.0f} | {self.others:.1f} |"
        )


def write_csv(folder: Path, n: int, seed: int = SEED) -> Path:
    """Write ``n`` seeded rows of labels and logit scores; return the file."""
    rng = np.random.default_rng(seed)
    y_true = (rng.random(n) < 0.4).astype(np.int8)
    y_score = rng.normal(np.where(y_true == 1, 1.0, -1.0), 1.5)
    path = folder / f"scores-{n}.csv"
    with path.open("w") as out:
        out.write("label,score\n")
        np.savetxt(out, np.column_stack([y_true, y_score]), fmt=["%d", "%.6f"], delimiter=",")
    return path


def busy_cpu_seconds() -> float:
    """Return the CPU seconds the whole machine has spent not idle, from /proc/stat."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    ticks = [int(field) for field in fields]
    idle = ticks[3] + ticks[4]
    return (sum(ticks[:7]) - idle) / os.sysconf("SC_CLK_TCK")


def render(label: str, out: Path, fmt: str, data: Path | None, log: Path) -> Run:
    """Render the scene in a subprocess; return its wall, CPU and peak memory."""
    command = [str(MLU), "render", SLUG, "--quality", "low", "--format", fmt]
    command += ["--out", str(out), "--force", "--jobs", "1"]
    if data is not None:
        command += ["--data", str(data)]
    read = None
    if data is not None:
        start = time.perf_counter()
        read_scores_csv(data)
        read = time.perf_counter() - start
    busy = busy_cpu_seconds()
    with log.open("wb") as sink:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        tail = log.read_text(errors="replace").splitlines()[-20:]
        sys.exit(f"failed: {shlex.join(command)}\n" + "\n".join(tail))
    cpu = usage.ru_utime + usage.ru_stime
    others = max(0.0, busy_cpu_seconds() - busy - cpu)
    return Run(label, fmt, read, wall, cpu, usage.ru_maxrss / 1024, others)


def video_pair(
    folder: Path, k: int, built_in: tuple[str, Path | None], large: tuple[str, Path | None]
) -> tuple[Run, Run]:
    """Render the low-quality MP4 from the built-in data, then from the large CSV."""
    made = []
    for label, data in (built_in, large):
        name = f"video-{k}-{len(made)}"
        made.append(render(label, folder / name, "mp4", data, folder / f"{name}.log"))
        print(made[-1].row(), flush=True)
    return made[0], made[1]


def commit() -> str:
    """Return the commit, marked ``+changes`` when the tree differs from it."""
    head = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return f"{head}+changes" if dirty else head


def report(runs: list[Run], ratio: tuple[float, float] | None, command: str, load: float) -> str:
    """Return the Markdown block of this run; ``load`` is the load average before it."""
    now = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    lines = [
        f"### {now}, commit {commit()}",
        "",
        f"`{command}` on {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; load average before the run {load:.2f}.",
        "",
        "| data | output | read s | wall s | CPU s | peak MB | others' CPU s |",
        "|---|---|--:|--:|--:|--:|--:|",
        *(run.row() for run in runs),
    ]
    if ratio is not None:
        wall, cpu = ratio
        lines += [
            "",
            f"Low-quality MP4, {runs[-1].label} / built-in (median over the pairs): "
            f"**{wall:.2f}** wall, {cpu:.2f} CPU.",
        ]
    return "\n".join(lines) + "\n"


def append_results(block: str) -> None:
    """Add ``block`` at the end of this benchmark's section of RESULTS.md."""
    text = RESULTS.read_text() if RESULTS.exists() else "# Benchmarks\n"
    if HEADING not in text:
        text = text.rstrip("\n") + f"\n\n{HEADING}\n\n"
        text += "Rendering from a CSV of your own scores (`--data`), one block per run.\n"
    start = text.index(HEADING) + len(HEADING)
    following = text.find("\n## ", start)
    end = len(text) if following < 0 else following + 1
    section = text[:end].rstrip("\n") + "\n\n" + block
    RESULTS.write_text(section + ("\n" + text[end:] if end < len(text) else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default=",".join(str(n) for n in SIZES))
    parser.add_argument("--runs", type=int, default=1, help="MP4 pairs to render (0: none)")
    parser.add_argument("--no-write", action="store_true", help="do not touch RESULTS.md")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    command = shlex.join(["python", "benchmarks/user_data.py", *sys.argv[1:]])
    load = os.getloadavg()[0]
    runs: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="mlu-user-data-") as scratch:
        folder = Path(scratch)
        jobs: list[tuple[str, Path | None]] = [("built-in", None)]
        jobs += [(f"{n:,} rows", write_csv(folder, n)) for n in sizes]
        for k, (label, data) in enumerate(jobs):
            runs.append(render(label, folder / f"out-{k}", "png", data, folder / f"{k}.log"))
            print(runs[-1].row(), flush=True)
        pairs = [video_pair(folder, k, jobs[0], jobs[-1]) for k in range(args.runs)]
        for pair in pairs:
            runs += pair
        ratio = None
        if pairs:
            ratio = (
                statistics.median(data.wall / built_in.wall for built_in, data in pairs),
                statistics.median(data.cpu / built_in.cpu for built_in, data in pairs),
            )
    block = report(runs, ratio, command, load)
    print()
    print(block)
    if not args.no_write:
        append_results(block)


if __name__ == "__main__":
    main()
