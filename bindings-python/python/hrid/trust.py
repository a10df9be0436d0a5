"""Trust lists: who may sign what, signed by a threshold of root keys.

``TrustList.verify(envelope, anchor_keys, threshold, highest_seen_version, at)`` checks a list
against root keys the application trusts out of band and returns a verified :class:`TrustList`,
or raises :class:`hrid.InvalidDocument` with the core's reason code (``trust_list.*``,
``envelope.*``, ``signature.invalid``). ``TrustList.sign(document, root_keys)`` builds one (for
registries, tests and tools).
"""

from ._native import InvalidDocument, TrustList

__all__ = ["InvalidDocument", "TrustList"]
