// The hub's admin pages: sign in, forms (upload, preview, publish), address data, fleet, submissions,
// audit.
// Texts come from locales/<lang>/hub.ftl through /admin/api/texts; errors are mapped from their
// stable codes to Fluent ids, never parsed from messages.

const $ = (id) => document.getElementById(id);
let texts = {};
let csrf = '';

function t(id, vars = {}) {
  let s = texts[id] ?? id;
  for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{$${k}}`, String(v));
  return s;
}

function codeText(prefix, code) {
  const id = `${prefix}-${code.replaceAll('.', '-')}`;
  return texts[id] ?? t(`${prefix}-unknown`, { code });
}

async function loadTexts(lang) {
  const r = await fetch(`/admin/api/texts/${lang}`);
  texts = await r.json();
  document.documentElement.lang = lang;
  document.title = t('hub-name');
  for (const el of document.querySelectorAll('[data-t]')) el.textContent = t(el.dataset.t);
}

async function api(path, { method = 'GET', body } = {}) {
  const headers = {};
  if (method !== 'GET') {
    headers['X-CSRF-Token'] = csrf;
    headers['Content-Type'] = 'application/json';
  }
  const r = await fetch(path, { method, headers, body: body && JSON.stringify(body), credentials: 'same-origin' });
  let data = null;
  try { data = await r.json(); } catch { /* no body */ }
  if (!r.ok) {
    const e = new Error(data?.code ?? 'hub.http');
    e.code = data?.code ?? 'hub.http';
    e.data = data;
    throw e;
  }
  return data;
}

function showError(e) {
  const el = $('error');
  el.textContent = codeText('hub-error', e.code ?? 'hub.http');
  el.hidden = false;
  if (e.code === 'hub.no-session') showLogin();
}

function clearError() { $('error').hidden = true; }

function cell(tr, text, cls) {
  const td = document.createElement('td');
  td.textContent = text ?? '';
  if (cls) td.className = cls;
  tr.append(td);
  return td;
}

function when(ms) {
  if (!ms) return '—';
  return new Date(ms).toLocaleString(document.documentElement.lang === 'ko' ? 'ko-KR' : 'en-GB', { timeZone: 'Asia/Seoul' });
}

function ago(ms, now) {
  if (!ms) return t('hub-fleet-never');
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 90) return t('hub-ago-seconds', { n: s });
  if (s < 5400) return t('hub-ago-minutes', { n: Math.round(s / 60) });
  return t('hub-ago-hours', { n: Math.round(s / 3600) });
}

// ---- sign in ----

function showLogin() {
  $('app').hidden = true;
  $('login').hidden = false;
  $('who').hidden = true;
  $('logout').hidden = true;
  $('login-name').focus();
}

async function showApp(session) {
  csrf = session.csrf;
  $('login').hidden = true;
  $('app').hidden = false;
  $('who').textContent = session.admin;
  $('who').hidden = false;
  $('logout').hidden = false;
  await openTab(location.hash.slice(1) || 'forms');
}

$('login-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  $('login-error').hidden = true;
  try {
    const s = await api('/admin/api/login', { method: 'POST', body: { name: $('login-name').value, password: $('login-password').value } });
    $('login-password').value = '';
    await showApp(s);
  } catch (e) {
    $('login-error').textContent = codeText('hub-error', e.code);
    $('login-error').hidden = false;
  }
});

$('logout').addEventListener('click', async () => {
  try { await api('/admin/api/logout', { method: 'POST' }); } catch { /* signed out either way */ }
  csrf = '';
  showLogin();
});

// ---- tabs ----

const loaders = { forms: loadForms, address: loadAddress, fleet: loadFleet, submissions: loadSubmissions, audit: loadAudit };

async function openTab(name) {
  if (!loaders[name]) name = 'forms';
  for (const b of document.querySelectorAll('[data-tab]')) b.setAttribute('aria-selected', String(b.dataset.tab === name));
  for (const key of Object.keys(loaders)) $(`tab-${key}`).hidden = key !== name;
  history.replaceState(null, '', `#${name}`);
  clearError();
  try { await loaders[name](); } catch (e) { showError(e); }
}

for (const b of document.querySelectorAll('[data-tab]')) b.addEventListener('click', () => openTab(b.dataset.tab));

// ---- forms ----

let formList = [];

async function loadForms() {
  const data = await api('/admin/api/forms');
  formList = data.forms;
  $('draft-notice').hidden = !data.draft;
  $('discard').hidden = !data.draft;
  fillDefinitions($('forms-table'), data.forms, 'forms', true);
  fillDefinitions($('topics-table'), data.topics, 'topics', false);
  $('groups').replaceChildren(...['all', ...data.groups].map((g) => Object.assign(document.createElement('option'), { value: g })));
  const pub = $('published-table').tBodies[0];
  pub.replaceChildren();
  for (const p of data.published) {
    const tr = document.createElement('tr');
    cell(tr, p.version);
    cell(tr, p.group === 'all' ? t('hub-group-all') : p.group);
    cell(tr, when(p.created));
    cell(tr, p.admin);
    cell(tr, p.note);
    pub.append(tr);
  }
}

/** Rows of forms or topics, each with its preview and its spreadsheet. */
function fillDefinitions(table, items, kind, withVersion) {
  const body = table.tBodies[0];
  body.replaceChildren();
  for (const f of items) {
    const tr = document.createElement('tr');
    cell(tr, f.title);
    cell(tr, f.id);
    if (withVersion) cell(tr, f.version);
    cell(tr, f.steps);
    const td = cell(tr, '');
    const preview = document.createElement('button');
    preview.type = 'button';
    preview.textContent = t('hub-forms-preview');
    preview.setAttribute('aria-label', `${t('hub-forms-preview')}: ${f.title}`);
    preview.addEventListener('click', () => showPreview(f.id, kind));
    const sheet = document.createElement('a');
    sheet.className = 'button';
    sheet.href = `/admin/api/${kind}/${encodeURIComponent(f.id)}/xlsform`;
    sheet.textContent = t('hub-forms-download');
    sheet.setAttribute('aria-label', `${t('hub-forms-download')}: ${f.title}`);
    td.append(preview, ' ', sheet);
    body.append(tr);
  }
}

async function showPreview(id, kind = 'forms') {
  const p = await api(`/admin/api/${kind}/${encodeURIComponent(id)}/preview`);
  $('preview').hidden = false;
  $('preview-title').textContent = kind === 'topics'
    ? t('hub-preview-topic-title', { title: p.title.ko?.text ?? id })
    : t('hub-preview-title', { title: p.title.ko?.text ?? id, version: p.version });
  const steps = $('preview-steps');
  steps.replaceChildren();
  const row = (table, what, texts) => {
    if (!texts || Object.keys(texts).length === 0) return;
    const tr = document.createElement('tr');
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = what;
    tr.append(th);
    for (const l of p.locales) {
      const x = texts[l.tag];
      if (!x) { cell(tr, '—'); continue; }
      const td = cell(tr, x.text, x.fallback ? 'fallback' : '');
      if (x.fallback) td.title = t('hub-preview-fallback');
    }
    table.tBodies[0].append(tr);
  };
  p.steps.forEach((s, i) => {
    const div = document.createElement('div');
    div.className = 'step';
    const h = document.createElement('h3');
    h.textContent = t('hub-preview-step', { n: i + 1, id: s.id, clip: s.sign });
    const table = document.createElement('table');
    table.className = 'table';
    const head = document.createElement('thead');
    const htr = document.createElement('tr');
    htr.append(document.createElement('th'));
    for (const l of p.locales) { const th = document.createElement('th'); th.textContent = l.name; th.lang = l.tag; htr.append(th); }
    head.append(htr);
    table.append(head, document.createElement('tbody'));
    row(table, t('hub-preview-question'), s.question);
    row(table, t('hub-preview-hint'), s.hint);
    // Which questions appear when: the step's condition, a repeat's count, each field's logic.
    const logic = document.createElement('ul');
    logic.className = 'logic';
    const said = (text) => { const li = document.createElement('li'); li.textContent = text; logic.append(li); };
    if (s.relevant) said(t('hub-preview-when', { expr: s.relevant }));
    if (s.repeat) said(s.repeat.count ? t('hub-preview-repeat-count', { count: s.repeat.count }) : t('hub-preview-repeat-add', { min: s.repeat.min, max: s.repeat.max }));
    for (const f of s.fields) {
      row(table, `${t('hub-preview-field')} ${f.id}${f.required ? ' *' : ''}`, f.label);
      for (const c of f.choices) row(table, `· ${c.id}`, c.label);
      for (const l of f.logic) said(t(`hub-preview-logic-${l.column.replace('_', '-')}`, { field: f.id, expr: l.source }));
    }
    div.append(h, ...(logic.children.length ? [logic] : []), table);
    steps.append(div);
  });
  const fallbackNote = document.createElement('p');
  fallbackNote.className = 'help';
  fallbackNote.textContent = t('hub-preview-fallback');
  steps.append(fallbackNote);
  $('preview').scrollIntoView({ block: 'start' });
}

/** An upload's located problems in the table of box `id` (sheet or file, row or line, column); any other error as one. */
function showProblems(id, e) {
  if (!e.data?.problems) return showError(e);
  const body = $(id).querySelector('tbody');
  body.replaceChildren();
  for (const p of e.data.problems) {
    const tr = document.createElement('tr');
    cell(tr, p.sheet ?? '');
    cell(tr, p.row ?? '');
    cell(tr, p.column ?? '');
    cell(tr, `${codeText('hub-problem', p.code)} — ${p.detail}`);
    body.append(tr);
  }
  $(id).hidden = false;
}

async function fileData(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { name: file.name, data: btoa(bin) };
}

$('upload-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  $('upload-ok').hidden = true;
  $('upload-problems').hidden = true;
  clearError();
  const files = [...$('upload-files').files];
  if (files.length === 0) return;
  try {
    const r = await api('/admin/api/forms', { method: 'POST', body: { files: await Promise.all(files.map(fileData)) } });
    $('upload-ok').textContent = t('hub-upload-ok', { form: r.form });
    $('upload-ok').hidden = false;
    await loadForms();
    await showPreview(r.form, r.kind === 'topic' ? 'topics' : 'forms');
  } catch (e) {
    showProblems('upload-problems', e);
  }
});

$('publish-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  clearError();
  try {
    const r = await api('/admin/api/publish', { method: 'POST', body: { group: $('publish-group').value.trim(), note: $('publish-note').value } });
    $('publish-ok').textContent = t('hub-publish-ok', { version: r.version });
    $('publish-ok').hidden = false;
    await loadForms();
  } catch (e) { showError(e); }
});

$('discard').addEventListener('click', async () => {
  try { await api('/admin/api/draft/discard', { method: 'POST' }); await loadForms(); } catch (e) { showError(e); }
});

// ---- address data ----

function bytesText(n) {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${Math.ceil(n / 1024)} kB`;
}

async function loadAddress() {
  const [data, forms] = await Promise.all([api('/admin/api/address'), api('/admin/api/forms')]);
  $('address-draft-notice').hidden = !forms.draft;
  const body = $('address-table').tBodies[0];
  body.replaceChildren();
  for (const s of data.sets) {
    const tr = document.createElement('tr');
    const name = cell(tr, s.name);
    if (s.sample) {
      const flag = Object.assign(document.createElement('span'), { className: 'flag', textContent: t('hub-address-sample') });
      name.append(' ', flag);
    }
    cell(tr, s.id);
    cell(tr, s.source);
    cell(tr, s.roads.toLocaleString());
    cell(tr, s.buildings.toLocaleString());
    cell(tr, bytesText(s.bytes));
    const remove = Object.assign(document.createElement('button'), { type: 'button', textContent: t('hub-address-remove') });
    remove.setAttribute('aria-label', `${t('hub-address-remove')}: ${s.name}`);
    remove.addEventListener('click', async () => {
      clearError();
      try { await api(`/admin/api/address/sets/${encodeURIComponent(s.id)}/remove`, { method: 'POST' }); await loadAddress(); } catch (e) { showAddressProblems(e); }
    });
    cell(tr, '').append(remove);
    body.append(tr);
  }
  $('address-table').hidden = data.sets.length === 0;
  $('address-none').hidden = data.sets.length > 0;
  $('address-waiting').replaceChildren(...data.uploads.map((u) => Object.assign(document.createElement('li'), { textContent: `${u.name} (${bytesText(u.size)})` })));
  $('address-waiting-box').hidden = data.uploads.length === 0;
}

function showAddressProblems(e) {
  showProblems('address-problems', e);
}

/** Sends one file as the body of a PUT, reporting each piece sent (fetch cannot report upload progress). */
function sendFile(file, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', `/admin/api/address/uploads/${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.addEventListener('progress', (ev) => onProgress(ev.loaded));
    xhr.addEventListener('load', () => {
      let data = null;
      try { data = JSON.parse(xhr.responseText); } catch { /* no body */ }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data);
      const e = new Error(data?.code ?? 'hub.http');
      e.code = data?.code ?? 'hub.http';
      e.data = data;
      reject(e);
    });
    xhr.addEventListener('error', () => reject(Object.assign(new Error('cut'), { code: 'cut' })));
    xhr.send(file);
  });
}

$('address-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  clearError();
  $('address-ok').hidden = true;
  $('address-problems').hidden = true;
  // What waited from an earlier try is replaced by this one.
  $('address-waiting-box').hidden = true;
  const files = [...$('address-files').files];
  if (files.length === 0) return;
  const total = files.reduce((n, f) => n + f.size, 0);
  const bar = $('address-progress');
  const label = $('address-progress-label');
  bar.max = Math.max(total, 1);
  bar.value = 0;
  $('address-progress-box').hidden = false;
  $('address-submit').disabled = true;
  let before = 0;
  try {
    await api('/admin/api/address/clear-uploads', { method: 'POST' });
    for (const f of files) {
      const show = (sent) => {
        bar.value = before + sent;
        label.textContent = t('hub-address-sending', { file: f.name, done: bytesText(before + sent), total: bytesText(total) });
      };
      show(0);
      await sendFile(f, show);
      before += f.size;
    }
    bar.value = bar.max;
    label.textContent = t('hub-address-checking');
    const r = await api('/admin/api/address', { method: 'POST', body: { set: $('address-set').value.trim(), name: $('address-name').value, source: $('address-source').value } });
    $('address-ok').textContent = t('hub-address-ok', { set: r.set, roads: r.roads.toLocaleString(), buildings: r.buildings.toLocaleString() });
    $('address-ok').hidden = false;
    $('address-progress-box').hidden = true;
  } catch (e) {
    $('address-progress-box').hidden = true;
    if (e.code === 'cut') {
      $('error').textContent = t('hub-address-failed');
      $('error').hidden = false;
    } else {
      showAddressProblems(e);
    }
  } finally {
    $('address-submit').disabled = false;
    try { await loadAddress(); } catch (e) { showError(e); }
  }
});

$('address-clear').addEventListener('click', async () => {
  try { await api('/admin/api/address/clear-uploads', { method: 'POST' }); await loadAddress(); } catch (e) { showError(e); }
});

// ---- fleet ----

async function loadFleet() {
  const data = await api('/admin/api/fleet');
  const body = $('fleet-table').tBodies[0];
  body.replaceChildren();
  for (const k of data.kiosks) {
    const s = k.status ?? {};
    const tr = document.createElement('tr');
    tr.dataset.kiosk = k.kiosk_id;
    cell(tr, k.kiosk_id);
    cell(tr, k.group);
    cell(tr, ago(k.last_seen, data.now));
    cell(tr, s.bundle_version ?? '—');
    cell(tr, s.outbox_depth ?? '—');
    cell(tr, s.oldest_queued_s != null ? t('hub-fleet-waited', { minutes: Math.round(s.oldest_queued_s / 60) }) : '—');
    cell(tr, s.reader ? codeText('hub-device', s.reader) : '—');
    cell(tr, s.speech ? codeText('hub-device', s.speech) : '—');
    const flags = cell(tr, '');
    if (k.flags.length === 0) {
      flags.append(Object.assign(document.createElement('span'), { className: 'flag flag--ok', textContent: t('hub-flag-ok') }));
    }
    for (const f of k.flags) {
      const span = Object.assign(document.createElement('span'), { className: 'flag', textContent: codeText('hub-flag', f) });
      if (f === 'error' && s.last_error) span.textContent += `: ${codeText('hub-kiosk-error', s.last_error)}`;
      if (f === 'bundle-refused' && s.bundle_refused) span.textContent += `: ${codeText('hub-kiosk-error', s.bundle_refused)}`;
      if (f === 'check-other' && s.checks) span.textContent += `: ${s.checks.join(', ')}`;
      flags.append(span);
    }
    // Re-enrolling gives the kiosk a new token and file; the old file stops working.
    const again = Object.assign(document.createElement('button'), { type: 'button', className: 'reenrol', textContent: t('hub-fleet-reenrol') });
    again.addEventListener('click', () => {
      $('enrol-kiosk').value = k.kiosk_id;
      $('enrol-group').value = k.group;
      $('enrol-again').hidden = false;
      $('enrol-result').hidden = true;
      $('enrol-form').scrollIntoView({ block: 'center' });
      $('enrol-form').querySelector('button[type=submit]').focus();
    });
    cell(tr, '').append(again);
    body.append(tr);
  }
  const alerts = $('alerts');
  alerts.replaceChildren();
  for (const a of data.alerts) {
    const li = document.createElement('li');
    li.textContent = t('hub-alert', { kiosk: a.kiosk_id, screen: a.screen, when: when(a.raised) });
    alerts.append(li);
  }
  if (data.alerts.length === 0) alerts.append(Object.assign(document.createElement('li'), { textContent: t('hub-alerts-none') }));
}

$('enrol-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  clearError();
  try {
    const r = await api('/admin/api/kiosks', { method: 'POST', body: { kiosk_id: $('enrol-kiosk').value.trim(), group: $('enrol-group').value.trim() } });
    $('enrol-file').textContent = r.file;
    const link = $('enrol-download');
    link.href = URL.createObjectURL(new Blob([r.file], { type: 'text/plain' }));
    link.download = `${r.kiosk_id}.toml`;
    $('enrol-result').hidden = false;
    $('enrol-again').hidden = true;
    await loadFleet();
  } catch (e) { showError(e); }
});

// ---- submissions ----

async function loadSubmissions(before = null) {
  const select = $('submissions-filter');
  if (select.options.length === 0) {
    const forms = formList.length ? formList : (await api('/admin/api/forms')).forms;
    for (const f of forms) select.append(Object.assign(document.createElement('option'), { value: f.id, textContent: f.title }));
  }
  const form = select.value;
  $('csv').href = `/admin/api/submissions.csv?form=${encodeURIComponent(form)}`;
  const page = before ? `&before=${encodeURIComponent(before)}` : '';
  const data = await api(`/admin/api/submissions?form=${encodeURIComponent(form)}${page}`);
  const out = $('submissions');
  out.replaceChildren();
  if (data.submissions.length === 0) {
    out.append(Object.assign(document.createElement('p'), { textContent: t('hub-submissions-none') }));
    return;
  }
  const table = document.createElement('table');
  table.className = 'table';
  const head = document.createElement('tr');
  for (const h of ['hub-submissions-receipt', 'hub-submissions-received', 'hub-submissions-kiosk', 'hub-submissions-language', 'hub-submissions-answers']) {
    head.append(Object.assign(document.createElement('th'), { textContent: t(h) }));
  }
  table.append(Object.assign(document.createElement('thead')), document.createElement('tbody'));
  table.tHead.append(head);
  for (const s of data.submissions) {
    const tr = document.createElement('tr');
    cell(tr, s.receipt ?? '—');
    cell(tr, when(s.received));
    cell(tr, s.kiosk_id ?? '');
    cell(tr, s.locale ?? '');
    const td = cell(tr, '');
    if (s.code) td.textContent = codeText('hub-error', s.code);
    for (const [field, value, source] of s.answers ?? []) {
      const line = document.createElement('div');
      line.textContent = `${field}: ${value}`;
      // Verified only when the hub's own check passed; what only the kiosk claims is marked so.
      if (source === 'chip-verified') {
        line.append(Object.assign(document.createElement('span'), { className: 'verified', textContent: ` ✓ ${t('hub-submissions-verified')}` }));
      } else if (source === 'chip-claimed') {
        line.append(Object.assign(document.createElement('span'), { className: 'claimed', textContent: ` (${t('hub-submissions-claimed')})` }));
      }
      td.append(line);
    }
    // Whether the ID's chip proved it is the document's: the kiosk's finding (a chip cannot be asked twice).
    if (s.chip) {
      td.append(Object.assign(document.createElement('div'), { className: 'chip-check', textContent: codeText('hub-chip', s.chip) }));
    }
    table.tBodies[0].append(tr);
  }
  out.append(table);
  if (data.next) {
    const more = Object.assign(document.createElement('button'), { type: 'button', className: 'button', textContent: t('hub-submissions-more') });
    more.addEventListener('click', () => loadSubmissions(data.next).catch(showError));
    out.append(more);
  }
}

$('submissions-filter').addEventListener('change', () => loadSubmissions().catch(showError));

// ---- audit ----

async function loadAudit() {
  const data = await api('/admin/api/audit');
  const body = $('audit-table').tBodies[0];
  body.replaceChildren();
  for (const e of data.entries) {
    const tr = document.createElement('tr');
    cell(tr, when(e.time));
    cell(tr, e.admin);
    cell(tr, codeText('hub-audit', e.action));
    cell(tr, e.detail);
    body.append(tr);
  }
}

// ---- start ----

const saved = localStorage.getItem('hub-lang') ?? (navigator.language.startsWith('ko') ? 'ko' : 'en');
$('lang').value = saved;
$('lang').addEventListener('change', async () => {
  localStorage.setItem('hub-lang', $('lang').value);
  await loadTexts($('lang').value);
  if (!$('app').hidden) await openTab(location.hash.slice(1) || 'forms');
});

await loadTexts(saved);
try {
  await showApp(await api('/admin/api/session'));
} catch {
  showLogin();
}
