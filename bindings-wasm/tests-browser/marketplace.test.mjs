// The marketplace page in Debian's Chromium (playwright-core, headless): the browser build of hrid
// checks codes as the seller types, decodes and verifies registry passports and the registry's
// status feed, refuses listings with the core's access decision; the Node server re-checks with
// the same rule. Screenshots go to
// bindings-wasm/test-output/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const example = join(root, 'examples', 'marketplace-web');
const output = join(root, 'bindings-wasm', 'test-output');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// The sample passports the server issues (fresh each day, as a registry would), by id.
let samples;

const GOOD = '86-0042-A3W0F5-0000000012345-ZAR2';
const TYPO = '86-0042-A3W0F5-0000000012345-ZARX';
const SCRAPPED = '86-0042-A3W0F5-0000000012346-ET4W';

let server;
let baseUrl;
let context;
let page;
let profile;

/** Start server.mjs on a free port (--port 0) and wait for the line naming it. */
function startServer() {
  return new Promise((resolveUrl, reject) => {
    const child = spawn(process.execPath, [join(example, 'server.mjs'), '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 15_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) { clearTimeout(timer); resolveUrl({ child, url: m[1] }); }
    });
    child.stderr.on('data', (d) => { out += d; });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited ${code}: ${out}`)); });
  });
}

before(async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} missing: apt-get install -y chromium`);
  mkdirSync(output, { recursive: true });
  ({ child: server, url: baseUrl } = await startServer());
  const issued = await (await fetch(new URL('demo/samples.json', baseUrl))).json();
  samples = Object.fromEntries(issued.samples.map((s) => [s.id, s]));
  profile = mkdtempSync(join(tmpdir(), 'hrid-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 1000 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = context.pages()[0] ?? await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/listings')) problems.push(`${r.status()} ${r.url()}`); });
  page.problems = problems;
  await page.goto(baseUrl);
  await page.waitForSelector('#app[data-ready="true"]', { timeout: 20_000 });
});

after(async () => {
  await context?.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  }
  if (profile) rmSync(profile, { recursive: true, force: true });
});

const shot = (name) => page.screenshot({ path: join(output, `marketplace-${name}.png`), fullPage: true });

async function fillForm({ title = 'ACME A3 humanoid, 1,200 h, serviced 2026', price = '168000', code = '', passport = '' }) {
  await page.fill('#title', title);
  await page.fill('#price', price);
  await page.fill('#code', code);
  await page.fill('#passport', passport);
}

async function publishOutcome() {
  await page.click('#publish');
  await page.waitForSelector('#publish-result:not([data-outcome="none"])');
  return page.$eval('#publish-result', (el) => ({ outcome: el.dataset.outcome, code: el.dataset.code, text: el.textContent }));
}

test('the page loads the wasm under a strict CSP and verifies the shipped trust list', async () => {
  assert.match(await page.textContent('#trust-info'), /version 1, valid until 2031-01-01/);
  assert.deepEqual(page.problems, []);
});

test('the page fetches and verifies the registry\u2019s status feed, and keeps its version', async () => {
  assert.equal(await page.getAttribute('#feed-info', 'data-verdict'), 'accepted');
  const version = Math.floor(Date.now() / 3_600_000);
  assert.match(await page.textContent('#feed-info'), new RegExp(`^version (${version}|${version - 1}), issued `));
  const kept = Number(await page.evaluate(() => localStorage.getItem('hrid-demo-status-feed-version')));
  assert.ok(kept === version || kept === version - 1, String(kept));
});

test('a valid code is accepted as typed', async () => {
  await page.fill('#code', '');
  await page.type('#code', GOOD, { delay: 5 });
  assert.equal(await page.getAttribute('#code-status', 'data-state'), 'valid');
  assert.equal(await page.textContent('#code-display'), GOOD);
  assert.equal(await page.textContent('#preview-code'), GOOD);
});

test('a typo: the wrong character is located and the original suggested', async () => {
  await fillForm({ code: TYPO });
  assert.equal(await page.getAttribute('#code-status', 'data-state'), 'invalid');
  assert.equal(await page.getAttribute('#code-status', 'data-position'), '32');
  assert.equal(await page.textContent('#code-status .strip mark'), 'X');
  assert.match(await page.textContent('#code-position'), /33rd character you typed, “X”/);
  assert.equal(await page.textContent('#suggestion'), GOOD);
  assert.match(await page.textContent('#code-status .reason'), /^code\.check_failed$/);
  await shot('typo');
  const refused = await publishOutcome();
  assert.equal(refused.outcome, 'refused');
  assert.equal(refused.code, 'code.check_failed');
  await page.click('#use-suggestion');
  assert.equal(await page.inputValue('#code'), GOOD);
  assert.equal(await page.getAttribute('#code-status', 'data-state'), 'valid');
});

test('no code: publishing is refused', async () => {
  await fillForm({ code: '', passport: samples.live.passport });
  const refused = await publishOutcome();
  assert.equal(refused.outcome, 'refused');
  assert.equal(refused.code, 'code.empty');
  assert.match(refused.text, /no code, no market access/);
});

test('no passport: publishing is refused (access.no_evidence)', async () => {
  await fillForm({ code: GOOD, passport: '' });
  assert.equal(await page.getAttribute('#passport-status', 'data-verdict'), 'none');
  const refused = await publishOutcome();
  assert.equal(refused.outcome, 'refused');
  assert.equal(refused.code, 'access.no_evidence');
  assert.match(refused.text, /registry passport/);
});

test('the scrapped robot\u2019s passport, typed: genuine, and the listing refused (access.scrapped)', async () => {
  await fillForm({ code: SCRAPPED });
  await page.type('#passport', samples.scrapped.passport, { delay: 0 });
  assert.equal(await page.getAttribute('#passport-status', 'data-verdict'), 'refused');
  assert.equal(await page.getAttribute('#passport-status', 'data-status'), 'scrapped');
  assert.equal(await page.getAttribute('#passport-status', 'data-code'), 'access.scrapped');
  assert.equal(await page.textContent('#passport-robot'), SCRAPPED);
  assert.equal(await page.textContent('#passport-robot-status'), 'scrapped');
  assert.match(await page.textContent('#passport-status'), /This robot was scrapped: it may not be sold\./);
  assert.match(await page.textContent('#passport-status'), /National Humanoid Robot Registry \(demo\)/);
  const refused = await publishOutcome();
  assert.equal(refused.outcome, 'refused');
  assert.equal(refused.code, 'access.scrapped');
  assert.match(refused.text, /scrapped: it may not be sold/);
  await shot('scrapped');
});

test('recalled and suspended robots: refused with their reasons', async () => {
  for (const [id, code, status, words] of [
    ['recalled', 'access.recall_open', 'recalled_open', /recall that has not been remedied/],
    ['suspended', 'access.suspended', 'suspended', /suspended by the authorities/],
  ]) {
    await fillForm({ code: samples[id].robot, passport: samples[id].passport });
    assert.equal(await page.getAttribute('#passport-status', 'data-verdict'), 'refused', id);
    assert.equal(await page.getAttribute('#passport-status', 'data-status'), status, id);
    const refused = await publishOutcome();
    assert.equal(refused.code, code, id);
    assert.match(refused.text, words, id);
  }
  await shot('recalled-suspended');
});

test('a tampered passport is rejected, an unknown signer indeterminate, garbage unreadable', async () => {
  await fillForm({ code: GOOD, passport: samples.tampered.passport });
  assert.equal(await page.getAttribute('#passport-status', 'data-verdict'), 'rejected');
  assert.equal(await page.getAttribute('#passport-status', 'data-code'), 'signature.invalid');
  let refused = await publishOutcome();
  assert.equal(refused.code, 'access.evidence_unverifiable');
  assert.match(refused.text, /could not be verified: the signature does not verify/);
  assert.match(refused.text, /signature\.invalid/);
  await shot('tampered');
  await fillForm({ code: GOOD, passport: samples['unknown-signer'].passport });
  assert.equal(await page.getAttribute('#passport-status', 'data-verdict'), 'indeterminate');
  assert.equal(await page.getAttribute('#passport-status', 'data-code'), 'signer.unknown');
  refused = await publishOutcome();
  assert.equal(refused.code, 'access.evidence_unverifiable');
  await fillForm({ code: GOOD, passport: 'HP1:NOT A PASSPORT' });
  assert.equal(await page.getAttribute('#passport-status', 'data-verdict'), 'unreadable');
  assert.equal(await page.getAttribute('#passport-status', 'data-code'), 'passport.malformed');
  // The live robot's passport with another robot's code.
  await fillForm({ code: SCRAPPED, passport: samples.live.passport });
  assert.equal(await page.getAttribute('#passport-status', 'data-verdict'), 'mismatch');
  assert.equal((await publishOutcome()).code, 'access.evidence_other_subject');
});

test('the live robot\u2019s passport, typed: accepted and published by the server', async () => {
  await fillForm({ code: '' });
  await page.type('#code', GOOD, { delay: 0 });
  await page.type('#passport', samples.live.passport, { delay: 0 });
  assert.equal(await page.getAttribute('#passport-status', 'data-verdict'), 'accepted');
  assert.equal(await page.getAttribute('#passport-status', 'data-status'), 'active');
  assert.equal(await page.getAttribute('#passport-status', 'data-code'), 'access.allowed');
  assert.equal(await page.textContent('#passport-robot'), GOOD);
  // Issued by the server at the start of today (UTC), valid 30 days.
  const expires = new Date((Math.floor(Date.now() / 86_400_000) + 30) * 86_400_000).toISOString().slice(0, 10);
  assert.match(await page.textContent('#passport-status'), new RegExp(`valid until ${expires}`));
  assert.match(await page.getAttribute('#badge-passport', 'class'), /good/);
  const published = await publishOutcome();
  assert.equal(published.outcome, 'published', published.text);
  assert.match(published.text, /listing #\d+ is live/);
  assert.match(published.text, /active, signed by National Humanoid Robot Registry \(demo\)/);
  await shot('published');
  assert.deepEqual(page.problems, []);
});

test('the server re-checks: listings that bypass the page are refused with the same reasons', async () => {
  const post = async (listing) => {
    const r = await fetch(new URL('/listings', baseUrl), {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(listing),
    });
    return { status: r.status, ...(await r.json()) };
  };
  const base = { title: 'Robot', price: 1000, code: GOOD, passport: samples.live.passport };
  const ok = await post(base);
  assert.equal(ok.status, 201);
  assert.equal(ok.listing.registryStatus, 'active');
  const cases = [
    [{ ...base, code: TYPO }, 'code.check_failed'],
    [{ ...base, code: '' }, 'code.empty'],
    [{ ...base, code: 42 }, 'code.empty'],
    [{ ...base, title: ' ' }, 'listing.title_missing'],
    [{ ...base, price: -5 }, 'listing.price_invalid'],
    [{ ...base, passport: '' }, 'access.no_evidence'],
    [{ ...base, passport: 42 }, 'access.no_evidence'],
    [{ ...base, code: SCRAPPED, passport: samples.scrapped.passport }, 'access.scrapped'],
    [{ ...base, code: samples.recalled.robot, passport: samples.recalled.passport }, 'access.recall_open'],
    [{ ...base, code: samples.suspended.robot, passport: samples.suspended.passport }, 'access.suspended'],
    [{ ...base, passport: samples.scrapped.passport }, 'access.evidence_other_subject'],
    [{ ...base, passport: samples.tampered.passport }, 'access.evidence_unverifiable', 'signature.invalid'],
    [{ ...base, passport: samples['unknown-signer'].passport }, 'access.evidence_unverifiable', 'signer.unknown'],
    [{ ...base, passport: 'HP1:XYZ' }, 'access.evidence_unverifiable', 'passport.malformed'],
  ];
  for (const [listing, code, cause] of cases) {
    const r = await post(listing);
    assert.equal(r.status, 422, code);
    assert.equal(r.published, false, code);
    assert.equal(r.code, code);
    if (cause) assert.deepEqual(r.causes, [cause], code);
    assert.ok(r.message.length > 0);
  }
  const bad = await fetch(new URL('/listings', baseUrl), { method: 'POST', body: 'not json' });
  assert.equal(bad.status, 400);
});
