from __future__ import annotations

from lmgate.lint.chunking import shards


def test_shards_cover_every_file_once_in_order():
    for weights, count in (([1] * 10, 2), ([5, 1, 1, 1, 1], 3), ([1], 4), ([], 2), ([1] * 100, 24)):
        ranges = shards(weights, count)
        assert len(ranges) == count
        covered = [i for r in ranges for i in r]
        assert covered == list(range(len(weights)))


def test_shards_are_about_equal_in_weight():
    sizes = [sum(range(r.start, r.stop)) for r in shards(list(range(1000)), 8)]
    assert max(sizes) - min(sizes) < 0.02 * sum(sizes) / 8 + 1000
