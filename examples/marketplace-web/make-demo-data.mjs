// The demo registry of the marketplace page, from fixed seeds through the Node build of hrid.
//
// Written to demo/ (committed, byte-for-byte reproducible: a node test checks that the committed
// files equal a fresh run): a trust list signed by a demo root key, and the root key as the
// page's trust anchor.
//
// Issued live by server.mjs (short-lived by design, so never committed): the sample passports
// (HP1:... texts, as a QR label carries them; `demoSamples(now)`, issued at the start of the
// day, valid 30 days like real ones: a passport may not be valid for more than 90) and the
// registry's status feed (`demoStatusFeed(now)`, issued at the start of the hour, valid a day),
// both signed by the demo registry. The page and the server verify the feed and pass it to every
// access decision: a listing needs the registry's word of the last 7 days.
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
  recalled: hrid.IdentityCode.fromFields('86', '0042', 'A3W0F5', '12347').toString(),
  suspended: hrid.IdentityCode.fromFields('86', '0042', 'A3W0F5', '12348').toString(),
};

const HOUR = 3_600;
const seconds = (now) => Math.floor(now.getTime() / 1000);

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
  const anchor = {
    description: 'The demo registry root key the marketplace page trusts (shipped with the page, never fetched from the network). Demo only: its seed is public.',
    keys: [keys.root.verifyingKey.toHex()],
    threshold: 1,
  };
  return {
    'trust-list.json': hrid.TrustList.sign(list, keys.root) + '\n',
    'anchor.json': JSON.stringify(anchor, null, 2) + '\n',
  };
}

/**
 * The sample passports at `now` (a Date): issued at the start of its UTC day, valid 30 days.
 * `{description, samples: [{id, label, robot, passport}]}`.
 */
export function demoSamples(now = new Date()) {
  const issued = seconds(now) - (seconds(now) % DAY);
  // Each passport names the robot's history head (seq and the first 16 bytes of its statement
  // hash); the demo has no histories to show, so the hash prefixes are labelled digests.
  const head = (robot, seq) => ({ seq, hashPrefix: createHash('sha256').update(`demo history ${robot}`).digest('hex').slice(0, 32) });
  const passport = (robot, status, seq, key = keys.registry) => hrid.signPassport(
    { subject: robot, status, head: head(robot, seq), issuedAt: issued, expiresAt: issued + 30 * DAY }, key);
  const live = passport(robots.good, 'active', 11);
  // One character of the live passport's signature changed: it no longer verifies.
  const at = 4 + 120;
  const tampered = live.slice(0, at) + (live[at] === 'Z' ? 'Y' : 'Z') + live.slice(at + 1);

  const samples = {
    description: 'Sample registry passports (the text of the QR label, HP1:...) for the demo page, signed by the demo registry.',
    samples: [
      { id: 'live', label: 'Live robot', robot: robots.good, passport: live },
      { id: 'scrapped', label: 'Scrapped robot', robot: robots.scrapped, passport: passport(robots.scrapped, 'scrapped', 14) },
      { id: 'recalled', label: 'Recalled robot', robot: robots.recalled, passport: passport(robots.recalled, 'recalled_open', 6) },
      { id: 'suspended', label: 'Suspended robot', robot: robots.suspended, passport: passport(robots.suspended, 'suspended', 8) },
      { id: 'tampered', label: 'Tampered passport', robot: robots.good, passport: tampered },
      { id: 'unknown-signer', label: 'Unknown signer', robot: robots.good, passport: passport(robots.good, 'active', 11, keys.stranger) },
    ],
  };
  return samples;
}

/**
 * The registry's status feed at `now` (a Date), as the document text a registry publishes:
 * issued at the start of the hour, valid a day, its version the hours since 1970 (monotonic).
 * It lists the robots that are not active (an active robot is not listed), as the registry
 * has them; the demo has no histories, so no chain heads.
 */
export function demoStatusFeed(now = new Date()) {
  const issued = seconds(now) - (seconds(now) % HOUR);
  const since = t('2026-11-01T00:00:00Z');
  const robotsNotActive = [
    { code: robots.scrapped, status: 'scrapped', head: null, since },
    { code: robots.recalled, status: 'recalled_open', head: null, since },
    { code: robots.suspended, status: 'suspended', head: null, since },
  ].sort((a, b) => (a.code < b.code ? -1 : 1));
  return hrid.signStatusFeed({
    registry: 'national-registry',
    version: issued / HOUR,
    issued_at: issued,
    expires_at: issued + DAY,
    previous: null,
    recalls: [],
    robots: robotsNotActive,
  }, keys.registry);
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
