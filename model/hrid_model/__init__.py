"""A reference model of hrid's verification rules, written from docs/*.md alone.

Small and plain on purpose: each module follows one section of the documents, and the tests
compare it with the core (through the Python binding) and with the test vectors.
"""
