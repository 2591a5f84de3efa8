import unittest

from temps import to_fahrenheit


class VisibleTest(unittest.TestCase):
    def test_visible(self):
        self.assertEqual(to_fahrenheit(100), 212)
