// The operator console: plain DOM, no build step. Every call goes to this origin's /api/*, which the console
// forwards to the service with the operator's token.
'use strict';

const TOKEN_KEY = 'webhookgate.opsToken';
const REFRESH_MS = 5000;
const $ = (id) => document.getElementById(id);
let overviewTimer = null;
let dlqNext = null;

class ApiError extends Error {
  constructor(status, code, message) { super(message); this.status = status; this.code = code; }
}

async function api(method, path, body) {
  const headers = {};
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers['Authorization'] = 'Bearer ' + token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, 'network', 'The console did not answer (' + e.message + ').');
  }
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { /* not JSON: reported below */ }
  if (!response.ok) {
    if (response.status === 401) { showLogin(token ? 'The token was not accepted. Check OPS_TOKEN and sign in again.' : null); }
    throw new ApiError(response.status, json && json.error || 'http_' + response.status,
      json && json.message || ('HTTP ' + response.status + ' from ' + path));
  }
  return json;
}

// ---- formatting -------------------------------------------------------------------------------------------
const nf = new Intl.NumberFormat('en-US');
function num(n) { return n === null || n === undefined ? '–' : nf.format(n); }
function minor(n, currency) {
  // minor units shown as major with the currency's usual two decimals; zero-decimal currencies as they are
  const zero = ['jpy', 'krw', 'vnd', 'clp', 'isk', 'huf', 'twd', 'ugx', 'xaf', 'xof'];
  if (zero.includes(currency)) return nf.format(n);
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(n);
  return sign + nf.format(Math.floor(abs / 100)) + '.' + String(abs % 100).padStart(2, '0');
}
function age(iso) {
  const s = Math.round((Date.now() - Date.parse(iso)) / 1000);
  if (isNaN(s)) return '';
  const a = Math.abs(s);
  const t = a < 60 ? a + 's' : a < 3600 ? Math.floor(a / 60) + 'm' : a < 86400 ? Math.floor(a / 3600) + 'h' : Math.floor(a / 86400) + 'd';
  return s >= 0 ? t + ' ago' : 'in ' + t;
}
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => { if (k === 'class') e.className = v; else if (k === 'text') e.textContent = v; else e.setAttribute(k, v); });
  children.forEach((c) => e.append(c instanceof Node ? c : document.createTextNode(c === null || c === undefined ? '' : String(c))));
  return e;
}
function td(value, cls) { return el('td', cls ? { class: cls } : {}, value); }
function timeCell(iso) {
  const cell = el('td', { class: 'mono', title: iso }, iso ? iso.replace('T', ' ').replace('Z', ' UTC') : '–');
  if (iso) cell.append(el('span', { class: 'age' }, age(iso)));
  return cell;
}
function fill(tbody, rows) { tbody.replaceChildren(...rows); }
function showError(id, error) {
  const box = $(id);
  if (!error) { box.hidden = true; box.textContent = ''; return; }
  box.hidden = false;
  box.textContent = error.message + (error.code ? ' (' + error.code + ')' : '');
}

// ---- login ------------------------------------------------------------------------------------------------
function showLogin(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  document.querySelectorAll('main .view').forEach((v) => { v.hidden = true; });
  $('login').hidden = false;
  $('logout').hidden = true;
  stopOverview();
  showError('login-error', message ? { message } : null);
}

async function signIn(event) {
  event.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, $('token').value);
  try {
    await api('GET', '/api/console/v1/session');
    $('login').hidden = true;
    $('logout').hidden = false;
    route();
  } catch (e) {
    if (e.status !== 401) showError('login-error', e);
  }
}

// ---- overview ---------------------------------------------------------------------------------------------
async function loadOverview() {
  const [stats, balance, dlq] = await Promise.allSettled([
    api('GET', '/api/dedup/v1/idempotency/stats'),
    api('GET', '/api/orders/v1/ledger/balance'),
    api('GET', '/api/orders/v1/dlq?limit=1'),
  ]);
  const failed = [stats, balance, dlq].find((r) => r.status === 'rejected');
  showError('overview-error', failed ? failed.reason : null);
  if (stats.status === 'fulfilled') {
    const s = stats.value;
    $('stat-active').textContent = num(s.active_keys);
    $('stat-total').textContent = num(s.total_keys);
    $('stat-expired').textContent = num(s.expired_keys);
    $('stat-duplicates').textContent = num(s.duplicates_dropped);
    $('stat-conflicts').textContent = num(s.conflicts);
    fill($('by-provider').tBodies[0], Object.entries(s.by_webhook_type || {}).sort()
      .map(([p, n]) => el('tr', {}, td(p), td(num(n), 'n'))));
  }
  if (balance.status === 'fulfilled') {
    const b = balance.value;
    const badge = $('balanced');
    badge.textContent = b.balanced ? 'balanced' : 'NOT balanced';
    badge.className = 'badge ' + (b.balanced ? 'good' : 'bad');
    fill($('balances').tBodies[0], b.accounts.map((a) => el('tr', {}, td(a.account), td(a.currency.toUpperCase(), 'mono'),
      td(minor(a.debit, a.currency), 'n'), td(minor(a.credit, a.currency), 'n'), td(minor(a.balance, a.currency), 'n'))));
  }
  if (dlq.status === 'fulfilled') $('stat-dlq').textContent = num(dlq.value.total);
  try {
    const lag = await api('GET', '/api/console/v1/lag');
    showError('lag-error', null);
    fill($('lag').tBodies[0], lag.groups.map((g) => el('tr', {}, td(g.topic, 'mono'), td(g.group, 'mono'), td(num(g.partitions), 'n'),
      td(num(g.committed), 'n'), td(num(g.end), 'n'), td(num(g.lag), 'n'))));
  } catch (e) {
    showError('lag-error', e);
  }
  $('overview-updated').textContent = 'updated ' + new Date().toISOString().substring(11, 19) + ' UTC, every ' + REFRESH_MS / 1000 + ' s';
}
function stopOverview() { if (overviewTimer) { clearInterval(overviewTimer); overviewTimer = null; } }

// ---- key lookup -------------------------------------------------------------------------------------------
async function lookUp(event) {
  if (event) event.preventDefault();
  const provider = $('key-provider').value;
  const key = $('key-value').value.trim();
  $('forget-result').textContent = '';
  showError('key-error', key ? null : { message: 'Enter an idempotency key.' });
  if (!key) return;
  const path = encodeURIComponent(provider) + '/' + encodeURIComponent(key);
  const [entry, processed] = await Promise.allSettled([
    api('GET', '/api/dedup/v1/idempotency/keys/' + path),
    api('GET', '/api/orders/v1/processed/' + path),
  ]);
  renderStore(entry);
  renderProcessed(processed);
}
function renderStore(result) {
  const table = $('store');
  const empty = $('store-empty');
  if (result.status === 'fulfilled') {
    const e = result.value;
    table.hidden = false; empty.hidden = true; $('forget').hidden = false;
    const rows = [['Provider', e.provider], ['Key', e.idempotency_key], ['Event', e.event_id], ['First seen', e.first_seen, true],
      ['Expires', e.expires_at, true], ['Last seen', e.last_seen, true], ['Duplicates', num(e.duplicates)], ['Fingerprint', e.fingerprint]];
    fill(table.tBodies[0], rows.map(([k, v, time]) => el('tr', {}, el('th', {}, k), time ? timeCell(v) : td(v, 'mono wrap'))));
  } else {
    table.hidden = true; $('forget').hidden = true; empty.hidden = false;
    empty.textContent = result.reason.status === 404 ? 'Not in the store: never seen, expired, or forgotten.' : '';
    if (result.reason.status !== 404) showError('key-error', result.reason);
  }
}
function renderProcessed(result) {
  const table = $('processed');
  const empty = $('ledger-empty');
  if (result.status === 'fulfilled') {
    table.hidden = false; empty.hidden = true;
    fill(table.tBodies[0], result.value.events.map((e) => el('tr', {}, td(e.event_id, 'mono'),
      td(e.outcome, 'outcome-' + e.outcome), td(e.reason, 'wrap'), timeCell(e.processed_at))));
  } else {
    table.hidden = true; empty.hidden = false;
    empty.textContent = result.reason.status === 404 ? 'The ledger has processed no event with this key.' : '';
    if (result.reason.status !== 404) showError('key-error', result.reason);
  }
}
async function forget() {
  const provider = $('key-provider').value;
  const key = $('key-value').value.trim();
  if (!confirm('Forget ' + provider + ' key ' + key + '? Its next delivery will be processed as a new event.')) return;
  try {
    await api('DELETE', '/api/dedup/v1/idempotency/keys/' + encodeURIComponent(provider) + '/' + encodeURIComponent(key));
    await lookUp();
    $('forget-result').textContent = 'Forgotten: the next delivery of this key is processed anew.';
  } catch (e) {
    showError('key-error', e);
  }
}

// ---- duplicates -------------------------------------------------------------------------------------------
async function loadDuplicates() {
  try {
    const body = await api('GET', '/api/console/v1/duplicates');
    showError('duplicates-error', null);
    fill($('duplicates-table').tBodies[0], body.duplicates.map((d) => el('tr', { class: d.verdict }, td(d.verdict), td(d.provider),
      td(d.idempotency_key, 'mono wrap'), timeCell(d.received_at), td(d.event_id, 'mono'), td(d.original_event_id, 'mono'),
      td(d.partition, 'n'), td(num(d.offset), 'n'))));
    if (body.duplicates.length === 0) {
      fill($('duplicates-table').tBodies[0], [el('tr', {}, el('td', { colspan: '8', class: 'muted' }, 'No duplicates or conflicts yet.'))]);
    }
  } catch (e) {
    showError('duplicates-error', e);
  }
}

// ---- dead letters -----------------------------------------------------------------------------------------
function dlqFilter() {
  const params = new URLSearchParams();
  if ($('dlq-provider').value) params.set('provider', $('dlq-provider').value);
  if ($('dlq-since').value.trim()) params.set('since', $('dlq-since').value.trim());
  return params;
}
async function loadDlq(more) {
  const params = dlqFilter();
  if (more && dlqNext) params.set('before', dlqNext);
  try {
    const page = await api('GET', '/api/orders/v1/dlq?' + params.toString());
    showError('dlq-error', null);
    dlqNext = page.next;
    $('dlq-more').hidden = !page.next;
    $('dlq-total').textContent = num(page.total) + ' dead-lettered';
    const rows = page.dead_letters.map((d) => {
      const box = el('input', { type: 'checkbox', 'data-event': d.event_id, 'aria-label': 'select ' + d.idempotency_key });
      box.addEventListener('change', selectionChanged);
      const button = el('button', { class: 'small', 'data-redrive': d.event_id }, 'Redrive');
      button.addEventListener('click', () => redriveOne(d.event_id, d.idempotency_key));
      return el('tr', { 'data-row': d.event_id }, el('td', {}, box), timeCell(d.failed_at), td(d.provider), td(d.idempotency_key, 'mono wrap'),
        td(d.error, 'wrap'), td(num(d.redrives), 'n'), el('td', {}, button));
    });
    const tbody = $('dlq-table').tBodies[0];
    if (more) tbody.append(...rows); else fill(tbody, rows);
    if (!more && rows.length === 0) fill(tbody, [el('tr', {}, el('td', { colspan: '7', class: 'muted' }, 'No dead letters match.'))]);
    selectionChanged();
  } catch (e) {
    showError('dlq-error', e);
  }
}
function selected() { return [...document.querySelectorAll('#dlq-table tbody input[type=checkbox]:checked')].map((b) => b.dataset.event); }
function selectionChanged() { $('dlq-redrive-selected').disabled = selected().length === 0; }
async function redriveOne(eventId, key) {
  try {
    const r = await api('POST', '/api/orders/v1/dlq/' + encodeURIComponent(eventId) + '/redrive');
    $('dlq-result').textContent = key + ': ' + r.outcome + '.';
    showError('dlq-error', null);
  } catch (e) {
    $('dlq-result').textContent = '';
    showError('dlq-error', { message: key + ': ' + e.message, code: e.code });
  }
  await loadDlq(false);
}
async function redriveSelected() {
  const ids = selected();
  try {
    const r = await api('POST', '/api/orders/v1/dlq/redrive', { event_ids: ids });
    $('dlq-result').textContent = 'Redrove ' + r.matched + ': ' + r.applied + ' applied, ' + r.ignored + ' ignored, '
      + r.still_poison + ' still poison, ' + r.not_dead_lettered + ' no longer dead-lettered.';
    showError('dlq-error', null);
  } catch (e) {
    showError('dlq-error', e);
  }
  await loadDlq(false);
}

// ---- routing ----------------------------------------------------------------------------------------------
function route() {
  const view = (location.hash || '#overview').substring(1);
  document.querySelectorAll('main .view').forEach((v) => { v.hidden = v.id !== view; });
  document.querySelectorAll('header nav a').forEach((a) => a.classList.toggle('active', a.dataset.view === view));
  stopOverview();
  if (view === 'overview') { loadOverview(); overviewTimer = setInterval(loadOverview, REFRESH_MS); }
  if (view === 'duplicates') loadDuplicates();
  if (view === 'dlq') loadDlq(false);
}

async function start() {
  $('login-form').addEventListener('submit', signIn);
  $('logout').addEventListener('click', () => showLogin(null));
  $('key-form').addEventListener('submit', lookUp);
  $('forget').addEventListener('click', forget);
  $('duplicates-refresh').addEventListener('click', loadDuplicates);
  $('dlq-form').addEventListener('submit', (e) => { e.preventDefault(); loadDlq(false); });
  $('dlq-more').addEventListener('click', () => loadDlq(true));
  $('dlq-redrive-selected').addEventListener('click', redriveSelected);
  $('dlq-all').addEventListener('change', (e) => {
    document.querySelectorAll('#dlq-table tbody input[type=checkbox]').forEach((b) => { b.checked = e.target.checked; });
    selectionChanged();
  });
  window.addEventListener('hashchange', route);
  setInterval(() => { $('clock').textContent = new Date().toISOString().substring(0, 19).replace('T', ' ') + ' UTC'; }, 1000);
  try {
    const session = await api('GET', '/api/console/v1/session');
    $('logout').hidden = !session.token_required;
    route();
  } catch (e) {
    if (e.status !== 401) { showLogin(null); showError('login-error', e); }
  }
}
start();
