
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

/** The evidence for `Verifier.decideAccess`: a passport text and/or a history bundle. */
export interface AccessEvidence {
  passport?: string | null;
  history?: string | Uint8Array | null;
  /** Passport staleness grace (default 604800). */
  graceSecs?: number;
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
