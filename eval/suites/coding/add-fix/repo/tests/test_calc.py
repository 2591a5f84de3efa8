import unittest

from calc import add


class VisibleTest(unittest.TestCase):
    def test_visible(self):
        self.assertEqual(add(2, 3), 5)
