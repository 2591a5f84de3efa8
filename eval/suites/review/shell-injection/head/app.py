"""Module."""


def ident(x):
    return x


import os


def archive(path):
    os.system("tar czf out.tgz " + path)
