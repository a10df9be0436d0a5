// Benchmark (not a test): Ed25519 verification in one Node process through hrid (WebAssembly),
// @noble/ed25519 (pure JS), libsodium-wrappers (libsodium compiled to wasm) and node:crypto
// (OpenSSL, native), on the same messages and signatures; plus the whole attestation check and
// the size of the .wasm. Targets: >= 8x noble, no slower than libsodium.js, <= 120 KB gzip.
//
// Usage: node bindings-wasm/bench/bench.mjs [--seconds 3]   (HRID_PKG=dir to bench another build)
//        node bindings-wasm/bench/bench.mjs --inputs bench/out/inputs.json --json out.json [--quick]
// With --inputs (the shared inputs of bench/run.sh) the key, messages, attestation envelopes and
// codes are the ones every surface measures; --json writes the figures for bench/report.py.
import { createHash, createPublicKey, verify as nodeVerify } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import os from 'node:os';

import * as noble from '@noble/ed25519';
import sodium from 'libsodium-wrappers';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = process.env.HRID_PKG || join(here, '..', 'pkg');
const hrid = await import(pathToFileURL(join(pkg, 'node', 'index.mjs')).href);
await sodium.ready;
// noble's synchronous API needs a SHA-512: node's own.
noble.hashes.sha512 = (m) => new Uint8Array(createHash('sha512').update(m).digest());

const arg = (name) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : undefined; };
const QUICK = process.argv.includes('--quick');
const SECONDS = arg('--seconds') ? Number(arg('--seconds')) : (QUICK ? 0.3 : 3);
const inputsPath = arg('--inputs');
const shared = inputsPath ? JSON.parse(readFileSync(inputsPath, 'utf8')) : null;

// 64 messages of 100..1000 bytes (the size of an attestation's PAE), one key, signed once; or
// the shared inputs of bench/run.sh.
let publicKey;
let messages;
let signatures;
let signer;
if (shared) {
  publicKey = Buffer.from(shared.public_key, 'hex');
  messages = shared.messages.map((m) => Buffer.from(m.message, 'hex'));
  signatures = shared.messages.map((m) => Buffer.from(m.signature, 'hex'));
} else {
  signer = hrid.SigningKey.fromSeed(createHash('sha256').update('hrid bench key').digest());
  publicKey = signer.verifyingKey.toBytes();
  messages = Array.from({ length: 64 }, (_, i) => createHash('sha512').update(`m${i}`).digest()
    .toString('hex').repeat(8).slice(0, 100 + 14 * i)).map((t) => new TextEncoder().encode(t));
  signatures = messages.map((m) => signer.sign(m));
}
const hridKey = hrid.VerifyingKey.fromBytes(publicKey);
const nodeKey = createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), publicKey]), format: 'der', type: 'spki' });

/** Calls per second of fn(i) over about `seconds`. */
function slice(fn, seconds) {
  let n = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(seconds * 1e9));
  let now = start;
  while (now < end) {
    for (let k = 0; k < 4; k += 1) fn(n++ % messages.length);
    now = process.hrtime.bigint();
  }
  return n / (Number(now - start) / 1e9);
}

/**
 * Rates of several functions, measured interleaved (ROUNDS rounds, each giving every function a
 * short slice in turn) and reduced to the median: on a shared machine the load changes from
 * second to second, and interleaving exposes every contender to the same load.
 */
const ROUNDS = QUICK ? 3 : 15;
function rates(fns) {
  const names = Object.keys(fns);
  for (const name of names) slice(fns[name], 0.05); // warm-up (JIT, wasm tier-up)
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < ROUNDS; r += 1) {
    for (const name of names) samples[name].push(slice(fns[name], SECONDS / ROUNDS));
  }
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return Object.fromEntries(names.map((n) => [n, median(samples[n])]));
}
const rate = (fn) => rates({ fn }).fn;

const check = (name, ok) => { if (!ok) throw new Error(`${name} rejected a valid signature`); };
const contenders = {
  'hrid (wasm, strict)': (i) => check('hrid', hridKey.verify(messages[i], signatures[i])),
  '@noble/ed25519 (JS)': (i) => check('noble', noble.verify(signatures[i], messages[i], publicKey)),
  'libsodium-wrappers (wasm)': (i) => check('sodium', sodium.crypto_sign_verify_detached(signatures[i], messages[i], publicKey)),
  'node:crypto (OpenSSL)': (i) => check('node', nodeVerify(null, messages[i], nodeKey, signatures[i])),
};
// Every contender accepts every signature, and rejects a changed one.
for (const [name, fn] of Object.entries(contenders)) for (let i = 0; i < messages.length; i += 1) fn(i);
if (hridKey.verify(messages[1], signatures[0])) throw new Error('hrid accepted a wrong signature');

const verifyRates = rates(contenders);

// The whole check of one attestation (envelope parse, strict signature, statement, trust list
// rules) and the identity-code check, for scale.
const T0 = 1_767_225_600;
let verifier;
let envelopes;
let AT;
if (shared) {
  AT = shared.at;
  verifier = new hrid.Verifier(hrid.TrustList.verify(shared.trust_list, [shared.root_public_key], 1, 0, AT));
  envelopes = shared.envelopes;
} else {
  AT = T0 + 10;
  const root = hrid.SigningKey.fromSeed(createHash('sha256').update('bench root').digest());
  const list = hrid.TrustList.verify(hrid.TrustList.sign({
    version: 1, issued_at: T0, expires_at: T0 + 4e8, roots: { threshold: 1, keys: [root.verifyingKey.toHex()] },
    participants: [{ id: 'acme', name: 'ACME', roles: ['manufacturer'], scope: { manufacturers: ['0042'] },
      keys: [{ public_key: signer.verifyingKey.toHex(), valid_from: T0, valid_until: T0 + 4e8 }] }],
    permissions: hrid.TrustList.defaultPermissions(),
  }, root), [root.verifyingKey.toHex()], 1, 0, AT);
  verifier = new hrid.Verifier(list);
  envelopes = [hrid.signAttestation({ subject: '860042A3W0F50000000012345ZAR2', seq: 0, prev: null, time: T0 + 5,
    issuer: 'acme', event: { type: 'shipped', to: 'dealer-1' } }, signer)];
}
for (const e of envelopes) if (verifier.verify(e, AT).verdict !== 'accepted') throw new Error('bench attestation not accepted');
const codes = shared ? shared.codes : ['860042A3W0F50000000012345ZAR2', '860042A3W0F50000000012345ZARX'];
const extra = {
  'hrid Verifier.verify (whole attestation)': rate((i) => verifier.verify(envelopes[i % envelopes.length], AT)),
  'hrid isValid (shared codes)': rate((i) => hrid.isValid(codes[i % codes.length])),
  'hrid checkCode (valid)': rate(() => hrid.checkCode('860042A3W0F50000000012345ZAR2')),
  'hrid checkCode (typo, with suggestion)': rate(() => hrid.checkCode('860042A3W0F50000000012345ZARX')),
};

const wasm = readFileSync(join(pkg, 'web', 'hrid_bg.wasm'));
const gz = gzipSync(wasm, { level: 9 }).length;

const us = (r) => `${(1e6 / r).toFixed(1)} µs`;
const hr = verifyRates['hrid (wasm, strict)'];
console.log(`node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}, ${SECONDS} s per contender in ${ROUNDS} interleaved slices, median`);
console.log('\n| verifier | verifications/s | time per verify | hrid is |');
console.log('| --- | ---: | ---: | ---: |');
for (const [name, r] of Object.entries(verifyRates)) {
  const vs = name.startsWith('hrid') ? '' : `${(hr / r).toFixed(2)}x ${hr >= r ? 'faster' : 'slower'}`;
  console.log(`| ${name} | ${Math.round(r).toLocaleString('en-US')} | ${us(r)} | ${vs} |`);
}
console.log('\n| hrid operation | calls/s | time per call |');
console.log('| --- | ---: | ---: |');
for (const [name, r] of Object.entries(extra)) console.log(`| ${name} | ${Math.round(r).toLocaleString('en-US')} | ${us(r)} |`);
const targets = [
  ['>= 8x faster than @noble/ed25519', hr / verifyRates['@noble/ed25519 (JS)'] >= 8, `${(hr / verifyRates['@noble/ed25519 (JS)']).toFixed(1)}x`],
  ['no slower than libsodium.js', hr >= verifyRates['libsodium-wrappers (wasm)'], `${(hr / verifyRates['libsodium-wrappers (wasm)']).toFixed(2)}x`],
  ['<= 120 KB gzip', gz <= 120 * 1024, `${(gz / 1024).toFixed(1)} KiB`],
];
console.log(`\nhrid_bg.wasm: ${wasm.length.toLocaleString('en-US')} bytes raw, ${gz.toLocaleString('en-US')} bytes gzip -9`);
console.log('\n| target | measured | met |');
console.log('| --- | ---: | --- |');
for (const [name, ok, got] of targets) console.log(`| ${name} | ${got} | ${ok ? 'yes' : 'NO'} |`);

const jsonOut = arg('--json');
if (jsonOut) {
  const ns = (r) => 1e9 / r;
  const lock = JSON.parse(readFileSync(join(here, '..', 'package-lock.json'), 'utf8'));
  const ver = (name) => lock.packages?.[`node_modules/${name}`]?.version ?? null;
  writeFileSync(jsonOut, JSON.stringify({
    surface: 'node',
    versions: { node: process.version, hrid: hrid.version(), '@noble/ed25519': ver('@noble/ed25519'), 'libsodium-wrappers': ver('libsodium-wrappers') },
    repeats: ROUNDS,
    results: [
      { name: 'hrid_key_verify', ns_per_op: ns(verifyRates['hrid (wasm, strict)']), ops_per_run: messages.length },
      { name: 'noble_verify', ns_per_op: ns(verifyRates['@noble/ed25519 (JS)']), ops_per_run: messages.length },
      { name: 'libsodium_verify', ns_per_op: ns(verifyRates['libsodium-wrappers (wasm)']), ops_per_run: messages.length },
      { name: 'node_crypto_verify', ns_per_op: ns(verifyRates['node:crypto (OpenSSL)']), ops_per_run: messages.length },
      { name: 'attestation_verify', ns_per_op: ns(extra['hrid Verifier.verify (whole attestation)']), ops_per_run: envelopes.length },
      { name: 'code_is_valid', ns_per_op: ns(extra['hrid isValid (shared codes)']), ops_per_run: codes.length },
    ],
    sizes: { wasm_gzip_bytes: gz, wasm_raw_bytes: wasm.length },
  }, null, 1));
}
