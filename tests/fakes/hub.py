"""A loopback Hugging Face Hub for dataset downloads ($HF_ENDPOINT): the handler skeleton the Hub
tests share; each subclass says what its one file announces and how its body is sent.

Usage::

    class _Hub(FakeHub):
        announced = 3                          # the size HEAD and GET announce
        def send_file(self) -> None:
            self.send_file_headers()
            self.wfile.write(b"...")

    with serve_hub(_Hub, tmp_path) as env:   # {"HF_ENDPOINT": ..., "HF_HUB_CACHE": ...}
        load_dataset("d", {"path": "hf://datasets/org/name@main/d.jsonl"}, root=tmp_path, env=env)

`HEAD` answers with the headers of `send_file` (the size the Hub announces, a pinned commit);
`GET` of anything but a `/resolve/` file is 404.
"""

from __future__ import annotations

import contextlib
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

COMMIT = "a" * 40


class FakeHub(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    announced = 40  # the file's size in the headers (unless chunked)

    def log_message(self, *args: object) -> None:
        pass

    def send_file_headers(self, chunked: bool = False) -> None:
        self.send_response(200)
        self.send_header("X-Repo-Commit", COMMIT)
        self.send_header("ETag", '"e"')
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(self.announced))
        self.end_headers()

    def send_file(self) -> None:
        """The file's headers and body (a subclass's own way of sending it)."""
        raise NotImplementedError

    def do_HEAD(self) -> None:
        self.send_file_headers()

    def do_GET(self) -> None:
        if "/resolve/" not in self.path:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        with contextlib.suppress(OSError):  # the client hung up: what a bound under test is for
            self.send_file()


@contextlib.contextmanager
def serve_hub(handler: type[FakeHub], tmp_path: Path) -> Iterator[dict[str, str]]:
    """Serve `handler` on loopback; yields the environment that points huggingface_hub at it."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield {"HF_ENDPOINT": f"http://127.0.0.1:{server.server_address[1]}", "HF_HUB_CACHE": str(tmp_path / "hub")}
    finally:
        server.shutdown()
        server.server_close()
