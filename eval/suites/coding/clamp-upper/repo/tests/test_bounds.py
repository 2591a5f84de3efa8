import unittest

from bounds import clamp


class VisibleTest(unittest.TestCase):
    def test_visible(self):
        self.assertEqual(clamp(15, 0, 10), 10)
