"""Tutor's program-analysis tool: runs inside the sandbox container, next to the grading harness, as
`python3 -I -B /opt/tutor/analysis.py`. It reads one JSON request on stdin and writes one JSON object line on
stdout (modes run-variants and repairs stream lines, like the harness):

  {"mode": "analyze", "file": "x.py", "source": "..."}                    -> CodeAnalysis (server/tutor/contracts.ts)
  {"mode": "insert-docstrings", "source": "...", "docstrings": {...}}     -> {"source", "sameAst", "inserted"}
  {"mode": "mutants", "source": "...", "function": "f", "max": 20}        -> {"mutants": [...]}
  {"mode": "run-variants", "file", "variants", "cases", "limits"}         -> case lines, then {"kind": "done"}
  {"mode": "edits", "source": "...", "max": 300}                          -> {"edits": [...]}
  {"mode": "repairs", "file", "source", "cases", "maxEdits", ...}         -> baseline and edit lines, then done

Only run-variants and repairs run learner code: run-variants in the harness's case processes, repairs in its own
forked worker (tutor_analysis/fast_run.py). Any failure is reported as {"error": "..."}; the tool never writes a
traceback. The work is in tutor_analysis/ (see its README.md).
"""

import os
import sys


def _main():
    # -I leaves this file's folder off sys.path; tutor_analysis/ and harness/ live beside it.
    here = os.path.dirname(os.path.abspath(__file__))
    if here not in sys.path:
        sys.path.insert(0, here)
    try:
        from tutor_analysis.main import main
    except BaseException as exc:
        sys.stdout.write('{"error": %s}\n' % _quote("cannot load tutor_analysis: %s: %s" % (type(exc).__name__, exc)))
        sys.stdout.flush()
        return 1
    return main()


def _quote(text):
    import json
    return json.dumps(text)


if __name__ == "__main__":
    sys.exit(_main())
