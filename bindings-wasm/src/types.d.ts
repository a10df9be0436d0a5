
// What the JavaScript API takes (options, inputs) and throws: the part of the types that exists
// only in this binding. The reports and documents it returns are generated from the core
// (types.generated.d.ts); the functions and classes by wasm-bindgen.

/** A time: a `Date`, or a number of unix seconds. */
export type Time = Date | number;

/** Options of `checkCode`. */
export interface CheckCodeOptions {
  /** Offer tier-B suggestions: the person confirmed that two characters look wrong. */
  twoErrors?: boolean;
  /** Check alphabet and length only (never `valid`; warning `code.structure_only`). */
  structureOnly?: boolean;
}

/** Options of `suggest`. */
export interface SuggestCodeOptions {
  twoErrors?: boolean;
}

/** Input limits (the core's defaults apply to fields left out). */
export interface Limits {
  maxEnvelopeBytes?: number;
  maxTrustListBytes?: number;
  maxDepth?: number;
  maxSignatures?: number;
}

/** Verification settings, in seconds (defaults: 300 and 604800). */
export interface VerifyOptions {
  clockSkewSecs?: number;
  trustListGraceSecs?: number;
  limits?: Limits;
}

/** Options of `verifyHistory`, `verifyHistories` and `audit`. */
export interface HistoryOptions {
  /** Verify the signatures together (batch Ed25519, equal to strict single verification): same report. */
  batch?: boolean;
  /** The registry's verified status feed to hold each bundle against: its recall notices in force apply, and a bundle behind the feed's head or alive after the feed says it ended is `history.registry_conflict`. */
  statusFeed?: StatusFeed | null;
}

/** Options of `Verifier.custody`: the history is verified with these. */
export interface CustodyOptions {
  /** As in `HistoryOptions`. */
  statusFeed?: StatusFeed | null;
}

/** Options of `Verifier.verifyStatusFeed`. */
export interface StatusFeedOptions {
  /** The highest feed version already accepted (persist `feed.version`): a lower one is `status_feed.rollback`. Default 0. */
  highestSeenVersion?: number;
  /** How long after its expiry a feed is still used, with `status_feed.expired_grace` (default 3600). */
  graceSecs?: number;
}

/** What `Verifier.verifyStatusFeed` returns: the verdict and findings, and the verified feed as a `StatusFeed` handle when accepted (`null` otherwise). The handle's `toJSON()` is the core's `VerifiedStatusFeed`, so `JSON.stringify(report)` writes the core's JSON. */
export interface StatusFeedReport extends Omit<StatusFeedReportJson, "feed"> {
  feed: StatusFeed | null;
}

/** How old the registry's word (a passport's or a status feed's `issued_at`) may be, per policy, in seconds (defaults: 604800, 86400, 2592000). */
export interface MaxEvidenceAge {
  listingSecs?: number;
  saleSecs?: number;
  deploymentSecs?: number;
}

/** Options of `Verifier.verifyPassport`. */
export interface PassportOptions {
  /** The code of the robot in front of you: a passport for another robot fails (`passport.subject_mismatch`). */
  expectedSubject?: string | null;
  /** The newest signed time you have seen (a trust list's or earlier passport's `issued_at`): if the clock is behind it, it was set back (`passport.clock_set_back`) and freshness is judged at this time. */
  newestSeen?: Time | null;
  /** How long after expiry a passport is still accepted with `passport.stale` (default 604800). */
  graceSecs?: number;
}

/** The evidence for `Verifier.decideAccess`: a passport text, a history bundle and the registry's status feed. */
export interface AccessEvidence {
  passport?: string | null;
  history?: string | Uint8Array | null;
  /** The registry's status feed, verified by `Verifier.verifyStatusFeed` (the report's `feed`). */
  statusFeed?: StatusFeed | null;
  /** Passport staleness grace (default 604800). */
  graceSecs?: number;
  /** How old the registry's word may be for each policy (`access.evidence_stale` beyond). */
  maxEvidenceAge?: MaxEvidenceAge;
}

/** Bundles for `Verifier.audit`: `[{name, bundle}]`, `[[name, bundle]]` or `{name: bundle}`. */
export type NamedBundles =
  | Array<{ name: string; bundle: string | Uint8Array } | [string, string | Uint8Array]>
  | Record<string, string | Uint8Array>;

/** A statement to sign with `signAttestation`: an `Attestation` whose `time` may be a `Date`. */
export type StatementInput = Omit<Attestation, "time"> & { time: Time };

/** A passport to sign with `signPassport`. */
export interface PassportInput {
  subject: string;
  status: PassportStatus;
  head: { seq: number; hashPrefix: string } | null;
  issuedAt: Time;
  expiresAt: Time;
}

/** What `parsePassport` returns: what a passport says, NOT verified. Times in unix seconds. */
export type ParsedPassport = PassportReading;

/** Every error hrid throws is an `Error` with a `name` and a stable reason `code`. */
export interface HridError extends Error {
  name:
    | "InvalidCodeError" | "KeyError" | "SignatureError" | "TrustListError" | "StatementError"
    | "PassportError" | "StatusFeedError";
  code: ReasonCode;
}

/** Thrown for an invalid identity code. */
export interface InvalidCodeError extends HridError {
  name: "InvalidCodeError";
  /** Zero-based character index in the input of the (probably) wrong character, or null. */
  position: number | null;
  /** Tier-A corrections, best first. */
  suggestions: Suggestion[];
}

/** Thrown by `parsePassport` and `signPassport` (`passport.malformed`, `passport.version_unknown`, `passport.field_invalid`). */
export interface PassportError extends HridError {
  name: "PassportError";
}

/** Thrown by `signStatusFeed`: `status_feed.malformed`, or the `envelope.*` code of a recall envelope that does not read. */
export interface StatusFeedError extends HridError {
  name: "StatusFeedError";
}
