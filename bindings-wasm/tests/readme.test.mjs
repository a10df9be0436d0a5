// The README's JavaScript quick start runs as printed (with `from 'hrid'` pointed at the Node
// build) and prints what its comments say.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { pkgDir, repoRoot } from './helpers.mjs';

test('README.md JavaScript quick start', () => {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const block = readme.match(/```js\n([\s\S]*?)```/);
  assert.ok(block, 'no ```js block in README.md');
  const lines = block[1].trim().split('\n');
  assert.ok(lines.length <= 5, `the quick start has ${lines.length} lines`);
  const code = block[1].replace(`from 'hrid'`, `from '${pathToFileURL(join(pkgDir, 'node', 'index.mjs')).href}'`);
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
  const expected = [...block[1].matchAll(/console\.log\(.*\/\/ (.*)$/gm)].map((m) => m[1].trim());
  assert.deepEqual(out.trim().split('\n'), expected);
});
