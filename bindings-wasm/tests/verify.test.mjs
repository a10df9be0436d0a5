// Trust lists and the Verifier through the JS API: verdicts and reason codes, never messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { codesOf, hrid } from './helpers.mjs';
import { CODE, DAY, T0, YEAR, anchor, keys, listContents, statement, verifiedList } from './fixtures.mjs';

test('TrustList.verify: accepted list, its properties and contents', () => {
  const envelope = hrid.TrustList.sign(listContents(), keys.root);
  const list = hrid.TrustList.verify(envelope, anchor(), 1, 0, new Date((T0 + DAY) * 1000));
  assert.equal(list.version, 1);
  assert.ok(list.issuedAt instanceof Date);
  assert.equal(list.issuedAt.getTime(), T0 * 1000);
  assert.equal(list.expiresAt.getTime(), (T0 + YEAR) * 1000);
  assert.match(list.statementHash, /^[0-9a-f]{64}$/);
  assert.deepEqual(list.warnings, []);
  assert.deepEqual(list.toJSON(), listContents());
  // Bytes work as well as text; numbers as well as Dates.
  const again = hrid.TrustList.verify(new TextEncoder().encode(envelope), anchor(), 1, 0, T0 + DAY);
  assert.equal(again.statementHash, list.statementHash);
});

test('TrustList.verify: every refusal is a TrustListError with its reason code', () => {
  const envelope = hrid.TrustList.sign(listContents(), keys.root);
  const refuse = (code, fn) =>
    assert.throws(fn, (e) => e instanceof Error && e.name === 'TrustListError' && e.code === code, code);
  refuse('trust_list.threshold_not_met', () =>
    hrid.TrustList.verify(envelope, [keys.stranger.verifyingKey.toHex()], 1, 0, T0 + DAY));
  refuse('trust_list.threshold_not_met', () =>
    hrid.TrustList.verify(envelope, [...anchor(), keys.root2.verifyingKey.toHex()], 2, 0, T0 + DAY));
  refuse('trust_list.anchor_invalid', () => hrid.TrustList.verify(envelope, anchor(), 0, 0, T0 + DAY));
  refuse('trust_list.anchor_invalid', () => hrid.TrustList.verify(envelope, [], 1, 0, T0 + DAY));
  refuse('trust_list.rollback', () => hrid.TrustList.verify(envelope, anchor(), 1, 2, T0 + DAY));
  refuse('trust_list.not_yet_valid', () => hrid.TrustList.verify(envelope, anchor(), 1, 0, T0 - DAY));
  refuse('trust_list.expired', () => hrid.TrustList.verify(envelope, anchor(), 1, 0, T0 + 2 * YEAR));
  refuse('envelope.malformed', () => hrid.TrustList.verify('{}', anchor(), 1, 0, T0 + DAY));
  refuse('envelope.duplicate_key', () =>
    hrid.TrustList.verify('{"payload":"","payload":""}', anchor(), 1, 0, T0 + DAY));
  const attestation = hrid.signAttestation(statement(), keys.maker);
  refuse('envelope.payload_type_unexpected', () => hrid.TrustList.verify(attestation, anchor(), 1, 0, T0 + DAY));
  refuse('trust_list.invalid', () => hrid.TrustList.sign(listContents({ version: 0 }), keys.root));
  refuse('trust_list.malformed', () => hrid.TrustList.sign({ version: 1 }, keys.root));
  assert.throws(() => hrid.TrustList.verify(envelope, ['zz'], 1, 0, T0 + DAY), { name: 'KeyError', code: 'key.malformed' });
  // Within the grace period: accepted with a warning.
  const late = hrid.TrustList.verify(envelope, anchor(), 1, 0, T0 + YEAR + DAY);
  assert.deepEqual(codesOf(late.warnings), ['trust_list.expired_grace']);
});

test('TrustList.verifyUpdate: the next version only, signed by the previous roots', () => {
  const v1 = verifiedList();
  const v2 = v1.verifyUpdate(hrid.TrustList.sign(listContents({ version: 2 }), keys.root), T0 + DAY);
  assert.equal(v2.version, 2);
  assert.throws(() => v2.verifyUpdate(hrid.TrustList.sign(listContents({ version: 4 }), keys.root), T0 + DAY),
    { name: 'TrustListError', code: 'trust_list.version_skipped' });
  assert.throws(() => v2.verifyUpdate(hrid.TrustList.sign(listContents({ version: 2 }), keys.root), T0 + DAY),
    { name: 'TrustListError', code: 'trust_list.rollback' });
});

test('Verifier: an accepted attestation and its report', () => {
  const verifier = new hrid.Verifier(verifiedList());
  const envelope = hrid.signAttestation(statement(), keys.maker);
  const report = verifier.verify(envelope, new Date((T0 + 2 * DAY) * 1000));
  assert.equal(report.verdict, 'accepted');
  assert.deepEqual(report.failures, []);
  assert.deepEqual(report.warnings, []);
  assert.deepEqual(codesOf(report.passed), [
    'trust_list.current', 'envelope.well_formed', 'signature.valid', 'statement.well_formed',
    'signer.known', 'key.valid', 'role.permitted', 'scope.within', 'time.not_in_future',
  ]);
  assert.deepEqual(report.statement.statement, { ...statement(), time: T0 + DAY });
  assert.equal(report.statement.participant, 'acme');
  assert.equal(report.statement.key_id, keys.maker.keyId);
  assert.match(report.statement.statement_hash, /^[0-9a-f]{64}$/);
  for (const f of report.passed) {
    assert.equal(typeof f.detail, 'string');
    assert.equal(typeof f.evidence, 'object');
    assert.ok(f.subject === null || f.subject === CODE);
  }
  // The same verdict for the time as a number, and for the envelope as bytes.
  assert.deepEqual(verifier.verify(new TextEncoder().encode(envelope), T0 + 2 * DAY), report);
  // A Date in the statement signs the same bytes as unix seconds.
  assert.equal(hrid.signAttestation(statement({ time: new Date((T0 + DAY) * 1000) }), keys.maker), envelope);
  assert.equal(verifier.trustList.version, 1);
});

test('Verifier: rejections and indeterminate verdicts carry the core reason codes', () => {
  const verifier = new hrid.Verifier(verifiedList());
  const at = T0 + 2 * DAY;
  const verdict = (envelope, when = at) => {
    const r = verifier.verify(envelope, when);
    return [r.verdict, ...codesOf(r.failures), ...codesOf(r.warnings)];
  };
  // The manufacturer may not attest a scrapping; the recycler may.
  assert.deepEqual(verdict(hrid.signAttestation(statement({ event: { type: 'scrapped' } }), keys.maker)),
    ['rejected', 'role.not_permitted']);
  assert.deepEqual(verdict(hrid.signAttestation(statement({ issuer: 'green-recycling', event: { type: 'scrapped' } }), keys.recycler)),
    ['accepted']);
  // Another manufacturer's robot: out of scope.
  assert.deepEqual(verdict(hrid.signAttestation(statement({ subject: hrid.IdentityCode.fromFields('86', '0043', 'A3W0F5', '1').toString() }), keys.maker)),
    ['rejected', 'scope.outside']);
  // Dated in the future.
  assert.deepEqual(verdict(hrid.signAttestation(statement({ time: at + DAY }), keys.maker)), ['rejected', 'time.in_future']);
  // Named issuer is not the signer.
  assert.deepEqual(verdict(hrid.signAttestation(statement({ issuer: 'green-recycling' }), keys.maker)),
    ['rejected', 'signer.issuer_mismatch']);
  // Unknown signer: indeterminate.
  assert.deepEqual(verdict(hrid.signAttestation(statement(), keys.stranger)), ['indeterminate', 'signer.unknown']);
  // Tampered payload: the signature fails and nothing of the payload is evaluated.
  const env = JSON.parse(hrid.signAttestation(statement(), keys.maker));
  const tampered = JSON.parse(Buffer.from(env.payload, 'base64').toString());
  tampered.event.to = 'someone-else';
  env.payload = Buffer.from(JSON.stringify(tampered)).toString('base64');
  const r = verifier.verify(JSON.stringify(env), at);
  assert.equal(r.verdict, 'rejected');
  assert.deepEqual(codesOf(r.failures), ['signature.invalid']);
  assert.ok(!codesOf(r.passed).includes('statement.well_formed'));
  assert.equal(r.statement, null);
  // A trust list is not an attestation.
  assert.deepEqual(verdict(hrid.TrustList.sign(listContents(), keys.root)), ['rejected', 'envelope.payload_type_unexpected']);
  // Expired trust list beyond the grace period: indeterminate.
  assert.deepEqual(verdict(hrid.signAttestation(statement(), keys.maker), T0 + 2 * YEAR)[0], 'indeterminate');
  // Options: a tiny envelope limit.
  const strict = new hrid.Verifier(verifiedList(), { limits: { maxEnvelopeBytes: 100 } });
  assert.deepEqual(codesOf(strict.verify(hrid.signAttestation(statement(), keys.maker), at).failures), ['envelope.too_large']);
});

test('signAttestation: statement errors are typed', () => {
  assert.throws(() => hrid.signAttestation(statement({ subject: CODE.replace('ZAR2', 'ZARX') }), keys.maker),
    { name: 'InvalidCodeError', code: 'code.check_failed', position: 28 });
  assert.throws(() => hrid.signAttestation(statement({ prev: 'abc' }), keys.maker),
    { name: 'StatementError', code: 'statement.field_invalid' });
  assert.throws(() => hrid.signAttestation(statement({ event: { type: 'teleported' } }), keys.maker),
    { name: 'StatementError', code: 'statement.malformed' });
  assert.throws(() => hrid.signAttestation(statement({ extra: 1 }), keys.maker),
    { name: 'StatementError', code: 'statement.malformed' });
  assert.throws(() => hrid.signAttestation(statement({ time: 'yesterday' }), keys.maker), TypeError);
  assert.throws(() => hrid.signAttestation('{}', keys.maker), TypeError);
});
