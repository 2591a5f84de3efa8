"""Module."""


def ident(x):
    return x


def greet(name):
    return "Hello, " + name
