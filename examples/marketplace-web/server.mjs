// A tiny server for the marketplace demo: serves the page and the browser build of hrid on
// 127.0.0.1, and re-checks every submitted listing (POST /listings) with the Node build before
// "publishing" it (the page's checks are a convenience; the server's are the ones that count):
// the same checkListing as the page, so the same verdicts with the same reason codes.
// It also plays the registry: GET /demo/samples.json (sample passports) and
// GET /demo/status-feed.json (the registry's status feed) are signed fresh from the demo
// registry key (make-demo-data.mjs), since both are short-lived by design.
//
// Usage: node examples/marketplace-web/server.mjs [--port 8080]   (--port 0: any free port)
// Prints "marketplace: listening on http://127.0.0.1:PORT/" once ready.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { checkListing } from './listing-check.js';
import { demoSamples, demoStatusFeed } from './make-demo-data.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = process.env.HRID_PKG || join(here, '..', '..', 'bindings-wasm', 'pkg');
const hrid = await import(pathToFileURL(join(pkg, 'node', 'index.mjs')).href);

const portArg = process.argv.indexOf('--port');
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 8080;
const HOST = '127.0.0.1';
const MAX_BODY = 256 * 1024;

// The registry trust list the marketplace ships, verified against the root key it ships.
const anchor = JSON.parse(readFileSync(join(here, 'demo', 'anchor.json'), 'utf8'));
const trustListText = readFileSync(join(here, 'demo', 'trust-list.json'), 'utf8');
const trustList = hrid.TrustList.verify(trustListText, anchor.keys, anchor.threshold, 0, new Date());
const verifier = new hrid.Verifier(trustList);

/**
 * The registry's status feed, verified, as of `now`: what the server's own decisions rest on
 * (null when it does not verify: decisions are then denied, access.evidence_stale).
 */
let highestFeedVersion = 0;
function currentFeed(now) {
  const report = verifier.verifyStatusFeed(demoStatusFeed(now), now, { highestSeenVersion: highestFeedVersion });
  if (report.feed === null) return null;
  highestFeedVersion = Math.max(highestFeedVersion, report.feed.version);
  return report.feed;
}

const listings = [];
const participantName = (id) => trustList.toJSON().participants.find((p) => p.id === id)?.name ?? id;

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
};
const SECURITY_HEADERS = {
  // The page runs only its own scripts; compiling WebAssembly needs 'wasm-unsafe-eval'.
  'content-security-policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** Map a URL path to a file: /hrid/* is the browser build, everything else the page's folder. */
function fileFor(urlPath) {
  const [root, rest] = urlPath.startsWith('/hrid/')
    ? [join(pkg, 'web'), urlPath.slice('/hrid/'.length)]
    : [here, urlPath === '/' ? 'index.html' : urlPath.slice(1)];
  const path = normalize(join(root, decodeURIComponent(rest)));
  if (!path.startsWith(root + sep)) return null;
  if (root === here && !/^(index\.html|app\.js|listing-check\.js|styles\.css|demo\/[a-z-]+\.json|assets\/[a-z-]+\.svg)$/.test(rest)) {
    return null; // serve the page's files, not the server's source
  }
  return path;
}

function send(res, status, body, type = 'application/json; charset=utf-8') {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...SECURITY_HEADERS });
  res.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
}

async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY) throw Object.assign(new Error('listing too large'), { status: 413 });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function handle(req, res) {
  const url = new URL(req.url, `http://${HOST}`);
  if (url.pathname === '/listings' && req.method === 'POST') {
    let listing;
    try {
      listing = JSON.parse(await readBody(req));
    } catch (e) {
      return send(res, e.status ?? 400, { published: false, code: 'listing.malformed', message: 'The listing is not JSON.' });
    }
    const now = new Date();
    const feed = currentFeed(now);
    let verdict;
    try {
      verdict = checkListing(hrid, verifier, listing, now, feed);
    } finally {
      feed?.free();
    }
    if (!verdict.ok) {
      return send(res, 422, { published: false, code: verdict.code, message: verdict.message, causes: verdict.causes });
    }
    const entry = {
      id: listings.length + 1,
      title: String(listing.title).trim().slice(0, 200),
      price: Number(listing.price),
      code: verdict.code,
      display: verdict.display,
      registryStatus: verdict.decision.status,
      verifiedBy: participantName(verdict.decision.passport?.participant),
    };
    listings.push(entry);
    return send(res, 201, { published: true, listing: entry });
  }
  if (url.pathname === '/listings' && req.method === 'GET') return send(res, 200, { listings });
  if (url.pathname === '/demo/samples.json' && req.method === 'GET') return send(res, 200, demoSamples(new Date()));
  if (url.pathname === '/demo/status-feed.json' && req.method === 'GET') {
    return send(res, 200, demoStatusFeed(new Date()), 'application/json; charset=utf-8');
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: 'method not allowed' });
  const path = fileFor(url.pathname);
  if (!path) return send(res, 404, 'not found', 'text/plain; charset=utf-8');
  try {
    if (!(await stat(path)).isFile()) throw new Error('not a file');
    return send(res, 200, await readFile(path), TYPES[extname(path)] ?? 'application/octet-stream');
  } catch {
    return send(res, 404, 'not found', 'text/plain; charset=utf-8');
  }
}

const server = createServer((req, res) => {
  handle(req, res).catch((e) => send(res, 500, { error: String(e?.message ?? e) }));
});
server.listen(port, HOST, () => {
  console.log(`marketplace: listening on http://${HOST}:${server.address().port}/`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
