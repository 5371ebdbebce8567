"""hf:// dataset downloads are bounded in time and size, against a hostile Hub on loopback ($HF_ENDPOINT).

huggingface_hub bounds each socket read, not the whole download: a Hub sending one byte every
quarter second never trips its 10 s read timeout, and one that announces a small file and then
streams without end wrote all of it to the runner's disk before its size check.
"""

from __future__ import annotations

import time

import pytest

from fakes.hub import FakeHub, serve_hub
from lmgate.errors import InputError
from lmgate.eval.datasets import load_dataset

URI = "hf://datasets/org/name@main/d.jsonl"


class _HostileHub(FakeHub):
    """Announces a small dataset file (HEAD), then sends its body one byte at a time (`trickle_s`)
    or streams `flood` bytes, chunked, whatever it announced."""

    trickle_s = 0.0
    flood = 0
    served = 0

    def send_file(self) -> None:
        if self.flood:
            self.send_file_headers(chunked=True)
            chunk = b" " * (1 << 16)
            for _ in range(self.flood // len(chunk)):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                type(self).served += len(chunk)
            self.wfile.write(b"0\r\n\r\n")
            return
        self.send_file_headers()
        for _ in range(self.announced):  # blank lines: a valid (empty) JSONL file, were it ever read
            self.wfile.write(b"\n")
            self.wfile.flush()
            type(self).served += 1
            time.sleep(self.trickle_s)


@pytest.fixture
def hub(tmp_path):
    _HostileHub.trickle_s, _HostileHub.flood, _HostileHub.served = 0.0, 0, 0
    with serve_hub(_HostileHub, tmp_path) as env:
        yield env


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
