"""Repair: which cell is most likely wrong and what value would fix it (``Correction`` objects).

``corrections`` is the entry point; it states the hard rules of a table as a linear system
(``system``), finds every smallest set of cells whose change makes them hold (``search``, with
``peel`` beyond its budget) and weighs typing slips (``keystroke``). ``synth`` makes synthetic
reports with injected errors for the accuracy tests and benchmarks. ``outcome`` applies edits and
corrections, recording where each changed value came from (``Report.changes``). May use the shared core,
``reading``, ``locating`` and ``checking``; never ``export`` or ``cli``.
"""
