// The listing page: checks the identity code as the seller types (hrid.checkCode), decodes and
// verifies the pasted or scanned passport (hrid.parsePassport, Verifier.verifyPassport against the
// trust list the page ships), fetches and verifies the registry's status feed
// (Verifier.verifyStatusFeed: the registry's current word on every robot that is not active), and
// refuses to publish with a clear reason and its code (the core's market-access decision,
// Verifier.decideAccess with the passport and the feed, in listing-check.js, shared with the
// server).
// No framework: a few DOM helpers.
import init, * as hrid from '/hrid/hrid.js';
import { checkListing, describePassport, STATUS_WORDS } from './listing-check.js';

const $ = (id) => document.getElementById(id);

/** Build an element; strings become text nodes (never HTML). */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}
const icon = (kind) => h('span', { class: `icon ${kind}`, 'aria-hidden': 'true' }, kind === 'good' ? '✓' : kind === 'bad' ? '✕' : '!');
const reason = (code) => h('span', { class: 'reason', title: 'reason code' }, code);
const sentence = (s) => s.charAt(0).toUpperCase() + s.slice(1) + (/[.?!]$/.test(s) ? '' : '.');

let verifier = null;
let statusFeed = null; // the registry's verified status feed (a StatusFeed), or null
let summaries = new Map();
const FEED_VERSION_KEY = 'hrid-demo-status-feed-version';

function ordinal(n) {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return n + (s[(v - 20) % 10] || s[v] || s[0]);
}

// --- identity code ---------------------------------------------------------------------------

function renderCode() {
  const input = $('code');
  const status = $('code-status');
  const text = input.value;
  const report = hrid.checkCode(text);
  status.replaceChildren();
  delete status.dataset.position;
  if (!text.trim()) {
    status.dataset.state = 'empty';
    input.dataset.state = 'empty';
    status.append(h('p', { class: 'hint' }, 'Type the code and we check it as you go.'));
    updatePreview(null);
    return report;
  }
  if (report.valid) {
    status.dataset.state = 'valid';
    input.dataset.state = 'valid';
    const f = report.fields;
    status.append(
      h('p', { class: 'headline' }, icon('good'), 'Valid identity code ', h('span', { class: 'mono', id: 'code-display' }, report.display)),
      h('p', { class: 'fields' },
        h('span', {}, 'Country ', h('b', {}, f.country)),
        h('span', {}, 'Manufacturer ', h('b', {}, f.manufacturer)),
        h('span', {}, 'Model ', h('b', {}, f.model)),
        h('span', {}, 'Unit ', h('b', {}, f.unit))),
    );
    updatePreview(report);
    return report;
  }
  status.dataset.state = 'invalid';
  input.dataset.state = 'invalid';
  const { code, message, position } = report.error;
  status.append(h('p', { class: 'headline' }, icon('bad'), sentence(summaries.get(code) ?? message), reason(code)));
  const chars = Array.from(text); // positions are code points, as hrid reports them
  if (position !== null && position < chars.length) {
    status.dataset.position = String(position);
    status.append(
      h('div', { class: 'strip', 'aria-hidden': 'true' },
        chars.map((c, i) => (i === position ? h('mark', {}, c) : h('span', { class: /[-\s]/.test(c) ? 'sep' : '' }, c)))),
      h('p', { class: 'detail', id: 'code-position' },
        `The ${ordinal(position + 1)} character you typed, “${chars[position]}”, is probably wrong.`),
    );
  } else {
    status.append(h('p', { class: 'detail' }, sentence(message)));
  }
  const best = report.suggestions?.[0];
  if (best) {
    const display = hrid.format(best.code);
    status.append(h('p', { class: 'suggestion' }, 'Did you mean ', h('code', { id: 'suggestion' }, display), '?',
      h('button', { type: 'button', class: 'secondary', id: 'use-suggestion', onclick: () => { input.value = display; update(); } }, 'Use this code')));
  }
  updatePreview(null);
  return report;
}

// --- registry passport ----------------------------------------------------------------------

function renderPassport(codeReport) {
  const status = $('passport-status');
  const text = $('passport').value.trim();
  status.replaceChildren();
  delete status.dataset.status;
  delete status.dataset.code;
  const badge = $('badge-passport');
  badge.className = 'badge';
  if (!text) {
    status.dataset.verdict = 'none';
    status.append(h('p', { class: 'hint' }, 'Paste the HP1:… text of the robot’s passport QR label (or scan it): it is verified in your browser against the registry’s trust list.'));
    return;
  }
  if (!verifier) {
    status.dataset.verdict = 'indeterminate';
    status.append(h('p', { class: 'headline' }, icon('warn'), 'The registry trust list could not be loaded.'));
    return;
  }
  const expected = codeReport.valid ? codeReport.canonical : null;
  const d = describePassport(hrid, verifier, text, new Date(), expected, statusFeed);
  status.dataset.verdict = d.state;
  status.dataset.code = d.code;
  const good = d.state === 'accepted';
  const kind = good ? 'good' : d.state === 'indeterminate' || d.state === 'mismatch' ? 'warn' : 'bad';
  status.append(h('p', { class: 'headline' }, icon(kind), d.message, reason(d.code), ...d.causes.map(reason)));
  if (d.passport) {
    const p = d.passport;
    status.dataset.status = p.status;
    status.append(
      h('dl', { class: 'passport-facts' },
        h('dt', {}, 'Robot'), h('dd', { class: 'mono', id: 'passport-robot' }, hrid.format(p.subject)),
        h('dt', {}, 'Registry status'), h('dd', { id: 'passport-robot-status' }, STATUS_WORDS[p.status] ?? p.status),
        h('dt', {}, 'Signed by'), h('dd', {}, d.issuerName),
        h('dt', {}, 'Issued'), h('dd', {}, `${d.issued}, valid until ${d.expires}`)));
  } else if (d.parsed) {
    // Readable but not verified: say what it claims, marked as unverified.
    status.append(h('p', { class: 'detail' },
      `It claims robot ${hrid.format(d.parsed.subject)} is ${STATUS_WORDS[d.parsed.status] ?? d.parsed.status}; nothing in it can be trusted.`));
  }
  badge.classList.add(good ? 'good' : 'bad');
}

// --- preview and publishing -------------------------------------------------------------------

function updatePreview(codeReport) {
  $('preview-title').textContent = $('title').value.trim() || 'Your listing title';
  const price = Number($('price').value);
  $('preview-price').textContent = price > 0 ? `¥ ${price.toLocaleString('en-US')}` : '¥ —';
  if (codeReport !== undefined) {
    $('preview-code').textContent = codeReport?.valid ? codeReport.display : 'Identity code not checked';
    $('badge-code').className = codeReport?.valid ? 'badge good' : $('code').value.trim() ? 'badge bad' : 'badge';
  }
}

function update() {
  const report = renderCode();
  renderPassport(report);
  $('publish-result').replaceChildren();
  $('publish-result').dataset.outcome = 'none';
}

function showResult(outcome, headline, detail, code, causes = []) {
  const el = $('publish-result');
  el.dataset.outcome = outcome;
  el.dataset.code = code ?? '';
  el.replaceChildren(
    h('p', { class: 'headline' }, icon(outcome === 'published' ? 'good' : 'bad'), headline, code ? reason(code) : null, ...causes.map(reason)),
    detail ? h('p', { class: 'detail' }, detail) : null);
}

async function publish(event) {
  event.preventDefault();
  const listing = { title: $('title').value, price: $('price').value, code: $('code').value, passport: $('passport').value };
  const local = checkListing(hrid, verifier, listing, new Date(), statusFeed);
  if (!local.ok) {
    showResult('refused', 'Not published', local.message, local.code, local.causes);
    return;
  }
  const response = await fetch('/listings', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(listing),
  });
  const body = await response.json();
  if (response.status === 201 && body.published) {
    showResult('published', `Published: listing #${body.listing.id} is live`,
      `${body.listing.display} · registry passport checked: ${STATUS_WORDS[body.listing.registryStatus] ?? body.listing.registryStatus}, signed by ${body.listing.verifiedBy}.`);
  } else {
    showResult('refused', 'The marketplace refused the listing', body.message, body.code, body.causes ?? []);
  }
}

// --- the registry's status feed --------------------------------------------------------------

/**
 * Verify the registry's status feed with the trust list, refusing a version below the highest
 * this browser has accepted (kept in localStorage), and keep it for every decision. Without a
 * current feed, only a passport issued within the last 7 days lets a robot be listed.
 */
function loadStatusFeed(text) {
  const info = $('feed-info');
  if (!verifier || text === null) {
    info.dataset.verdict = 'none';
    info.textContent = 'could not be loaded: only a passport issued in the last 7 days is enough.';
    return;
  }
  const highestSeenVersion = Number(localStorage.getItem(FEED_VERSION_KEY)) || 0;
  const report = verifier.verifyStatusFeed(text, new Date(), { highestSeenVersion });
  info.dataset.verdict = report.verdict;
  if (report.feed === null) {
    const code = report.failures[0]?.code;
    info.textContent = `was not accepted (${code}): only a passport issued in the last 7 days is enough.`;
    return;
  }
  statusFeed = report.feed;
  localStorage.setItem(FEED_VERSION_KEY, String(statusFeed.version));
  info.textContent = `version ${statusFeed.version}, issued ${statusFeed.issuedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC.`;
}

// --- start ----------------------------------------------------------------------------------

async function start() {
  await init();
  summaries = new Map(hrid.reasonCodes().map((r) => [r.code, r.summary]));
  const [anchor, trustListText, samples, feedText] = await Promise.all([
    fetch('demo/anchor.json').then((r) => r.json()),
    fetch('demo/trust-list.json').then((r) => r.text()),
    fetch('demo/samples.json').then((r) => r.json()),
    fetch('demo/status-feed.json').then((r) => (r.ok ? r.text() : null)).catch(() => null),
  ]);
  try {
    const list = hrid.TrustList.verify(trustListText, anchor.keys, anchor.threshold, 0, new Date());
    verifier = new hrid.Verifier(list);
    $('trust-info').textContent = `version ${list.version}, valid until ${list.expiresAt.toISOString().slice(0, 10)}.`;
  } catch (e) {
    $('trust-info').textContent = `which could not be verified (${e.code ?? e.message}).`;
  }
  loadStatusFeed(feedText);
  $('sample-buttons').append(...samples.samples.map((s) => h('button', {
    type: 'button', class: 'chip', 'data-sample': s.id,
    onclick: () => {
      $('passport').value = s.passport;
      if (!$('code').value.trim()) $('code').value = hrid.format(s.robot);
      update();
    },
  }, s.label)));
  $('code').addEventListener('input', update);
  $('passport').addEventListener('input', update);
  $('title').addEventListener('input', () => updatePreview(undefined));
  $('price').addEventListener('input', () => updatePreview(undefined));
  $('listing-form').addEventListener('submit', (e) => { publish(e).catch((err) => showResult('refused', 'Could not reach the marketplace', String(err))); });
  update();
  $('app').dataset.ready = 'true';
}

start();
