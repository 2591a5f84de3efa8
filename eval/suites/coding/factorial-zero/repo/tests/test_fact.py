import unittest

from fact import factorial


class VisibleTest(unittest.TestCase):
    def test_visible(self):
        self.assertEqual(factorial(0), 1)
