"""``python -m gui [PATH...]`` opens the app; ``python -m gui sheet PATH --pdf F`` prints the
correction sheet without a window; ``python -m gui --self-test`` checks a bundled sample offscreen."""

import sys


def _main() -> int:
    argv = sys.argv[1:]
    if argv[:1] == ["sheet"]:
        from .sheet import main as sheet_main

        return sheet_main(argv[1:])
    if "--self-test" in argv:
        from .selftest import main as selftest_main

        return selftest_main([a for a in argv if a != "--self-test"])
    from .app import main

    return main(argv)


sys.exit(_main())
