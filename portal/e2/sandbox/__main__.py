"""`python -m portal.e2.sandbox --bind HOST:PORT --token TOKEN [--state FILE] [--seed demo]`."""

from .server import main

main()
