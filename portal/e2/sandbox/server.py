"""A threaded HTTP server for the sandbox, and its command line.

python -m portal.e2.sandbox --bind 127.0.0.1:8765 --token secret [--state FILE] [--seed demo]
"""

import argparse
import logging
import socketserver
import sys
from wsgiref.simple_server import ServerHandler, WSGIRequestHandler, WSGIServer

from .app import SandboxApp
from .faults import DropConnection

READY_LINE = "e2 sandbox listening on http://{host}:{port}"


class ThreadingWSGIServer(socketserver.ThreadingMixIn, WSGIServer):
    """One thread per connection, so a delayed call does not hold up the others."""

    daemon_threads = True
    allow_reuse_address = True


class DroppingServerHandler(ServerHandler):
    """Closes the connection without an answer when the application asks it to."""

    def handle_error(self):
        if isinstance(sys.exc_info()[1], DropConnection):
            return  # nothing written: the socket closes when the request handler ends
        super().handle_error()


class QuietRequestHandler(WSGIRequestHandler):
    """Logs requests through `logging` (debug) instead of stderr, and supports drops."""

    def log_message(self, format, *args):
        logging.getLogger("e2.sandbox.http").debug(format, *args)

    def handle(self):
        """As wsgiref's, with DroppingServerHandler."""
        self.raw_requestline = self.rfile.readline(65537)
        if len(self.raw_requestline) > 65536:
            self.requestline = ""
            self.request_version = ""
            self.command = ""
            self.send_error(414)
            return
        if not self.parse_request():
            return
        handler = DroppingServerHandler(
            self.rfile, self.wfile, self.get_stderr(), self.get_environ(), multithread=True
        )
        handler.request_handler = self
        handler.run(self.server.get_app())


def parse_bind(bind):
    """`HOST:PORT` -> (host, port)."""
    host, _, port = bind.rpartition(":")
    if not host or not port.isdigit():
        raise ValueError(f"--bind must be HOST:PORT, not {bind!r}")
    return host, int(port)


def make_server(host, port, app):
    """A ready-to-serve threaded server for `app`."""
    server = ThreadingWSGIServer((host, port), QuietRequestHandler)
    server.set_app(app)
    return server


def serve(bind, token, state_path=None, seed=None, stdout=None):
    """Run the sandbox until interrupted; prints the ready line once listening."""
    stdout = stdout or sys.stdout
    host, port = parse_bind(bind)
    app = SandboxApp(token, state_path=state_path, seed=seed)
    server = make_server(host, port, app)
    stdout.write(READY_LINE.format(host=host, port=server.server_address[1]) + "\n")
    stdout.flush()
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def build_argument_parser(parser=None):
    """The sandbox's options, added to `parser` (the management command passes its own)."""
    parser = parser or argparse.ArgumentParser(description="Run the e2 Reseller API sandbox.")
    parser.add_argument("--bind", default="127.0.0.1:8765", help="HOST:PORT to listen on")
    parser.add_argument("--token", required=True, help="the API key callers must send")
    parser.add_argument("--state", default=None, help="JSON file the state is kept in")
    parser.add_argument("--seed", choices=["demo"], default=None, help="seed an empty state")
    return parser


def main(argv=None):
    """Command-line entry point."""
    arguments = build_argument_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    serve(arguments.bind, arguments.token, arguments.state, arguments.seed)


if __name__ == "__main__":
    main()
