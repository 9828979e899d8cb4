"""Pure NumPy math behind the scenes: curves, confusion counts and scores."""

from mlu_math.confusion import (
    Confusion,
    confusion_at_threshold,
    confusion_at_thresholds,
    predict_at_threshold,
)
from mlu_math.cross_validation import (
    CV_FEATURES,
    accuracy_score,
    breast_cancer_sample,
    cross_val_scores,
    random_split_scores,
)
from mlu_math.fairness import (
    LENDING_GROUPS,
    EqualizedOdds,
    equalized_odds_thresholds,
    group_confusions,
    group_names,
    group_roc_curves,
    lending_scores,
    most_accurate_threshold,
    odds_gap,
    pooled_accuracy,
)
from mlu_math.folds import (
    kfold_indices,
    leave_one_out_indices,
    shuffle_split_indices,
    stratified_kfold_indices,
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
from mlu_math.threshold_metrics import (
    ThresholdMetrics,
    best_f1,
    f1_isoline,
    harmonic_mean,
    metrics_at_thresholds,
    subsample_positives,
    to_unit_interval,
)

__all__ = [
    "CV_FEATURES",
    "LENDING_GROUPS",
    "WEAK_FEATURES",
    "ClassifierScores",
    "Confusion",
    "EqualizedOdds",
    "LogisticModel",
    "ThresholdMetrics",
    "UndefinedMetricWarning",
    "accuracy_score",
    "all_pairs",
    "auc",
    "best_f1",
    "breast_cancer_sample",
    "breast_cancer_scores",
    "confusion_at_threshold",
    "confusion_at_thresholds",
    "cross_val_scores",
    "equalized_odds_thresholds",
    "f1_isoline",
    "fit_logistic_regression",
    "group_confusions",
    "group_names",
    "group_roc_curves",
    "harmonic_mean",
    "kfold_indices",
    "leave_one_out_indices",
    "lending_scores",
    "log_loss",
    "metrics_at_thresholds",
    "most_accurate_threshold",
    "odds_gap",
    "pair_outcomes",
    "perfect_scores",
    "pooled_accuracy",
    "precision_recall_curve",
    "predict_at_threshold",
    "random_pairs",
    "random_scores",
    "random_split_scores",
    "roc_auc_score",
    "roc_curve",
    "shuffle_split_indices",
    "sigmoid",
    "stratified_kfold_indices",
    "subsample_positives",
    "to_unit_interval",
]
