// test-vectors/attestations.json and trust-lists.json: the signed-document corpus every language
// runs. They land on main with the history branch; until then these tests print a notice and
// skip (see pendingCorpus in helpers.mjs for when they become required).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { hrid, pendingCorpus, stripMessages } from './helpers.mjs';

const codesOf = (findings) => findings.map((f) => f.code);

/** Run every case through `run`, asserting casesRun === cases.length > 0. */
function runAll(name, doc, run) {
  const cases = doc.cases ?? doc.testGroups?.flatMap((g) => g.tests.map((t) => ({ ...g, ...t }))) ?? [];
  if (doc.numberOfTests !== undefined) assert.equal(doc.numberOfTests, cases.length, name);
  let casesRun = 0;
  for (const c of cases) {
    run(c, `${name} case ${c.tcId}: ${c.comment ?? ''}`);
    casesRun += 1;
  }
  assert.ok(casesRun > 0 && casesRun === cases.length, `${name}: casesRun ${casesRun} of ${cases.length}`);
  console.log(`${name}: ${casesRun} cases run`);
}

/** The outcome of one case in the shape the corpus states expectations: verdict and codes. */
function outcome(report) {
  return {
    verdict: report.verdict,
    failures: codesOf(report.failures),
    warnings: codesOf(report.warnings),
    passed: codesOf(report.passed),
  };
}

/** Compare only the fields the case states (the corpus may state a verdict alone). */
function assertSubset(got, expected, where) {
  for (const [k, v] of Object.entries(expected)) assert.deepEqual(got[k], stripMessages(v), `${where}: ${k}`);
}

const trustLists = pendingCorpus('trust-lists.json');
test('trust-lists.json: every case agrees with the core', { skip: !trustLists && 'not on main yet' }, () => {
  runAll('trust-lists.json', trustLists, (c, where) => {
    let got;
    try {
      const list = hrid.TrustList.verify(c.envelope, c.anchor.keys, c.anchor.threshold,
        c.highest_seen_version ?? 0, c.at);
      got = { result: 'accepted', version: list.version, warnings: codesOf(list.warnings) };
    } catch (e) {
      assert.ok(e instanceof Error, where);
      assert.ok(['TrustListError', 'KeyError'].includes(e.name), `${where}: ${e.name} ${e.message}`);
      got = { result: 'rejected', error: e.code };
    }
    assertSubset(got, c.expected, where);
  });
});

const attestations = pendingCorpus('attestations.json');
test('attestations.json: every case agrees with the core', { skip: !attestations && 'not on main yet' }, () => {
  const lists = new Map();
  const verifierFor = (c) => {
    const key = JSON.stringify([c.trust_list, c.anchor]);
    if (!lists.has(key)) {
      const list = hrid.TrustList.verify(c.trust_list, c.anchor.keys, c.anchor.threshold, 0, c.trust_list_at ?? c.at);
      lists.set(key, new hrid.Verifier(list));
    }
    return lists.get(key);
  };
  runAll('attestations.json', attestations, (c, where) => {
    assertSubset(outcome(verifierFor(c).verify(c.envelope, c.at)), c.expected, where);
  });
});
