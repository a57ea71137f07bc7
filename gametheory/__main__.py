"""``python -m gametheory``: the ``gametheory`` command."""

from .cli import run

if __name__ == "__main__":
    run()
