// test-vectors/custody.json: every case through Verifier.custody. The whole report equals the
// core's (core/tests/history_vectors.rs compares the same JSON), and every answer's proof names a
// statement of the bundle. Asserts casesRun === cases.length > 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';

import { caseVerifier, pendingCorpus, sortedCodes } from './helpers.mjs';

/** SHA-256 of the DSSE pre-authentication encoding: what a proof's statement_hash names. */
function statementHash(envelope) {
  const payload = Buffer.from(envelope.payload, 'base64');
  const type = Buffer.from(envelope.payloadType);
  const pae = Buffer.concat([
    Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${payload.length} `), payload,
  ]);
  return createHash('sha256').update(pae).digest('hex');
}

const custody = pendingCorpus('custody.json');
test('custody.json: every case agrees with the core', { skip: !custody && 'not in the corpus' }, () => {
  const cases = custody.cases;
  assert.equal(custody.numberOfTests, cases.length);
  let casesRun = 0;
  for (const c of cases) {
    const report = caseVerifier(custody, c).custody(c.bundle, c.at, c.verified_at);
    const tc = `tcId ${c.tcId} (${c.comment})`;
    assert.deepEqual(JSON.parse(JSON.stringify(report)), c.report, tc);
    const e = c.expected;
    assert.equal(report.verdict, e.verdict, tc);
    assert.deepEqual(sortedCodes(report.failures), e.failures, tc);
    assert.deepEqual(sortedCodes(report.warnings), e.warnings, tc);
    assert.equal(report.owner?.proof.statement_hash ?? null, e.owner?.statement_hash ?? null, tc);
    assert.equal(report.operation?.operator ?? null, e.operator?.who ?? null, tc);
    assert.equal(report.ai_profile?.version ?? null, e.ai_profile?.version ?? null, tc);
    assert.deepEqual(report.recalls.map((r) => r.state), e.recalls.map((r) => r.state), tc);
    const bundle = JSON.parse(c.bundle);
    const hashes = new Set([...bundle.attestations, ...bundle.recalls].map(statementHash));
    for (const answer of [report.owner, report.operation, report.ai_profile, report.firmware]) {
      if (answer) assert.ok(hashes.has(answer.proof.statement_hash), tc);
    }
    casesRun += 1;
  }
  assert.ok(casesRun > 0 && casesRun === cases.length);
  console.log(`custody.json: ${casesRun} cases run`);
});

test('custody: dates, bad bundles and bad times', { skip: !custody && 'not in the corpus' }, () => {
  const c = custody.cases[10]; // exactly at the recall notice: the recall is open
  const v = caseVerifier(custody, c);
  const report = v.custody(new TextEncoder().encode(c.bundle), new Date(c.at * 1000), new Date(c.verified_at * 1000));
  assert.deepEqual(JSON.parse(JSON.stringify(report)), c.report);
  assert.equal(report.owner.owner, 'cityops');
  assert.equal(report.recalls[0].state, 'open');
  const bad = v.custody('{not json', c.at, c.verified_at);
  assert.equal(bad.verdict, 'indeterminate');
  assert.equal(bad.owner, null);
  assert.ok(bad.failures.some((f) => f.code === 'custody.history_unverified'));
  assert.throws(() => v.custody(c.bundle, 'yesterday', c.verified_at), TypeError);
});
