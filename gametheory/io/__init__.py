"""Every file format, read and written: Gambit games, crisis models, conflict models, TU games.

A source is a path or the name of a bundled file; ``resolve`` is
the one place that tells them apart.  Nothing outside ``io/`` (and the command line) opens a
file.
"""

from ._files import read_text, write_atomic, write_text_atomic
from .conflict_toml import bundled_conflicts, load_conflict, parse_conflict, read_conflict
from .draws import write_draws
from .efg import format_efg, parse_efg, read_efg, write_efg
from .games import bundled_catalogue, bundled_games, load_tree, model_of, read_game, write_game
from .model_toml import (
                         bundled_models,
                         load_model,
                         parse_model,
                         read_model,
                         read_source_text,
                         sibling_models,
)
from .nfg import format_nfg, parse_nfg, read_nfg, write_nfg
from .peers import from_pygambit, to_pygambit
from .sources import Source, resolve
from .tu_toml import load_tu, parse_tu, read_tu

__all__ = ["read_game", "write_game", "load_tree", "bundled_games", "bundled_catalogue", "bundled_models", "model_of",
           "sibling_models", "read_source_text",
           "bundled_conflicts", "load_model", "read_model", "parse_model",
           "load_conflict", "read_conflict", "parse_conflict", "load_tu", "read_tu", "parse_tu",
           "read_nfg", "write_nfg", "parse_nfg", "format_nfg",
           "read_efg", "write_efg", "parse_efg", "format_efg",
           "Source", "resolve", "read_text", "write_text_atomic", "write_atomic", "write_draws",
           "from_pygambit", "to_pygambit"]
