"""Every text for people and programs: one :func:`render` for every record and format.

The writers live one module per record family and register themselves with
:func:`~gametheory.report._registry.renders`; importing this package imports
them all.  Formatters take result records and never compute.
"""

from ._registry import formats_of, render, renders, to_dict

__all__ = ["render", "to_dict", "formats_of", "renders"]
