// Every case of test-vectors/codes.json and the reason-code catalogue, through the JS API: the
// same corpus core/tests/vectors.rs runs, compared field by field (messages aside).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { corpus, hrid, pkgDir, stripMessages } from './helpers.mjs';

test('codes.json: every case agrees with the core', () => {
  const doc = corpus('codes.json');
  const cases = doc.cases;
  assert.equal(doc.numberOfTests, cases.length);
  const ids = new Set();
  let casesRun = 0;
  for (const c of cases) {
    assert.ok(!ids.has(c.tcId), `duplicate tcId ${c.tcId}`);
    ids.add(c.tcId);
    const where = `case ${c.tcId}: ${c.comment}`;
    switch (c.kind) {
      case 'check': {
        const options = { twoErrors: c.options.two_errors, structureOnly: c.options.structure_only };
        const report = hrid.checkCode(c.input, options);
        assert.equal(report.input, c.input, where);
        const { input, ...rest } = stripMessages(report);
        assert.deepEqual(rest, c.expected, where);
        if (!c.options.structure_only) {
          assert.equal(hrid.isValid(c.input), c.expected.valid, where);
          if (c.expected.error) {
            assert.throws(() => hrid.validateCode(c.input), (e) => {
              assert.ok(e instanceof Error, where);
              assert.equal(e.name, 'InvalidCodeError', where);
              assert.equal(e.code, c.expected.error.code, where);
              assert.equal(e.position, c.expected.error.position, where);
              assert.ok(Array.isArray(e.suggestions), where);
              return true;
            });
          } else {
            const code = hrid.validateCode(c.input);
            assert.equal(code.toString(), c.expected.canonical, where);
            assert.equal(code.displayForm, c.expected.display, where);
            assert.equal(hrid.format(c.input), c.expected.display, where);
            assert.equal(hrid.compact(c.input), c.expected.canonical, where);
            assert.equal(JSON.stringify(code), JSON.stringify(c.expected.canonical), where);
            code.free();
          }
        }
        break;
      }
      case 'build': {
        const f = c.fields;
        let got;
        try {
          const code = hrid.IdentityCode.fromFields(f.country, f.manufacturer, f.model, f.unit);
          got = { valid: true, code: code.toString() };
        } catch (e) {
          assert.equal(e.name, 'InvalidCodeError', where);
          got = { valid: false, error: { code: e.code, position: e.position } };
        }
        assert.deepEqual(got, c.expected, where);
        break;
      }
      case 'find': {
        const scan = hrid.findCodes(c.text);
        const got = {
          found: scan.found.map((f) => ({ code: f.code, start: f.start, end: f.end })),
          near_misses: scan.near_misses.map((m) => ({
            start: m.start,
            end: m.end,
            error: m.error.code,
            suggestions: m.suggestions.map((s) => s.code),
          })),
        };
        assert.deepEqual(got, c.expected, where);
        break;
      }
      default:
        assert.fail(`case ${c.tcId}: unknown kind ${c.kind}`);
    }
    casesRun += 1;
  }
  assert.ok(casesRun > 0 && casesRun === cases.length, `casesRun ${casesRun} of ${cases.length}`);
  console.log(`codes.json: ${casesRun} cases run`);
});

test('reasonCodes() equals test-vectors/reason-codes.json', () => {
  const doc = corpus('reason-codes.json');
  const ours = hrid.reasonCodes();
  assert.ok(doc.codes.length > 0);
  assert.deepEqual(ours, doc.codes);
});

test('the .d.ts ReasonCode union lists exactly the catalogue', () => {
  for (const target of ['web', 'node']) {
    const dts = readFileSync(join(pkgDir, target, 'hrid.d.ts'), 'utf8');
    const m = dts.match(/export type ReasonCode =([^;]*);/);
    assert.ok(m, `${target}: no ReasonCode union`);
    const union = [...m[1].matchAll(/"([^"]+)"/g)].map((x) => x[1]);
    assert.deepEqual(union, corpus('reason-codes.json').codes.map((c) => c.code), target);
    assert.match(dts, /export type Verdict = "accepted" \| "rejected" \| "indeterminate";/);
  }
});

test('IdentityCode class', () => {
  const code = new hrid.IdentityCode('86-0042-a3w0f5-0000000012345-zar2');
  assert.equal(String(code), '860042A3W0F50000000012345ZAR2');
  assert.equal(`${code}`, '860042A3W0F50000000012345ZAR2');
  assert.equal(code.manufacturer, '0042');
  assert.equal(code.country, '86');
  assert.equal(code.model, 'A3W0F5');
  assert.equal(code.unit, '0000000012345');
  assert.equal(code.checkCharacters, 'ZAR2');
  const built = hrid.IdentityCode.fromFields('86', '0042', 'A3W0F5', '12345');
  assert.ok(code.equals(built));
  assert.ok(!code.equals(hrid.IdentityCode.parse('860042A3W0F50000000012346ET4W')));
});

test('suggest: tier A by default, tier B on request', () => {
  const typo = '860042A3W0F50000000012345ZARX';
  const [first] = hrid.suggest(typo);
  assert.equal(first.code, '860042A3W0F50000000012345ZAR2');
  assert.equal(first.tier, 'A');
  assert.deepEqual(first.changed_positions, [28]);
  const two = '860042A3W0F50000000012345ZAXX';
  assert.equal(hrid.suggest(two).length, 0);
  assert.ok(hrid.suggest(two, { twoErrors: true }).some((s) => s.tier === 'B'));
  assert.deepEqual(hrid.suggest('860042A3W0F50000000012345ZAR2'), []);
});
