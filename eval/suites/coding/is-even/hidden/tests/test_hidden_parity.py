import unittest

from parity import is_even


class HiddenTest(unittest.TestCase):
    def test_hidden(self):
        self.assertTrue(is_even(4))
        self.assertFalse(is_even(3))
        self.assertTrue(is_even(0))
