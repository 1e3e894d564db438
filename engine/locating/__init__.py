"""Locating: finding the three standard tables in a ``Document`` and reading every cell's value.

Holds the label-driven table locator (``tables``), one cell's text as a value (``values``) and
tables whose cells ran together when crawled or copied (``runtogether``). May use the shared core
(``model``, ``formats``, ``messages``) and ``reading``; never ``checking`` or anything later.
"""
