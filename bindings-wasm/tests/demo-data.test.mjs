// The marketplace demo's registry files are what make-demo-data.mjs writes (fixed seeds,
// deterministic signatures), and they verify with the JS API as the page uses them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { hrid, repoRoot } from './helpers.mjs';

const dir = join(repoRoot, 'examples', 'marketplace-web');
const { demoFiles } = await import(pathToFileURL(join(dir, 'make-demo-data.mjs')).href);

test('examples/marketplace-web/demo/ equals a fresh make-demo-data.mjs run', () => {
  const files = demoFiles();
  assert.ok(Object.keys(files).length > 0);
  for (const [name, text] of Object.entries(files)) {
    assert.equal(readFileSync(join(dir, 'demo', name), 'utf8'), text, `${name} is stale: run node examples/marketplace-web/make-demo-data.mjs`);
  }
});

test('the demo trust list and samples verify as the page expects', () => {
  const anchor = JSON.parse(readFileSync(join(dir, 'demo', 'anchor.json'), 'utf8'));
  const list = hrid.TrustList.verify(readFileSync(join(dir, 'demo', 'trust-list.json'), 'utf8'),
    anchor.keys, anchor.threshold, 0, new Date('2026-11-28T00:00:00Z'));
  const verifier = new hrid.Verifier(list);
  const at = new Date('2026-11-28T00:00:00Z');
  const verdicts = Object.fromEntries(JSON.parse(readFileSync(join(dir, 'demo', 'samples.json'), 'utf8'))
    .samples.map((s) => {
      const r = verifier.verify(s.envelope, at);
      return [s.id, [r.verdict, ...r.failures.map((f) => f.code)]];
    }));
  assert.deepEqual(verdicts, {
    registered: ['accepted'],
    scrapped: ['accepted'],
    tampered: ['rejected', 'signature.invalid'],
    'unknown-signer': ['indeterminate', 'signer.unknown'],
  });
});
