import unittest

from words import reverse_words


class HiddenTest(unittest.TestCase):
    def test_hidden(self):
        self.assertEqual(reverse_words("a b"), "b a")
        self.assertEqual(reverse_words("hello big world"), "world big hello")
