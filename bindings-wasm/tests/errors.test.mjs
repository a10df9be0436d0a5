// Error paths: every refusal is a real Error with a name and a reason code; hostile input never
// traps the WebAssembly instance (a trap would show as a RuntimeError and poison the module).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { hrid } from './helpers.mjs';
import { DAY, T0, keys, statement, verifiedList } from './fixtures.mjs';

const VALID = '860042A3W0F50000000012345ZAR2';

function stillHealthy() {
  assert.ok(hrid.isValid(VALID));
  assert.equal(hrid.checkCode(VALID).valid, true);
}

test('InvalidCodeError: name, code, position, suggestions', () => {
  const cases = [
    ['', 'code.empty', null],
    ['--  -', 'code.empty', null],
    ['860042', 'code.wrong_length', null],
    ['86-0042-A3W0F5-000000001234U-ZAR2', 'code.invalid_character', 27],
    ['860042A3W0F50000000012345ZARX', 'code.check_failed', 28],
  ];
  for (const [input, code, position] of cases) {
    for (const fn of [hrid.validateCode, hrid.format, (t) => new hrid.IdentityCode(t), hrid.IdentityCode.parse]) {
      assert.throws(() => fn(input), (e) => {
        assert.ok(e instanceof Error);
        assert.equal(e.name, 'InvalidCodeError');
        assert.equal(e.code, code, input);
        assert.equal(e.position, position, input);
        assert.ok(Array.isArray(e.suggestions));
        assert.ok(e.message.length > 0 && !e.message.endsWith('.'));
        assert.ok(String(e).startsWith('InvalidCodeError: '));
        return true;
      });
    }
  }
  const e = (() => { try { hrid.validateCode('860042A3W0F50000000012345ZARX'); } catch (x) { return x; } })();
  assert.equal(e.suggestions[0].code, VALID);
  // compact checks the shape only.
  assert.equal(hrid.compact('860042A3W0F50000000012345ZARX'), '860042A3W0F50000000012345ZARX');
  assert.throws(() => hrid.compact('86?'), { name: 'InvalidCodeError', code: 'code.invalid_character', position: 2 });
  assert.throws(() => hrid.IdentityCode.fromFields('86', '004', 'A3W0F5', '1'),
    { name: 'InvalidCodeError', code: 'code.field_invalid', position: null });
});

test('KeyError and SignatureError', () => {
  assert.throws(() => hrid.VerifyingKey.fromHex('zz'), { name: 'KeyError', code: 'key.malformed' });
  assert.throws(() => hrid.VerifyingKey.fromHex('00'.repeat(31)), { name: 'KeyError', code: 'key.wrong_length' });
  // The identity point: small order, a weak key.
  assert.throws(() => hrid.VerifyingKey.fromHex('01' + '00'.repeat(31)), { name: 'KeyError', code: 'key.weak' });
  assert.throws(() => hrid.VerifyingKey.fromPem('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n'),
    { name: 'KeyError', code: 'key.malformed' });
  assert.throws(() => hrid.SigningKey.fromSeed(new Uint8Array(31)), { name: 'KeyError', code: 'key.wrong_length' });
  assert.throws(() => hrid.SigningKey.fromHex('nothex'), { name: 'KeyError', code: 'key.malformed' });
  const pub = keys.maker.verifyingKey;
  const sig = keys.maker.sign('hello');
  assert.ok(pub.verify('hello', sig));
  assert.ok(pub.verify(new TextEncoder().encode('hello'), sig));
  assert.ok(!pub.verify('hello!', sig));
  assert.ok(!pub.verify('hello', sig.subarray(0, 63)));
  assert.throws(() => pub.checkSignature('hello', sig.subarray(0, 63)), { name: 'SignatureError', code: 'signature.malformed' });
  assert.throws(() => pub.checkSignature('hello!', sig), { name: 'SignatureError', code: 'signature.invalid' });
  assert.equal(pub.keyId, keys.maker.keyId);
  assert.match(pub.keyId, /^[0-9A-HJKMNP-TV-Z]{16}$/);
  assert.ok(hrid.VerifyingKey.fromBytes(pub.toBytes()).equals(pub));
});

test('wrong argument types are TypeError or RangeError, never a trap', () => {
  const verifier = new hrid.Verifier(verifiedList());
  const env = hrid.signAttestation(statement(), keys.maker);
  assert.throws(() => verifier.verify(env, 'now'), TypeError);
  assert.throws(() => verifier.verify(env, Number.NaN), RangeError);
  assert.throws(() => verifier.verify(env, new Date('not a date')), RangeError);
  assert.throws(() => verifier.verify(env, 1e300), RangeError);
  assert.throws(() => verifier.verify({ payload: 'x' }, T0), TypeError);
  assert.throws(() => verifier.verify(42, T0), TypeError);
  assert.throws(() => verifier.verify(undefined, T0), TypeError);
  assert.throws(() => keys.maker.verifyingKey.verify('m', 'not bytes'), TypeError);
  assert.throws(() => hrid.checkCode(VALID, { twoErrors: 'yes' }), TypeError);
  assert.throws(() => hrid.checkCode(VALID, 5), TypeError);
  assert.throws(() => new hrid.Verifier(verifiedList(), { clockSkewSecs: -1 }), RangeError);
  assert.throws(() => new hrid.Verifier(verifiedList(), { limits: { maxDepth: 1.5 } }), RangeError);
  assert.throws(() => hrid.TrustList.verify(env, [], -1, 0, T0), RangeError);
  // Options may be absent or null.
  assert.equal(hrid.checkCode(VALID, null).valid, true);
  assert.equal(hrid.checkCode(VALID, undefined).valid, true);
  stillHealthy();
});

test('hostile text never traps: huge, unicode, control characters, lone surrogates', () => {
  const inputs = [
    'x'.repeat(1 << 20),
    '8'.repeat(1 << 20),
    '-'.repeat(100_000),
    '\u0000'.repeat(1000),
    '\uD800\uDC00\uD800',
    '８６0042A3W0F50000000012345ZAR2',
    '860042A3W0F50000000012345ZAR2'.repeat(10_000),
    '🤖'.repeat(50_000),
    'ﻣﺮﺣﺒﺎ 860042A3W0F50000000012345ZARX ‮',
    Array.from({ length: 5000 }, (_, i) => `860042A3W0F5${String(i).padStart(13, '0')}ZAR2`).join(' '),
  ];
  for (const text of inputs) {
    for (const fn of [
      () => hrid.checkCode(text),
      () => hrid.checkCode(text, { twoErrors: true }),
      () => hrid.checkCode(text, { structureOnly: true }),
      () => hrid.isValid(text),
      () => hrid.suggest(text, { twoErrors: true }),
      () => hrid.findCodes(text),
    ]) {
      fn();
    }
    assert.throws(() => hrid.validateCode(text), { name: 'InvalidCodeError' });
  }
  const found = hrid.findCodes(inputs.at(-1));
  assert.ok(found.found.length + found.near_misses.length > 0);
  stillHealthy();
});

test('hostile envelopes never trap: each gets a report with a reason code', () => {
  const verifier = new hrid.Verifier(verifiedList());
  const at = T0 + DAY;
  const good = JSON.parse(hrid.signAttestation(statement(), keys.maker));
  const cases = [
    ['', 'envelope.malformed'],
    ['{', 'envelope.malformed'],
    ['null', 'envelope.malformed'],
    ['[]', 'envelope.malformed'],
    ['['.repeat(33) + ']'.repeat(33), 'envelope.too_deep'],
    ['['.repeat(30_000) + ']'.repeat(30_000), 'envelope.too_deep'],
    ['{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000), 'envelope.too_deep'],
    ['['.repeat(100_000) + ']'.repeat(100_000), 'envelope.too_large'],
    [' '.repeat(70_000), 'envelope.too_large'],
    [JSON.stringify({ ...good, payloadType: 'text/plain' }), 'envelope.payload_type_unknown'],
    [JSON.stringify({ ...good, signatures: [] }), 'envelope.no_signatures'],
    [JSON.stringify({ ...good, signatures: Array(17).fill(good.signatures[0]) }), 'envelope.too_many_signatures'],
    [JSON.stringify({ ...good, payload: good.payload.replace(/=*$/, '') + '!' }), 'envelope.bad_encoding'],
    [JSON.stringify({ ...good, signatures: [{ ...good.signatures[0], sig: 'AAAA' }] }), 'signature.malformed'],
    [JSON.stringify({ ...good, extra: 1 }), 'envelope.malformed'],
    ['{"payloadType":"a","payloadType":"b","payload":"","signatures":[]}', 'envelope.duplicate_key'],
    [new Uint8Array([0xff, 0xfe, 0x00, 0x7b]), 'envelope.malformed'],
    [new Uint8Array(0), 'envelope.malformed'],
  ];
  for (const [input, code] of cases) {
    const r = verifier.verify(input, at);
    assert.equal(r.verdict, 'rejected', code);
    assert.deepEqual(r.failures.map((f) => f.code), [code], typeof input === 'string' ? input.slice(0, 60) : code);
    assert.equal(r.statement, null);
  }
  // Trust lists: same inputs, TrustListError each time.
  for (const [input] of cases) {
    assert.throws(() => hrid.TrustList.verify(input, [keys.root.verifyingKey.toHex()], 1, 0, at),
      (e) => e instanceof Error && e.name === 'TrustListError' && typeof e.code === 'string');
  }
  stillHealthy();
});
