// The marketplace's publishing rule, one module for the page (browser build of hrid) and for
// server.mjs (Node build), so both refuse the same listings with the same reason codes.
//
// Every decision about the robot is hrid's: the code check (checkCode) and the core's
// market-access decision (Verifier.decideAccess) on the passport the seller presents and the
// registry's status feed the marketplace fetches, both verified offline against the registry
// trust list the marketplace ships. The marketplace adds only its
// form rules (`listing.title_missing`, `listing.price_invalid`) and the words people read.

/**
 * The access policy the marketplace applies: the core's `listing` decision, which refuses
 * scrapped, dismantled, decommissioned, suspended and unregistered robots and robots in an open
 * recall (docs/histories.md section 5), exactly as the ERP, the CLI and the scanner decide it.
 */
export const POLICY = 'listing';

/** What people read for each refusal, by reason code (the code is shown beside it). */
const MESSAGES = {
  'listing.title_missing': 'Give the listing a title.',
  'listing.price_invalid': 'Enter a price in yuan, greater than zero.',
  'access.no_evidence': 'Paste the robot\u2019s registry passport (the HP1:\u2026 text of its QR label): no code, no market access.',
  'access.scrapped': 'This robot was scrapped: it may not be sold.',
  'access.decommissioned': 'This robot was permanently taken out of service: it may not be sold.',
  'access.suspended': 'This robot is suspended by the authorities: it may not be sold.',
  'access.recall_open': 'This robot is in a safety recall that has not been remedied: it may not be sold until the remedy is done.',
  'access.not_registered': 'This robot is not registered with the registry: it may not be sold.',
  'access.evidence_other_subject': 'The passport belongs to another robot than the identity code given.',
  'access.evidence_conflict': 'The passport and the registry\u2019s records contradict each other.',
  'access.evidence_stale': 'The registry\u2019s current status list could not be loaded, and the passport is more than a week old: ask for a new passport, or try again later.',
};

/** The passport statuses in words. */
export const STATUS_WORDS = {
  active: 'active',
  unregistered: 'not registered',
  suspended: 'suspended',
  recalled_open: 'in an open recall',
  decommissioned: 'decommissioned',
  scrapped: 'scrapped',
  dismantled: 'scrapped and dismantled',
};

const sentence = (s) => s.charAt(0).toUpperCase() + s.slice(1) + (/[.?!]$/.test(s) ? '' : '.');
const summaryOf = (hrid, code) => hrid.reasonCodes().find((r) => r.code === code)?.summary ?? code;

/** A refusal: `{ok: false, code, message, causes}`; `causes` are the evidence's own codes. */
function refuse(code, message, causes = []) {
  return { ok: false, code, message, causes };
}

/** The human reason for a denied access decision: the `access.*` code and what caused it. */
export function refusalOf(hrid, decision) {
  const access = decision.failures.find((f) => f.code.startsWith('access.')) ?? decision.failures[0];
  const causes = decision.failures.filter((f) => f !== access).map((f) => f.code);
  let message = MESSAGES[access.code];
  if (access.code === 'access.evidence_unverifiable') {
    const cause = causes[0];
    message = `The passport could not be verified: ${cause ? summaryOf(hrid, cause) : 'unknown reason'}.`;
  } else if (access.code === 'access.scrapped' && decision.status === 'dismantled') {
    message = 'This robot was scrapped and dismantled: it may not be sold.';
  }
  return refuse(access.code, message ?? sentence(summaryOf(hrid, access.code)), causes);
}

/**
 * Check a listing `{title, price, code, passport}` at time `at` (a Date).
 * `hrid` is the module, `verifier` an `hrid.Verifier` over the registry's verified trust list,
 * `statusFeed` the registry's verified status feed (`Verifier.verifyStatusFeed(...).feed`) or
 * null: a listing needs the registry's word of the last 7 days, which a current feed is.
 * Returns `{ok: true, code, display, decision}` or `{ok: false, code, message, causes}`.
 */
export function checkListing(hrid, verifier, listing, at, statusFeed = null) {
  const text = typeof listing?.code === 'string' ? listing.code : '';
  const report = hrid.checkCode(text);
  if (!report.valid) {
    const code = report.error.code;
    if (code === 'code.empty') {
      return refuse(code, 'No identity code: a humanoid robot without one may not be sold (no code, no market access).');
    }
    const hint = report.suggestions?.length ? ` Did you mean ${hrid.format(report.suggestions[0].code)}?` : '';
    return refuse(code, `The identity code is not valid: ${summaryOf(hrid, code)}.${hint}`);
  }
  if (typeof listing.title !== 'string' || !listing.title.trim()) {
    return refuse('listing.title_missing', MESSAGES['listing.title_missing']);
  }
  const price = Number(listing.price);
  if (!Number.isFinite(price) || price <= 0) {
    return refuse('listing.price_invalid', MESSAGES['listing.price_invalid']);
  }
  const passport = typeof listing.passport === 'string' && listing.passport.trim() ? listing.passport.trim() : null;
  const decision = verifier.decideAccess(report.canonical, POLICY, at, { passport, statusFeed });
  if (decision.decision !== 'allowed') return refusalOf(hrid, decision);
  return { ok: true, code: report.canonical, display: report.display, decision };
}

/**
 * Decode and verify a pasted or scanned passport text for people, before the seller publishes:
 * `{state, code, message, passport?, issuerName?, causes}` where `state` is `unreadable`
 * (not a passport text), `rejected` / `indeterminate` (it does not verify), `mismatch` (another
 * robot than `expectedCode`), `refused` (genuine, but the robot may not be sold) or `accepted`.
 * `statusFeed` as for `checkListing`.
 */
export function describePassport(hrid, verifier, text, at, expectedCode, statusFeed = null) {
  let parsed;
  try {
    parsed = hrid.parsePassport(text);
  } catch (e) {
    if (e?.name !== 'PassportError') throw e;
    return { state: 'unreadable', code: e.code, message: `This is not a registry passport: ${summaryOf(hrid, e.code)}.`, causes: [] };
  }
  const report = verifier.verifyPassport(text, at);
  if (report.verdict !== 'accepted') {
    const first = report.failures[0];
    const verb = report.verdict === 'rejected' ? 'rejected' : 'could not be checked';
    return { state: report.verdict, code: first.code, message: `The passport was ${verb}: ${summaryOf(hrid, first.code)}.`, parsed, causes: [] };
  }
  const passport = report.passport;
  const issuer = verifier.trustList.toJSON().participants.find((p) => p.id === passport.participant);
  const base = {
    passport,
    issuerName: issuer?.name ?? passport.participant,
    issued: new Date(passport.issued_at * 1000).toISOString().slice(0, 10),
    expires: new Date(passport.expires_at * 1000).toISOString().slice(0, 10),
    warnings: report.warnings.map((w) => w.code),
  };
  if (expectedCode && expectedCode !== passport.subject) {
    return { ...base, state: 'mismatch', code: 'access.evidence_other_subject', message: MESSAGES['access.evidence_other_subject'], causes: [] };
  }
  const decision = verifier.decideAccess(passport.subject, POLICY, at, { passport: text, statusFeed });
  if (decision.decision !== 'allowed') return { ...base, state: 'refused', ...refusalOf(hrid, decision) };
  return { ...base, state: 'accepted', code: 'access.allowed', message: 'Genuine registry passport: this robot may be sold.', causes: [] };
}
