// Error paths of histories, passports, recalls, access decisions and audits: a bad document is a
// verdict (data), a bad argument a TypeError/RangeError, a bad passport text given to
// parsePassport/signPassport a PassportError with its reason code; hostile input never traps the
// WebAssembly instance (a trap shows as a RuntimeError "unreachable" and poisons the module).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { hrid } from './helpers.mjs';
import { CODE, DAY, T0, YEAR, anchor, keys, listContents, seed } from './fixtures.mjs';

const registryKey = hrid.SigningKey.fromSeed(seed(9));
const OTHER = hrid.IdentityCode.fromFields('86', '0042', 'A3W0F5', '12346').toString();

/** A verifier whose trust list has a registry participant (registryKey). */
function verifier() {
  const contents = listContents();
  contents.participants.push({
    id: 'registry',
    name: 'Registry',
    roles: ['registry'],
    keys: [{ public_key: registryKey.verifyingKey.toHex(), valid_from: T0, valid_until: T0 + 5 * YEAR }],
  });
  const list = hrid.TrustList.verify(hrid.TrustList.sign(contents, keys.root), anchor(), 1, 0, T0 + DAY);
  return new hrid.Verifier(list);
}

const passportInput = (overrides = {}) => ({
  subject: CODE,
  status: 'active',
  head: { seq: 3, hashPrefix: 'ab'.repeat(16) },
  issuedAt: new Date((T0 + DAY) * 1000),
  expiresAt: T0 + 31 * DAY,
  ...overrides,
});

function stillHealthy() {
  assert.ok(hrid.isValid(CODE));
  assert.equal(hrid.parsePassport(hrid.signPassport(passportInput(), registryKey)).subject, CODE);
}

test('signPassport, parsePassport and verifyPassport round-trip', () => {
  const v = verifier();
  const text = hrid.signPassport(passportInput(), registryKey);
  assert.equal(text.length, 192);
  assert.match(text, /^HP1:[0-9A-Z]+$/);
  assert.deepEqual(hrid.parsePassport(text), {
    subject: CODE,
    status: 'active',
    head_seq: 3,
    head_hash_prefix: 'ab'.repeat(16),
    issued_at: T0 + DAY,
    expires_at: T0 + 31 * DAY,
    key_hint: hrid.parsePassport(text).key_hint,
  });
  assert.match(hrid.parsePassport(text).key_hint, /^[0-9a-f]{8}$/);
  const r = v.verifyPassport(text, T0 + 2 * DAY, { expectedSubject: CODE });
  assert.equal(r.verdict, 'accepted', JSON.stringify(r.failures));
  assert.equal(r.passport.participant, 'registry');
  assert.equal(r.passport.key_id, registryKey.keyId);
  // No history head.
  const bare = hrid.signPassport(passportInput({ head: null, status: 'scrapped' }), registryKey);
  assert.equal(hrid.parsePassport(bare).head_seq, null);
  assert.equal(v.verifyPassport(bare, T0 + 2 * DAY).passport.status, 'scrapped');
  // Another robot, a stale and an expired passport, a clock set back: verdicts, not exceptions.
  assert.deepEqual(v.verifyPassport(text, T0 + 2 * DAY, { expectedSubject: OTHER }).failures.map((f) => f.code),
    ['passport.subject_mismatch']);
  assert.ok(v.verifyPassport(text, T0 + 33 * DAY).warnings.some((f) => f.code === 'passport.stale'));
  assert.equal(v.verifyPassport(text, T0 + 40 * DAY).verdict, 'rejected');
  assert.equal(v.verifyPassport(text, T0 + 40 * DAY, { graceSecs: 20 * DAY }).verdict, 'accepted');
  const setBack = v.verifyPassport(text, T0 + 2 * DAY, { newestSeen: new Date((T0 + 60 * DAY) * 1000) });
  assert.ok(setBack.failures.concat(setBack.warnings).some((f) => f.code === 'passport.clock_set_back'),
    JSON.stringify(setBack));
  // A passport signed by a key that is not a registry's: unknown signer.
  const forged = hrid.signPassport(passportInput(), keys.maker);
  assert.deepEqual(v.verifyPassport(forged, T0 + 2 * DAY).failures.map((f) => f.code), ['signer.unknown']);
});

test('PassportError: name, code; malformed texts are verdicts in verifyPassport', () => {
  const v = verifier();
  const good = hrid.signPassport(passportInput(), registryKey);
  const cases = [
    ['', 'passport.malformed'],
    ['HP1:', 'passport.malformed'],
    ['HP2:' + good.slice(4), 'passport.malformed'],
    [good.slice(0, -1), 'passport.malformed'],
    [good + 'A', 'passport.malformed'],
    [good.toLowerCase().replace('hp1:', 'HP1:'), null], // base32 is case-insensitive or malformed: either is fine
    ['HP1:' + 'U'.repeat(188), 'passport.malformed'],
    ['HP1:' + '\u00e9'.repeat(188), 'passport.malformed'],
    ['HP1:' + '0'.repeat(188), null],
    ['x'.repeat(100_000), 'passport.malformed'],
  ];
  for (const [text, code] of cases) {
    let thrown = null;
    try {
      hrid.parsePassport(text);
    } catch (e) {
      thrown = e;
    }
    if (thrown !== null) {
      assert.ok(thrown instanceof Error, text.slice(0, 20));
      assert.equal(thrown.name, 'PassportError');
      assert.match(thrown.code, /^passport\.(malformed|version_unknown|field_invalid)$/);
      if (code) assert.equal(thrown.code, code, text.slice(0, 20));
      assert.ok(String(thrown).startsWith('PassportError: '));
    } else {
      assert.equal(code, null, `${text.slice(0, 20)} parsed`);
    }
    const r = v.verifyPassport(text, T0 + 2 * DAY);
    assert.notEqual(r.verdict, 'accepted');
    if (thrown !== null) assert.ok(r.failures.some((f) => f.code === thrown.code), JSON.stringify(r.failures));
  }
  assert.throws(() => hrid.parsePassport(42), TypeError);
  assert.throws(() => hrid.parsePassport(undefined), TypeError);
  stillHealthy();
});

test('every one-character change of a passport: an error or a verdict, never a trap', () => {
  const v = verifier();
  const good = hrid.signPassport(passportInput(), registryKey);
  let accepted = 0;
  for (let i = 0; i < good.length; i += 1) {
    for (const c of ['0', 'Z', 'U', ':', '-']) {
      if (good[i] === c) continue;
      const text = good.slice(0, i) + c + good.slice(i + 1);
      try {
        hrid.parsePassport(text);
      } catch (e) {
        assert.equal(e.name, 'PassportError', `${i}${c}: ${e}`);
      }
      const r = v.verifyPassport(text, T0 + 2 * DAY);
      if (r.verdict === 'accepted') accepted += 1;
    }
  }
  // A changed character changes signed bits or breaks the text (base32 slack bits aside).
  assert.ok(accepted <= 2, `${accepted} altered passports accepted`);
  stillHealthy();
});

test('signPassport refuses what the frame cannot hold', () => {
  assert.throws(() => hrid.signPassport(passportInput({ status: 'stolen' }), registryKey), RangeError);
  assert.throws(() => hrid.signPassport(passportInput({ subject: 'not a code' }), registryKey),
    { name: 'InvalidCodeError', code: 'code.wrong_length' });
  assert.throws(() => hrid.signPassport(passportInput({ head: { seq: 1, hashPrefix: 'zz' } }), registryKey),
    { name: 'PassportError', code: 'passport.field_invalid' });
  assert.throws(() => hrid.signPassport(passportInput({ head: { seq: 1, hashPrefix: '+f'.repeat(16) } }), registryKey),
    { name: 'PassportError', code: 'passport.field_invalid' });
  assert.throws(() => hrid.signPassport(passportInput({ expiresAt: T0 }), registryKey),
    { name: 'PassportError', code: 'passport.field_invalid' });
  assert.throws(() => hrid.signPassport(passportInput({ issuedAt: -1 }), registryKey),
    { name: 'PassportError', code: 'passport.field_invalid' });
  assert.throws(() => hrid.signPassport(passportInput({ head: { seq: 2 ** 32, hashPrefix: 'ab'.repeat(16) } }), registryKey), RangeError);
  assert.throws(() => hrid.signPassport(passportInput({ issuedAt: 'yesterday' }), registryKey), TypeError);
  assert.throws(() => hrid.signPassport('HP1:', registryKey), TypeError);
  stillHealthy();
});

test('histories, recalls and audits: bad documents are verdicts, bad arguments TypeErrors', () => {
  const v = verifier();
  for (const doc of ['', '{', '[]', '{"subject":"x"}', 'null', '\u0000'.repeat(10), '{"a":'.repeat(10_000)]) {
    const r = v.verifyHistory(doc, T0);
    assert.equal(r.verdict, 'rejected', doc.slice(0, 20));
    assert.ok(r.failures.length > 0);
    assert.equal(r.health, null);
    const rr = v.verifyRecall(doc, T0);
    assert.notEqual(rr.verdict, 'accepted');
    assert.equal(rr.recall, null);
  }
  assert.throws(() => v.verifyHistory(12, T0), TypeError);
  assert.throws(() => v.verifyHistory('{}', 'now'), TypeError);
  assert.throws(() => v.verifyHistory('{}', T0, { batch: 'yes' }), TypeError);
  assert.throws(() => v.verifyHistories('{}', T0), TypeError);
  assert.throws(() => v.verifyHistories([{}], T0), TypeError);
  assert.throws(() => v.verifyMany([1], T0), TypeError);
  assert.throws(() => v.verifyRecall(null, T0), TypeError);
  assert.throws(() => v.audit([['a']], T0), TypeError);
  assert.throws(() => v.audit([{ name: 1, bundle: '{}' }], T0), TypeError);
  assert.throws(() => v.audit('bundles', T0), TypeError);
  assert.throws(() => v.audit([7], T0), TypeError);
  const a = v.audit([], T0);
  assert.equal(a.robots.length, 0);
  assert.equal(v.audit({ one: '{' }, T0).robots[0].report.verdict, 'rejected');
  assert.deepEqual(v.verifyHistories([], T0), []);
  assert.deepEqual(v.verifyMany([], T0), []);
  stillHealthy();
});

test('decideAccess: decisions are data; an unknown policy is a RangeError', () => {
  const v = verifier();
  const passport = hrid.signPassport(passportInput(), registryKey);
  const at = T0 + 2 * DAY;
  const allowed = v.decideAccess(CODE, 'listing', at, { passport });
  assert.equal(allowed.decision, 'allowed', JSON.stringify(allowed.failures));
  assert.deepEqual(allowed.passed.map((f) => f.code), ['access.allowed']);
  assert.equal(allowed.status, 'active');
  assert.equal(allowed.passport.subject, CODE);
  const none = v.decideAccess(CODE, 'sale', at);
  assert.equal(none.decision, 'denied');
  assert.deepEqual(none.failures.map((f) => f.code), ['access.no_evidence']);
  assert.deepEqual(v.decideAccess(CODE, 'sale', at, { passport: null, history: null }).failures.map((f) => f.code),
    ['access.no_evidence']);
  assert.deepEqual(v.decideAccess('', 'sale', at, { passport }).failures.map((f) => f.code), ['access.code_invalid']);
  assert.ok(v.decideAccess(OTHER, 'sale', at, { passport }).failures.some((f) => f.code === 'access.evidence_other_subject'));
  const garbled = v.decideAccess(CODE, 'sale', at, { passport: 'HP1:XYZ' });
  // Nothing verified is the registry's word either: stale as well as unverifiable.
  assert.deepEqual(garbled.failures.map((f) => f.code).sort(),
    ['access.evidence_stale', 'access.evidence_unverifiable', 'passport.malformed']);
  for (const [status, code] of [['scrapped', 'access.scrapped'], ['dismantled', 'access.scrapped'],
    ['suspended', 'access.suspended'], ['decommissioned', 'access.decommissioned'],
    ['unregistered', 'access.not_registered'], ['recalled_open', 'access.recall_open']]) {
    const text = hrid.signPassport(passportInput({ status }), registryKey);
    const d = v.decideAccess(CODE, 'sale', at, { passport: text });
    assert.equal(d.decision, 'denied', status);
    assert.equal(d.status, status);
    assert.ok(d.failures.some((f) => f.code === code), `${status}: ${JSON.stringify(d.failures)}`);
  }
  // Marketplaces refuse listings of recalled robots: a listing is refused as a sale is.
  const recalled = hrid.signPassport(passportInput({ status: 'recalled_open' }), registryKey);
  const listing = v.decideAccess(CODE, 'listing', at, { passport: recalled });
  assert.equal(listing.decision, 'denied');
  assert.ok(listing.failures.some((f) => f.code === 'access.recall_open'), JSON.stringify(listing.failures));
  assert.throws(() => v.decideAccess(CODE, 'export', at), RangeError);
  assert.throws(() => v.decideAccess(CODE, 'sale', at, { passport: 42 }), TypeError);
  assert.throws(() => v.decideAccess(CODE, 'sale', at, { history: 42 }), TypeError);
  assert.throws(() => v.decideAccess(CODE, 'sale', at, 'evidence'), TypeError);
  assert.throws(() => v.decideAccess(CODE, 'sale', 'now'), TypeError);
  assert.throws(() => v.verifyPassport(passport, at, { expectedSubject: 'not a code' }),
    { name: 'InvalidCodeError', code: 'code.wrong_length' });
  assert.throws(() => v.verifyPassport(passport, at, { newestSeen: 'yesterday' }), TypeError);
  assert.throws(() => v.verifyPassport(passport, at, { graceSecs: -1 }), RangeError);
  stillHealthy();
});
