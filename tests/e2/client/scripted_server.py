"""A tiny real HTTP server on 127.0.0.1 whose answers each test scripts, for client unit tests.

Each path has a queue of `Answer`s (or a function of the request); calls are recorded so a test
can count them. Answers can be delayed, dripped byte by byte, or dropped with a TCP reset.
"""

import json
import socket
import struct
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Answer:
    """What the server does with one request."""

    status: int = 200
    json: Any = None
    body: bytes | None = None
    content_type: str = "application/json"
    delay: float = 0.0  # seconds before the status line
    drip_interval: float | None = None  # seconds between single body bytes
    reset: bool = False  # read the request, then reset the connection without answering
    headers: dict[str, str] = field(default_factory=dict)

    def payload(self) -> bytes:
        if self.body is not None:
            return self.body
        return json.dumps(self.json).encode()


@dataclass
class ReceivedRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    client_port: int

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


class ScriptedServer:
    """Start with `start()`, script with `answer()`/`route()`, read `requests`."""

    def __init__(self):
        self.requests: list[ReceivedRequest] = []
        self._answers: dict[str, deque] = defaultdict(deque)
        self._routes: dict[str, Any] = {}
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> "ScriptedServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def answer(self, path: str, *answers: Answer) -> None:
        """Queue answers for the next calls of `path`, in order."""
        with self._lock:
            self._answers[path].extend(answers)

    def route(self, path: str, function) -> None:
        """Answer every call of `path` (once its queue is empty) with function(request)."""
        self._routes[path] = function

    def calls(self, path: str) -> int:
        """How many requests reached `path`."""
        return sum(1 for request in self.requests if request.path == path)

    def requests_to(self, path: str) -> list[ReceivedRequest]:
        return [request for request in self.requests if request.path == path]

    def _next_answer(self, request: ReceivedRequest) -> Answer:
        with self._lock:
            self.requests.append(request)
            queue = self._answers[request.path]
            if queue:
                return queue.popleft()
        route = self._routes.get(request.path)
        if route is not None:
            return route(request)
        return Answer(status=404, json={"error": {"type": "x", "code": "not_found", "message": ""}})

    def _handler_class(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass  # keep test output quiet

            def do_GET(self):
                self._handle()

            do_POST = do_PUT = do_DELETE = do_GET

            def _handle(self):
                length = int(self.headers.get("Content-Length") or 0)
                request = ReceivedRequest(
                    method=self.command,
                    path=self.path,
                    headers=dict(self.headers.items()),
                    body=self.rfile.read(length) if length else b"",
                    client_port=self.client_address[1],
                )
                answer = server._next_answer(request)
                if answer.delay:
                    time.sleep(answer.delay)
                if answer.reset:
                    # SO_LINGER 0: closing sends a TCP reset instead of a clean close.
                    self.connection.setsockopt(
                        socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                    )
                    self.close_connection = True
                    return
                payload = answer.payload()
                try:
                    self.send_response(answer.status)
                    self.send_header("Content-Type", answer.content_type)
                    self.send_header("Content-Length", str(len(payload)))
                    for name, value in answer.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    if answer.drip_interval is None:
                        self.wfile.write(payload)
                        return
                    for index in range(len(payload)):
                        self.wfile.write(payload[index : index + 1])
                        self.wfile.flush()
                        time.sleep(answer.drip_interval)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True

        return Handler
