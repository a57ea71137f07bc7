"""Shell completion for ``gametheory``: ``eval "$(gametheory --completion bash)"``.

The script is generated from the command line's own parser, so it offers exactly the commands,
options and option values (``--method``, ``--format``, ...) that the parser accepts, and the
bundled names (``gametheory models``) and file names for the arguments.  zsh reads the bash
script through ``bashcompinit``.
"""

from __future__ import annotations

import argparse
import shlex

__all__ = ["completion_script", "SHELLS"]

SHELLS = ("bash", "zsh")


def _words(items) -> str:
    return shlex.quote(" ".join(sorted(items)))


def completion_script(parser: argparse.ArgumentParser, shell: str) -> str:
    """The completion script for ``shell`` from a parser whose subcommands are all complete.

    Examples
    --------
    >>> from gametheory.cli import complete_parser
    >>> script = completion_script(complete_parser(), "bash")
    >>> "complete -o default -F _gametheory gametheory" in script and "--method" in script
    True
    """
    from ..io import bundled_catalogue
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    top = [o for a in parser._actions for o in a.option_strings]
    cases, values = [], []
    for name, command in sub.choices.items():
        options = [o for a in command._actions for o in a.option_strings]
        cases.append(f"        {name}) opts={_words(options)} ;;")
        for action in command._actions:
            if action.choices and action.option_strings:
                for option in action.option_strings:
                    values.append(f"        {name}:{option}) COMPREPLY=($(compgen -W "
                                  f"{_words(map(str, action.choices))} -- \"$cur\")); return ;;")
    names = _words(bundled_catalogue())
    lines = [
        "# gametheory shell completion (bash; zsh through bashcompinit)",
        "_gametheory() {",
        '    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"',
        '    local cmd="" i',
        "    for ((i = 1; i < COMP_CWORD; i++)); do",
        '        case "${COMP_WORDS[i]}" in -*) ;; *) cmd="${COMP_WORDS[i]}"; break ;; esac',
        "    done",
        '    if [ -z "$cmd" ] && [ "$prev" = "--completion" ]; then',
        f'        COMPREPLY=($(compgen -W {_words(SHELLS)} -- "$cur")); return',
        "    fi",
        '    if [ -z "$cmd" ]; then',
        f'        COMPREPLY=($(compgen -W {_words(list(sub.choices) + top)} -- "$cur")); return',
        "    fi",
        '    case "$cmd:$prev" in',
        *values,
        "    esac",
        '    local opts=""',
        '    case "$cmd" in',
        *cases,
        "    esac",
        '    if [[ "$cur" == -* ]]; then',
        '        COMPREPLY=($(compgen -W "$opts" -- "$cur"))',
        "    else",
        f'        COMPREPLY=($(compgen -W {names} -- "$cur") $(compgen -f -- "$cur"))',
        "    fi",
        "}",
        "complete -o default -F _gametheory gametheory",
    ]
    script = "\n".join(lines) + "\n"
    if shell == "zsh":
        script = "autoload -U +X bashcompinit && bashcompinit\n" + script
    return script
