import unittest

from bounds import clamp


class HiddenTest(unittest.TestCase):
    def test_hidden(self):
        self.assertEqual(clamp(15, 0, 10), 10)
        self.assertEqual(clamp(-5, 0, 10), 0)
        self.assertEqual(clamp(5, 0, 10), 5)
