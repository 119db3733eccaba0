from functools import lru_cache

from platformlib import parameters


@lru_cache
def load(prefix, decrypt=True):
    return parameters.fetch_all(prefix, decrypt)
