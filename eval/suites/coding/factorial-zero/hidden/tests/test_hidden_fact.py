import unittest

from fact import factorial


class HiddenTest(unittest.TestCase):
    def test_hidden(self):
        self.assertEqual(factorial(0), 1)
        self.assertEqual(factorial(5), 120)
