"""The package's version, in one place: the build reads it (``pyproject.toml``), the package
re-exports it as ``gametheory.__version__`` and the command line prints it (``--version``)."""

__version__ = "0.1.0"
