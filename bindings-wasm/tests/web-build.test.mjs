// The browser build (pkg/web/) is verification only: built without the cargo features `signing`
// and `key-files`. Loaded here in Node with initSync, it gives the same reports as the Node build
// and has none of the issuer-side API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { hrid, pkgDir, repoRoot } from './helpers.mjs';

const web = await import(pathToFileURL(join(pkgDir, 'web', 'hrid.js')).href);
web.initSync({ module: readFileSync(join(pkgDir, 'web', 'hrid_bg.wasm')) });

test('the browser build leaves out signing and key files, nothing else', () => {
  for (const name of ['SigningKey', 'signAttestation', 'signPassport', 'signStatusFeed']) {
    assert.equal(web[name], undefined, name);
    assert.equal(typeof hrid[name], 'function', name);
  }
  assert.equal(web.TrustList.sign, undefined);
  assert.equal(web.VerifyingKey.fromPem, undefined);
  assert.equal(web.VerifyingKey.fromDer, undefined);
  assert.equal(web.VerifyingKey.prototype.toPem, undefined);
  assert.equal(typeof hrid.VerifyingKey.fromPem, 'function');
  const issuerOnly = new Set(['SigningKey', 'signAttestation', 'signPassport', 'signStatusFeed']);
  const nodeNames = Object.keys(hrid).filter((n) => n !== 'default' && !issuerOnly.has(n)).sort();
  const webNames = Object.keys(web).filter((n) => !['default', 'initSync'].includes(n)).sort();
  assert.deepEqual(webNames, nodeNames);
});

test('the browser build decides as the Node build on the demo passports and the shared corpus', async () => {
  const example = join(repoRoot, 'examples', 'marketplace-web');
  const { demoSamples, demoStatusFeed } = await import(pathToFileURL(join(example, 'make-demo-data.mjs')).href);
  const dir = join(example, 'demo');
  const anchor = JSON.parse(readFileSync(join(dir, 'anchor.json'), 'utf8'));
  const listText = readFileSync(join(dir, 'trust-list.json'), 'utf8');
  const at = new Date();
  const verifiers = [web, hrid].map((m) => new m.Verifier(m.TrustList.verify(listText, anchor.keys, anchor.threshold, 0, at)));
  // Each build verifies the feed into its own StatusFeed; the reports are the same.
  const feedText = demoStatusFeed(at);
  const [wr, nr] = verifiers.map((v) => v.verifyStatusFeed(feedText, at));
  assert.equal(JSON.stringify(wr), JSON.stringify(nr));
  assert.ok(wr.feed instanceof web.StatusFeed && nr.feed instanceof hrid.StatusFeed);
  // A handle of one build is not a feed to the other.
  assert.throws(() => verifiers[0].decideAccess(nr.feed.toJSON().feed.robots[0].code, 'sale', at, { statusFeed: nr.feed }), TypeError);
  const feeds = [wr.feed, nr.feed];
  for (const s of demoSamples(at).samples) {
    for (const policy of ['listing', 'sale']) {
      const [a, b] = verifiers.map((v, i) => v.decideAccess(s.robot, policy, at, { passport: s.passport, statusFeed: feeds[i] }));
      assert.deepEqual(a, b, s.id);
    }
  }
  assert.equal(verifiers[0].decideAccess(demoSamples(at).samples[0].robot, 'sale', at,
    { passport: demoSamples(at).samples[0].passport, statusFeed: wr.feed }).decision, 'allowed');
  const doc = JSON.parse(readFileSync(join(repoRoot, 'test-vectors', 'histories.json'), 'utf8'));
  const c = doc.cases.find((x) => x.kind === 'history');
  const entry = doc.trust_lists[c.trust_list];
  const [wv, nv] = [web, hrid].map((m) => new m.Verifier(m.TrustList.verify(entry.envelope, entry.anchor.keys,
    entry.anchor.threshold, entry.highest_seen_version, c.trust_list_at)));
  assert.deepEqual(wv.verifyHistory(c.bundle, c.at, { batch: true }), nv.verifyHistory(c.bundle, c.at));
  assert.equal(web.checkCode('860042A3W0F50000000012345ZARX').suggestions[0].code, '860042A3W0F50000000012345ZAR2');
});
