# SPDX-License-Identifier: GPL-2.0-or-later
"""charts.py: scales, zero counts, escaping, nights without a speed."""
import re
import unittest

import helpers  # noqa: F401  (puts tools/ on sys.path)
from nightly import charts


def widths(svg, cls):
    return [int(w) for w in re.findall(
        r'<rect class="bar %s" data-count="\d+" x="\d+" y="\d+" width="(\d+)"' % cls, svg)]


class TagBars(unittest.TestCase):
    def test_scale_and_zero(self):
        svg = charts.tag_bars_svg([("a", 1000, 500, 0), ("b", 1, 0, 1)])
        self.assertEqual(widths(svg, "generated"), [420, 1])
        self.assertEqual(widths(svg, "executed"), [210, 0])
        self.assertEqual(widths(svg, "diverged"), [0, 1])
        self.assertEqual(svg.count('<g class="tag"'), 2)
        self.assertNotIn("<script", svg)

    def test_escaped(self):
        svg = charts.tag_bars_svg([('x<"&', 1, 1, 1)])
        self.assertIn('data-tag="x&lt;&quot;&amp;"', svg)
        self.assertNotIn('x<"', svg)

    def test_empty(self):
        self.assertIn('height="30"', charts.tag_bars_svg([]))


class Trend(unittest.TestCase):
    def test_heights_and_dots(self):
        svg = charts.trend_svg([("n1", 12, 12, 1000.0), ("n2", 24, 0, None),
                                ("n3", 6, 0, 500.0)])
        h = dict(re.findall(r'<g class="run" data-run="(n\d)"><rect class="pass" '
                            r'data-count="\d+" x="\d+" y="[\d.]+" width="26" '
                            r'height="([\d.]+)"', svg))
        self.assertEqual(h, {"n1": "80.0", "n2": "160.0", "n3": "40.0"})
        self.assertEqual(re.findall(r'class="rate" data-count="(\d+)"', svg),
                         ["1000", "500"])
        self.assertIn('class="rate-line"', svg)

    def test_one_night(self):
        svg = charts.trend_svg([("2026-12-06", 3, 1, None)])
        self.assertNotIn('class="rate', svg)
        self.assertIn('data-run="2026-12-06"', svg)


if __name__ == "__main__":
    unittest.main()
