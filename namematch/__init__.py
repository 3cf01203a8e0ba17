"""namematch: resolve transliterated names of people and places."""
