import unittest

from text import count_vowels


class VisibleTest(unittest.TestCase):
    def test_visible(self):
        self.assertEqual(count_vowels("banana"), 3)
