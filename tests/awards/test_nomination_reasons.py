"""How stored eligibility reasons are shown: passed, failed, or a neutral note."""

from awards.nominations.reasons import NOT_IN_RANKING, explain_all


def test_not_being_in_the_ranking_is_a_note_not_a_failure():
    shown = explain_all(
        [
            {"code": NOT_IN_RANKING, "params": {}},
            {"code": "points_ok", "params": {"points": "96", "minimum": "90"}},
            {"code": "points_too_low", "params": {"points": "80", "minimum": "90"}},
        ]
    )
    assert [(e.note, e.passed) for e in shown] == [(True, False), (False, True), (False, False)]
