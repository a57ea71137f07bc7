"""``python -m gametheory.cli``: the ``gametheory`` command."""

from . import run

if __name__ == "__main__":
    run()
