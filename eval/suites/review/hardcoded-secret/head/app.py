"""Module."""


def ident(x):
    return x


API_KEY = "sk-live-0000000000000000"


def headers():
    return {"Authorization": API_KEY}
