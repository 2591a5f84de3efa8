"""Module."""


def ident(x):
    return x


def discount(amount, percent):
    return amount - amount * percent / 10
