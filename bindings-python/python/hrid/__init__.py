"""hrid: identity codes, signed lifecycle attestations and trust lists for humanoid robots.

The Python binding of the ``hrid`` Rust core (China's national humanoid-robot identity registry).
It holds no logic of its own: every verdict and reason code is the core's, identical in Rust,
Python, JavaScript and Kotlin.

>>> import hrid
>>> hrid.code.is_valid("86-0042-A3W0F5-0000000012345-ZAR2")
True
>>> code = hrid.IdentityCode.from_fields("86", "0042", "A3W0F5", "12345")
>>> str(code), code.manufacturer
('860042A3W0F50000000012345ZAR2', '0042')
>>> try:
...     hrid.code.validate("860042A3W0F50000000012345ZARX")
... except hrid.InvalidCode as e:
...     print(e.code, e.position, e.suggestions[0].code)
code.check_failed 28 860042A3W0F50000000012345ZAR2

Modules: :mod:`hrid.code` (the python-stdnum verbs), :mod:`hrid.keys`, :mod:`hrid.trust`,
:mod:`hrid.attestation`, :mod:`hrid.verify`, :mod:`hrid.history`, :mod:`hrid.passport`,
:mod:`hrid.custody`, :mod:`hrid.status` (the registry's status feed), :mod:`hrid.report` (the :class:`Report` base class), :mod:`hrid.reason`,
:mod:`hrid.types` (the TypedDicts of every report's JSON, generated from the core's schemas).

Errors derive from :class:`HridError` (a ``ValueError``) and carry ``.code``, the stable reason
code. Verification verdicts are data (subclasses of :class:`Report`: :class:`VerificationReport`,
:class:`HistoryReport`, :class:`PassportReport`, :class:`AccessDecision`, :class:`AuditReport`,
:class:`CustodyReport`, :class:`RecallReport`, :class:`StatusFeedReport`), never exceptions. Times are
aware ``datetime`` objects or unix seconds (``int``); naive datetimes are refused.
"""

from ._native import (
    HridError,
    IdentityCode,
    InvalidCode,
    InvalidDocument,
    InvalidKey,
    SigningKey,
    StatusFeed,
    TrustList,
    Verifier,
    VerifyingKey,
    __version__,
    sign_attestation,
    sign_recall,
    sign_status_feed,
)
from . import attestation, code, custody, history, keys, passport, reason, report, status, trust
from . import types
from . import verify
from .code import CodeReport, Found, NearMiss, Scan, Suggestion
from .custody import CustodyReport
from .history import AuditReport, HistoryReport, RecallReport
from .passport import AccessDecision, PassportReport
from .reason import REASON_CODES, ReasonCode, Severity, Verdict
from .status import StatusFeedReport
from .report import Finding, Report
from .verify import VerificationReport

__all__ = [
    "AccessDecision",
    "AuditReport",
    "CodeReport",
    "CustodyReport",
    "Finding",
    "Found",
    "HistoryReport",
    "HridError",
    "IdentityCode",
    "InvalidCode",
    "InvalidDocument",
    "InvalidKey",
    "NearMiss",
    "PassportReport",
    "REASON_CODES",
    "ReasonCode",
    "RecallReport",
    "Report",
    "Scan",
    "Severity",
    "SigningKey",
    "StatusFeed",
    "StatusFeedReport",
    "Suggestion",
    "TrustList",
    "Verdict",
    "VerificationReport",
    "Verifier",
    "VerifyingKey",
    "__version__",
    "attestation",
    "code",
    "custody",
    "history",
    "keys",
    "passport",
    "reason",
    "report",
    "sign_attestation",
    "sign_recall",
    "sign_status_feed",
    "status",
    "trust",
    "types",
    "verify",
]
