
/** A time: a `Date`, or a number of unix seconds. */
export type Time = Date | number;

/** The outcome of a verification. */
export type Verdict = "accepted" | "rejected" | "indeterminate";

/** How a reason code is normally reported. */
export type Severity = "failure" | "warning" | "indeterminate" | "passed";

/** One entry of the reason-code catalogue. */
export interface ReasonCodeInfo {
  code: ReasonCode;
  severity: Severity;
  summary: string;
}

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

/** The fields of a code. */
export interface CodeFields {
  country: string;
  manufacturer: string;
  model: string;
  unit: string;
  check: string;
}

/** An error as data. `message` may change between releases: match on `code`. */
export interface ErrorInfo {
  code: ReasonCode;
  message: string;
  /** Zero-based character (code point) index in the input, or null. */
  position: number | null;
}

/** A proposed correction; never applied automatically. */
export interface Suggestion {
  code: string;
  tier: "A" | "B";
  repair: "substitution" | "transposition" | "erasure_fill" | "insertion" | "deletion";
  /** Positions in the suggested code that differ from what was typed. */
  changed_positions: number[];
}

/** What `checkCode` returns: the same object as `hrid code check --json`. */
export interface CodeReport {
  input: string;
  valid: boolean;
  canonical?: string;
  display?: string;
  fields?: CodeFields;
  structure_only?: true;
  error?: ErrorInfo;
  warning?: ErrorInfo;
  suggestions?: Suggestion[];
}

/** A valid code found in text. Positions are code point indexes (`Array.from(text)`). */
export interface FoundCode {
  code: string;
  text: string;
  start: number;
  end: number;
}

/** Code-like text that does not verify. */
export interface NearMiss {
  text: string;
  start: number;
  end: number;
  error: ErrorInfo;
  suggestions: Suggestion[];
}

/** What `findCodes` returns. */
export interface FindResult {
  found: FoundCode[];
  near_misses: NearMiss[];
}

/** One check's result. */
export interface Finding {
  code: ReasonCode;
  /** The robot's identity code, when known. */
  subject: string | null;
  /** Machine-readable context (`key_id`, `participant`, `statement_hash`, times as unix seconds). */
  evidence: Record<string, string>;
  /** A sentence for people; may change between versions. */
  detail: string;
}

/** The kinds of lifecycle events. */
export type EventType =
  | "manufactured" | "registered" | "shipped" | "received" | "sold" | "transferred"
  | "deployed" | "telemetry" | "maintained" | "part_replaced" | "software_updated"
  | "recall_remedied" | "suspended" | "reinstated" | "decommissioned" | "scrapped"
  | "dismantled";

/** What happened: a `type` tag and the event's fields (see docs/attestations.md). */
export interface LifecycleEvent {
  type: EventType;
  [field: string]: unknown;
}

/** A signed statement, as the core's JSON writes it (`time` in unix seconds). */
export interface Attestation {
  subject: string;
  seq: number;
  prev: string | null;
  time: number;
  issuer: string;
  event: LifecycleEvent;
}

/** A statement to sign with `signAttestation` (`time` may be a Date). */
export interface StatementInput {
  subject: string;
  seq: number;
  prev: string | null;
  time: Time;
  issuer: string;
  event: LifecycleEvent;
}

/** The statement of an accepted verdict. */
export interface VerifiedAttestation {
  statement: Attestation;
  statement_hash: string;
  key_id: string;
  participant: string;
}

/** What `Verifier.verify` returns: the same object as the core's `VerificationReport` JSON. */
export interface VerificationReport {
  verdict: Verdict;
  failures: Finding[];
  warnings: Finding[];
  passed: Finding[];
  /** Present only for an accepted verdict. */
  statement: VerifiedAttestation | null;
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

/** The roles of participants. */
export type Role =
  | "registry" | "regulator" | "manufacturer" | "parts_supplier" | "logistics" | "dealer"
  | "operator" | "maintainer" | "recycler";

/** A trust list's contents, as signed (see docs/attestations.md, section 4). */
export interface TrustListContents {
  version: number;
  issued_at: number;
  expires_at: number;
  roots: { threshold: number; keys: string[] };
  participants: Array<{
    id: string;
    name: string;
    roles: Role[];
    scope?: { manufacturers: string[] };
    keys: Array<{
      public_key: string;
      valid_from: number;
      valid_until: number;
      compromised_since?: number;
    }>;
  }>;
  permissions: Partial<Record<Role, EventType[]>>;
}

/** Every error hrid throws is an `Error` with a `name` and a stable reason `code`. */
export interface HridError extends Error {
  name: "InvalidCodeError" | "KeyError" | "SignatureError" | "TrustListError" | "StatementError";
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
