"""Module."""


def ident(x):
    return x


def find(db, name):
    return db.execute("SELECT * FROM users WHERE name = '" + name + "'")
