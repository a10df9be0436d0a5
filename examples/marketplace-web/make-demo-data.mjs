// Writes the demo registry the marketplace page ships (demo/): a trust list signed by a demo root
// key, the root key as the page's trust anchor, and sample attestations, all from fixed seeds
// through the Node build of hrid, so the files are byte-for-byte reproducible (a node test checks
// that the committed files equal a fresh run).
//
// Usage: node examples/marketplace-web/make-demo-data.mjs [--check]
// The demo keys' seeds are derived from public labels: this registry proves nothing outside demos.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = process.env.HRID_PKG || join(here, '..', '..', 'bindings-wasm', 'pkg');
const hrid = await import(pathToFileURL(join(pkg, 'node', 'index.mjs')).href);

const DAY = 86_400;
const t = (iso) => Date.parse(iso) / 1000;
const key = (label) => hrid.SigningKey.fromSeed(createHash('sha256').update(`hrid demo key: ${label}`).digest());

const keys = {
  root: key('registry root'),
  registry: key('national registry'),
  acme: key('acme robotics'),
  dealer: key('beijing robot dealer'),
  recycler: key('shenzhen robot recycling'),
  stranger: key('not in the trust list'),
};
const participantKey = (k) => ({ public_key: k.verifyingKey.toHex(), valid_from: t('2026-01-01T00:00:00Z'), valid_until: t('2031-01-01T00:00:00Z') });

export const robots = {
  good: '860042A3W0F50000000012345ZAR2',
  scrapped: '860042A3W0F50000000012346ET4W',
};

export function demoFiles() {
  const list = {
    version: 1,
    issued_at: t('2026-01-01T00:00:00Z'),
    expires_at: t('2031-01-01T00:00:00Z'),
    roots: { threshold: 1, keys: [keys.root.verifyingKey.toHex()] },
    participants: [
      { id: 'national-registry', name: 'National Humanoid Robot Registry (demo)', roles: ['registry'], keys: [participantKey(keys.registry)] },
      { id: 'acme-robotics', name: 'ACME Robotics (demo)', roles: ['manufacturer'], scope: { manufacturers: ['0042'] }, keys: [participantKey(keys.acme)] },
      { id: 'beijing-robot-dealer', name: 'Beijing Robot Dealer (demo)', roles: ['dealer'], keys: [participantKey(keys.dealer)] },
      { id: 'shenzhen-robot-recycling', name: 'Shenzhen Robot Recycling (demo)', roles: ['recycler'], keys: [participantKey(keys.recycler)] },
    ],
    permissions: hrid.TrustList.defaultPermissions(),
  };
  const statement = (subject, time, issuer, event) => ({ subject, seq: 0, prev: null, time: t(time), issuer, event });
  const registered = hrid.signAttestation(
    statement(robots.good, '2026-03-15T09:30:00Z', 'national-registry', { type: 'registered' }), keys.registry);
  const scrapped = hrid.signAttestation(
    statement(robots.scrapped, '2026-10-01T14:00:00Z', 'shenzhen-robot-recycling', { type: 'scrapped' }), keys.recycler);
  const unknownSigner = hrid.signAttestation(
    statement(robots.good, '2026-03-15T09:30:00Z', 'national-registry', { type: 'registered' }), keys.stranger);
  // The registered robot's document, its subject swapped for another robot after signing.
  const env = JSON.parse(registered);
  const body = JSON.parse(Buffer.from(env.payload, 'base64').toString('utf8'));
  body.subject = robots.scrapped;
  env.payload = Buffer.from(JSON.stringify(body)).toString('base64');
  const tampered = JSON.stringify(env);

  const anchor = {
    description: 'The demo registry root key the marketplace page trusts (shipped with the page, never fetched from the network). Demo only: its seed is public.',
    keys: [keys.root.verifyingKey.toHex()],
    threshold: 1,
  };
  const samples = {
    description: 'Sample registry documents (DSSE attestation envelopes) for the demo page.',
    samples: [
      { id: 'registered', label: 'Registered robot', robot: robots.good, envelope: registered },
      { id: 'scrapped', label: 'Scrapped robot', robot: robots.scrapped, envelope: scrapped },
      { id: 'tampered', label: 'Tampered document', robot: robots.scrapped, envelope: tampered },
      { id: 'unknown-signer', label: 'Unknown signer', robot: robots.good, envelope: unknownSigner },
    ],
  };
  return {
    'trust-list.json': hrid.TrustList.sign(list, keys.root) + '\n',
    'anchor.json': JSON.stringify(anchor, null, 2) + '\n',
    'samples.json': JSON.stringify(samples, null, 2) + '\n',
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = join(here, 'demo');
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [name, text] of Object.entries(demoFiles())) {
    const path = join(dir, name);
    if (check) {
      let old = '';
      try { old = readFileSync(path, 'utf8'); } catch { /* missing */ }
      if (old !== text) { console.error(`stale: ${path}`); stale += 1; }
    } else {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path, text);
      console.log(`wrote ${path}`);
    }
  }
  process.exit(stale ? 1 : 0);
}
