"""A stateful stand-in for the IDrive e2 Reseller API, for development and tests.

It is plain Python (no Django, no database): `SandboxApp` is a WSGI application serving the
vendor's paths at the root of its address, and `server.serve` runs it on a threaded server.
The contract it implements is `portal/e2/openapi.yaml`.
"""
