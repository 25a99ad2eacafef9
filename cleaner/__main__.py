"""`python -m cleaner` is the same as the `cleaner` command."""

from .cli import main

main()
