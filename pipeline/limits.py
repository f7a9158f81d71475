"""The run's default limits, read by the runner and shown by the CLI's help (a module of its
own, so that the CLI states them without importing the runner)."""

DEFAULT_MAX_BYTES = 200 * 1024 * 1024  # larger input files are refused (--max-bytes)
# The default time limit of one document: a base, plus an allowance per megabyte of input
# (the pipeline runs at about 40,000 characters a second on one core).
TIMEOUT_BASE = 600.0
TIMEOUT_PER_MB = 60.0
