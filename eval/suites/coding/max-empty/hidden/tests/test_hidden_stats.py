import unittest

from stats import largest


class HiddenTest(unittest.TestCase):
    def test_hidden(self):
        self.assertEqual(largest([1, 3, 2]), 3)
        self.assertIsNone(largest([]))
