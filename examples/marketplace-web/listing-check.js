// The marketplace's publishing rule, one module for the page (browser build of hrid) and for
// server.mjs (Node build), so both refuse the same listings for the same reasons.
//
// Every check is hrid's: the code check (checkCode) and the document verdict (Verifier.verify).
// The only rule of the marketplace's own is which lifecycle states end market access; it stands
// in for the core's market-access decision (`access`), which replaces it once it lands.

/** Lifecycle events after which a robot may not be sold, with the marketplace's refusal code. */
export const TERMINAL_EVENTS = {
  scrapped: 'listing.robot_scrapped',
  dismantled: 'listing.robot_dismantled',
  decommissioned: 'listing.robot_decommissioned',
  suspended: 'listing.robot_suspended',
};

const LISTING_MESSAGES = {
  'listing.title_missing': 'Give the listing a title.',
  'listing.price_invalid': 'Enter a price in yuan, greater than zero.',
  'listing.passport_missing': 'Paste the robot\u2019s registry passport: a listing needs proof of registration.',
  'listing.passport_other_robot': 'The registry document is about another robot than the identity code given.',
  'listing.robot_scrapped': 'This robot was scrapped: it may not be sold.',
  'listing.robot_dismantled': 'This robot was dismantled: it may not be sold.',
  'listing.robot_decommissioned': 'This robot was decommissioned: it may not be sold.',
  'listing.robot_suspended': 'This robot is suspended by the authorities: it may not be sold.',
};

const sentence = (s) => s.charAt(0).toUpperCase() + s.slice(1) + (s.endsWith('.') ? '' : '.');

/** A refusal: `{ok: false, code, message}` with hrid's reason code or a `listing.*` code. */
function refuse(code, message) {
  return { ok: false, code, message };
}

/**
 * Check a listing `{title, price, code, passport}` at time `at`.
 * `hrid` is the module, `verifier` an `hrid.Verifier` over the registry's verified trust list.
 * Returns `{ok: true, code, display, document}` or `{ok: false, code, message}`.
 */
export function checkListing(hrid, verifier, listing, at) {
  const summaries = new Map(hrid.reasonCodes().map((r) => [r.code, r.summary]));
  const text = typeof listing?.code === 'string' ? listing.code : '';
  const report = hrid.checkCode(text);
  if (!report.valid) {
    const code = report.error.code;
    if (code === 'code.empty') {
      return refuse(code, 'No identity code: a humanoid robot without one may not be sold (no code, no market access).');
    }
    const hint = report.suggestions?.length ? ` Did you mean ${hrid.format(report.suggestions[0].code)}?` : '';
    return refuse(code, `The identity code is not valid: ${summaries.get(code)}.${hint}`);
  }
  if (typeof listing.title !== 'string' || !listing.title.trim()) {
    return refuse('listing.title_missing', LISTING_MESSAGES['listing.title_missing']);
  }
  const price = Number(listing.price);
  if (!Number.isFinite(price) || price <= 0) {
    return refuse('listing.price_invalid', LISTING_MESSAGES['listing.price_invalid']);
  }
  const passport = typeof listing.passport === 'string' ? listing.passport.trim() : '';
  if (!passport) return refuse('listing.passport_missing', LISTING_MESSAGES['listing.passport_missing']);
  const document = describeDocument(hrid, verifier, passport, at);
  if (!document.accepted) return refuse(document.code, document.message);
  if (document.subject !== report.canonical) {
    return refuse('listing.passport_other_robot', LISTING_MESSAGES['listing.passport_other_robot']);
  }
  if (TERMINAL_EVENTS[document.event]) {
    const code = TERMINAL_EVENTS[document.event];
    return refuse(code, `${LISTING_MESSAGES[code]} (${document.issuerName}, ${document.date})`);
  }
  return { ok: true, code: report.canonical, display: report.display, document };
}

/**
 * Verify a pasted registry document and describe it for people:
 * `{accepted, verdict, code, message, subject, event, issuer, issuerName, date}`.
 */
export function describeDocument(hrid, verifier, text, at) {
  const summaries = new Map(hrid.reasonCodes().map((r) => [r.code, r.summary]));
  const report = verifier.verify(text, at);
  if (report.verdict !== 'accepted') {
    const first = report.failures[0];
    const verb = report.verdict === 'rejected' ? 'rejected' : 'could not be checked';
    return {
      accepted: false,
      verdict: report.verdict,
      code: first.code,
      message: `The registry document was ${verb}: ${sentence(summaries.get(first.code) ?? first.code)}`,
      report,
    };
  }
  const { statement, participant } = report.statement;
  const issuer = verifier.trustList.toJSON().participants.find((p) => p.id === participant);
  return {
    accepted: true,
    verdict: report.verdict,
    code: 'signature.valid',
    subject: statement.subject,
    event: statement.event.type,
    issuer: participant,
    issuerName: issuer?.name ?? participant,
    date: new Date(statement.time * 1000).toISOString().slice(0, 10),
    warnings: report.warnings.map((w) => w.code),
    report,
  };
}
