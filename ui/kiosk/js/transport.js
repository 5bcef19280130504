// The one door to the engine: Tauri commands in the kiosk window, loopback HTTP in a browser.
// Both answer with the same views and the same error codes ({ code }).

const tauri = window.__TAURI__ && window.__TAURI__.core;

async function http(path, init) {
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw { code: 'api.unreachable' };
  }
  const body = await response.json().catch(() => ({ code: 'api.unreachable' }));
  if (!response.ok) throw { code: body.code || 'api.unreachable' };
  return body;
}

async function command(name, args) {
  try {
    return await tauri.invoke(name, args);
  } catch (e) {
    throw { code: (e && e.code) || 'api.unreachable' };
  }
}

export function view() {
  return tauri ? command('view') : http('/api/view');
}

export function act(action) {
  return tauri
    ? command('act', { action })
    : http('/api/act', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(action) });
}

export function texts(locale) {
  return tauri ? command('texts', { locale }) : http(`/api/texts/${encodeURIComponent(locale)}`);
}

/** Where a sign-language clip's frame is: the `clips` protocol in the kiosk window, /clips/ over HTTP. */
export function clipFrameUrl(language, clip, n) {
  const path = `${encodeURIComponent(language)}/${encodeURIComponent(clip)}/${n}.png`;
  return tauri ? `clips://localhost/${path}` : `/clips/${path}`;
}
