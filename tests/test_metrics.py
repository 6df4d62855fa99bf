"""The evaluation metrics against values computed by hand (labels ordered missing < weak < covered)."""

from __future__ import annotations

import pytest

from concept_audit.evaluate import (
    accuracy,
    confusion_matrix,
    covered_for_missing,
    kappa_from_matrix,
    precision_recall,
    weighted_kappa,
)

M, W, C = "missing", "weak", "covered"


def test_accuracy() -> None:
    assert accuracy([M, W, C, C], [M, C, C, W]) == 0.5
    assert accuracy([C], [C]) == 1.0
    assert accuracy([], []) is None


def test_lengths_must_match() -> None:
    with pytest.raises(ValueError):
        accuracy([M, W], [M])
    with pytest.raises(ValueError):
        covered_for_missing([M], [])


def test_confusion_matrix_rows_gold_columns_predicted() -> None:
    gold = [M, M, W, C, C, C]
    pred = [M, C, W, W, C, C]
    assert confusion_matrix(gold, pred) == [
        [1, 0, 1],  # gold missing: once right, once called covered
        [0, 1, 0],  # gold weak
        [0, 1, 2],  # gold covered: once called weak
    ]


def test_confusion_matrix_rejects_unknown_label() -> None:
    with pytest.raises(ValueError, match="dækket"):
        confusion_matrix([C], ["dækket"])


def test_quadratic_weighted_kappa_by_hand() -> None:
    # gold = [M, W, C, C], predicted = [W, W, C, W]; weights w_ij = (i - j)^2 / (k - 1)^2 with k = 3,
    # so neighbours cost 1/4 and missing<->covered costs 1.
    # Matrix (rows gold M, W, C; columns predicted):  [0 1 0] [0 1 0] [0 1 1]
    # row sums r = (1, 1, 2), column sums c = (0, 3, 1), n = 4.
    # observed disagreement  = (1/4 * 1 [M->W] + 1/4 * 1 [C->W]) / 4            = 0.125
    # expected disagreement  = sum_ij w_ij r_i c_j / n^2
    #   i=M: 1/4*1*3 + 1*1*1 = 1.75;  i=W: 1/4*1*1 = 0.25;  i=C: 1/4*2*3 = 1.5  -> 3.5 / 16 = 0.21875
    # kappa = 1 - 0.125 / 0.21875 = 1 - 4/7 = 3/7
    kappa = weighted_kappa([M, W, C, C], [W, W, C, W])
    assert kappa == pytest.approx(3 / 7)


def test_kappa_weights_distance() -> None:
    # Calling a "covered" element "missing" must cost more than calling it "weak".
    gold = [M, W, C, C]
    assert weighted_kappa(gold, [M, W, C, M]) < weighted_kappa(gold, [M, W, C, W])


def test_kappa_perfect_and_chance() -> None:
    assert weighted_kappa([M, W, C], [M, W, C]) == pytest.approx(1.0)
    # Gold uses one label only: observed = expected = 1/4, so kappa is exactly chance level.
    assert weighted_kappa([W, W], [M, C]) == pytest.approx(0.0)


def test_kappa_undefined_when_all_labels_equal() -> None:
    # Both sides say "covered" throughout: expected disagreement is 0, kappa is 0/0.
    assert weighted_kappa([C, C, C], [C, C, C]) is None
    assert weighted_kappa([], []) is None
    assert kappa_from_matrix([[0, 0, 0], [0, 0, 0], [0, 0, 0]]) is None


def test_precision_recall_with_zero_divisions() -> None:
    scores = precision_recall([C, C, W], [C, W, W])
    # missing: never in gold, never predicted -> both undefined
    assert scores[M].precision is None and scores[M].recall is None
    assert (scores[M].gold, scores[M].predicted, scores[M].correct) == (0, 0, 0)
    # weak: predicted twice, right once; in gold once, found once
    assert scores[W].precision == 0.5 and scores[W].recall == 1.0
    # covered: predicted once (right); in gold twice
    assert scores[C].precision == 1.0 and scores[C].recall == 0.5

    never_right = precision_recall([C, C], [W, W])
    assert never_right[W].precision == 0.0 and never_right[W].recall is None
    assert never_right[C].precision is None and never_right[C].recall == 0.0


def test_covered_for_missing_counts_only_the_worst_error() -> None:
    gold = [M, M, M, W, C]
    pred = [C, W, C, C, M]  # two missing->covered; weak->covered and covered->missing do not count
    assert covered_for_missing(gold, pred) == 2
    assert covered_for_missing([], []) == 0
