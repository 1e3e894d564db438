"""年报校对's engine: pure Python, no Qt. One pipeline, one package per stage:

``reading`` (file → ``Document``) → ``locating`` (tables and cells) → ``checking`` (findings) →
``repair`` (corrections) → ``export`` (outputs), driven by ``api`` (the front door) and ``cli``
(the command line). ``model``, ``formats`` and ``messages`` are the shared core every stage may use.
See ARCHITECTURE.md.
"""
