"""hf:// dataset downloads are bounded in time and size, against a hostile Hub on loopback ($HF_ENDPOINT).

huggingface_hub bounds each socket read, not the whole download: a Hub sending one byte every
quarter second never trips its 10 s read timeout, and one that announces a small file and then
streams without end wrote all of it to the runner's disk before its size check.
"""

from __future__ import annotations

import http.server
import threading
import time

import pytest

from lmgate.errors import InputError
from lmgate.eval.datasets import load_dataset

URI = "hf://datasets/org/name@main/d.jsonl"


class _HostileHub(http.server.BaseHTTPRequestHandler):
    """Announces a small dataset file (HEAD), then sends its body one byte at a time (`trickle_s`)
    or streams `flood` bytes, chunked, whatever it announced."""

    protocol_version = "HTTP/1.1"
    announced = 40
    trickle_s = 0.0
    flood = 0
    served = 0

    def log_message(self, *args: object) -> None:
        pass

    def _headers(self, chunked: bool = False) -> None:
        self.send_response(200)
        self.send_header("X-Repo-Commit", "a" * 40)
        self.send_header("ETag", '"e"')
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(self.announced))
        self.end_headers()

    def do_HEAD(self) -> None:
        self._headers()

    def do_GET(self) -> None:
        if "/resolve/" not in self.path:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        try:
            if self.flood:
                self._headers(chunked=True)
                chunk = b" " * (1 << 16)
                for _ in range(self.flood // len(chunk)):
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    type(self).served += len(chunk)
                self.wfile.write(b"0\r\n\r\n")
                return
            self._headers()
            for _ in range(self.announced):  # blank lines: a valid (empty) JSONL file, were it ever read
                self.wfile.write(b"\n")
                self.wfile.flush()
                type(self).served += 1
                time.sleep(self.trickle_s)
        except OSError:
            pass  # the client hung up: what the bound is for


@pytest.fixture
def hub(tmp_path):
    _HostileHub.trickle_s, _HostileHub.flood, _HostileHub.served = 0.0, 0, 0
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _HostileHub)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield {"HF_ENDPOINT": f"http://127.0.0.1:{server.server_address[1]}", "HF_HUB_CACHE": str(tmp_path / "hub")}
    server.shutdown()
    server.server_close()


def test_a_trickling_hub_is_stopped_at_the_datasets_download_timeout(tmp_path, hub):
    _HostileHub.trickle_s = 0.25  # 40 bytes: 10 s, each read well inside huggingface_hub's 10 s read timeout
    start = time.monotonic()
    with pytest.raises(InputError) as info:
        load_dataset("qa", {"path": URI, "download_timeout": 1.5}, root=tmp_path, env=hub)
    took = time.monotonic() - start
    assert f"downloading {URI} for dataset 'qa' took longer than its download_timeout of 1.5 s" in info.value.message
    assert "raise the dataset's `download_timeout`" in info.value.fix
    assert took < 6, f"the download ran {took:.1f} s"  # the deadline plus the child's start and kill
    assert _HostileHub.served < _HostileHub.announced


def test_a_hub_that_sends_more_than_it_announced_is_stopped_at_max_bytes(tmp_path, hub):
    _HostileHub.flood = 64 << 20  # announced: 40 bytes; sent: 64 MiB, chunked
    with pytest.raises(InputError) as info:
        load_dataset("qa", {"path": URI, "max_bytes": 1000}, root=tmp_path, env=hub)
    assert "over the dataset's cap of 1,000 bytes while it downloaded" in info.value.message
    assert "(dataset 'qa')" in info.value.message
    written = max((f.stat().st_size for f in (tmp_path / "hub").rglob("*") if f.is_file()), default=0)
    assert written <= 1000, f"{written:,} bytes reached the disk"
    # huggingface_hub reads 10 MB slices before it writes one, and loopback buffers a few MB more:
    # what matters is that the download stopped, far short of what the server had to send
    assert _HostileHub.served < 32 << 20, f"{_HostileHub.served:,} bytes were sent before the download stopped"


def test_a_well_behaved_hub_dataset_still_downloads_and_records_its_commit(tmp_path, hub):
    dataset = load_dataset("qa", {"path": URI, "download_timeout": 30}, root=tmp_path, env=hub)
    assert dataset.items == () and dataset.revision == "a" * 40
