"""Game trees as text: one line per node, drawn with box characters, for the terminal.

Each line shows the move that leads to a node (with its chance probability,
or, given an equilibrium, the probability the mover gives it) and the node:
the mover and its information set in brackets, or the payoffs at a leaf.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ._numbers import format_number
from .extensive import CHANCE, OUTCOME, ExtensiveFormGame

__all__ = ["format_tree"]


def _num(x: Any) -> str:
    if isinstance(x, float):
        return f"{x:.4g}"
    return format_number(Fraction(x))


def format_tree(game: ExtensiveFormGame, behavior: Any = None, max_depth: int | None = None,
                max_lines: int = 500) -> str:
    """The tree as indented text (iterative, so deep trees are fine).

    Parameters
    ----------
    game : ExtensiveFormGame
    behavior : nested sequence, optional
        A behaviour profile (e.g. ``Equilibrium.behavior``): each move shows
        the probability its mover gives it, in brackets.
    max_depth : int, optional
        Draw nodes down to this depth only (deeper subtrees are elided).
    max_lines : int
        Stop after this many lines and say how many nodes are left out.

    Examples
    --------
    >>> import gametheory as gt
    >>> tree = gt.decision("Entrant", "e", {
    ...     "Out": gt.outcome(0, 2),
    ...     "In": gt.decision("Incumbent", "i", {"Fight": gt.outcome(-1, -1),
    ...                                          "Accommodate": gt.outcome(1, 1)})})
    >>> game = gt.ExtensiveFormGame(tree, ["Entrant", "Incumbent"], title="Entry")
    >>> print(format_tree(game, behavior=[[[0, 1]], [[0, 1]]]), end="")
    Entry (payoffs: Entrant, Incumbent)
    Entrant [e]
    ├── Out [0]: (0, 2)
    └── In [1]: Incumbent [i]
        ├── Fight [0]: (-1, -1)
        └── Accommodate [1]: (1, 1)
    """
    f = game.flat
    probs: dict[tuple[str, str], tuple] = {}
    if behavior is not None:
        for p, sets in zip(game.players, behavior):
            for name, row in zip(game.player_infosets(p), sets):
                probs[(p, name)] = tuple(row)
    lines = [f"{game.title or 'game tree'} (payoffs: {', '.join(game.players)})"]

    def label(i: int) -> str:
        if f.kind[i] == OUTCOME:
            return "(" + ", ".join(_num(v) for v in game.node(i).payoffs) + ")"
        if f.kind[i] == CHANCE:
            return "chance"
        node = game.node(i)
        return f"{node.player} [{node.infoset}]"

    def edge(i: int) -> str:
        par = int(f.parent[i])
        a = int(f.action[i])
        node = game.node(par)
        name = node.actions[a]
        if f.kind[par] == CHANCE:
            return f"{name} ({_num(node.probabilities[a])})"
        if behavior is not None:
            return f"{name} [{_num(probs[(node.player, node.infoset)][a])}]"
        return name

    lines.append(label(0))
    stack = [(int(c), "", k == f.child_ptr[1] - f.child_ptr[0] - 1)
             for k, c in enumerate(f.child_idx[f.child_ptr[0]:f.child_ptr[1]])][::-1]
    shown = 1
    while stack:
        i, prefix, last = stack.pop()
        if len(lines) >= max_lines:
            rest = f.n - shown
            lines.append(f"... ({rest} more node{'s' if rest != 1 else ''} not shown)")
            break
        shown += 1
        lines.append(f"{prefix}{'└── ' if last else '├── '}{edge(i)}: {label(i)}")
        kids = f.child_idx[f.child_ptr[i]:f.child_ptr[i + 1]].tolist()
        if not kids:
            continue
        inner = prefix + ("    " if last else "│   ")
        if max_depth is not None and f.depth[i] >= max_depth:
            hidden = int(f.end[i] - i - 1)
            lines.append(f"{inner}└── ... ({hidden} node{'s' if hidden != 1 else ''} below)")
            shown += hidden
            continue
        for k in range(len(kids) - 1, -1, -1):
            stack.append((kids[k], inner, k == len(kids) - 1))
    return "\n".join(lines) + "\n"
