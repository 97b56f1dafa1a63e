"""Tutor's grading harness: runs inside the sandbox container and reports observations, never verdicts.

README.md describes the protocol (the request on stdin, one JSON event line per case on stdout) and the modules."""
