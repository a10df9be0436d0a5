// Strict Ed25519 in the JS binding, held to the same third-party vectors as
// core/tests/ed25519_external.rs (see shared/vectors/README.md for provenance).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { hex, hrid, noSharedVectors, sharedVectorsDir } from './helpers.mjs';

const dir = sharedVectorsDir();
const skip = dir ? false : noSharedVectors();

/** Accept exactly when the key imports and the strict verification succeeds. */
function accepts(publicKey, message, signature) {
  let key;
  try {
    key = hrid.VerifyingKey.fromBytes(publicKey);
  } catch (e) {
    assert.equal(e.name, 'KeyError');
    assert.match(e.code, /^key\./);
    return false;
  }
  try {
    const ok = key.verify(message, signature);
    // checkSignature agrees with verify, with a typed error.
    try {
      key.checkSignature(message, signature);
      assert.ok(ok);
    } catch (e) {
      assert.equal(e.name, 'SignatureError');
      assert.ok(['signature.invalid', 'signature.malformed'].includes(e.code));
      assert.ok(!ok);
    }
    return ok;
  } finally {
    key.free();
  }
}

test('Wycheproof ed25519_test.json: 151 of 151 agree', { skip }, () => {
  const doc = JSON.parse(readFileSync(join(dir, 'wycheproof', 'ed25519_test.json'), 'utf8'));
  let casesRun = 0;
  const disagreements = [];
  for (const group of doc.testGroups) {
    const pk = hex.decode(group.publicKey.pk);
    for (const t of group.tests) {
      assert.ok(['valid', 'invalid'].includes(t.result), `tcId ${t.tcId}: ${t.result}`);
      if (accepts(pk, hex.decode(t.msg), hex.decode(t.sig)) !== (t.result === 'valid')) {
        disagreements.push(t.tcId);
      }
      casesRun += 1;
    }
  }
  assert.equal(casesRun, 151);
  assert.equal(casesRun, doc.numberOfTests);
  assert.deepEqual(disagreements, []);
  console.log(`wycheproof: ${casesRun} cases run`);
});

test('ed25519-speccheck: only case 3 is accepted', { skip }, () => {
  const cases = JSON.parse(readFileSync(join(dir, 'ed25519-speccheck', 'cases.json'), 'utf8'));
  assert.equal(cases.length, 12);
  const got = cases.map((c) => accepts(hex.decode(c.pub_key), hex.decode(c.message), hex.decode(c.signature)));
  assert.deepEqual(got, [false, false, false, true, false, false, false, false, false, false, false, false]);
});

test('djb sign.input: 1,024 lines sign identically and verify', { skip }, () => {
  const lines = readFileSync(join(dir, 'djb-ed25519', 'sign.input'), 'utf8').split('\n').filter(Boolean);
  let casesRun = 0;
  for (const [n, line] of lines.entries()) {
    const fields = line.split(':');
    assert.equal(fields.length, 5, `line ${n}`);
    const sk = hex.decode(fields[0]);
    const pk = fields[1];
    const msg = hex.decode(fields[2]);
    const sigMsg = fields[3];
    const key = hrid.SigningKey.fromSeed(sk.subarray(0, 32));
    const publicKey = key.verifyingKey;
    assert.equal(publicKey.toHex(), pk, `line ${n}`);
    const sig = key.sign(msg);
    assert.equal(hex.encode(sig), sigMsg.slice(0, 128), `line ${n}`);
    assert.ok(publicKey.verify(msg, sig), `line ${n}`);
    const other = new Uint8Array(msg.length + 1);
    other.set(msg);
    assert.ok(!publicKey.verify(other, sig), `line ${n}`);
    publicKey.free();
    key.free();
    casesRun += 1;
  }
  assert.equal(casesRun, 1024);
  console.log(`djb sign.input: ${casesRun} lines run`);
});

test('OpenSSL key files import (PEM)', { skip }, () => {
  const priv = hrid.SigningKey.fromPem(readFileSync(join(dir, 'djb-ed25519', 'ed25519-pkcs8.pem'), 'utf8'));
  const pubPem = readFileSync(join(dir, 'djb-ed25519', 'ed25519-pub.pem'), 'utf8');
  const pub = hrid.VerifyingKey.fromPem(pubPem);
  assert.ok(priv.verifyingKey.equals(pub));
  assert.equal(pub.toHex(), 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
  assert.equal(pub.toPem(), pubPem);
  assert.equal(priv.keyId, pub.keyId);
  assert.throws(() => hrid.VerifyingKey.fromPem(readFileSync(join(dir, 'djb-ed25519', 'ed25519-pkcs8.pem'), 'utf8')),
    { name: 'KeyError', code: 'key.malformed' });
});
