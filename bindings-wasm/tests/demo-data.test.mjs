// The marketplace demo's registry files are what make-demo-data.mjs writes (fixed seeds,
// deterministic signatures), and they, the passports and the status feed the server issues,
// verify with the JS API as the page uses them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { hrid, repoRoot } from './helpers.mjs';

const dir = join(repoRoot, 'examples', 'marketplace-web');
const { demoFiles, demoSamples, demoStatusFeed } = await import(pathToFileURL(join(dir, 'make-demo-data.mjs')).href);

test('examples/marketplace-web/demo/ equals a fresh make-demo-data.mjs run', () => {
  const files = demoFiles();
  assert.ok(Object.keys(files).length > 0);
  for (const [name, text] of Object.entries(files)) {
    assert.equal(readFileSync(join(dir, 'demo', name), 'utf8'), text, `${name} is stale: run node examples/marketplace-web/make-demo-data.mjs`);
  }
});

test('the demo trust list, passports and status feed verify, and the access decisions are what the page shows', async () => {
  const { checkListing, POLICY } = await import(pathToFileURL(join(dir, 'listing-check.js')).href);
  const anchor = JSON.parse(readFileSync(join(dir, 'demo', 'anchor.json'), 'utf8'));
  const DAY = 86_400_000;
  // Today, and the last day of the trust list (the server issues passports and feeds fresh).
  for (const at of [new Date(), new Date('2030-12-30T12:34:56Z')]) {
    const list = hrid.TrustList.verify(readFileSync(join(dir, 'demo', 'trust-list.json'), 'utf8'),
      anchor.keys, anchor.threshold, 0, at);
    const verifier = new hrid.Verifier(list);
    const feedReport = verifier.verifyStatusFeed(demoStatusFeed(at), at);
    assert.deepEqual(feedReport.failures, []);
    assert.deepEqual(feedReport.warnings, []);
    const statusFeed = feedReport.feed;
    assert.equal(statusFeed.version, Math.floor(at.getTime() / 3_600_000));
    assert.equal(statusFeed.robot(demoSamples(at).samples.find((s) => s.id === 'live').robot), null);
    const samples = demoSamples(at).samples;
    const got = Object.fromEntries(samples.map((s) => {
      const r = verifier.verifyPassport(s.passport, at, { expectedSubject: s.robot });
      const d = verifier.decideAccess(s.robot, POLICY, at, { passport: s.passport, statusFeed });
      return [s.id, [r.verdict, r.passport?.status ?? null, d.decision, ...d.failures.map((f) => f.code)]];
    }));
    assert.deepEqual(got, {
      live: ['accepted', 'active', 'allowed'],
      scrapped: ['accepted', 'scrapped', 'denied', 'access.scrapped'],
      recalled: ['accepted', 'recalled_open', 'denied', 'access.recall_open'],
      suspended: ['accepted', 'suspended', 'denied', 'access.suspended'],
      tampered: ['rejected', null, 'denied', 'signature.invalid', 'access.evidence_unverifiable'],
      'unknown-signer': ['indeterminate', null, 'denied', 'signer.unknown', 'access.evidence_unverifiable'],
    });
    // The shared rule: the live robot may be listed; every other sample is refused with the
    // access code the core gives.
    for (const s of samples) {
      const v = checkListing(hrid, verifier, { title: 'Robot', price: 1000, code: s.robot, passport: s.passport }, at, statusFeed);
      assert.equal(v.ok, s.id === 'live', s.id);
      if (!v.ok) assert.equal(v.code, got[s.id].find((c) => String(c).startsWith('access.')), s.id);
    }
    // A passport issued 8 days ago is too old for a listing on its own; the current feed is the
    // registry's word that makes it enough.
    const old = demoSamples(new Date(at.getTime() - 8 * DAY)).samples.find((s) => s.id === 'live');
    const listing = { title: 'Robot', price: 1000, code: old.robot, passport: old.passport };
    const alone = checkListing(hrid, verifier, listing, at);
    assert.equal(alone.ok, false);
    assert.equal(alone.code, 'access.evidence_stale');
    assert.equal(checkListing(hrid, verifier, listing, at, statusFeed).ok, true);
    statusFeed.free();
  }
});
