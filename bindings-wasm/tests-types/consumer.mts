// A TypeScript consumer of the npm package, type-checked (never run) by test.sh with
// `tsc --noEmit --strict` against the built pkg/: the generated report types, the hand-written
// option and error types and wasm-bindgen's declarations must agree with each other and be usable.
import init, {
  checkCode,
  findCodes,
  IdentityCode,
  parsePassport,
  reasonCodes,
  signAttestation,
  SigningKey,
  StatusFeed,
  suggest,
  TrustList,
  validateCode,
  Verifier,
} from 'hrid';
import type {
  AccessDecision,
  AuditReport,
  CodeReport,
  CustodyReport,
  EventType,
  FindResult,
  Finding,
  HealthSummary,
  HistoryReport,
  InvalidCodeError,
  LifecycleEvent,
  ParsedPassport,
  PassportReport,
  ReasonCode,
  ReasonCodeInfo,
  RecallReport,
  RobotStatus,
  StatementInput,
  StatusFeedReport,
  StatusFeedReportJson,
  Suggestion,
  TrustListContents,
  Verdict,
  VerificationReport,
  VerifiedStatusFeed,
} from 'hrid';
import * as web from 'hrid/web';

await init();

// Identity codes.
const checked: CodeReport = checkCode('860042A3W0F50000000012345ZARX', { twoErrors: true });
const firstSuggestion: string | undefined = checked.suggestions?.[0]?.code;
const tiers: Array<'A' | 'B'> = suggest('860042A3W0F50000000012345ZARX').map((s: Suggestion) => s.tier);
const scan: FindResult = findCodes('Robot 86-0042-A3W0F5-0000000012345-ZAR2');
const starts: number[] = [...scan.found.map((f) => f.start), ...scan.near_misses.map((m) => m.start)];
const code: IdentityCode = validateCode('860042A3W0F50000000012345ZAR2');
const unit: string = code.unit;
try {
  validateCode('nope');
} catch (e) {
  const err = e as InvalidCodeError;
  const reason: ReasonCode = err.code;
  const position: number | null = err.position;
  console.log(reason, position, err.suggestions.map((s) => s.changed_positions));
}

// Signing (Node build) and verifying.
const key = SigningKey.fromSeed(new Uint8Array(32));
const contents: TrustListContents = {
  version: 1,
  issued_at: 0,
  expires_at: 1,
  roots: { threshold: 1, keys: [key.verifyingKey.toHex()] },
  participants: [
    {
      id: 'acme',
      name: 'ACME',
      roles: ['manufacturer'],
      scope: { manufacturers: ['0042'] },
      keys: [{ public_key: key.verifyingKey.toHex(), valid_from: 0, valid_until: 1 }],
    },
  ],
  permissions: { manufacturer: ['manufactured'] },
};
const list = TrustList.verify(TrustList.sign(contents, key), [key.verifyingKey.toHex()], 1, 0, new Date());
const listed: TrustListContents = list.toJSON();
const verifier = new Verifier(list, { clockSkewSecs: 60, limits: { maxDepth: 16 } });
const event: LifecycleEvent = { type: 'sold', buyer: 'cust-9' };
const statement: StatementInput = {
  subject: code.toString(),
  seq: 0,
  prev: null,
  time: new Date(),
  issuer: 'acme',
  event,
};
const report: VerificationReport = verifier.verify(signAttestation(statement, key), new Date());
const verdict: Verdict = report.verdict;
const issuer: string | undefined = report.statement?.participant;
const eventType: EventType | undefined = report.statement?.statement.event.type;

/** Every report carries the findings flat. */
function codes(r: { failures: Finding[]; warnings: Finding[]; passed: Finding[] }): ReasonCode[] {
  return [...r.failures, ...r.warnings, ...r.passed].map((f) => f.code);
}

const history: HistoryReport = verifier.verifyHistory('{}', 0, { batch: true });
const health: HealthSummary | null = history.health;
const many: HistoryReport[] = verifier.verifyHistories(['{}', new Uint8Array()], new Date());
const custody: CustodyReport = verifier.custody('{}', 0, new Date());
const owner: string | undefined = custody.owner?.owner;
const recall: RecallReport = verifier.verifyRecall('{}', 0);
const passport: PassportReport = verifier.verifyPassport('HP1:', 0, { newestSeen: new Date() });
const access: AccessDecision = verifier.decideAccess(code.toString(), 'sale', 0, { passport: 'HP1:' });
const allowed: boolean = access.decision === 'allowed' && access.verdict === 'accepted';
const audit: AuditReport = verifier.audit({ a: '{}', b: new Uint8Array() }, 0);
const parsed: ParsedPassport = parsePassport('HP1:');

// The registry's status feed: a handle, passed on to decisions and histories.
const feedReport: StatusFeedReport = verifier.verifyStatusFeed('{}', new Date(), { highestSeenVersion: 3, graceSecs: 60 });
const feed: StatusFeed | null = feedReport.feed;
if (feed !== null) {
  const version: number = feed.version;
  const usableUntil: Date = feed.usableUntil;
  const robot: RobotStatus | null = feed.robot(code.toString());
  const asJson: VerifiedStatusFeed = feed.toJSON();
  const wire: StatusFeedReportJson = JSON.parse(JSON.stringify(feedReport));
  verifier.decideAccess(code.toString(), 'sale', 0, { history: '{}', statusFeed: feed, maxEvidenceAge: { saleSecs: 3600 } });
  verifier.verifyHistory('{}', 0, { statusFeed: feed });
  verifier.verifyHistories(['{}'], 0, { batch: true, statusFeed: feed });
  verifier.audit({ a: '{}' }, 0, { statusFeed: feed });
  verifier.custody('{}', 0, 0, { statusFeed: feed });
  console.log(version, usableUntil, robot, asJson.usable_until, wire.feed?.statement_hash);
  feed.free();
  // @ts-expect-error: a feed is a verified handle, not its JSON
  verifier.verifyHistory('{}', 0, { statusFeed: feed.toJSON() });
}
const catalogue: ReasonCodeInfo[] = reasonCodes();

// The browser build verifies with the same types, and has no signing.
await web.default();
const webVerifier: web.Verifier = new web.Verifier(web.TrustList.verify('{}', [], 1, 0, 0));
const webReport: VerificationReport = webVerifier.verify('{}', 0);
// @ts-expect-error: the browser build has no SigningKey
web.SigningKey.fromSeed(new Uint8Array(32));

// What the types refuse.
// @ts-expect-error: not a reason code
const notACode: ReasonCode = 'nope.nope';
// @ts-expect-error: not a verdict
const notAVerdict: Verdict = 'maybe';
// @ts-expect-error: a sold event needs its buyer
const incomplete: LifecycleEvent = { type: 'sold' };
// @ts-expect-error: reports are closed
const extra: Finding = { code: 'key.valid', subject: null, evidence: {}, detail: '', extra: 1 };
// @ts-expect-error: not a policy
verifier.decideAccess(code.toString(), 'lend', 0);

console.log(firstSuggestion, tiers, starts, unit, listed, verdict, issuer, eventType, codes(report),
  health, many, owner, recall, passport, allowed, audit, parsed, catalogue, webReport, notACode,
  notAVerdict, incomplete, extra);
