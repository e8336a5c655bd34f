"""A fake SMS gateway on 127.0.0.1 for tests (gongkai.notices.sms.HttpGatewayBackend
posts to it): never the internet."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

OK = (200, {"code": "0", "message": "OK", "id": "m-1"})


@dataclass
class FakeGateway:
    """Answers each request with the next of ``answers`` (HTTP status, JSON body),
    the last one repeated, after ``delay`` seconds; keeps what it received."""

    answers: list[tuple[int, dict[str, Any]]] = field(default_factory=lambda: [OK])
    delay: float = 0.0
    received: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    url: str = ""

    def answer(self) -> tuple[int, dict[str, Any]]:
        index = min(len(self.received) - 1, len(self.answers) - 1)
        return self.answers[index]


@contextmanager
def fake_sms_gateway() -> Iterator[FakeGateway]:
    """A gateway listening on a free port of 127.0.0.1 while the block runs."""
    fake = FakeGateway()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            fake.received.append(json.loads(self.rfile.read(length)))
            fake.headers.append(dict(self.headers))
            if fake.delay:
                time.sleep(fake.delay)
            status, body = fake.answer()
            data = json.dumps(body).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting (a time-out)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}/sms/send"
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
