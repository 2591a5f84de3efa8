import unittest

from words import reverse_words


class VisibleTest(unittest.TestCase):
    def test_visible(self):
        self.assertEqual(reverse_words("a b"), "b a")
