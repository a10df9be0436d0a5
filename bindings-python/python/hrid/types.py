"""The types of the JSON the core writes, for annotations: ``from hrid.types import HealthSummary``.

Every report's fields and ``to_dict()`` are typed with these TypedDicts and Literals, generated
from the core's JSON Schemas (docs/schema) and the reason-code catalogue into ``hrid._types``.
A TypedDict is a plain ``dict`` at run time.
"""

from ._types import *  # noqa: F401,F403
from ._types import __all__ as __all__
