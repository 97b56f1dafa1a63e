"""Tutor's program analysis, run inside the sandbox container next to the grading harness (entry point:
runner-image/analysis.py). Modes: analyze, insert-docstrings, mutants (AST only: the learner's code never runs)
and run-variants (runs cases through harness.run_one). See README.md in this folder."""
