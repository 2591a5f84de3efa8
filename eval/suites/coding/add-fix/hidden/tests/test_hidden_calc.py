import unittest

from calc import add


class HiddenTest(unittest.TestCase):
    def test_hidden(self):
        self.assertEqual(add(2, 3), 5)
        self.assertEqual(add(-1, 1), 0)
        self.assertEqual(add(10, 5), 15)
