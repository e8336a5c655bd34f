"""How ``gongkai bench web`` turns its rounds into figures (ADR 22)."""

from gongkai.portal.bench import Page, _measurements, median_cycle

PAGES = [
    Page("web.bare", "/healthz"),
    Page("web.search", "/catalog/?q=x"),
    Page("web.static.pdf", "/static/x.pdf"),
    Page("web.download.pdf", "/x.pdf", baseline="web.static.pdf"),
]


def test_the_median_cycle_is_the_cycle_of_the_middle_ratio():
    # ratios 0.30, 0.40, 0.20, 0.35, 0.25: the middle one, 0.30, is cycle 0
    assert median_cycle([0.30, 0.40, 0.20, 0.35, 0.25]) == 0
    # of an even number of cycles, the lower middle: 0.3 of 0.2, 0.3, 0.4, 0.5
    assert median_cycle([0.5, 0.2, 0.4, 0.3]) == 3


def test_one_lucky_round_of_the_bare_view_does_not_move_a_page_s_ratio():
    rates = {
        "web.bare": [1500, 1500, 2400, 1500, 1500],  # a lucky third round
        "web.search": [480, 470, 490, 465, 475],
        "web.static.pdf": [900, 800, 1000, 850, 950],
        "web.download.pdf": [450, 400, 500, 425, 470],
    }
    said = []
    figures = {m.metric: m for m in _measurements(PAGES, rates, "", said.append)}

    # best of each would say 490 / 2400 = 0.20; the cycles' ratios are 0.320,
    # 0.313, 0.204, 0.310, 0.317, of which the middle is the second cycle's
    search = figures["web.search"]
    assert (search.value, search.baseline) == (470, 1500)
    # a download is paired with the static file of its own cycle: 0.5 each time
    # but the last (0.495), so the median is 0.5
    assert figures["web.download.pdf"].ratio == 0.5
    assert figures["web.bare"].value == 1500 and figures["web.bare"].baseline is None
    assert (
        "web.search：各轮 480 470 490 465 475 次/秒，"
        "比值 0.32 0.31 0.20 0.31 0.32" in said
    )
    assert "web.bare：各轮 1500 1500 2400 1500 1500 次/秒" in said
