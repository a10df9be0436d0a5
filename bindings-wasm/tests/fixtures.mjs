// Trust lists and attestations built and signed through the JS API from fixed seeds, for tests
// that need documents with particular properties (the shared corpus covers the rest).
import { hrid } from './helpers.mjs';

export const T0 = 1_767_225_600; // 2026-01-01T00:00:00Z
export const DAY = 86_400;
export const YEAR = 365 * DAY;
export const CODE = '860042A3W0F50000000012345ZAR2';

export const seed = (n) => new Uint8Array(32).fill(n);
export const keys = {
  root: hrid.SigningKey.fromSeed(seed(1)),
  root2: hrid.SigningKey.fromSeed(seed(5)),
  maker: hrid.SigningKey.fromSeed(seed(2)),
  recycler: hrid.SigningKey.fromSeed(seed(3)),
  stranger: hrid.SigningKey.fromSeed(seed(4)),
};

export function listContents(overrides = {}) {
  return {
    version: 1,
    issued_at: T0,
    expires_at: T0 + YEAR,
    roots: { threshold: 1, keys: [keys.root.verifyingKey.toHex()] },
    participants: [
      {
        id: 'acme',
        name: 'ACME Robotics',
        roles: ['manufacturer'],
        scope: { manufacturers: ['0042'] },
        keys: [{ public_key: keys.maker.verifyingKey.toHex(), valid_from: T0, valid_until: T0 + 5 * YEAR }],
      },
      {
        id: 'green-recycling',
        name: 'Green Recycling',
        roles: ['recycler'],
        keys: [{ public_key: keys.recycler.verifyingKey.toHex(), valid_from: T0, valid_until: T0 + 5 * YEAR }],
      },
    ],
    permissions: hrid.TrustList.defaultPermissions(),
    ...overrides,
  };
}

export const anchor = () => [keys.root.verifyingKey.toHex()];

export function verifiedList(at = T0 + DAY) {
  const envelope = hrid.TrustList.sign(listContents(), keys.root);
  return hrid.TrustList.verify(envelope, anchor(), 1, 0, at);
}

export function statement(overrides = {}) {
  return {
    subject: CODE,
    seq: 0,
    prev: null,
    time: T0 + DAY,
    issuer: 'acme',
    event: { type: 'shipped', to: 'dealer-1' },
    ...overrides,
  };
}
