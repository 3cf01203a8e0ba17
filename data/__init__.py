"""Rule tables of namematch (installed as the package ``namematch.data``).

Each ``*.tsv`` file is language knowledge, loaded and validated by ``namematch.tables``.
"""
