"""The synthetic catalogue of the search benchmark: the same seed makes the same
items, and they are the size of real ones."""

from statistics import mean

from gongkai.catalog.synthetic import TOPICS, Generator


def test_the_same_seed_makes_the_same_items():
    assert list(Generator(seed=7).items(50)) == list(Generator(seed=7).items(50))
    assert list(Generator(seed=7).items(50)) != list(Generator(seed=8).items(50))


def test_bodies_read_like_short_notices_with_numbered_parts():
    items = list(Generator(seed=2024).items(2000))
    lengths = [len(item.body) for item in items]
    assert min(lengths) >= 200 and max(lengths) <= 900
    assert 400 <= mean(lengths) <= 520
    assert all("一、" in item.body and "二、" in item.body for item in items)


def test_a_few_topics_are_in_many_items_and_most_in_few():
    titles = [item.title for item in Generator(seed=2024).items(5000)]
    share = {t: sum(t in title for title in titles) / len(titles) for t in TOPICS}
    ordered = sorted(share.values(), reverse=True)
    assert ordered[0] > 0.08 and ordered[len(ordered) // 2] < 0.01
