"""Benchmark batch rendering of the whole catalogue: --jobs 2 against --jobs 1, cached against cold.

Run from the repository root (about 20 minutes on two cores at the default
``--quality low``):

    .venv/bin/python benchmarks/batch.py [--quality low] [--formats mp4]

Three runs of ``mlu render --all``, one after another, each timed as a
subprocess (wall and CPU seconds, and the CPU other processes used meanwhile,
as in ``run.py``):

1. ``--jobs 1`` into a fresh folder (cold, one scene at a time);
2. ``--jobs 2`` into another fresh folder (cold, two processes);
3. ``--jobs 2`` into the second folder again (every job up to date: cached).

It prints the table and ratios and writes them into ``benchmarks/RESULTS.md``
between ``<!-- BEGIN run.py batch QUALITY -->`` markers.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as bench  # benchmarks/ is not a package: found through sys.path

from scenes.registry import SCENES


def batch_command(quality: str, formats: str, out: Path, jobs: int) -> list[str | Path]:
    """Return the ``mlu render --all`` command line of one run."""
    return [
        bench.BIN / "mlu",
        "render",
        "--all",
        "--quality",
        quality,
        "--format",
        formats,
        "--jobs",
        str(jobs),
        "--out",
        out,
    ]


def rows(runs: dict[str, bench.Timing]) -> list[str]:
    """Return the Markdown table of the three runs and the ratios."""
    serial, parallel, cached = runs["jobs 1"], runs["jobs 2"], runs["cached"]
    table = [
        "| run | wall s | CPU s | others' CPU s |",
        "|---|--:|--:|--:|",
        *(
            f"| {name} | {timing.wall:.1f} | {timing.cpu:.1f} | {timing.others:.1f} |"
            for name, timing in runs.items()
        ),
    ]
    return [
        *table,
        "",
        f"- **`--jobs 2` / `--jobs 1` wall time: {parallel.wall / serial.wall:.3f}** "
        f"(speed-up {serial.wall / parallel.wall:.2f}x on {len(SCENES)} jobs).",
        f"- **Cached re-run / cold `--jobs 2` run, wall time: {cached.wall / parallel.wall:.3f}** "
        f"({cached.wall:.1f} s against {parallel.wall:.1f} s).",
    ]


def main(argv: Sequence[str] | None = None) -> None:
    """Run the three batch runs, print the table and update RESULTS.md."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quality", choices=list(bench.MANIM_QUALITY), default="low")
    parser.add_argument("--formats", default="mp4")
    parser.add_argument("--keep", type=Path, help="render into this folder and keep the files")
    args = parser.parse_args(argv)
    sources = bench.render_sources()
    digest = bench.source_digest(sources)
    context = bench.context_lines(argv, bench.code_state(sources, digest))
    context[-1] = context[-1].replace("benchmarks/run.py", "benchmarks/batch.py")
    with tempfile.TemporaryDirectory(prefix="mlu-bench-batch-") as tmp:
        work = Path(tmp) if args.keep is None else args.keep.resolve()
        work.mkdir(parents=True, exist_ok=True)
        if any(work.glob("*/*/*.render.json")):
            sys.exit(f"{work} already holds renders; the cold runs need an empty folder")
        plan = {
            "jobs 1": (work / "serial", 1),
            "jobs 2": (work / "parallel", 2),
            "cached": (work / "parallel", 2),
        }
        runs = {}
        for name, (out, jobs) in plan.items():
            print(f"timing {name} ...", flush=True)
            command = batch_command(args.quality, args.formats, out, jobs)
            runs[name] = bench.run_timed(command, work / f"{name.replace(' ', '-')}.log")
        commands = [
            batch_command(args.quality, args.formats, work / folder, jobs)
            for folder, jobs in (("serial", 1), ("parallel", 2))
        ]
        block = [
            f"### Batch, `mlu render --all --quality {args.quality} --format {args.formats}`",
            "",
            *rows(runs),
            "- Commands (the cached run repeats the second in the same folder):",
            *(f"  - `{bench.shown(command, work)}`" for command in commands),
        ]
        bench.write_block(
            bench.RESULTS,
            f"batch {args.quality}",
            bench.finish_block(block, context, sources, digest),
        )


if __name__ == "__main__":
    main()
