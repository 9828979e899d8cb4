"""A static HTML page over the renders in an output folder (``mlu gallery``)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from itertools import groupby
from pathlib import Path
from urllib.parse import quote

from PIL import Image, UnidentifiedImageError

from mlu_render.manim_config import QUALITIES
from mlu_render.publish import write_text_atomically
from mlu_render.record import RenderRecord, read_records

__all__ = ["DEFAULT_TITLE", "gallery_html", "write_gallery"]

DEFAULT_TITLE = "MLU Explain, rendered"
"""The gallery page's heading when none is given."""

_INDEX = "index.html"
_TRACKS = (("subtitles", ".vtt"), ("chapters", ".chapters.vtt"))

_STYLESHEET = """\
:root { color-scheme: light; --ink: #1f2328; --muted: #57606a; --line: #d0d7de;
  --paper: #ffffff; --wash: #f6f8fa; --accent: #0a58b8; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--wash); color: var(--ink);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
header, main, footer { max-width: 80rem; margin: 0 auto; padding: 1rem 1.25rem; }
h1 { margin: 0.5rem 0 0.25rem; font-size: 1.9rem; }
nav ul { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; padding: 0; list-style: none; }
a { color: var(--accent); }
.scene { margin-bottom: 1.5rem; padding: 1.25rem; background: var(--paper);
  border: 1px solid var(--line); border-radius: 8px; }
.scene h2 { margin: 0; font-size: 1.5rem; }
.summary, .meta, figcaption, footer { color: var(--muted); }
.summary { margin: 0.25rem 0 0; }
.render { margin-top: 1rem; padding-top: 1rem; border-top: 1px solid var(--line); }
.render h3 { margin: 0; font-size: 1.1rem; }
.meta { margin: 0 0 0.75rem; font-size: 0.9rem; }
.media { display: grid; gap: 1rem; align-items: start;
  grid-template-columns: repeat(auto-fill, minmax(min(100%, 20rem), 1fr)); }
figure { margin: 0; }
img, video { display: block; width: 100%; height: auto; border: 1px solid var(--line);
  border-radius: 4px; background: var(--wash); }
figcaption { margin-top: 0.25rem; font-size: 0.875rem; }
.files { font-size: 0.9rem; }
pre { margin: 0.75rem 0 0; padding: 0.75rem; overflow-x: auto; background: var(--wash);
  border: 1px solid var(--line); border-radius: 6px; }
code { font: 0.875rem/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
"""


def write_gallery(out_dir: Path, *, title: str = DEFAULT_TITLE) -> Path:
    """Write ``out_dir/index.html``, a page of every render in ``out_dir``.

    Per scene: its title and summary, then each render (highest quality
    first) with its poster, GIF, MP4 (with subtitles and chapters), links to
    all its files and the command that made it. Links are relative, so the
    folder can be copied or served anywhere. The page is written under a
    temporary name and renamed, so a reader never sees half of it.

    Parameters
    ----------
    out_dir : Path
        The output folder of ``mlu render``.
    title : str, default=DEFAULT_TITLE
        The page's heading.

    Returns
    -------
    index : Path
        ``out_dir/index.html``.

    Raises
    ------
    ValueError
        ``out_dir`` does not exist or holds no usable render record.

    Examples
    --------
    >>> write_gallery(Path("renders"))  # doctest: +SKIP
    PosixPath('renders/index.html')

    """
    out_dir = Path(out_dir)
    try:
        records = read_records(out_dir)
    except ValueError as error:
        raise ValueError(f"{error}; {_render_first(out_dir)}") from None
    if not records:
        raise ValueError(f"no renders found in {out_dir}; {_render_first(out_dir)}")
    index = out_dir / _INDEX
    write_text_atomically(index, gallery_html(records, out_dir, title=title))
    return index


def gallery_html(
    records: Sequence[RenderRecord], out_dir: Path, *, title: str = DEFAULT_TITLE
) -> str:
    """Return the gallery page of ``records``, with links relative to ``out_dir``.

    Parameters
    ----------
    records : sequence of RenderRecord
        Renders in gallery order, as :func:`~mlu_render.record.read_records`
        returns them; each one's files are in ``out_dir / record.slug``.
    out_dir : Path
        The output folder that holds them, where the page goes; its images
        are read for their sizes.
    title : str, default=DEFAULT_TITLE
        The page's heading.

    Returns
    -------
    html : str
        A complete HTML5 document.

    """
    scenes = [list(group) for _, group in groupby(records, key=lambda record: record.slug)]
    count = f"{_count(len(scenes), 'scene')}, {_count(len(records), 'render')}"
    nav = "".join(
        f'<li><a href="#{_attr(group[0].slug)}">{escape(group[0].title)}</a></li>'
        for group in scenes
    )
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title)}</title>",
            '<link rel="icon" href="data:,">',
            f"<style>\n{_STYLESHEET}</style>",
            "</head>",
            "<body>",
            f"<header>\n<h1>{escape(title)}</h1>\n<p>{count}.</p>",
            f'<nav aria-label="Scenes"><ul>{nav}</ul></nav>\n</header>',
            "<main>",
            *(_scene_html(group, out_dir) for group in scenes),
            "</main>",
            "<footer><p>Made by <code>mlu gallery</code>.</p></footer>",
            "</body>",
            "</html>",
            "",
        ]
    )


def _render_first(out_dir: Path) -> str:
    return (
        f"render first, e.g. `mlu render roc-auc --format mp4,gif,png --out {out_dir}`, "
        f"then run `mlu gallery` again"
    )


# --- The page -------------------------------------------------------------------


def _scene_html(renders: list[RenderRecord], out_dir: Path) -> str:
    """One scene: its title and summary (from its best render), then every render."""
    first = renders[0]
    return "\n".join(
        [
            f'<section class="scene" id="{_attr(first.slug)}">',
            f"<h2>{escape(first.title)}</h2>",
            f'<p class="summary">{escape(first.summary)}</p>',
            *(_render_html(record, out_dir / record.slug) for record in renders),
            "</section>",
        ]
    )


def _render_html(record: RenderRecord, folder: Path) -> str:
    """One render (its files in ``folder``): heading, facts, media, files, command."""
    poster = f"Poster of {record.title}"
    figures = [
        _video_figure(record, folder),
        _image_figure(record, folder, ".gif", alt=record.summary, caption="Looping GIF"),
        _image_figure(record, folder, ".png", alt=poster, caption="Poster PNG"),
    ]
    links = " · ".join(
        f'<a href="{_href(record, name)}">{escape(name)}</a>' for name in record.outputs
    )
    return "\n".join(
        [
            f'<article class="render" id="{_attr(record.stem)}">',
            f"<h3>{escape(_quality_label(record.quality))}, {escape(record.theme)} theme</h3>",
            f'<p class="meta">{escape(_facts(record))}</p>',
            f'<div class="media">\n{"".join(figure for figure in figures if figure)}</div>',
            f'<p class="files">Files: {links}</p>',
            f"<pre><code>{escape(record.command)}</code></pre>",
            "</article>",
        ]
    )


def _video_figure(record: RenderRecord, folder: Path) -> str:
    mp4 = record.output(".mp4")
    if mp4 is None:
        return ""
    attributes = ' controls preload="metadata"'
    poster = record.output(".png")
    if poster is not None:
        attributes += f' poster="{_href(record, poster)}"{_size(folder / poster)}'
    kinds = [kind for kind, suffix in _TRACKS if record.output(suffix) is not None]
    caption = f"MP4 with {' and '.join(kinds)}" if kinds else "MP4"
    return (
        f"<figure>\n<video{attributes}>\n"
        f'<source src="{_href(record, mp4)}" type="video/mp4">\n{_tracks(record)}'
        f'<a href="{_href(record, mp4)}">Download the MP4</a>\n</video>\n'
        f"<figcaption>{caption}</figcaption>\n</figure>\n"
    )


def _tracks(record: RenderRecord) -> str:
    tracks = ""
    subtitles = record.output(".vtt")
    if subtitles is not None:
        tracks += (
            f'<track kind="subtitles" srclang="en" label="English" '
            f'src="{_href(record, subtitles)}">\n'
        )
    chapters = record.output(".chapters.vtt")
    if chapters is not None:
        tracks += (
            f'<track kind="chapters" srclang="en" label="Chapters" '
            f'src="{_href(record, chapters)}">\n'
        )
    return tracks


def _image_figure(
    record: RenderRecord, folder: Path, suffix: str, *, alt: str, caption: str
) -> str:
    name = record.output(suffix)
    if name is None:
        return ""
    return (
        f'<figure>\n<img src="{_href(record, name)}" alt="{_attr(alt)}"'
        f'{_size(folder / name)} loading="lazy">\n'
        f"<figcaption>{escape(caption)}</figcaption>\n</figure>\n"
    )


def _size(path: Path) -> str:
    """``width`` and ``height`` attributes of an image, or nothing if unreadable."""
    try:
        with Image.open(path) as image:
            width, height = image.size
    except (OSError, UnidentifiedImageError):
        return ""
    return f' width="{width}" height="{height}"'


def _quality_label(quality: str) -> str:
    if quality not in QUALITIES:
        return f"{quality} quality"
    width, height, fps = QUALITIES[quality]
    return f"{quality} quality ({width}x{height}, {fps} fps)"


def _facts(record: RenderRecord) -> str:
    minutes, seconds = divmod(round(record.duration), 60)
    return f"{minutes}:{seconds:02d} long, rendered in {record.seconds:.0f} s"


def _href(record: RenderRecord, name: str) -> str:
    """Return the attribute text of a link from ``index.html`` to a file of ``record``."""
    return _attr(quote(f"{record.slug}/{name}"))


def _attr(text: str) -> str:
    return escape(text, quote=True)


def _count(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
