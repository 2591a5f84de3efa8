import unittest

from text import count_vowels


class HiddenTest(unittest.TestCase):
    def test_hidden(self):
        self.assertEqual(count_vowels("banana"), 3)
        self.assertEqual(count_vowels("AEIOU"), 5)
