"""Vertex enumeration: all extreme equilibria of a two-player game.

Algorithm (Avis, Rosenberg, Savani and von Stengel 2010, "Enumeration of Nash
equilibria for two-player games", Economic Theory 42; von Stengel 2007,
Algorithmic Game Theory ch. 3, section 3.3):

1. Make every payoff a positive integer (scaling and shifting a player's
   payoffs changes no equilibrium) and form the best-response polytopes ``P``
   and ``Q``.
2. Enumerate every vertex of the polytope of smaller dimension (say ``P``)
   with its exact set of tight constraints (its labels): by Qhull in floating
   point with an error-bound and combinatorial certificate where that
   succeeds (nondegenerate, well-conditioned polytopes), else by an exact
   breadth-first search over the feasible bases of a fraction-free integer
   tableau, which also reaches degenerate vertices (see
   ``gametheory.linalg.polytope``).
3. Complete each vertex ``x != 0`` by the face of ``Q`` carrying the labels
   ``x`` lacks (the lrsnash approach, Avis et al. 2010, section 4; see
   ``gametheory.solvers._complementary``): for a simple vertex one small
   linear system, solved for all vertices at once in floating point with
   error bounds; exactly where a bound cannot decide or ``x`` is degenerate.
   Each vertex of that face with ``x``, normalised, is an extreme equilibrium,
   and all extreme equilibria arise this way.
4. When a face has too many bases for the exact local method (more than
   ``MAX_FACE_BASES``), or the labels would not fit in 64 bits, both polytopes
   are enumerated instead and their vertices paired by labels.
5. Each equilibrium is certified (exact regret 0) before it is returned.

The game is degenerate exactly when a vertex of ``P`` or ``Q`` has more labels
than its dimension.  ``P`` is checked; so is every equilibrium's vertex of
``Q``, and all of ``Q`` while McMullen's bound on its vertices is at most
``DECIDE_DEGENERACY_UP_TO``; beyond that, with no degeneracy seen, it is
left undecided (None; ``is_degenerate`` decides it).

The equilibrium set of a degenerate game is a finite union of polytopes
(maximal Nash subsets) whose vertices are the extreme equilibria; this
function reports those components as well.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from math import comb, lcm

import numpy as np

from ..context import Context, TimeLimitError
from ..errors import GameTooLargeError
from ..games.normal import NormalFormGame
from ..games.peers import accepts_peer_games
from ..linalg.polytope import VertexSet, certified_vertices, exact_vertices
from ._bimatrix import positive_bimatrix
from ._common import collect, require_two_players, resolve_context, stopped_with
from ._complementary import complementary_vertices
from .result import Equilibrium, SolverResult, make_components, make_equilibrium

__all__ = ["solve_vertex", "iter_vertex", "polytope_vertices", "is_degenerate"]


def polytope_vertices(M: np.ndarray) -> VertexSet:
    """Every vertex of ``{z >= 0 : M z <= 1}`` for a positive integer matrix ``M``.

    The certified floating-point enumeration is tried first; when it cannot
    certify its answer (degenerate or ill-conditioned polytopes) the exact
    search over feasible bases runs instead.  Either way each returned
    vertex comes with its exact set of tight constraints and exact coordinates.

    Examples
    --------
    >>> import numpy as np
    >>> vs = polytope_vertices(np.array([[1, 2]], dtype=object))
    >>> sorted(vs.coordinates(mk) for mk in vs.masks)
    [(Fraction(0, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(1, 2)), (Fraction(1, 1), Fraction(0, 1))]
    """
    found = certified_vertices(M)
    return found if found is not None else exact_vertices(M)


#: Refuse games whose best-response polytopes may have more vertices than this.
MAX_VERTICES = 5_000_000


def max_vertices(d: int, facets: int) -> int:
    """McMullen's upper bound on the vertices of a ``d``-polytope with ``facets`` facets.

    Examples
    --------
    >>> max_vertices(2, 4)      # a quadrilateral
    4
    """
    if facets <= d:
        return 1
    return comb(facets - (d + 1) // 2, d // 2) + comb(facets - d // 2 - 1, (d + 1) // 2 - 1)


def _labelled_vertices(game: NormalFormGame, context: Context | None = None):
    """Vertices of P and Q with their label masks (bit k set: label k present)."""
    m, n = game.shape
    bound = max(max_vertices(m, m + n), max_vertices(n, m + n))
    if bound > MAX_VERTICES:
        raise GameTooLargeError(
            f"vertex enumeration on a {m}x{n} game: the best-response polytopes may have up to "
            f"{bound:.2e} vertices (limit {MAX_VERTICES:.0e}); use method 'lemke-howson'")
    A, B = positive_bimatrix(game)
    if context is not None:
        context.check("vertex")
    P = polytope_vertices(np.ascontiguousarray(B.T))  # vars: x_0..x_{m-1}, slacks of columns
    if context is not None:
        context.check("vertex")
    Q = polytope_vertices(A)                          # vars: y_0..y_{n-1}, slacks of rows
    # P: variable i < m is x_i (label i), variable m + j is slack j (label m + j): same numbering.
    low_n = (1 << n) - 1
    # Q: variable j < n is y_j (label m + j), variable n + i is slack i (label i).
    q_masks = [((mk & low_n) << m) | (mk >> n) for mk in Q.masks]
    return P, P.masks, Q, q_masks, m, n


def _complementary_pairs(p_masks: list[int], q_masks: list[int], m: int, n: int) -> list[tuple[int, int]]:
    """Index pairs (a, b) whose labels together are all of ``0..m+n-1``.

    Exact complements are found by hashing; a degenerate vertex (more labels
    than its dimension) may pair with several, so those are matched against
    every vertex of the other polytope by a vectorised superset test.
    """
    full = (1 << (m + n)) - 1
    q_index: dict[int, int] = {mk: b for b, mk in enumerate(q_masks)}
    pairs = set()
    for a, mk in enumerate(p_masks):
        b = q_index.get(full ^ mk)
        if b is not None:
            pairs.add((a, b))
    deg_p = [a for a, mk in enumerate(p_masks) if mk.bit_count() > m]
    deg_q = [b for b, mk in enumerate(q_masks) if mk.bit_count() > n]
    for side, degenerate, masks_other, flip in ((p_masks, deg_p, q_masks, False),
                                                (q_masks, deg_q, p_masks, True)):
        if not degenerate:
            continue
        other = np.array(masks_other, dtype=object if m + n > 62 else np.int64)
        for a in degenerate:
            need = full ^ side[a]
            for hit in np.flatnonzero((other & need) == need):
                pairs.add((int(hit), a) if flip else (a, int(hit)))
    return sorted(pairs)


@accepts_peer_games
def is_degenerate(game: NormalFormGame) -> bool:
    """True when some mixed strategy with support size k has more than k pure best responses.

    Decided exactly: the game is degenerate exactly when a vertex of one of
    the best-response polytopes has more labels than the polytope's dimension.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.

    Returns
    -------
    bool

    Raises
    ------
    InvalidGameError
        For a game that does not have two players.

    Examples
    --------
    >>> import gametheory as gt
    >>> is_degenerate(gt.NormalFormGame.from_bimatrix([[1, 1], [0, 2]], [[1, 1], [0, 1]]))
    True
    >>> is_degenerate(gt.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]]))
    False
    """
    require_two_players(game, "is_degenerate")
    _, p_masks, _, q_masks, m, n = _labelled_vertices(game)
    return _degenerate(p_masks, q_masks, m, n)


def _degenerate(p_masks: list[int], q_masks: list[int], m: int, n: int) -> bool:
    return any(mask.bit_count() > m for mask in p_masks) or \
        any(mask.bit_count() > n for mask in q_masks)


@accepts_peer_games
def iter_vertex(game: NormalFormGame, exact: bool | None = None,
                tol: float | None = None, *,
                context: Context | None = None) -> Iterator[Equilibrium]:
    """Generate the extreme equilibria one by one (see ``solve_vertex``).

    The whole enumeration runs first (the generator yields the list of
    ``solve_vertex``, in its order).

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.
    exact : bool or None
        Rational arithmetic (regret exactly 0) or floating point; default
        (None): exact where the payoffs are rational.
    tol : float, optional
        Float mode's regret tolerance (default: 1e-9 times the largest absolute
        payoff, at least 1e-9).
    context : Context, optional
        The computation's context; when given, its arithmetic replaces
        ``exact`` and ``tol``.

    Yields
    ------
    Equilibrium

    Examples
    --------
    >>> import gametheory as gt
    >>> [eq.supports for eq in gt.iter_vertex(gt.read_game("chicken"))]
    [((0,), (1,)), ((0, 1), (0, 1)), ((1,), (0,))]
    """
    yield from solve_vertex(game, exact=exact, tol=tol, context=context).equilibria


@accepts_peer_games
def solve_vertex(game: NormalFormGame, exact: bool | None = None,
                 tol: float | None = None, *, context: Context | None = None) -> SolverResult:
    """All extreme Nash equilibria of a two-player game, also when it is degenerate.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.
    exact : bool or None
        Rational arithmetic (regret exactly 0) or floating point; default
        (None): exact where the payoffs are rational.
        Float mode runs the same exact pivoting on the payoffs' exact binary
        values and converts the result.
    tol : float, optional
        Float mode's regret tolerance (default: 1e-9 times the largest absolute
        payoff, at least 1e-9).
    context : Context, optional
        The computation's context (arithmetic, deadline, progress, seed);
        when given, its arithmetic replaces the arguments above.

    Returns
    -------
    SolverResult
        ``complete`` is True (every extreme equilibrium is listed),
        ``degenerate`` is True or False, decided exactly, or None when the
        larger polytope was too large to check and no degeneracy was seen
        (McMullen's bound on its vertices above ``DECIDE_DEGENERACY_UP_TO``,
        5,000: games larger than about 10 x 10; ``is_degenerate`` decides
        it).  ``components`` holds the connected components of the
        equilibrium set as ``Component``
        records.  ``parameters`` holds ``tolerance`` (None in exact mode),
        ``components`` and ``nash_subsets``: ``parameters["components"]``
        groups the equilibria (as indices into ``equilibria``) into connected
        components of the equilibrium set (a component with more than one
        extreme equilibrium is a continuum), and ``parameters["nash_subsets"]``
        lists the maximal Nash subsets: sets of extreme equilibria such that
        any mixture of their row strategies with any mixture of their column
        strategies is an equilibrium (Avis et al. 2010, section 5); every
        equilibrium of the game lies in one of them.

    Raises
    ------
    InvalidGameError
        For a game that does not have two players.
    GameTooLargeError
        When McMullen's bound on the vertices of the smaller best-response
        polytope exceeds ``MAX_VERTICES`` (5 x 10^6); use ``lemke-howson``.

    Notes
    -----
    Steps of the algorithm are given in the module docstring.  Cost: Qhull on
    the smaller polytope (output-sensitive: proportional to its number of
    vertices ``V`` times its dimension), then one ``k x k`` float solve per
    vertex (``k`` its support size; batched in numpy), and exact rational work
    only per equilibrium and per degenerate or undecided vertex.

    References
    ----------
    Avis, D., Rosenberg, G. D., Savani, R. and von Stengel, B. (2010).
    Enumeration of Nash equilibria for two-player games. Economic Theory 42,
    9-37.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_bimatrix([[3, 1], [4, 0]], [[3, 4], [1, 0]])
    >>> res = solve_vertex(g)
    >>> [[[str(p) for p in s] for s in eq.strategies] for eq in res.equilibria]
    [[['1', '0'], ['0', '1']], [['1/2', '1/2'], ['1/2', '1/2']], [['0', '1'], ['1', '0']]]
    >>> res.complete, res.degenerate
    (True, False)
    """
    require_two_players(game, "vertex")
    context = resolve_context(game, exact, tol, context)
    arithmetic = context.arithmetic
    try:
        found = _from_one_polytope(game, context)
        if found is None:
            found = _from_both_polytopes(game, context)
    except TimeLimitError as exc:                  # stopped before any equilibrium was found
        raise stopped_with(exc, game, "vertex", arithmetic.exact, ()) from None
    xs, ys, pairs, degenerate = found
    pairs.sort(key=lambda ab: (xs[ab[0]], ys[ab[1]]), reverse=True)

    def certified():
        for a, b in pairs:
            context.check("vertex")
            yield make_equilibrium(game, [xs[a], ys[b]], arithmetic)

    equilibria = collect(certified(), game, "vertex", arithmetic.exact)
    components = _components(pairs)
    subsets = _maximal_nash_subsets(pairs)
    notes = []
    if degenerate:
        notes.append("the game is degenerate: some strategy has more pure best responses than "
                     "its support size, so equilibria may form continua")
    elif degenerate is None:
        notes.append("degeneracy not decided: only the smaller best-response polytope was "
                     "enumerated (is_degenerate decides it)")
    for subset in subsets:
        if len(subset) > 1:
            notes.append("continuum of equilibria: any mixture of the row strategies of equilibria "
                         + ", ".join(str(k + 1) for k in subset) + " with any mixture of their "
                         "column strategies is an equilibrium")
    params = {"tolerance": arithmetic.tol, "components": components,
              "nash_subsets": subsets}
    return SolverResult(game=game, method="vertex", exact=arithmetic.exact, equilibria=tuple(equilibria),
                        complete=True, degenerate=degenerate, parameters=params, notes=tuple(notes),
                        components=make_components(equilibria, components, subsets), accounted=True)


#: The other player's polytope is enumerated as well, to decide degeneracy, only while
#: McMullen's bound on its vertices is at most this.
DECIDE_DEGENERACY_UP_TO = 5000

_Found = tuple[list[tuple[Fraction, ...]], list[tuple[Fraction, ...]], list[tuple[int, int]], "bool | None"]


def _check_size(m: int, n: int) -> None:
    """Refuse a game whose smaller best-response polytope may have too many vertices."""
    bound = max_vertices(min(m, n), m + n)
    if bound > MAX_VERTICES:
        raise GameTooLargeError(
            f"vertex enumeration on a {m}x{n} game: the best-response polytope of the player "
            f"with fewer actions may have up to {bound:.2e} vertices (limit {MAX_VERTICES:.0e}); "
            "use method 'lemke-howson'")


def _from_one_polytope(game: NormalFormGame, context: Context) -> _Found | None:
    """Extreme equilibria from the vertices of the lower-dimensional polytope (lrsnash-style).

    None when a complementary face needs the enumeration of both polytopes.
    """
    m, n = game.shape
    _check_size(m, n)
    A, B = positive_bimatrix(game)
    swap = n < m                          # enumerate the polytope of the player with fewer actions
    if swap:
        A, B = np.ascontiguousarray(B.T), np.ascontiguousarray(A.T)
        m, n = n, m
    context.check("vertex")
    P = polytope_vertices(np.ascontiguousarray(B.T))
    context.check("vertex")
    found = complementary_vertices(P, A)
    if found is None:
        return None
    xs_index: dict[int, int] = {}
    ys_index: dict[tuple[Fraction, ...], int] = {}
    xs: list[tuple[Fraction, ...]] = []
    ys: list[tuple[Fraction, ...]] = []
    pairs = []
    degenerate: bool | None = P.has_degenerate_vertex()
    for mask, y in found:
        if mask not in xs_index:
            xs_index[mask] = len(xs)
            xs.append(_normalise(P.coordinates(mask)))
        if y not in ys_index:
            ys_index[y] = len(ys)
            ys.append(_normalise(y))
            degenerate = degenerate or _labels(A, y) > n
        pairs.append((xs_index[mask], ys_index[y]))
    if not degenerate:
        if max_vertices(n, m + n) <= DECIDE_DEGENERACY_UP_TO:     # small: no time check
            degenerate = polytope_vertices(A).has_degenerate_vertex()
        else:
            degenerate = None
    if swap:
        xs, ys = ys, xs
        pairs = [(b, a) for a, b in pairs]
    return xs, ys, pairs, degenerate


def _labels(A: np.ndarray, y: tuple[Fraction, ...]) -> int:
    """Number of labels of the point ``y`` of ``{y >= 0 : A y <= 1}`` (zeros and tight rows)."""
    den = lcm(*(v.denominator for v in y))
    num = np.array([v.numerator * (den // v.denominator) for v in y], dtype=object)
    return int(np.count_nonzero(num == 0)) + int(np.count_nonzero(A.dot(num) == den))


def _from_both_polytopes(game: NormalFormGame, context: Context) -> _Found:
    """Extreme equilibria as completely labelled pairs of vertices of both polytopes."""
    P, p_masks, Q, q_masks, m, n = _labelled_vertices(game, context)
    degenerate = _degenerate(p_masks, q_masks, m, n)
    origin_p, origin_q = (1 << m) - 1, ((1 << n) - 1) << m   # the vertex 0 of P, of Q
    pairs = [(a, b) for a, b in _complementary_pairs(p_masks, q_masks, m, n)
             if p_masks[a] != origin_p and q_masks[b] != origin_q]
    x_of = {a: i for i, a in enumerate(sorted({a for a, _ in pairs}))}
    y_of = {b: j for j, b in enumerate(sorted({b for _, b in pairs}))}
    xs = [_normalise(P.coordinates(P.masks[a])) for a in x_of]
    ys = [_normalise(Q.coordinates(Q.masks[b])) for b in y_of]
    return xs, ys, [(x_of[a], y_of[b]) for a, b in pairs], degenerate


def _normalise(z: tuple[Fraction, ...]) -> tuple[Fraction, ...]:
    total = sum(z)
    return tuple(v / total for v in z)


def _components(pairs: list[tuple[int, int]]) -> list[list[int]]:
    """Connected components of the equilibrium set, as lists of indices into ``pairs``.

    Two extreme equilibria are connected when they share a strategy of one
    player (Avis et al. 2010: the equilibrium set is the union of the convex
    hulls of maximal bicliques of this graph).
    """
    parent = list(range(len(pairs)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    first_x: dict[int, int] = {}
    first_y: dict[int, int] = {}
    for k, (a, b) in enumerate(pairs):
        for table, key in ((first_x, a), (first_y, b)):
            j = table.setdefault(key, k)
            parent[find(j)] = find(k)
    groups: dict[int, list[int]] = {}
    for k in range(len(pairs)):
        groups.setdefault(find(k), []).append(k)
    return sorted(groups.values())


def _maximal_nash_subsets(pairs: list[tuple[int, int]]) -> list[list[int]]:
    """Maximal bicliques of the extreme-equilibrium graph, as sorted lists of indices into ``pairs``.

    A biclique ``X x Y`` (every x in X paired with every y in Y is an extreme
    equilibrium) spans the convex set ``conv(X) x conv(Y)`` of equilibria.
    The maximal ones are the closed sets of the Galois connection between row
    and column vertices: ``X = intersection of N(y) for y in Y`` and ``Y = {y : X
    within N(y)}``; they are generated here by closing the neighbourhoods
    ``N(y)`` under intersection (enough for the small graphs of games).
    """
    index = {ab: k for k, ab in enumerate(pairs)}
    nbr: dict[int, frozenset[int]] = {}
    for a, b in pairs:
        nbr[b] = nbr.get(b, frozenset()) | {a}
    closed: set[frozenset[int]] = set(nbr.values())
    frontier = set(closed)
    while frontier:
        new = {x & y for x in frontier for y in closed} - closed - {frozenset()}
        closed |= new
        frontier = new
    out = []
    for xs in closed:
        ys = [b for b, n in nbr.items() if xs <= n]
        # maximal: no column vertex outside ys, and the row set is closed by construction
        out.append(sorted(index[(a, b)] for a in xs for b in ys))
    # keep only maximal ones (a closed X with a larger Y is never contained in another biclique)
    sets = [set(s) for s in out]
    return sorted(s for s, ss in zip(out, sets) if not any(ss < other for other in sets))
