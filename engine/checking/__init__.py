"""Checking: everything the tool says is wrong or doubtful in a report, as ``Finding`` objects.

Holds the rules of a format over the cells (``rules``), the prose against the tables (``prose``,
with the running text in ``text``, number claims in ``claims`` and Chinese numerals in
``numerals``), the report's structure (``structure``) and this year against last year (``years``).
May use the shared core, ``reading`` and ``locating``; never ``repair``, ``export`` or ``cli``.
"""
