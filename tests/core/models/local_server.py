"""An HTTP server on 127.0.0.1 serving files from memory, for download tests (nothing leaves the machine)."""

from __future__ import annotations

import hashlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class LocalServer:
    """Serves ``files`` (name -> bytes); ``short`` names announce more bytes than they send."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.short: set[str] = set()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                name = self.path.lstrip("/")
                body = server.files.get(name)
                if body is None:
                    self.send_error(404, "Not Found")
                    return
                self.send_response(200)
                self.send_header("Content-Length", str(len(body) + (100 if name in server.short else 0)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)

    def add(self, data: bytes, stem: str, *, claimed_hash: bytes | None = None) -> str:
        """Serve ``data`` as ``<stem>-<sha256[:8]>.pth`` (torchvision naming); returns its URL."""
        digest = hashlib.sha256(claimed_hash if claimed_hash is not None else data).hexdigest()
        name = f"{stem}-{digest[:8]}.pth"
        self.files[name] = data
        return f"{self.url}/{name}"
