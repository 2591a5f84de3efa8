def clamp(x, low, high):
    return max(x, low)
