// The registry's status feed through the JS API: every case of test-vectors/status-feed.json
// (compared as core/tests/history_vectors.rs and bindings-python/tests/test_status_feed.py compare
// them: verdict, finding codes as sorted sets, the feed's version), the `StatusFeed` handle, and
// the feed passed on to decisions and histories (the access cases of histories.json with a feed).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { caseStatusFeed, caseVerifier, corpus, hrid, sortedCodes } from './helpers.mjs';
import { anchor, CODE, DAY, keys, listContents, T0, YEAR } from './fixtures.mjs';

const buckets = (report) => ({
  failures: sortedCodes(report.failures),
  warnings: sortedCodes(report.warnings),
  passed: sortedCodes(report.passed),
});

const feeds = corpus('status-feed.json');
const histories = corpus('histories.json');

test('status-feed.json: every case agrees with the core', () => {
  const cases = feeds.cases;
  assert.ok(cases.length > 0 && feeds.numberOfTests === cases.length);
  const failures = [];
  let casesRun = 0;
  for (const c of cases) {
    try {
      const v = caseVerifier(feeds, c);
      const r = v.verifyStatusFeed(c.document, c.at, { highestSeenVersion: c.highest_seen_version });
      const { feed } = r;
      const got = { verdict: r.verdict, ...buckets(r), version: feed !== null ? feed.version : null };
      assert.deepEqual(got, c.expected);
      // Bytes and a Date: the same report.
      const again = v.verifyStatusFeed(new TextEncoder().encode(c.document), new Date(c.at * 1000),
        { highestSeenVersion: c.highest_seen_version });
      assert.equal(JSON.stringify(again), JSON.stringify(r));
      const json = JSON.parse(JSON.stringify(r));
      if (feed === null) {
        assert.notEqual(r.verdict, 'accepted');
        assert.equal(json.feed, null);
      } else {
        assert.equal(r.verdict, 'accepted');
        assert.ok(feed instanceof hrid.StatusFeed);
        assert.deepEqual(json.feed, feed.toJSON());
        assert.equal(json.feed.feed.version, feed.version);
        assert.equal(json.feed.statement_hash, feed.statementHash);
        assert.match(feed.statementHash, /^[0-9a-f]{64}$/);
        assert.equal(feed.usableUntil.getTime(), feed.expiresAt.getTime() + 3_600_000);
        assert.equal(json.feed.usable_until * 1000, feed.usableUntil.getTime());
        assert.ok(feed.issuedAt < feed.expiresAt);
        assert.equal(feed.registry, json.feed.feed.registry);
        assert.equal(feed.signerReportedCompromised, json.feed.signer_reported_compromised);
      }
    } catch (e) {
      if (!(e instanceof assert.AssertionError)) throw e;
      failures.push(`status-feed.json case ${c.tcId} (${c.comment}): ${e.message}`);
    }
    casesRun += 1;
  }
  assert.deepEqual(failures, []);
  assert.ok(casesRun > 0 && casesRun === cases.length);
  console.log(`status-feed.json: ${casesRun} cases run`);
});

function accepted() {
  const c = feeds.cases.find((x) => x.expected.verdict === 'accepted');
  const v = caseVerifier(feeds, c);
  return { c, v, feed: v.verifyStatusFeed(c.document, c.at).feed };
}

test('the StatusFeed handle: robots, recalls, free and dispose', () => {
  const { feed } = accepted();
  assert.ok(feed !== null);
  const contents = feed.toJSON().feed;
  for (const entry of contents.robots) assert.deepEqual(feed.robot(entry.code), entry);
  const active = '860042A3W0F50000000012345ZAR2';
  if (!contents.robots.some((e) => e.code === active)) assert.equal(feed.robot(active), null);
  assert.throws(() => feed.robot('860042A3W0F50000000012345ZARX'), { name: 'InvalidCodeError' });
  assert.deepEqual(feed.recalls.map((r) => r.statement_hash).sort(), contents.recalls);
  assert.equal(typeof feed.free, 'function');
  assert.equal(typeof feed[Symbol.dispose], 'function');
  // The hidden sharing method is not part of the types, and sharing leaves the caller's handle usable.
  const { v, c } = accepted();
  const other = v.verifyStatusFeed(c.document, c.at).feed;
  v.verifyHistories([], c.at, { statusFeed: other });
  assert.equal(other.version, feed.version);
  other.free();
  assert.throws(() => other.version);
  // A freed feed cannot be passed on.
  assert.throws(() => v.verifyHistories([], c.at, { statusFeed: other }));
});

test('verifyStatusFeed options: grace and the highest version seen', () => {
  const c = feeds.cases.find((x) => x.expected.warnings.includes('status_feed.expired_grace'));
  const v = caseVerifier(feeds, c);
  assert.equal(v.verifyStatusFeed(c.document, c.at).verdict, 'accepted');
  const strict = v.verifyStatusFeed(c.document, c.at, { graceSecs: 0 });
  assert.equal(strict.verdict, 'indeterminate');
  assert.equal(strict.feed, null);
  assert.deepEqual(sortedCodes(strict.failures), ['status_feed.expired']);
  const long = v.verifyStatusFeed(c.document, c.at, { graceSecs: 86_400 });
  assert.equal(long.feed.usableUntil.getTime(), long.feed.expiresAt.getTime() + 86_400_000);
  const version = long.feed.version;
  assert.equal(v.verifyStatusFeed(c.document, c.at, { highestSeenVersion: version }).verdict, 'accepted');
  const rolled = v.verifyStatusFeed(c.document, c.at, { highestSeenVersion: version + 1 });
  assert.ok(sortedCodes(rolled.failures).includes('status_feed.rollback'));
  assert.equal(rolled.feed, null);
  assert.throws(() => v.verifyStatusFeed(c.document, c.at, { graceSecs: '1h' }), TypeError);
  assert.throws(() => v.verifyStatusFeed(c.document, c.at, { highestSeenVersion: -1 }), RangeError);
  assert.throws(() => v.verifyStatusFeed(12, c.at), TypeError);
});

function accessCase(commentPart) {
  const c = histories.cases.find((x) => x.kind === 'access' && x.comment.includes(commentPart));
  const v = caseVerifier(histories, c);
  return { c, v, feed: caseStatusFeed(v, c) };
}

test('decideAccess rests on the feed', () => {
  const { c, v, feed } = accessCase("an active robot's history beside the registry's current feed");
  assert.ok(feed !== null);
  const withFeed = v.decideAccess(c.code, 'sale', c.at, { history: c.bundle, statusFeed: feed });
  assert.equal(withFeed.decision, 'allowed');
  const without = v.decideAccess(c.code, 'sale', c.at, { history: c.bundle });
  assert.equal(without.decision, 'denied');
  assert.ok(sortedCodes(without.failures).includes('access.evidence_stale'));
  // The caller's handle is still usable after the call.
  assert.equal(typeof feed.version, 'number');
  for (const bad of [feed.toJSON(), 'feed', 12, { __hridShare: () => 1 }]) {
    assert.throws(() => v.decideAccess(c.code, 'sale', c.at, { history: c.bundle, statusFeed: bad }), TypeError);
  }
});

test('decideAccess maxEvidenceAge', () => {
  const { c, v, feed } = accessCase('a current feed issued two days ago');
  const evidence = { history: c.bundle, statusFeed: feed };
  assert.deepEqual(sortedCodes(v.decideAccess(c.code, 'sale', c.at, evidence).failures), ['access.evidence_stale']);
  const older = v.decideAccess(c.code, 'sale', c.at, { ...evidence, maxEvidenceAge: { saleSecs: 3 * 86_400 } });
  assert.equal(older.decision, 'allowed');
  const other = v.decideAccess(c.code, 'sale', c.at, { ...evidence, maxEvidenceAge: { listingSecs: 1 } });
  assert.deepEqual(sortedCodes(other.failures), ['access.evidence_stale']);
  assert.throws(() => v.decideAccess(c.code, 'sale', c.at, { ...evidence, maxEvidenceAge: { saleSecs: '1d' } }), TypeError);
  assert.throws(() => v.decideAccess(c.code, 'sale', c.at, { ...evidence, maxEvidenceAge: { saleSecs: -1 } }), RangeError);
  assert.throws(() => v.decideAccess(c.code, 'sale', c.at, { ...evidence, maxEvidenceAge: 86_400 }), TypeError);
});

test('verifyHistory, verifyHistories, audit and custody with the feed', () => {
  const { c, v, feed } = accessCase('a bundle whose recall notices were removed');
  const alone = v.verifyHistory(c.bundle, c.at);
  const held = v.verifyHistory(c.bundle, c.at, { statusFeed: feed });
  assert.notDeepEqual(held, alone);
  assert.ok(held.health !== null && held.health.open_recalls.length > 0);
  assert.ok(alone.health === null || alone.health.open_recalls.length === 0);
  for (const batch of [false, true]) {
    assert.deepEqual(v.verifyHistories([c.bundle, c.bundle], c.at, { batch, statusFeed: feed }), [held, held]);
  }
  assert.deepEqual(v.audit({ robot: c.bundle }, c.at, { statusFeed: feed }).robots[0].report, held);
  assert.notDeepEqual(v.custody(c.bundle, c.at, c.at, { statusFeed: feed }), v.custody(c.bundle, c.at, c.at));
  assert.throws(() => v.verifyHistory(c.bundle, c.at, { statusFeed: 'feed' }), TypeError);

  const conflict = accessCase('a bundle cut short before its scrapping, beside the feed that says');
  const r = conflict.v.verifyHistory(conflict.c.bundle, conflict.c.at, { statusFeed: conflict.feed });
  assert.ok(sortedCodes(r.failures).includes('history.registry_conflict'));
  assert.ok(!sortedCodes(conflict.v.verifyHistory(conflict.c.bundle, conflict.c.at).failures)
    .includes('history.registry_conflict'));
});

test('signStatusFeed (Node build): a feed that verifies, and errors with codes', () => {
  const registry = hrid.SigningKey.fromSeed(new Uint8Array(32).fill(7));
  const contents = listContents();
  contents.participants.push({
    id: 'registry', name: 'Registry', roles: ['registry'],
    keys: [{ public_key: registry.verifyingKey.toHex(), valid_from: T0, valid_until: T0 + 5 * YEAR }],
  });
  const at = T0 + DAY;
  const list = hrid.TrustList.verify(hrid.TrustList.sign(contents, keys.root), anchor(), 1, 0, at);
  const v = new hrid.Verifier(list);
  const feed = {
    registry: 'registry', version: 3, issued_at: at - 60, expires_at: at + 3600, previous: null,
    recalls: [], robots: [{ code: CODE, status: 'suspended', head: null, since: at - 100 }],
  };
  const r = v.verifyStatusFeed(hrid.signStatusFeed(feed, registry), at);
  assert.equal(r.verdict, 'accepted', JSON.stringify(r.failures));
  assert.deepEqual(r.feed.robot(CODE), feed.robots[0]);
  assert.deepEqual(r.feed.toJSON().feed, feed);
  assert.equal(v.decideAccess(CODE, 'sale', at, { statusFeed: r.feed }).decision, 'denied');
  // JSON text signs the same feed.
  assert.equal(hrid.signStatusFeed(JSON.stringify(feed), registry), hrid.signStatusFeed(feed, registry));
  // Signed by a key that is not the registry's: not accepted.
  assert.equal(v.verifyStatusFeed(hrid.signStatusFeed(feed, keys.maker), at).feed, null);
  for (const bad of [{ ...feed, version: 0 }, { ...feed, extra: 1 }, '{']) {
    assert.throws(() => hrid.signStatusFeed(bad, registry), { name: 'StatusFeedError', code: 'status_feed.malformed' });
  }
  assert.throws(() => hrid.signStatusFeed(feed, registry, ['{}']), (e) => e.name === 'StatusFeedError' && e.code.startsWith('envelope.'));
});
