
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
  name:
    | "InvalidCodeError" | "KeyError" | "SignatureError" | "TrustListError" | "StatementError"
    | "PassportError";
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

/** Options of `verifyHistory`, `verifyHistories` and `audit`. */
export interface HistoryOptions {
  /** Verify the signatures together (batch Ed25519, equal to strict single verification): same report. */
  batch?: boolean;
}

/** The head of a chain: the last statement's `seq` and statement hash. */
export interface ChainHead {
  seq: number;
  statement_hash: string;
}

/** Where a robot stands in its life. */
export type LifecycleStatus =
  | "unregistered" | "active" | "suspended" | "decommissioned" | "scrapped" | "dismantled";

/** Installed software (`digest` null for factory firmware). Times in unix seconds. */
export interface SoftwareState {
  version: string;
  digest: string | null;
  since: number;
}

/** A robot's state from its verified chain: the latest of each kind of report. */
export interface HealthSummary {
  subject: string;
  status: LifecycleStatus;
  model: string | null;
  owner: string | null;
  deployment: { site: string; use_category: string; operator: string; since: number } | null;
  operating_hours: number | null;
  battery_soh_percent: number | null;
  battery_cycles: number | null;
  joints: Array<{ joint: string; wear_percent: number; performance_percent: number }>;
  firmware: SoftwareState | null;
  ai_profile: SoftwareState | null;
  components: Array<{ kind: string; serial: string }>;
  /** IDs of recalls not remedied. */
  open_recalls: string[];
  last_event_time: number | null;
  head: ChainHead | null;
}

/** Where one recall stands for one robot. */
export interface RecallStatus {
  recall_id: string;
  issuer: string;
  issued_at: number;
  defect: string;
  remedy: string;
  state: "open" | "remedied";
  remedied_at: number | null;
}

/** What `Verifier.verifyHistory` returns: the core's `HistoryReport` JSON. Rely on `health` and `recalls` only when accepted. */
export interface HistoryReport {
  subject: string | null;
  verdict: Verdict;
  failures: Finding[];
  warnings: Finding[];
  passed: Finding[];
  /** Attestations in the bundle. */
  events: number;
  /** Attestations that verified. */
  events_verified: number;
  head: ChainHead | null;
  health: HealthSummary | null;
  recalls: RecallStatus[];
  /** The passport text found in the bundle (not verified here). */
  passport: string | null;
}

/** The signed statement an answer of a `CustodyReport` rests on. */
export interface Proof {
  /** SHA-256 of the signed statement (lowercase hex). */
  statement_hash: string;
  document: "attestation" | "recall_notice";
  seq: number | null;
  /** The event type (`sold`, `deployed`, ...) or `recall_notice`. */
  event: string;
  time: number;
  /** The participant who signed it (verified to own the key). */
  issuer: string;
  key_id: string;
}

/** A software component in effect at the moment asked about. */
export interface SoftwareAtMoment {
  version: string;
  digest: string | null;
  dataset_digest: string | null;
  installed_by: string;
  since: number;
  proof: Proof;
}

/** What `Verifier.custody` returns: who was responsible at a moment, each answer with its proof; `null` answers are gaps (see the warnings). */
export interface CustodyReport {
  subject: string | null;
  /** The moment asked about, unix seconds. */
  at: number;
  /** `rejected`: the robot should not have been operating (scrapped, suspended); `indeterminate`: the history did not verify completely. */
  verdict: Verdict;
  history_verdict: Verdict;
  statements_considered: number;
  manufacture: { manufacturer_code: string; manufacturer: string; model: string; production_date: number; proof: Proof } | null;
  owner: { owner: string; basis: "sold" | "transferred" | "manufactured"; since: number; proof: Proof } | null;
  operation: { operator: string; site: string; use_category: string; since: number; proof: Proof } | null;
  last_maintenance: { maintainer: string; kind: "maintained" | "part_replaced"; summary: string; time: number; proof: Proof } | null;
  firmware: SoftwareAtMoment | null;
  ai_profile: SoftwareAtMoment | null;
  recalls: Array<{ recall_id: string; issuer: string; issued_at: number; defect: string; remedy: string; state: "open" | "remedied"; remedied_at: number | null; proof: Proof; remedy_proof: Proof | null }>;
  telemetry_before: { operating_hours: number; battery_soh_percent: number; battery_cycles: number; joints: Array<{ joint: string; wear_percent: number; performance_percent: number }>; reported_by: string; proof: Proof } | null;
  telemetry_after: { operating_hours: number; battery_soh_percent: number; battery_cycles: number; joints: Array<{ joint: string; wear_percent: number; performance_percent: number }>; reported_by: string; proof: Proof } | null;
  status: { status: string; proof: Proof } | null;
  failures: Finding[];
  warnings: Finding[];
  passed: Finding[];
}

/** A recall notice, as signed. */
export interface RecallNotice {
  recall_id: string;
  issuer: string;
  issued_at: number;
  population: {
    manufacturer: string | null;
    models: string[];
    unit_ranges: Array<{ first: string; last: string }>;
    codes: string[];
  };
  defect: string;
  remedy: string;
}

/** What `Verifier.verifyRecall` returns. `recall` only when accepted. */
export interface RecallReport {
  verdict: Verdict;
  failures: Finding[];
  warnings: Finding[];
  passed: Finding[];
  recall: { notice: RecallNotice; statement_hash: string } | null;
}

/** A robot's status as a passport states it. */
export type PassportStatus =
  | "unregistered" | "active" | "suspended" | "recalled_open" | "decommissioned" | "scrapped"
  | "dismantled";

/** Options of `Verifier.verifyPassport`. */
export interface PassportOptions {
  /** The code of the robot in front of you: a passport for another robot fails (`passport.subject_mismatch`). */
  expectedSubject?: string | null;
  /** The newest signed time you have seen (a trust list's or earlier passport's `issued_at`): if the clock is behind it, it was set back (`passport.clock_set_back`) and freshness is judged at this time. */
  newestSeen?: Time | null;
  /** How long after expiry a passport is still accepted with `passport.stale` (default 604800). */
  graceSecs?: number;
}

/** A passport whose registry signature verified. Times in unix seconds. */
export interface VerifiedPassport {
  subject: string;
  status: PassportStatus;
  head_seq: number | null;
  head_hash_prefix: string | null;
  issued_at: number;
  expires_at: number;
  key_id: string;
  participant: string;
}

/** What `Verifier.verifyPassport` returns. `passport` when the signature verified; rely on it only when accepted. */
export interface PassportReport {
  verdict: Verdict;
  failures: Finding[];
  warnings: Finding[];
  passed: Finding[];
  passport: VerifiedPassport | null;
}

/** What `parsePassport` returns: what a passport says, NOT verified. Times in unix seconds. */
export interface ParsedPassport {
  subject: string;
  status: PassportStatus;
  head_seq: number | null;
  head_hash_prefix: string | null;
  issued_at: number;
  expires_at: number;
  /** The first 4 bytes of the signer's key ID hash, 8 hex digits. */
  key_hint: string;
}

/** A passport to sign with `signPassport`. */
export interface PassportInput {
  subject: string;
  status: PassportStatus;
  head: { seq: number; hashPrefix: string } | null;
  issuedAt: Time;
  expiresAt: Time;
}

/** What a robot is to be allowed for. */
export type Policy = "listing" | "sale" | "deployment";

/** The evidence for `Verifier.decideAccess`: a passport text and/or a history bundle. */
export interface AccessEvidence {
  passport?: string | null;
  history?: string | Uint8Array | null;
  /** Passport staleness grace (default 604800). */
  graceSecs?: number;
}

/** What `Verifier.decideAccess` returns. */
export interface AccessDecision {
  /** The code asked about, as given. */
  code: string;
  policy: Policy;
  decision: "allowed" | "denied";
  /** The robot's status as the evidence establishes it (the most restrictive). */
  status: PassportStatus | null;
  failures: Finding[];
  warnings: Finding[];
  /** `access.allowed` when allowed. */
  passed: Finding[];
  passport: VerifiedPassport | null;
  health: HealthSummary | null;
}

/** Bundles for `Verifier.audit`: `[{name, bundle}]`, `[[name, bundle]]` or `{name: bundle}`. */
export type NamedBundles =
  | Array<{ name: string; bundle: string | Uint8Array } | [string, string | Uint8Array]>
  | Record<string, string | Uint8Array>;

/** What `Verifier.audit` returns. */
export interface AuditReport {
  verdict: Verdict;
  robots: Array<{ name: string; report: HistoryReport }>;
  accepted: number;
  rejected: number;
  indeterminate: number;
  /** Cross-robot failures (`audit.*`). */
  failures: Finding[];
  /** `audit.consistent` when no cross-robot rule is broken. */
  passed: Finding[];
}
