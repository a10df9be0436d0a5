// test-vectors/histories.json and passports.json: every case through the JS API (access cases with
// the registry's status feed they carry), compared exactly
// as core/tests/history_vectors.rs (Rust) and bindings-python/tests/test_history_vectors.py
// compare them: the same fields of the expected result, finding codes as sorted sets, never
// messages. Each test asserts casesRun === cases.length > 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { caseStatusFeed, caseVerifier, hrid, pendingCorpus, sortedCodes } from './helpers.mjs';

const QR_ALPHANUMERIC = /^[0-9A-Z $%*+\-./:]*$/;

/** The finding buckets as the corpus lists them: codes as sorted sets (Rust compares BTreeSets). */
const buckets = (report) => ({
  failures: sortedCodes(report.failures),
  warnings: sortedCodes(report.warnings),
  passed: sortedCodes(report.passed),
});

function checkCorpus(name, doc) {
  const cases = doc.cases;
  assert.equal(doc.numberOfTests, cases.length, name);
  assert.ok(cases.length > 0, name);
  const ids = new Set(cases.map((c) => c.tcId));
  assert.equal(ids.size, cases.length, `${name}: duplicate tcId`);
  for (const c of cases) {
    for (const flag of c.flags) assert.ok(flag in doc.notes, `${name}: flag ${flag} is not explained in notes`);
  }
  return cases;
}

/** Run every case; collect failures so one run reports them all. */
function runAll(name, cases, runOne) {
  const failures = [];
  let casesRun = 0;
  for (const c of cases) {
    try {
      runOne(c);
    } catch (e) {
      if (!(e instanceof assert.AssertionError)) throw e;
      failures.push(`${name} case ${c.tcId} (${c.comment}): ${e.message}`);
    }
    casesRun += 1;
  }
  assert.deepEqual(failures, []);
  assert.ok(casesRun > 0 && casesRun === cases.length, `${name}: casesRun ${casesRun} of ${cases.length}`);
  console.log(`${name}: ${casesRun} cases run`);
  return casesRun;
}

function historyGot(report) {
  const { health, head } = report;
  return {
    verdict: report.verdict,
    ...buckets(report),
    status: health !== null ? health.status : null,
    head_seq: head !== null ? head.seq : null,
    open_recalls: health !== null ? health.open_recalls : [],
  };
}

const histories = pendingCorpus('histories.json');
test('histories.json: every case agrees with the core', { skip: !histories && 'not in the corpus' }, () => {
  const cases = checkCorpus('histories.json', histories);
  const kinds = new Map();
  runAll('histories.json', cases, (c) => {
    kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1);
    const v = caseVerifier(histories, c);
    const { at, expected } = c;
    const where = `case ${c.tcId}`;
    if (c.kind === 'history') {
      const bytes = new TextEncoder().encode(c.bundle);
      for (const batch of [false, true]) {
        const got = historyGot(v.verifyHistory(bytes, at, { batch }));
        assert.deepEqual(got, expected, `${where} (batch ${batch})`);
      }
      // Text is read as UTF-8, like bytes; a Date is the same time as unix seconds.
      const report = v.verifyHistory(c.bundle, new Date(at * 1000));
      assert.deepEqual(historyGot(report), expected, `${where} (text, Date)`);
      assert.equal(report.health === null ? null : report.health.head?.seq ?? null,
        report.head === null ? null : report.head.seq, `${where}: health.head is the chain head`);
      // Many at once: the same reports.
      const [one, two] = v.verifyHistories([c.bundle, bytes], at);
      assert.deepEqual(one, two, where);
      assert.deepEqual(historyGot(one), expected, `${where} (verifyHistories)`);
      // Every recall notice the bundle carries verifies on its own as in the report.
      let bundle = null;
      try { bundle = JSON.parse(c.bundle); } catch { /* a malformed-bundle case */ }
      if (Array.isArray(bundle?.recalls) && report.verdict === 'accepted') {
        const verified = new Set();
        for (const notice of bundle.recalls) {
          const r = v.verifyRecall(JSON.stringify(notice), at);
          assert.equal(r.verdict, 'accepted', `${where}: recall ${JSON.stringify(r.failures)}`);
          verified.add(r.recall.notice.recall_id);
        }
        // The recalls the report lists (those covering the robot) are among them.
        for (const s of report.recalls) assert.ok(verified.has(s.recall_id), `${where}: ${s.recall_id}`);
      }
    } else if (c.kind === 'audit') {
      const pairs = c.bundles.map((b) => ({ name: b.name, bundle: b.bundle }));
      for (const batch of [false, true]) {
        const r = v.audit(pairs, at, { batch });
        const got = {
          verdict: r.verdict,
          failures: sortedCodes(r.failures),
          passed: sortedCodes(r.passed),
          robots: r.robots.map((x) => ({ name: x.name, verdict: x.report.verdict })),
        };
        assert.deepEqual(got, expected, `${where} (batch ${batch})`);
        assert.equal(r.accepted + r.rejected + r.indeterminate, r.robots.length, where);
      }
      // [[name, bundle]] pairs and (for distinct names) an object of name to bundle: the same audit.
      const asPairs = v.audit(c.bundles.map((b) => [b.name, b.bundle]), at);
      assert.deepEqual(asPairs, v.audit(pairs, at), where);
      const names = c.bundles.map((b) => b.name);
      if (new Set(names).size === names.length) {
        const asObject = Object.fromEntries(c.bundles.map((b) => [b.name, b.bundle]));
        assert.deepEqual(v.audit(asObject, at), asPairs, where);
      }
    } else if (c.kind === 'access') {
      const statusFeed = caseStatusFeed(v, c);
      const d = v.decideAccess(c.code, c.policy, at, { passport: c.passport, history: c.bundle, statusFeed });
      const got = { decision: d.decision, status: d.status, ...buckets(d) };
      assert.deepEqual(got, expected, where);
      assert.equal(d.policy, c.policy, where);
      assert.equal(d.code, c.code, where);
    } else {
      assert.fail(`unknown kind ${c.kind}`);
    }
  });
  // Every kind the Rust and Python tests run was run here too.
  assert.deepEqual([...kinds.keys()].sort(), ['access', 'audit', 'history']);
});

const passports = pendingCorpus('passports.json');
test('passports.json: every case agrees with the core', { skip: !passports && 'not in the corpus' }, () => {
  const cases = checkCorpus('passports.json', passports);
  runAll('passports.json', cases, (c) => {
    const v = caseVerifier(passports, c);
    const where = `case ${c.tcId}`;
    const options = { expectedSubject: c.expected_subject, newestSeen: c.newest_seen };
    const r = v.verifyPassport(c.passport, c.at, options);
    const p = r.passport;
    const got = {
      verdict: r.verdict,
      ...buckets(r),
      status: p !== null ? p.status : null,
      subject: p !== null ? p.subject : null,
      head_seq: p !== null ? p.head_seq : null,
    };
    assert.deepEqual(got, c.expected, where);
    // Times as Date give the same report.
    const withDates = v.verifyPassport(c.passport, new Date(c.at * 1000), {
      ...options,
      newestSeen: c.newest_seen === null ? null : new Date(c.newest_seen * 1000),
    });
    assert.deepEqual(withDates, r, `${where} (Date)`);
    if (p !== null) {
      // Every passport that verified fits one QR alphanumeric segment of at most 200 characters,
      // and parsePassport reads the same fields as the verified passport has.
      assert.ok(c.passport.length <= 200, where);
      assert.match(c.passport, QR_ALPHANUMERIC, where);
      const parsed = hrid.parsePassport(c.passport);
      for (const k of ['subject', 'status', 'head_seq', 'head_hash_prefix', 'issued_at', 'expires_at']) {
        assert.deepEqual(parsed[k], p[k], `${where}: ${k}`);
      }
    }
  });
});
