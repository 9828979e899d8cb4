"""The gallery page: its HTML read back, and every file it links loaded in headless Chromium."""

from __future__ import annotations

import functools
import io
import json
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote, urlsplit

import av
import pytest
from PIL import Image, ImageDraw
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from mlu_render.ffmpeg import run_ffmpeg
from mlu_render.gallery import write_gallery
from mlu_render.record import RECORD_SUFFIX, RenderRecord, SkippedRecordWarning, read_records
from mlu_render.subtitles import to_srt, to_vtt
from scenes.timeline import Cue

# A tiny clip: 2 s of 160x90 at 10 fps, a flat background per render (so each
# <video> can be told apart) and a white square moving right 8 px a frame.
CLIP_SIZE = (160, 90)
CLIP_FPS = 10
CLIP_FRAMES = 20
CLIP_SECONDS = CLIP_FRAMES / CLIP_FPS
SQUARE = 12

CAPTIONS = [
    Cue(0.0, 1.0, "Precision: of the flagged, how many are positive"),
    Cue(1.0, 2.0, "Recall"),
]
CHAPTERS = [Cue(0.0, 1.2, "The threshold"), Cue(1.2, 2.0, "The curve")]
SUMMARY_WITH_MARKUP = 'Error = bias + variance <&> noise, "always"'

# Decoded pixels differ from the source colours by YUV 4:2:0 conversion and
# x264's loss: measured at most 3 levels per channel on flat areas (Chromium
# 156). 24 levels still tells the fixture colours apart (120+ on some channel).
PIXEL_TOLERANCE = 24
WAIT_SECONDS = 10
CHROMIUM_ARGUMENTS = (
    "--headless=new",
    "--no-sandbox",  # the tests may run as root, in a container
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--window-size=1024,768",
    "--mute-audio",
)


@dataclass(frozen=True)
class Fixture:
    """One render to make: its record fields and its video's background colour."""

    slug: str
    quality: str
    theme: str
    title: str
    summary: str
    colour: tuple[int, int, int]

    @property
    def stem(self) -> str:
        return f"{self.slug}-{self.quality}" + ("" if self.theme == "light" else f"-{self.theme}")


# Made in this order on purpose: the page must put "bias-variance" first, and
# "medium" before "low" within "roc-auc".
FIXTURES = (
    Fixture("roc-auc", "low", "light", "ROC and AUC", "Every threshold at once", (200, 60, 40)),
    Fixture("roc-auc", "medium", "light", "ROC and AUC", "Every threshold at once", (40, 110, 210)),
    Fixture("bias-variance", "low", "dark", "Bias & variance", SUMMARY_WITH_MARKUP, (40, 190, 90)),
)


# --- Fixture renders, made without manim --------------------------------------


def _frame(index: int, colour: tuple[int, int, int]) -> Image.Image:
    image = Image.new("RGB", CLIP_SIZE, colour)
    x = _square_x(index)
    ImageDraw.Draw(image).rectangle((x, 8, x + SQUARE - 1, 8 + SQUARE - 1), fill=(255, 255, 255))
    return image


def _square_x(index: int) -> int:
    return 4 + 8 * index


def _encode_media(folder: Path, stem: str, colour: tuple[int, int, int]) -> None:
    """Write ``stem``.png, .gif and .mp4 (H.264, yuv420p) from generated frames."""
    with tempfile.TemporaryDirectory(prefix="frames-") as frames:
        for index in range(CLIP_FRAMES):
            _frame(index, colour).save(Path(frames, f"{index:03d}.png"))
        source = ["-framerate", str(CLIP_FPS), "-i", Path(frames, "%03d.png")]
        run_ffmpeg([*source, "-c:v", "libx264", "-pix_fmt", "yuv420p", "-movflags", "+faststart",
                    folder / f"{stem}.mp4"])  # fmt: skip
        run_ffmpeg([*source, "-loop", "0", folder / f"{stem}.gif"])
    _frame(0, colour).save(folder / f"{stem}.png")


def make_render(out_dir: Path, fixture: Fixture) -> RenderRecord:
    folder = out_dir / fixture.slug
    folder.mkdir(parents=True, exist_ok=True)
    stem = fixture.stem
    _encode_media(folder, stem, fixture.colour)
    (folder / f"{stem}.srt").write_text(to_srt(CAPTIONS), encoding="utf-8")
    (folder / f"{stem}.vtt").write_text(to_vtt(CAPTIONS), encoding="utf-8")
    (folder / f"{stem}.chapters.vtt").write_text(to_vtt(CHAPTERS, kind="chapters"), "utf-8")
    outputs = tuple(f"{stem}.{ext}" for ext in ("mp4", "gif", "png", "srt", "vtt", "chapters.vtt"))
    record = RenderRecord(
        slug=fixture.slug,
        stem=stem,
        quality=fixture.quality,
        theme=fixture.theme,
        formats=("mp4", "gif", "png"),
        title=fixture.title,
        summary=fixture.summary,
        command=f"mlu render {fixture.slug} --quality {fixture.quality} --theme {fixture.theme} "
        "--format mp4,gif,png --out 'my renders' && echo <done>",
        outputs=outputs,
        sizes=tuple((folder / name).stat().st_size for name in outputs),
        key="0" * 64,
        seconds=12.5,
        duration=CLIP_SECONDS,
    )
    record.write(folder)
    return record


@dataclass(frozen=True)
class Gallery:
    out_dir: Path
    index: Path
    records: dict[str, RenderRecord]

    @property
    def html(self) -> str:
        return self.index.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def gallery(tmp_path_factory) -> Gallery:
    out_dir = tmp_path_factory.mktemp("renders")
    records = {fixture.stem: make_render(out_dir, fixture) for fixture in FIXTURES}
    return Gallery(out_dir, write_gallery(out_dir), records)


@pytest.fixture
def gallery_copy(gallery, tmp_path) -> Path:
    """A private copy of the fixture renders, to break or add to (no index.html)."""
    out_dir = tmp_path / "renders"
    shutil.copytree(gallery.out_dir, out_dir, ignore=shutil.ignore_patterns("index.html"))
    return out_dir


# --- Reading the page back ------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip


class Page(HTMLParser):
    """Every element with its attributes and ancestors; fails on unbalanced tags."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.doctype: str | None = None
        self.elements: list[tuple[str, dict[str, str | None], tuple[str, ...]]] = []
        self.text: dict[int, list[str]] = {}  # an element's own text, by its index
        self.stack: list[str] = []
        self.open: list[int] = []
        self.feed(html)
        self.close()

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs), tuple(self.stack)))
        if tag not in VOID:
            self.stack.append(tag)
            self.open.append(len(self.elements) - 1)

    def handle_endtag(self, tag: str) -> None:
        assert tag not in VOID, f"</{tag}> closes a void element"
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1:]}>"
        self.stack.pop()
        self.open.pop()

    def handle_data(self, data: str) -> None:
        if self.open:
            self.text.setdefault(self.open[-1], []).append(data)

    def find(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs, _ in self.elements if name == tag]

    def texts(self, tag: str) -> list[str]:
        return [
            "".join(self.text.get(index, []))
            for index, (name, _, _) in enumerate(self.elements)
            if name == tag
        ]


def links(page: Page) -> list[str]:
    return [
        attrs[name]
        for _tag, attrs, _ in page.elements
        for name in ("src", "href", "poster")
        if attrs.get(name) is not None
    ]


# --- Records (their checks: tests/render/test_record.py) -------------------------


def test_the_fixture_records_read_back_equal_in_gallery_order(gallery):
    assert read_records(gallery.out_dir) == [
        gallery.records[stem]
        for stem in ("bias-variance-low-dark", "roc-auc-medium", "roc-auc-low")
    ]


def _break_invalid_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data)[:-5], encoding="utf-8")


def _lose_an_output(path: Path, data: dict) -> None:
    (path.parent / data["outputs"][0]).unlink()


BREAKAGES = {
    "invalid JSON": (_break_invalid_json, "not JSON"),
    "a listed output missing": (_lose_an_output, "listed outputs are missing"),
    "a newer version": ({"version": 2}, "version is 2"),
    "another scene's slug": ({"slug": "roc-auc"}, "differs from its folder"),
}


@pytest.mark.parametrize("breakage", list(BREAKAGES), ids=list(BREAKAGES))
def test_a_broken_record_is_left_off_the_page_with_a_warning(gallery_copy, breakage):
    change, message = BREAKAGES[breakage]
    path = gallery_copy / "bias-variance" / f"bias-variance-low-dark{RECORD_SUFFIX}"
    data = json.loads(path.read_text(encoding="utf-8"))
    if callable(change):
        change(path, data)
    else:
        path.write_text(json.dumps(data | change), encoding="utf-8")
    with pytest.warns(SkippedRecordWarning, match=message) as caught:
        index = write_gallery(gallery_copy)
    assert len(caught) == 1 and str(path) in str(caught[0].message)
    page = Page(index.read_text(encoding="utf-8"))
    assert [attrs["id"] for attrs in page.find("section")] == ["roc-auc"]
    assert "bias-variance" not in index.read_text(encoding="utf-8")


# --- Errors and atomic writing ----------------------------------------------------


def test_a_gallery_of_an_empty_folder_is_an_error(tmp_path):
    (tmp_path / "roc-auc").mkdir()
    with pytest.raises(ValueError, match=r"no renders found in .*render first") as error:
        write_gallery(tmp_path)
    assert str(tmp_path) in str(error.value)
    assert not (tmp_path / "index.html").exists()


def test_a_gallery_of_a_missing_folder_is_an_error(tmp_path):
    missing = tmp_path / "nowhere"
    with pytest.raises(ValueError, match="does not exist; render first") as error:
        write_gallery(missing)
    assert str(missing) in str(error.value)


def test_a_folder_of_only_broken_records_is_an_error(gallery_copy):
    for path in gallery_copy.glob(f"*/*{RECORD_SUFFIX}"):
        path.write_text("[]", encoding="utf-8")
    with pytest.warns(SkippedRecordWarning), pytest.raises(ValueError, match="no renders found"):
        write_gallery(gallery_copy)


def test_a_failed_write_keeps_the_old_page_and_leaves_no_temporary_file(gallery_copy, monkeypatch):
    index = gallery_copy / "index.html"
    index.write_text("old page", encoding="utf-8")

    def fail(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="No space left"):
        write_gallery(gallery_copy)
    assert index.read_text(encoding="utf-8") == "old page"
    assert sorted(path.name for path in gallery_copy.iterdir()) == [
        "bias-variance", "index.html", "roc-auc"
    ]  # fmt: skip


def test_the_page_is_the_same_each_time(gallery, gallery_copy):
    assert write_gallery(gallery_copy).read_bytes() == gallery.index.read_bytes()


# --- The HTML -------------------------------------------------------------------


def test_page_is_well_formed_html5(gallery):
    page = Page(gallery.html)
    assert page.doctype == "DOCTYPE html"
    assert not page.stack, f"unclosed: {page.stack}"
    assert page.find("html") == [{"lang": "en"}]
    assert {"charset": "utf-8"} in page.find("meta")
    assert len(page.find("h1")) == 1 and len(page.find("title")) == 1
    ids = [attrs["id"] for _, attrs, _ in page.elements if "id" in attrs]
    assert len(ids) == len(set(ids))
    assert all(attrs.get("alt") for attrs in page.find("img"))


def test_page_needs_no_script_and_no_external_asset(gallery):
    page = Page(gallery.html)
    assert not page.find("script")
    assert len(page.find("style")) == 1 and "grid-template-columns" in gallery.html
    assert not [link for link in links(page) if urlsplit(link).scheme not in ("", "data")]


def test_scenes_are_in_slug_order_and_the_best_render_comes_first(gallery):
    page = Page(gallery.html)
    assert [attrs["id"] for attrs in page.find("section")] == ["bias-variance", "roc-auc"]
    assert [attrs["id"] for attrs in page.find("article")] == [
        "bias-variance-low-dark", "roc-auc-medium", "roc-auc-low"
    ]  # fmt: skip
    assert page.texts("h2") == ["Bias & variance", "ROC and AUC"]


def test_every_link_is_relative_and_names_an_output(gallery):
    page = Page(gallery.html)
    linked = set()
    for link in links(page):
        if link.startswith(("#", "data:")):
            continue
        parts = urlsplit(link)
        assert not (parts.scheme or parts.netloc or parts.path.startswith("/")), link
        linked.add(gallery.out_dir / unquote(parts.path))
    outputs = {
        gallery.out_dir / record.slug / name
        for record in gallery.records.values()
        for name in record.outputs
    }
    assert linked == outputs


def test_summary_and_command_are_escaped(gallery):
    html = gallery.html
    assert "<&>" not in html and "<done>" not in html
    assert "Error = bias + variance &lt;&amp;&gt; noise, &quot;always&quot;" in html
    page = Page(html)
    gif = next(attrs for attrs in page.find("img") if attrs["src"].endswith("-dark.gif"))
    assert gif["alt"] == SUMMARY_WITH_MARKUP
    assert SUMMARY_WITH_MARKUP in page.texts("p")
    record = gallery.records["bias-variance-low-dark"]
    assert record.command in page.texts("code")


def test_each_video_has_its_poster_subtitles_and_chapters(gallery):
    page = Page(gallery.html)
    assert page.find("video")[0] == {
        "controls": None,
        "preload": "metadata",
        "poster": "bias-variance/bias-variance-low-dark.png",
        "width": str(CLIP_SIZE[0]),
        "height": str(CLIP_SIZE[1]),
    }
    tracks = page.find("track")
    assert len(tracks) == 2 * len(FIXTURES)
    assert tracks[:2] == [
        {"kind": "subtitles", "srclang": "en", "label": "English",
         "src": "bias-variance/bias-variance-low-dark.vtt"},
        {"kind": "chapters", "srclang": "en", "label": "Chapters",
         "src": "bias-variance/bias-variance-low-dark.chapters.vtt"},
    ]  # fmt: skip
    assert all(ancestors[-1] == "video" for tag, _, ancestors in page.elements if tag == "track")


def test_a_render_without_video_shows_only_its_pictures(gallery_copy):
    path = gallery_copy / "roc-auc" / f"roc-auc-low{RECORD_SUFFIX}"
    data = json.loads(path.read_text(encoding="utf-8"))
    size = (path.parent / "roc-auc-low.png").stat().st_size
    path.write_text(json.dumps(data | {"outputs": ["roc-auc-low.png"], "sizes": [size]}), "utf-8")
    page = Page(write_gallery(gallery_copy).read_text(encoding="utf-8"))
    assert len(page.find("video")) == len(FIXTURES) - 1
    assert [attrs["src"] for attrs in page.find("img")][-1] == "roc-auc/roc-auc-low.png"


# --- In a real headless Chromium ---------------------------------------------------


_RANGE = re.compile(r"bytes=(\d*)-(\d*)")


def _find_program(name: str, debian_path: str) -> str | None:
    return debian_path if Path(debian_path).is_file() else shutil.which(name)


class _LoggingHandler(SimpleHTTPRequestHandler):
    """Serves the folder quietly, with byte ranges, noting each request's path and status.

    Python's own handler ignores ``Range``; Chromium then sees a video as not
    seekable (an empty ``seekable`` range) and every seek lands on 0. Any real
    web server answers ranges, so this one answers a single range too.
    """

    def send_head(self) -> BinaryIO | None:
        path = Path(self.translate_path(self.path))
        match = _RANGE.fullmatch(self.headers.get("Range", ""))
        if match is None or not path.is_file():
            return super().send_head()
        data = path.read_bytes()
        first, last = match.groups()
        start = int(first) if first else max(0, len(data) - int(last or 0))
        end = min(int(last), len(data) - 1) if first and last else len(data) - 1
        if start > end:
            self.send_error(416, f"bytes */{len(data)}")
            return None
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Range", f"bytes {start}-{end}/{len(data)}")
        self.send_header("Content-Length", str(end - start + 1))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        return io.BytesIO(data[start : end + 1])

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        self.server.requests.append((self.path, int(code)))  # type: ignore[attr-defined]

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, folder: Path) -> None:
        self.requests: list[tuple[str, int]] = []
        handler = functools.partial(_LoggingHandler, directory=str(folder))
        super().__init__(("127.0.0.1", 0), handler)


@pytest.fixture(scope="module")
def server(gallery) -> Iterator[_Server]:
    # Over http, not file://: Chromium refuses to load text tracks from file URLs.
    httpd = _Server(gallery.out_dir)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()
    thread.join()


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    chromium = _find_program("chromium", "/usr/bin/chromium")
    chromedriver = _find_program("chromedriver", "/usr/bin/chromedriver")
    if chromium is None or chromedriver is None:
        pytest.skip(
            "chromium and chromedriver are needed to check the gallery in a browser "
            "(Debian: apt-get install chromium chromium-driver)"
        )
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in CHROMIUM_ARGUMENTS:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path=chromedriver), options=options)
    driver.set_script_timeout(WAIT_SECONDS)
    yield driver
    driver.quit()


@pytest.fixture
def page(browser, server) -> WebDriver:
    host, port = server.server_address[:2]
    browser.get(f"http://{host}:{port}/index.html")
    return browser


def wait_for(driver: WebDriver, script: str, *args: object) -> object:
    """Run ``script`` until it returns something truthy; return that."""
    wait = WebDriverWait(driver, WAIT_SECONDS, poll_frequency=0.05)
    return wait.until(lambda d: d.execute_script(script, *args))


def videos(driver: WebDriver) -> list[WebElement]:
    return driver.find_elements("css selector", "video")


def _avc_codec(mp4: Path) -> str:
    """The RFC 6381 codec string of an MP4's H.264 track, from its avcC box."""
    data = mp4.read_bytes()
    at = data.index(b"avcC") + 4
    profile, constraints, level = data[at + 1 : at + 4]
    return f"avc1.{profile:02x}{constraints:02x}{level:02x}"


def test_the_fixture_mp4_is_h264_yuv420p_which_chromium_plays(gallery, page):
    mp4 = gallery.out_dir / "roc-auc" / "roc-auc-low.mp4"
    with av.open(str(mp4)) as movie:
        stream = movie.streams.video[0]
        assert (stream.codec_context.name, stream.codec_context.format.name) == ("h264", "yuv420p")
        assert (stream.codec_context.width, stream.codec_context.height) == CLIP_SIZE
    mime = f'video/mp4; codecs="{_avc_codec(mp4)}"'
    can_play = page.execute_script(
        "return arguments[0].canPlayType(arguments[1])", videos(page)[0], mime
    )
    assert can_play == "probably", mime


def test_every_image_loads(gallery, page):
    images = page.find_elements("css selector", "img")
    assert len(images) == 2 * len(FIXTURES)
    for image in images:
        # The images load lazily: bring each into view, as a reader scrolling would.
        loaded = wait_for(
            page,
            "const img = arguments[0]; img.scrollIntoView();"
            "return img.complete && img.naturalWidth > 0 && [img.naturalWidth, img.naturalHeight];",
            image,
        )
        assert tuple(loaded) == CLIP_SIZE, image.get_attribute("src")


def test_every_video_loads_its_metadata(page):
    states = wait_for(
        page,
        ALL_VIDEOS_HAVE_METADATA
        + " && all.map(v => [v.error && v.error.code, v.duration, v.videoWidth, v.videoHeight])",
    )
    assert len(states) == len(FIXTURES)
    for error, duration, width, height in states:
        assert error is None
        assert duration == pytest.approx(CLIP_SECONDS, abs=1 / CLIP_FPS)
        assert (width, height) == CLIP_SIZE


ALL_VIDEOS_HAVE_METADATA = (
    "const all = Array.from(document.querySelectorAll('video'));"
    "return all.every(v => v.readyState >= 1)"  # HAVE_METADATA
)


def close(pixel: list[int], expected: tuple[int, int, int]) -> bool:
    return max(abs(a - b) for a, b in zip(pixel, expected, strict=True)) <= PIXEL_TOLERANCE


SEEK_AND_SAMPLE = """
const [video, time, points, done] = arguments;
video.addEventListener("seeked", () => {
  const canvas = document.createElement("canvas");
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  const context = canvas.getContext("2d");
  context.drawImage(video, 0, 0);
  done([video.readyState,
        points.map(([x, y]) => Array.from(context.getImageData(x, y, 1, 1).data.slice(0, 3)))]);
}, {once: true});
video.currentTime = time;
"""


def test_every_video_decodes_its_own_frames(page):
    wait_for(page, ALL_VIDEOS_HAVE_METADATA)
    by_stem = {fixture.stem: fixture for fixture in FIXTURES}
    frame = 10
    inside = (_square_x(frame) + SQUARE // 2, 8 + SQUARE // 2)
    behind = (_square_x(frame) - 3 * SQUARE, 8 + SQUARE // 2)
    below = (CLIP_SIZE[0] // 2, CLIP_SIZE[1] - 20)
    seen = []
    for video in videos(page):
        fixture = by_stem[page.execute_script("return arguments[0].closest('article').id", video)]
        seen.append(fixture.stem)
        time = (frame + 0.5) / CLIP_FPS
        points = [inside, behind, below]
        ready, pixels = page.execute_async_script(SEEK_AND_SAMPLE, video, time, points)
        assert ready >= 2  # HAVE_CURRENT_DATA: a decoded frame is on show
        expected = [(255, 255, 255), fixture.colour, fixture.colour]
        assert all(map(close, pixels, expected)), (fixture.stem, pixels, expected)
    assert sorted(seen) == sorted(by_stem)


TRACKS = """
const video = arguments[0];
const tracks = Array.from(video.textTracks);
tracks.forEach(track => { if (track.mode === "disabled") track.mode = "hidden"; });
const loaded = Array.from(video.querySelectorAll("track")).every(t => t.readyState === 2);
if (!loaded || !tracks.every(track => track.cues && track.cues.length > 0)) return false;
return tracks.map(track => ({kind: track.kind, label: track.label, language: track.language,
  cues: Array.from(track.cues, cue => [cue.startTime, cue.endTime, cue.text])}));
"""


def _cues(cues: list[Cue]) -> list[list[object]]:
    return [[cue.start, cue.end, cue.text] for cue in cues]


def test_every_video_loads_its_subtitle_and_chapter_cues(page):
    assert len(videos(page)) == len(FIXTURES)
    for video in videos(page):
        tracks = wait_for(page, TRACKS, video)
        assert tracks == [
            {"kind": "subtitles", "label": "English", "language": "en", "cues": _cues(CAPTIONS)},
            {"kind": "chapters", "label": "Chapters", "language": "en", "cues": _cues(CHAPTERS)},
        ]


def test_everything_the_page_asks_for_is_served(gallery, page, server):
    # Chromium's cache would answer for what an earlier test already loaded.
    page.execute_cdp_cmd("Network.enable", {})
    page.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    start = len(server.requests)
    page.refresh()
    for image in page.find_elements("css selector", "img"):
        wait_for(page, "arguments[0].scrollIntoView(); return arguments[0].complete;", image)
    for video in videos(page):
        wait_for(page, TRACKS, video)
    requests = server.requests[start:]
    page.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": False})
    assert [request for request in requests if request[1] >= 400] == []
    asked = {unquote(path).lstrip("/") for path, _ in requests}
    media = {
        f"{record.slug}/{name}"
        for record in gallery.records.values()
        for name in record.outputs
        if not name.endswith(".srt")
    }
    assert media <= asked
