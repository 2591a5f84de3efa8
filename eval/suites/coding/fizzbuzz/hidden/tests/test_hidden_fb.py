import unittest

from fb import fizzbuzz


class HiddenTest(unittest.TestCase):
    def test_hidden(self):
        self.assertEqual(fizzbuzz(15), "FizzBuzz")
        self.assertEqual(fizzbuzz(9), "Fizz")
        self.assertEqual(fizzbuzz(10), "Buzz")
        self.assertEqual(fizzbuzz(7), "7")
