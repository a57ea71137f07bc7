"""Game trees drawn: as text, one line per node with box characters, for the terminal
(``render(game)``), and as a matplotlib figure (``render(game, "plot")``, ``plot_tree``).

Each line shows the move that leads to a node (with its chance probability,
or, given an equilibrium, the probability the mover gives it) and the node:
the mover and its information set in brackets, or the payoffs at a leaf.
"""

from __future__ import annotations

from typing import Any, cast

from ..errors import GameTooLargeError
from ..games.peers import accepts_peer_games
from ..games.tree import CHANCE, OUTCOME, ExtensiveFormGame
from ._registry import renders
from ._text import compact

__all__ = ["plot_tree", "PLOT_MAX_NODES"]


@renders(ExtensiveFormGame, "table")
def tree_text(game: ExtensiveFormGame, behavior: Any = None, max_depth: int | None = None,
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
        At most this many lines: the last one then says how many nodes are left out.

    Examples
    --------
    >>> import gametheory as gt
    >>> game = gt.read_game("entry")
    >>> print(gt.render(game, behavior=[[[0, 1]], [[0, 1]]]), end="")
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
            return "(" + ", ".join(compact(v) for v in game.node(i).payoffs) + ")"
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
            return f"{name} ({compact(node.probabilities[a])})"
        if behavior is not None:
            key = (cast(str, node.player), cast(str, node.infoset))     # a decision node
            return f"{name} [{compact(probs[key][a])}]"
        return name

    lines.append(label(0))
    stack = [(int(c), "", k == f.child_ptr[1] - f.child_ptr[0] - 1)
             for k, c in enumerate(f.child_idx[f.child_ptr[0]:f.child_ptr[1]])][::-1]
    shown = 1
    while stack:
        i, prefix, last = stack.pop()
        kids = f.child_idx[f.child_ptr[i]:f.child_ptr[i + 1]].tolist()
        cut = bool(kids) and max_depth is not None and f.depth[i] >= max_depth
        if len(lines) + (2 if cut else 1) > max_lines - 1:     # keep a line for the count
            rest = f.n - shown
            lines.append(f"... ({rest} more node{'s' if rest != 1 else ''} not shown)")
            break
        shown += 1
        lines.append(f"{prefix}{'└── ' if last else '├── '}{edge(i)}: {label(i)}")
        inner = prefix + ("    " if last else "│   ")
        if cut:
            hidden = int(f.end[i] - i - 1)
            lines.append(f"{inner}└── ... ({hidden} node{'s' if hidden != 1 else ''} below)")
            shown += hidden
            continue
        for k in range(len(kids) - 1, -1, -1):
            stack.append((kids[k], inner, k == len(kids) - 1))
    return "\n".join(lines) + "\n"


#: Largest tree ``plot_tree`` draws (a drawing of more nodes is unreadable).
PLOT_MAX_NODES = 2000


@renders(ExtensiveFormGame, "plot")
@accepts_peer_games
def plot_tree(game: ExtensiveFormGame, behavior: Any = None, ax: Any = None):
    """Draw the tree with matplotlib (the ``plot`` extra): nodes top-down, leaves evenly spaced.

    Decision nodes show their mover, leaves their payoffs; edges show the action (and its
    chance probability, or with ``behavior`` the probability the mover gives it); the nodes
    of an information set with several nodes are joined by a dashed line.
    ``render(game, "plot", behavior=None, ax=None)`` is the same drawing;
    ``ax.figure.savefig(path)`` writes PNG, SVG or PDF.

    Parameters
    ----------
    game : ExtensiveFormGame
        At most ``PLOT_MAX_NODES`` (2,000) nodes; ``render(game)`` prints any tree.
    behavior : nested sequence, optional
        A behaviour profile (e.g. ``Equilibrium.behavior``): each edge shows the
        probability its mover gives it, in brackets.
    ax : matplotlib.axes.Axes, optional
        Draw on these axes; by default a new figure sized to the tree.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    GameTooLargeError
        Beyond ``PLOT_MAX_NODES`` nodes.
    ImportError
        When matplotlib is not installed (``pip install 'crisis-gametheory[plot]'``).

    Examples
    --------
    >>> import gametheory as gt
    >>> game = gt.read_game("entry")
    >>> ax = gt.plot_tree(game, behavior=gt.solve(game)[0].behavior)
    >>> ax.get_title(), sorted(t.get_text() for t in ax.texts if "[" in t.get_text())
    ('Entry', ['Accommodate [1]', 'Fight [0]', 'In [1]', 'Out [0]'])
    """
    if game.num_nodes > PLOT_MAX_NODES:
        raise GameTooLargeError(f"the tree has {game.num_nodes} nodes; plot_tree draws at most "
                                f"{PLOT_MAX_NODES} (render(game) prints any tree)")
    import matplotlib.pyplot as plt  # lazy: matplotlib is an optional dependency
    f = game.flat
    if ax is None:
        width = max(4.0, min(24.0, 0.9 * len(f.leaves)))
        _, ax = plt.subplots(figsize=(width, 1.4 * (game.depth + 1) + 0.5))
    x = [0.0] * f.n
    for k, leaf in enumerate(f.leaves.tolist()):
        x[leaf] = float(k)
    for i in range(f.n - 1, -1, -1):                   # children come after their parent
        kids = f.child_idx[f.child_ptr[i]:f.child_ptr[i + 1]]
        if len(kids):
            x[i] = (x[int(kids[0])] + x[int(kids[-1])]) / 2
    y = (-f.depth).astype(float).tolist()
    probs: dict[tuple[str, str], tuple] = {}
    if behavior is not None:
        for p, sets in zip(game.players, behavior):
            for name, row in zip(game.player_infosets(p), sets):
                probs[(p, name)] = tuple(row)
    for i in range(1, f.n):
        par = int(f.parent[i])
        node, a = game.node(par), int(f.action[i])
        ax.plot([x[par], x[i]], [y[par], y[i]], color="0.3", lw=1, zorder=1)
        text = node.actions[a]
        if f.kind[par] == CHANCE:
            text += f" ({compact(node.probabilities[a])})"
        elif behavior is not None:
            key = (cast(str, node.player), cast(str, node.infoset))     # a decision node
            text += f" [{compact(probs[key][a])}]"
        ax.text(x[par] + 0.62 * (x[i] - x[par]), y[par] + 0.62 * (y[i] - y[par]), text, fontsize=8,
                ha="center",
                va="center", bbox={"fc": "white", "ec": "none", "pad": 0.5}, zorder=3)
    members: dict[int, list[int]] = {}
    for i in range(f.n):
        if f.kind[i] == OUTCOME:
            pays = ", ".join(compact(v) for v in game.node(i).payoffs)
            ax.text(x[i], y[i] - 0.15, f"({pays})", fontsize=8, ha="center", va="top")
            ax.plot(x[i], y[i], "s", color="0.2", ms=4, zorder=2)
        elif f.kind[i] == CHANCE:
            ax.plot(x[i], y[i], "o", color="white", mec="0.2", ms=9, zorder=2)
            ax.text(x[i], y[i] + 0.12, "chance", fontsize=8, ha="center", va="bottom")
        else:
            members.setdefault(int(f.infoset[i]), []).append(i)
            ax.plot(x[i], y[i], "o", color="0.2", ms=7, zorder=2)
            ax.text(x[i], y[i] + 0.12, game.node(i).player, fontsize=9, ha="center", va="bottom")
    for s, nodes in members.items():
        if len(nodes) > 1:
            xs = [x[i] for i in nodes]
            ax.plot(xs, [y[i] for i in nodes], ls="--", color="tab:blue", lw=1, zorder=0)
            ax.text(max(xs) + 0.2, y[nodes[-1]], game.infoset_keys[s][1], fontsize=8,
                    color="tab:blue", va="center")
    ax.set_title(game.title or "game tree")
    ax.set_axis_off()
    ax.set_ylim(-game.depth - 0.7, 0.5)
    return ax
