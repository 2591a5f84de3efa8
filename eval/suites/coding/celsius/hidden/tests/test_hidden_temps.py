import unittest

from temps import to_fahrenheit


class HiddenTest(unittest.TestCase):
    def test_hidden(self):
        self.assertEqual(to_fahrenheit(100), 212)
        self.assertEqual(to_fahrenheit(0), 32)
        self.assertEqual(to_fahrenheit(-40), -40)
