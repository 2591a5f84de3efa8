import unittest

from stats import largest


class VisibleTest(unittest.TestCase):
    def test_visible(self):
        self.assertEqual(largest([1, 3, 2]), 3)
