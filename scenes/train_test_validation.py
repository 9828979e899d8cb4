"""Train, validation and test sets: fit on one, choose with another, report on the last."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Animation,
    Circle,
    Create,
    FadeIn,
    FadeOut,
    LaggedStart,
    Mobject,
    RoundedRectangle,
    Transform,
    ValueTracker,
    VGroup,
    VMobject,
    smooth,
)

from mlu_math.cross_validation import accuracy_score
from mlu_math.pets import (
    FEATURE_SETS,
    FeatureSetScore,
    Pets,
    PlaneModel,
    best_feature_set,
    compare_feature_sets,
    fit_plane_model,
    make_pets,
)
from mlu_math.split import train_validation_test_split
from scenes.base import BaseParams, ExplainerScene
from scenes.components import Readout, build_text
from scenes.components.sample_groups import SampleGroups
from scenes.components.scatter_plane import ScatterPlane, build_class_marker
from scenes.components.score_table import ScoreTable
from scenes.components.text import MINUS
from scenes.theme import Theme

__all__ = ["TrainTestValidation", "TrainTestValidationParams"]

SETS = ("train", "validation", "test")
SET_TITLES = {"train": "training set", "validation": "validation set", "test": "test set"}
FEATURE_PHRASES = {
    "none": "no features",
    "weight": "weight alone",
    "fluffiness": "fluffiness alone",
    "both": "both features",
}
COEFFICIENT_ROWS = ("weight", "fluffiness", "intercept")
NBSP = "\N{NO-BREAK SPACE}"

GROUP_ROWS = 6
"""Most rows of pets in a set's box on the split picture."""

DRAG_WAYPOINTS = ((2.6, 9.4), (17.0, 9.2))
"""Where the dragged training dog is taken (weight in kg, fluffiness) before it
goes home: first among the small fluffy cats, then to a big fluffy dog's spot."""

FIT_MAX_ITER = 10_000
"""Most gradient steps per fit. Training pets that a line splits perfectly have
no best fit (gradient descent sharpens the boundary for ever); this bound keeps
every refit of the drag, one per frame, quick whatever the seed."""

TRAIN_CENTER = np.array([-4.45, 0.05, 0.0])
MIDDLE_CENTER = np.array([-0.35, 0.05, 0.0])
PLANE_SIZE = (3.15, 3.2)
TABLE_LEFT = 1.95
"""Left edge of the score table beside the two planes, in scene units."""


def set_colors(theme: Theme) -> dict[str, str]:
    """Return the colour of each data set, from the theme's roles."""
    palette = theme.palette
    return {"train": palette.train, "validation": palette.validation, "test": palette.test}


def gap_phrase(reported: float, true: float) -> str:
    """Return how far a reported accuracy is from the true one, in words."""
    points = round(100 * (reported - true), 1)
    if points == 0:
        return "spot on"
    unit = "point" if abs(points) == 1 else "points"
    return f"{abs(points):g} {unit} too {'high' if points > 0 else 'low'}"


@dataclass(frozen=True)
class TrainTestValidationParams(BaseParams):
    """Parameters of the train/validation/test scene.

    Attributes
    ----------
    seed
        Seeds the pets, the split and the new pets. The default gives a split
        on which peeking at the test set would mislead; every number shown is
        computed, whatever the seed.
    n_pets
        How many pets are split into the three sets.
    dog_share
        Share of dogs among the pets.
    validation_share, test_share
        Shares of the pets held out to validate and to test; the rest train.
    n_new_pets
        New pets on which each model's true accuracy is measured.
    drag_seconds
        How long one training dog is dragged about while the model refits.
    """

    seed: int = 8
    n_pets: int = 100
    dog_share: float = 0.45
    validation_share: float = 0.2
    test_share: float = 0.2
    n_new_pets: int = 20_000
    drag_seconds: float = 9.0

    def __post_init__(self) -> None:
        super().__post_init__()
        checks = (
            ("n_pets", self.n_pets, 60, 160),
            ("dog_share", self.dog_share, 0.2, 0.8),
            ("validation_share", self.validation_share, 0.1, 0.3),
            ("test_share", self.test_share, 0.1, 0.3),
            ("n_new_pets", self.n_new_pets, 1_000, 200_000),
            ("drag_seconds", self.drag_seconds, 3.0, 30.0),
        )
        for name, value, low, high in checks:
            if not low <= value <= high:
                raise ValueError(f"{name} must be in [{low:g}, {high:g}], got {value}")

    @property
    def fractions(self) -> tuple[float, float, float]:
        """Shares of the training, validation and test sets."""
        train = 1.0 - self.validation_share - self.test_share
        return train, self.validation_share, self.test_share


def build_plane(theme: Theme, center: np.ndarray, *, size: tuple[float, float]) -> ScatterPlane:
    """Return weight-by-fluffiness axes whose box is centred on ``center``."""
    plane = ScatterPlane(theme, width=size[0], height=size[1])
    return plane.shift(center - plane.axes.get_center())


def build_plane_title(plane: ScatterPlane, text: str, color: str, theme: Theme) -> VMobject:
    """Return a title centred above a plane's box."""
    title = build_text(text, theme, "label", color=color, weight="SEMIBOLD")
    return title.next_to(plane.axes, UP, buff=0.55)


def build_legend(pets: Pets, theme: Theme) -> VGroup:
    """Return the key: a cat's and a dog's marker with their counts."""
    rows = VGroup()
    for label, name in ((0, f"{pets.n_cats} cats"), (1, f"{pets.n_dogs} dogs")):
        marker = build_class_marker(label, theme, radius=0.1)
        text = build_text(name, theme, "label")
        rows.add(VGroup(marker, text).arrange(RIGHT, buff=0.2))
    return rows.arrange(DOWN, aligned_edge=LEFT, buff=0.25)


def build_lock_tag(size: int, color: str, theme: Theme) -> VGroup:
    """Return the small tag that stands for the locked-away test set."""
    text = build_text(f"test set: {size} pets, locked", theme, "small", color=color)
    frame = RoundedRectangle(
        corner_radius=0.1,
        width=text.width + 0.4,
        height=text.height + 0.3,
        stroke_color=color,
        stroke_width=2,
    )
    return VGroup(frame, text.move_to(frame)).to_corner(UP + RIGHT, buff=0.35)


def build_coefficient_table(theme: Theme) -> ScoreTable:
    """Return an empty table for the fitted model's coefficients."""
    table = ScoreTable(COEFFICIENT_ROWS, ["coefficient"], theme, name_width=1.45, column_width=1.3)
    return table.move_to([0.35, 0.75, 0.0])


def build_summary(colors: dict[str, str], theme: Theme) -> VGroup:
    """Return the closing card: what each set is for."""
    lines = (
        ("training set", "fits each model", colors["train"]),
        ("validation set", "chooses between the models", colors["validation"]),
        ("test set", "scores the final choice, once", colors["test"]),
    )
    rows = VGroup()
    for name, role, color in lines:
        head = build_text(name, theme, "body", color=color, weight="SEMIBOLD")
        rest = build_text(role, theme, "body")
        rows.add(VGroup(head, rest).arrange(RIGHT, buff=0.3, aligned_edge=DOWN))
    rows.arrange(DOWN, aligned_edge=LEFT, buff=0.45)
    return rows.move_to(0.3 * UP)


class TrainTestValidation(ExplainerScene):
    """Train, test and validation sets, after MLU Explain's essay of the same name."""

    slug = "train-test-validation"
    title = "Train, Test & Validation Sets"
    summary = (
        "Cats and dogs split three ways: logistic-regression boundaries are fitted on the "
        "training set, the validation set picks one, and the test set scores it once."
    )
    poster = "choose"
    Params = TrainTestValidationParams

    def construct(self) -> None:
        """Tell the story, beat by beat."""
        self.prepare_data()
        self.show_title()
        self.show_pets()
        self.show_split()
        self.show_training()
        self.show_refit()
        self.show_models()
        self.show_choice()
        self.show_test()
        self.show_peeking()
        self.show_truth()
        self.show_summary()

    def prepare_data(self) -> None:
        """Draw the pets, split them, and fit and score one model per feature set."""
        params = self.params
        rng = np.random.default_rng(params.seed)
        self.pets = make_pets(params.n_pets, dog_share=params.dog_share, seed=rng)
        parts = train_validation_test_split(
            params.n_pets, fractions=params.fractions, seed=rng, stratify=self.pets.y
        )
        self.parts = dict(zip(SETS, parts, strict=True))
        new_pets = make_pets(params.n_new_pets, dog_share=params.dog_share, seed=rng)
        self.scores = compare_feature_sets(
            self.pets, *parts, new_pets=new_pets, max_iter=FIT_MAX_ITER
        )
        self.chosen = best_feature_set(self.scores, "validation")
        self.peeked = best_feature_set(self.scores, "test")
        self.colors = set_colors(self.theme)
        self.middle_part: str | None = None  # whose pets the middle plane shows

    def part_markers(self, part: str, *, cats_first: bool = False) -> VGroup:
        """Return the markers of the pets in one set."""
        index = self.parts[part]
        if cats_first:
            index = index[np.argsort(self.pets.y[index], kind="stable")]
        return VGroup(*(self.markers[i] for i in index))

    def move_to_plane(self, part: str, plane: ScatterPlane, run_time: float) -> Animation:
        """Return an animation taking one set's pets to their places on ``plane``."""
        return LaggedStart(
            *(
                self.markers[i].animate.move_to(plane.point(*self.pets.X[i]))
                for i in self.parts[part]
            ),
            lag_ratio=0.02,
            run_time=run_time,
        )

    # Title
    def show_title(self) -> None:
        """Open on the title card."""
        self.show_title_card(
            "Why we split our data three ways",
            "Is this pet a cat or a dog? Let's build a classifier, and judge it fairly.",
            seconds=2.5,
        )

    # The pets
    def show_pets(self) -> None:
        """Scatter every pet by weight and fluffiness."""
        self.chapter("The pets")
        plane = build_plane(self.theme, np.array([-0.8, 0.3, 0.0]), size=(6.4, 3.7))
        self.markers = plane.build_markers(self.pets.X, self.pets.y)
        legend = build_legend(self.pets, self.theme).next_to(plane.axes, RIGHT, buff=0.6)
        self.caption(
            f"{self.pets.y.size} pets, each described by two features: "
            "weight (kg) and fluffiness (0 to 10)."
        )
        self.play(FadeIn(plane), FadeIn(legend))
        self.play(LaggedStart(*(FadeIn(m, scale=0.5) for m in self.markers), run_time=2.5))
        self.caption("The clusters overlap: small dogs weigh as little as cats, some are fluffier.")
        self.wait(2.5)
        self.key_frame("pets")
        self.play(FadeOut(plane, legend))

    # Split
    def show_split(self) -> None:
        """Shuffle the pets into three sets, each with the same mix of cats and dogs."""
        self.chapter("Three sets")
        self.groups = self.build_groups()
        shares = ", ".join(
            f"{round(100 * share)}{NBSP}% {name}"
            for share, name in zip(
                self.params.fractions, ("train", "validate", "test"), strict=True
            )
        )
        self.caption(
            f"Shuffle, then split at random: {shares}. "
            "Each set keeps the same mix of cats and dogs."
        )
        self.play(FadeIn(self.groups))
        moves = [
            marker.animate.move_to(self.groups.slot(g, i))
            for g, part in enumerate(SETS)
            for i, marker in enumerate(self.part_markers(part, cats_first=True))
        ]
        self.play(LaggedStart(*moves, lag_ratio=0.01, run_time=3))
        self.wait(2.5)
        self.key_frame("split")
        self.lock_test_set()

    def build_groups(self) -> SampleGroups:
        """Return one box per set, titled with its size and noted with its species counts."""
        sizes = [self.parts[part].size for part in SETS]
        notes = []
        for part in SETS:
            dogs = int(self.pets.y[self.parts[part]].sum())
            notes.append(f"{self.parts[part].size - dogs} cats, {dogs} dogs")
        groups = SampleGroups(
            [f"{SET_TITLES[p]} ({n})" for p, n in zip(SETS, sizes, strict=True)],
            sizes,
            [-(-n // GROUP_ROWS) for n in sizes],
            [self.colors[p] for p in SETS],
            self.theme,
            notes=notes,
            slot_size=0.36,
            gap=1.2,
        )
        return groups.move_to(0.35 * UP)

    def lock_test_set(self) -> None:
        """Put the test set away: it shrinks into a small locked tag."""
        self.lock_tag = build_lock_tag(self.parts["test"].size, self.colors["test"], self.theme)
        test_group = VGroup(self.groups.boxes[2], self.groups.titles[2], self.groups.notes[2])
        self.caption("The test set is locked away, untouched until the very end.")
        self.play(
            FadeOut(test_group, self.part_markers("test"), target_position=self.lock_tag),
            FadeIn(self.lock_tag),
            run_time=1.5,
        )
        self.wait(1.5)

    # Training
    def show_training(self) -> None:
        """Fit a logistic regression on both features of the training pets."""
        self.chapter("Training")
        self.train_plane = build_plane(self.theme, TRAIN_CENTER, size=PLANE_SIZE)
        self.train_title = build_plane_title(
            self.train_plane,
            f"{SET_TITLES['train']} ({self.parts['train'].size})",
            self.colors["train"],
            self.theme,
        )
        self.validation_waiting = VGroup(
            self.groups.boxes[1], self.groups.titles[1], self.groups.notes[1]
        )
        waiting = VGroup(self.validation_waiting, self.part_markers("validation"))
        self.play(
            FadeOut(self.groups.boxes[0], self.groups.titles[0], self.groups.notes[0]),
            waiting.animate.move_to([5.1, 0.35, 0.0]),
            FadeIn(self.train_plane, self.train_title),
        )
        self.play(self.move_to_plane("train", self.train_plane, run_time=2))
        both = self.scores[list(FEATURE_SETS).index("both")]
        self.train_regions = self.train_plane.build_regions(*self.line_of(both))
        self.train_boundary = self.train_plane.build_boundary(*self.line_of(both))
        self.train_readout = Readout("accuracy", both.train, self.theme, role="label")
        self.train_readout.next_to(self.train_title, DOWN, buff=0.12)
        self.coefficients = build_coefficient_table(self.theme)
        self.coefficient_values = VGroup(
            *(
                self.coefficients.build_value(row, 0, value, fmt="+.2f")
                for row, value in enumerate(self.coefficients_of(both.model))
            )
        )
        self.caption(
            "Logistic regression learns a boundary from the training pets alone: "
            "dogs on one side, cats on the other."
        )
        self.add_behind(self.train_regions)
        self.play(FadeIn(self.train_regions), Create(self.train_boundary))
        self.keep_markers_on_top()
        self.play(FadeIn(self.train_readout, self.coefficients, self.coefficient_values))
        self.wait(3)
        self.key_frame("training")

    @staticmethod
    def line_of(score: FeatureSetScore) -> tuple[np.ndarray, float]:
        """Return (coef, intercept) of a scored model, in the weight-fluffiness plane."""
        return score.model.coef, score.model.intercept

    @staticmethod
    def coefficients_of(model: PlaneModel) -> tuple[float, float, float]:
        """Return a model's weight and fluffiness coefficients and its intercept."""
        return float(model.coef[0]), float(model.coef[1]), float(model.intercept)

    def add_behind(self, *shadings: Mobject) -> None:
        """Put shadings on screen behind everything, so that they fade in under the pets.

        A fade-in leaves a mobject already on screen where it is in the
        drawing order (and draws it faded from its first frame).
        """
        self.add(*shadings)
        self.bring_to_back(*shadings)

    def keep_markers_on_top(self) -> None:
        """Draw the pets on the planes over the shading just added."""
        markers = self.visible_markers()
        self.remove(*markers)
        self.add(*markers)

    def visible_markers(self) -> list[Mobject]:
        """Return the markers of the pets on the planes now."""
        parts = ["train"] if self.middle_part is None else ["train", self.middle_part]
        return [self.markers[i] for part in parts for i in self.parts[part]]

    # Refit
    def show_refit(self) -> None:
        """Drag one training dog about; the model is refitted at every frame."""
        self.chapter("Moving a training pet")
        train = self.parts["train"]
        dogs = train[self.pets.y[train] == 1]
        self.dragged = int(dogs[np.argmin(self.pets.X[dogs, 0])])
        home = tuple(self.pets.X[self.dragged])
        self.drag_path = np.array([home, *DRAG_WAYPOINTS, home])
        self.drag = ValueTracker(0.0)
        self._drag_fit: tuple[float, PlaneModel, float] | None = None
        ring = Circle(radius=0.17, stroke_color=self.theme.palette.threshold, stroke_width=3)
        ring.add_updater(lambda r: r.move_to(self.markers[self.dragged]))
        self.follow_drag()
        leg = self.params.drag_seconds / (len(self.drag_path) - 1)
        self.caption(self.refit_caption())
        self.play(Create(ring))
        self.play(self.drag.animate.set_value(1.0), run_time=leg, rate_func=smooth)
        self.wait(1.5)
        self.key_frame("refit")
        self.caption(
            "Every training pet pulls on the boundary; the validation and test pets never do."
        )
        for stop in range(2, len(self.drag_path)):
            self.play(self.drag.animate.set_value(float(stop)), run_time=leg, rate_func=smooth)
        self.stop_following_drag()
        ring.clear_updaters()
        self.play(FadeOut(ring))
        self.wait(0.5)

    def refit_caption(self) -> str:
        """Say how the fluffiness coefficient changes when the dog reaches the cats."""
        before = self.coefficients_of(self.refit_with_dog_at(self.drag_path[0])[0])[1]
        after = self.coefficients_of(self.refit_with_dog_at(self.drag_path[1])[0])[1]
        before_text, after_text = (f"{v:+.2f}".replace("-", MINUS) for v in (before, after))
        return (
            "Drag the lightest training dog up among the fluffy cats: the model refits, and "
            f"the fluffiness coefficient goes from {before_text} to {after_text}."
        )

    def dragged_position(self) -> np.ndarray:
        """Return the dragged dog's (weight, fluffiness) now."""
        t = self.drag.get_value()
        stops = np.arange(len(self.drag_path))
        return np.array([np.interp(t, stops, self.drag_path[:, k]) for k in range(2)])

    def dragged_fit(self) -> tuple[PlaneModel, float]:
        """Return the model refitted with the dog where it is now, and its training accuracy.

        Fitted once per frame, however many pictures ask for it.
        """
        t = self.drag.get_value()
        if self._drag_fit is None or self._drag_fit[0] != t:
            self._drag_fit = (t, *self.refit_with_dog_at(self.dragged_position()))
        return self._drag_fit[1], self._drag_fit[2]

    def refit_with_dog_at(self, position: np.ndarray) -> tuple[PlaneModel, float]:
        """Return the model fitted with the dragged dog at ``position``, and its accuracy."""
        train = self.parts["train"]
        X = self.pets.X[train].copy()
        X[np.flatnonzero(train == self.dragged)[0]] = position
        y = self.pets.y[train]
        model = fit_plane_model(X, y, "both", max_iter=FIT_MAX_ITER)
        return model, accuracy_score(y, model.predict(X))

    def drag_line(self) -> tuple[np.ndarray, float]:
        """Return (coef, intercept) of the model refitted to the drag now."""
        model = self.dragged_fit()[0]
        return model.coef, model.intercept

    def follow_drag(self) -> None:
        """Keep the dog, boundary, shading, accuracy and coefficients in step with the drag.

        Each picture that changes carries its own updater (manim redraws only
        what moves).
        """
        plane, table = self.train_plane, self.coefficients
        updates = [
            (
                self.markers[self.dragged],
                lambda m: m.move_to(plane.point(*self.dragged_position())),
            ),
            (self.train_boundary, lambda b: b.become(plane.build_boundary(*self.drag_line()))),
            (self.train_regions, lambda r: r.become(plane.build_regions(*self.drag_line()))),
            (self.train_readout, lambda r: r.set_value(self.dragged_fit()[1])),
        ]
        for row, value in enumerate(self.coefficient_values):
            updates.append(
                (
                    value,
                    lambda v, row=row: v.become(
                        table.build_value(
                            row, 0, self.coefficients_of(self.dragged_fit()[0])[row], fmt="+.2f"
                        )
                    ),
                )
            )
        for mobject, update in updates:
            mobject.add_updater(update)
            update(mobject)

    def stop_following_drag(self) -> None:
        """Freeze the dragged dog and the pictures that followed it."""
        for mobject in (
            self.markers[self.dragged],
            self.train_boundary,
            self.train_regions,
            self.train_readout,
            *self.coefficient_values,
        ):
            mobject.clear_updaters()

    # Four models
    def show_models(self) -> None:
        """Fit one model per feature set; score each on the training and validation sets."""
        self.chapter("Four models")
        self.middle_plane = build_plane(self.theme, MIDDLE_CENTER, size=PLANE_SIZE)
        self.middle_title = build_plane_title(
            self.middle_plane,
            f"{SET_TITLES['validation']} ({self.parts['validation'].size})",
            self.colors["validation"],
            self.theme,
        )
        self.table = ScoreTable(
            list(FEATURE_SETS),
            ["train", "validation"],
            self.theme,
            column_colors=[self.colors["train"], self.colors["validation"]],
            name_width=1.45,
            column_width=1.0,
        )
        self.table.shift([TABLE_LEFT, 1.7, 0.0] - self.table.rule.get_start())
        self.table_values: list[Mobject] = []
        self.middle_regions = self.middle_plane.build_regions(*self.line_of(self.scores[-1]))
        self.middle_boundary = self.middle_plane.build_boundary(*self.line_of(self.scores[-1]))
        self.caption(
            "Four models, one per feature set, each fitted on the training set "
            "and scored on both sets."
        )
        self.play(
            FadeOut(self.validation_waiting, self.train_readout),
            FadeOut(self.coefficients, self.coefficient_values),
            FadeIn(self.middle_plane, self.middle_title, self.table),
        )
        self.play(self.move_to_plane("validation", self.middle_plane, run_time=1.5))
        self.middle_part = "validation"
        self.row_marker = self.table.build_row_highlight(0, self.theme.palette.muted, opacity=0.06)
        for row, score in enumerate(self.scores):
            self.show_model(row, score)
        self.wait(1.5)
        self.key_frame("models")

    def show_model(self, row: int, score: FeatureSetScore) -> None:
        """Draw one model's boundary on both planes and fill in its row."""
        majority = "dog" if score.model.intercept >= 0 else "cat"
        captions = {
            "none": f"No features: predict the majority, {majority}, for every pet.",
            "weight": "Weight alone: a vertical boundary, one cut along the weight axis.",
            "fluffiness": "Fluffiness alone: a horizontal boundary.",
            "both": "Both features: a slanted boundary.",
        }
        self.caption(captions[score.features])
        self.swap_boundaries(score)
        highlight = self.table.build_row_highlight(row, self.theme.palette.muted, opacity=0.06)
        values = [
            self.table.build_value(row, 0, score.train),
            self.table.build_value(row, 1, score.validation),
        ]
        self.table_values += values
        move = Transform(self.row_marker, highlight) if row else FadeIn(self.row_marker)
        self.play(move, *(FadeIn(v) for v in values))
        self.keep_table_values_on_top()
        self.wait(1.6)

    def swap_boundaries(self, score: FeatureSetScore) -> None:
        """Replace the boundaries and shading on both planes with ``score``'s model."""
        line = self.line_of(score)
        train = self.train_plane.build_regions(*line), self.train_plane.build_boundary(*line)
        middle = self.middle_plane.build_regions(*line), self.middle_plane.build_boundary(*line)
        old = VGroup(
            self.train_regions, self.train_boundary, self.middle_regions, self.middle_boundary
        )
        self.add_behind(train[0], middle[0])
        self.play(FadeOut(old), *(FadeIn(part) for part in (*train, *middle)), run_time=0.8)
        self.remove(old)
        self.train_regions, self.train_boundary = train
        self.middle_regions, self.middle_boundary = middle
        self.keep_markers_on_top()

    def keep_table_values_on_top(self) -> None:
        """Draw the table's values over its highlights."""
        self.remove(*self.table_values)
        self.add(*self.table_values)

    # Choice
    def show_choice(self) -> None:
        """Pick the model with the best validation accuracy."""
        self.chapter("Validation chooses")
        chosen = self.scores[self.chosen]
        self.chosen_highlight = self.table.build_row_highlight(self.chosen, self.theme.palette.good)
        self.caption(self.choice_caption())
        self.play(FadeOut(self.row_marker), FadeIn(self.chosen_highlight))
        self.keep_table_values_on_top()
        if chosen is not self.scores[-1]:
            self.swap_boundaries(chosen)
        self.wait(2)
        self.key_frame("choose")
        self.caption(
            "But the validation set helped choose: the winner's validation score is "
            "no longer a fair estimate for new pets."
        )
        self.wait(3.5)

    def choice_caption(self) -> str:
        """Say which model validation picks, and how a tie was broken."""
        chosen = self.scores[self.chosen]
        text = (
            "The best validation score picks the model: "
            f"{FEATURE_PHRASES[chosen.features]}, {chosen.validation:.2f}"
        )
        tied = sum(score.validation == chosen.validation for score in self.scores) > 1
        return text + ("; a tie goes to the simpler model." if tied else ".")

    # Test
    def show_test(self) -> None:
        """Unlock the test set and score the chosen model on it, once."""
        self.chapter("The test set, once")
        chosen = self.scores[self.chosen]
        test_title = build_plane_title(
            self.middle_plane,
            f"{SET_TITLES['test']} ({self.parts['test'].size})",
            self.colors["test"],
            self.theme,
        )
        test_markers = self.part_markers("test")
        for marker in test_markers:
            marker.move_to(self.lock_tag)
        column = self.table.build_column("test", self.colors["test"])
        value = self.table.build_value(self.chosen, 2, chosen.test)
        extended = self.table.build_row_highlight(self.chosen, self.theme.palette.good)
        self.caption(
            f"Once, at the very end, the chosen model meets the test set: {chosen.test:.2f} "
            "accuracy, our estimate for new pets."
        )
        self.play(
            FadeOut(self.part_markers("validation"), self.middle_title),
            FadeIn(test_title),
        )
        self.middle_part = "test"
        self.middle_title = test_title
        self.play(FadeOut(self.lock_tag), self.move_to_plane("test", self.middle_plane, 1.8))
        self.play(FadeIn(column), Transform(self.chosen_highlight, extended))
        self.remove(column)
        self.table.add(column)
        self.play(FadeIn(value))
        self.table_values.append(value)
        self.keep_table_values_on_top()
        self.wait(3)
        self.key_frame("test")

    # Peeking
    def show_peeking(self) -> None:
        """Fill in every model's test score: choosing by it would flatter the winner."""
        self.chapter("Why only once?")
        others = [row for row in range(len(self.scores)) if row != self.chosen]
        values = [self.table.build_value(row, 2, self.scores[row].test) for row in others]
        self.peek_box = self.table.build_cell_highlight(self.peeked, 2, self.theme.palette.bad)
        self.caption(self.peek_caption())
        self.play(LaggedStart(*(FadeIn(v) for v in values), lag_ratio=0.3))
        self.table_values += values
        self.play(Create(self.peek_box))
        self.wait(3.5)

    def peek_caption(self) -> str:
        """Say what picking the model by its test score would have reported."""
        peek, chosen = self.scores[self.peeked], self.scores[self.chosen]
        if self.peeked == self.chosen:
            return (
                f"Here the test set agrees with validation ({FEATURE_PHRASES[peek.features]}); "
                "but the best of four noisy scores tends to be a lucky one."
            )
        return (
            f"Picking by test score instead would choose {FEATURE_PHRASES[peek.features]} "
            f"and report {peek.test:.2f}, not {chosen.test:.2f}: picked because it is high."
        )

    # The truth
    def show_truth(self) -> None:
        """Measure every model on many new pets: the peeked score was optimistic."""
        planes = VGroup(
            self.train_plane,
            self.train_title,
            self.train_regions,
            self.train_boundary,
            self.middle_plane,
            self.middle_title,
            self.middle_regions,
            self.middle_boundary,
            *self.visible_markers(),
        )
        table = VGroup(self.table, self.chosen_highlight, self.peek_box, *self.table_values)
        self.play(FadeOut(planes), table.animate.shift([-6.2, -1.1, 0.0]))
        column = self.table.build_column(
            f"{self.params.n_new_pets:,}\nnew pets", self.theme.palette.text
        )
        new_values = [
            self.table.build_value(row, 3, score.new) for row, score in enumerate(self.scores)
        ]
        wider = self.table.build_row_highlight(self.chosen, self.theme.palette.good)
        notes = self.build_choice_notes()
        self.caption(self.truth_caption())
        self.play(FadeIn(column), Transform(self.chosen_highlight, wider), FadeIn(notes))
        self.play(LaggedStart(*(FadeIn(v) for v in new_values), lag_ratio=0.3))
        self.table_values += new_values
        self.keep_table_values_on_top()
        self.wait(4.5)
        self.key_frame("truth")
        self.play(FadeOut(table, column, notes, *new_values))

    def build_choice_notes(self) -> VGroup:
        """Return notes right of the table: which row validation chose, which peeking would."""
        palette = self.theme.palette
        notes = {self.chosen: ("chosen by validation", palette.good)}
        if self.peeked == self.chosen:
            notes[self.chosen] = ("chosen by validation, best on test too", palette.good)
        else:
            notes[self.peeked] = ("chosen by peeking at test", palette.bad)
        right = self.table.cell_center(0, self.table.n_columns - 1)[0] + 0.75
        group = VGroup()
        for row, (text, color) in notes.items():
            note = build_text(text, self.theme, "small", color=color)
            group.add(note.move_to([right, self.table.cell_center(row, 0)[1], 0.0], LEFT))
        return group

    def truth_caption(self) -> str:
        """Compare the test scores with the true accuracies, measured on new pets."""
        peek, chosen = self.scores[self.peeked], self.scores[self.chosen]
        n_new = f"{self.params.n_new_pets:,}"
        honest = f"the honest {chosen.test:.2f} was {gap_phrase(chosen.test, chosen.new)}"
        if self.peeked == self.chosen:
            return f"On {n_new} new pets the chosen model scores {chosen.new:.2f}: {honest}."
        return (
            f"On {n_new} new pets, the peeked {peek.test:.2f} was "
            f"{gap_phrase(peek.test, peek.new)}; {honest}."
        )

    # Summary
    def show_summary(self) -> None:
        """Close on what each set is for."""
        self.chapter("In short")
        summary = build_summary(self.colors, self.theme)
        self.caption("Touch the test set once, and its score stays an honest estimate.")
        self.play(LaggedStart(*(FadeIn(row, shift=0.2 * RIGHT) for row in summary), lag_ratio=0.5))
        self.wait(3)
        self.key_frame("summary")
        self.wait(1)
