"""The selection panel against known answers from the literature."""

from __future__ import annotations

from fractions import Fraction as F


import gametheory as gt


def _pure(res, k):
    return tuple(tuple(s).index(1) for s in res.equilibria[k].strategies)


def test_stag_hunt_payoff_versus_risk_dominance():
    # Harsanyi and Selten (1988): (Stag, Stag) payoff-dominates, (Hare, Hare) risk-dominates
    stag = gt.NormalFormGame.from_bimatrix([[4, 0], [3, 3]], [[4, 3], [0, 3]])
    panel = gt.select(stag)
    assert _pure(panel.result, panel.payoff_dominant) == (0, 0)
    assert _pure(panel.result, panel.risk_dominant) == (1, 1)
    [r] = panel.risk
    assert r.products == (1, 9) and not panel.risk_cycle
    # the logit QRE branch from uniform play ends at the risk-dominant equilibrium
    assert panel.qre_limit == panel.risk_dominant
    assert panel.payoff_undominated == (panel.payoff_dominant,)


def test_a_symmetric_coordination_game_has_no_risk_dominant_equilibrium():
    g = gt.NormalFormGame.from_bimatrix([[2, 0], [0, 2]], [[2, 0], [0, 2]])
    panel = gt.select(g)
    [r] = panel.risk
    assert r.products[0] == r.products[1] and r.dominant is None and panel.risk_dominant is None
    assert panel.payoff_dominant is None and len(panel.payoff_undominated) == 2


def test_an_equilibrium_in_weakly_dominated_strategies_is_not_perfect():
    # (B, R) is an equilibrium, but B and R are weakly dominated: not perfect (Selten 1975)
    g = gt.NormalFormGame.from_bimatrix([[1, 0], [0, 0]], [[1, 0], [0, 0]])
    panel = gt.select(g)
    by_profile = {_pure(panel.result, k): panel.perfect[k]
                  for k, eq in enumerate(panel.result.equilibria) if eq.is_pure}
    assert by_profile[(0, 0)] is True and by_profile[(1, 1)] is False
    assert gt.is_weakly_dominated(g, 1, [0, 1]) and not gt.is_weakly_dominated(g, 1, [1, 0])
    assert gt.is_weakly_dominated(g, 0, [F(1, 2), F(1, 2)])


def test_weak_dominance_in_float_mode_matches_exact():
    g = gt.NormalFormGame.from_bimatrix([[1.0, 0.0], [0.0, 0.0]], [[1.0, 0.0], [0.0, 0.0]])
    assert gt.is_weakly_dominated(g, 0, [0.0, 1.0]) and not gt.is_weakly_dominated(g, 0, [1.0, 0.0])


def test_the_qre_ends_inside_the_coordinated_continuum():
    # the observation: the logit QRE of the coordinated crisis ends at a 50/50 point
    # of the ROK's continuum, not at a listed equilibrium
    model = gt.load_model("coordinated")
    panel = gt.select(model.game())
    assert panel.qre_limit is None and panel.qre_point is not None
    rok = [p.name for p in model.players].index("ROK")
    assert all(0.4 < p < 0.6 for p in panel.qre_point[rok][1:])
    assert panel.risk == () and all(p is None for p in panel.perfect)
    assert "which is not in the list" in gt.render(panel)


def test_cli_select(tmp_path, capsys):
    from gametheory.cli import main
    path = tmp_path / "stag.nfg"
    path.write_text('NFG 1 R "Stag hunt" { "A" "B" } { { "Stag" "Hare" } { "Stag" "Hare" } }\n'
                    "4 4 3 0 0 3 3 3\n")
    assert main(["solve", str(path), "--select"]) == 0
    assert "equilibrium 3 risk-dominates" in capsys.readouterr().out
    assert main(["solve", str(path), "--select", "--format", "json"]) == 0
    import json
    data = json.loads(capsys.readouterr().out)
    assert data["selection"]["risk_dominant"] == 2 and data["selection"]["payoff_dominant"] == 0
    assert main(["solve", str(path), "--select", "--format", "csv"]) == 2
    assert "--select writes table or json" in capsys.readouterr().err
