import unittest

from slug import slugify


class VisibleTest(unittest.TestCase):
    def test_visible(self):
        self.assertEqual(slugify("hello world"), "hello-world")
