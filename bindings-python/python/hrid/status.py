"""The registry's status feed (docs/status-feed.md): its signed, short-lived word on every robot
that is not active, and on the recall notices in force.

``Verifier.verify_status_feed(document, at, highest_seen_version=..., grace=...)`` ->
:class:`StatusFeedReport`, whose ``.feed`` is a :class:`StatusFeed` when the feed verified.
Hand that to ``Verifier.decide_access(..., status_feed=feed)`` and to ``verify_history``,
``verify_histories``, ``audit`` and ``custody`` (``status_feed=feed``), and persist
``feed.version`` as the highest version seen. :func:`sign_status_feed` signs one (for registries'
tools and tests).
"""

from __future__ import annotations

from typing import Optional, Union

from ._native import StatusFeed, sign_status_feed
from ._types import StatusFeedReportDict, Verdict
from .report import Report

__all__ = ["StatusFeed", "StatusFeedReport", "sign_status_feed"]


class StatusFeedReport(Report[StatusFeedReportDict]):
    """What ``Verifier.verify_status_feed`` returns: the verdict and findings, and the verified
    feed (``.feed``, a :class:`StatusFeed`) only when the verdict is ``accepted``.

    ``to_dict()`` is the core's JSON, in which ``feed`` is the verified feed's JSON (equal to
    ``report.feed.to_dict()``) or None.
    """

    def __init__(
        self,
        core: Union[str, StatusFeedReportDict],
        verdict: Optional[Verdict] = None,
        feed: Optional[StatusFeed] = None,
    ) -> None:
        super().__init__(core, verdict)
        self.__dict__["_feed"] = feed

    @property
    def feed(self) -> Optional[StatusFeed]:
        """The verified feed, only for an accepted verdict; else None."""
        feed: Optional[StatusFeed] = self.__dict__["_feed"]
        return feed

    def __repr__(self) -> str:
        failures = [f.code for f in self.failures]
        version = self.feed.version if self.feed is not None else None
        return f"StatusFeedReport(verdict={self.verdict!r}, version={version}, failures={failures!r})"
