from __future__ import annotations

from lmgate.lint.parallel import shards


def test_shards_cover_every_file_once_in_order():
    for weights, count, lead in (([1] * 10, 2, 0.1), ([5, 1, 1, 1, 1], 3, 0.0), ([1], 4, 0.0), ([], 2, 0.0)):
        ranges = shards(weights, count, lead)
        assert len(ranges) == count
        covered = [i for r in ranges for i in r]
        assert covered == list(range(len(weights)))


def test_lead_share_takes_a_little_more():
    first, second = shards([1] * 100, 2, 0.1)
    assert len(second) < len(first) <= 60  # about 1.1 equal shares, not more
