import unittest

from slug import slugify


class HiddenTest(unittest.TestCase):
    def test_hidden(self):
        self.assertEqual(slugify("hello world"), "hello-world")
        self.assertEqual(slugify("Hello World"), "hello-world")
