"""Pure NumPy math behind the scenes: curves, confusion counts and scores."""

from mlu_math.confusion import (
    Confusion,
    confusion_at_threshold,
    confusion_at_thresholds,
    predict_at_threshold,
)
from mlu_math.logistic import LogisticModel, fit_logistic_regression, log_loss, sigmoid
from mlu_math.pairs import all_pairs, pair_outcomes, random_pairs
from mlu_math.ranking import (
    UndefinedMetricWarning,
    auc,
    precision_recall_curve,
    roc_auc_score,
    roc_curve,
)
from mlu_math.scores import (
    WEAK_FEATURES,
    ClassifierScores,
    breast_cancer_scores,
    perfect_scores,
    random_scores,
)

__all__ = [
    "WEAK_FEATURES",
    "ClassifierScores",
    "Confusion",
    "LogisticModel",
    "UndefinedMetricWarning",
    "all_pairs",
    "auc",
    "breast_cancer_scores",
    "confusion_at_threshold",
    "confusion_at_thresholds",
    "fit_logistic_regression",
    "log_loss",
    "pair_outcomes",
    "perfect_scores",
    "precision_recall_curve",
    "predict_at_threshold",
    "random_pairs",
    "random_scores",
    "roc_auc_score",
    "roc_curve",
    "sigmoid",
]
