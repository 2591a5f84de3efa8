import unittest

from fb import fizzbuzz


class VisibleTest(unittest.TestCase):
    def test_visible(self):
        self.assertEqual(fizzbuzz(15), "FizzBuzz")
