import unittest

from parity import is_even


class VisibleTest(unittest.TestCase):
    def test_visible(self):
        self.assertTrue(is_even(4))
