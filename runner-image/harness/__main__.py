"""Entry point: `python3 -I -B /opt/tutor/harness` is PID 1 (main.py); `... /opt/tutor/harness --case` is a case
process exec'd afresh (case.py)."""

import os
import sys

# Run as a folder, Python puts the folder itself first on sys.path. Its parent goes there instead, so that the
# modules are imported once each, as harness.* (and, in a case process, only what case.py needs, before it reads
# its case: see pinned.py).
sys.path[0] = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

if sys.argv[1:] == ["--case"]:
    from harness.case import case_main
    case_main()
else:
    from harness.main import linger, main
    main()
    linger()
