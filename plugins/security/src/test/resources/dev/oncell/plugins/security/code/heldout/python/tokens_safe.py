# oncell-bench: safe random
import random
import secrets


def make_api_key():
    return secrets.token_urlsafe(32)


def shuffle_tiles(tiles):
    random.shuffle(tiles)
    return tiles
