# oncell-bench: vulnerable random
import random
import string


def make_api_key(length=32):
    alphabet = string.ascii_letters + string.digits
    return "".join(random.choice(alphabet) for _ in range(length))
