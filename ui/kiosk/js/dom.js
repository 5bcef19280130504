// Small DOM builders: every text goes in through textContent, never as HTML.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (v === true) node.setAttribute(k, '');
    else node.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/** A text as one element per sentence, each its own unit of a page (a long text pages by sentence). */
export function sentences(tag, text, attrs = {}) {
  return text.split(/(?<=[.!?])\s+|(?<=[。！？])/).filter((t) => t.trim())
    .map((t) => el(tag, { ...attrs, 'data-unit': '', text: t.trim() }));
}

export function button(label, onclick, variant = 'secondary', attrs = {}) {
  return el('button', { type: 'button', class: `kiosk-button kiosk-button--${variant}`, onclick, ...attrs }, label);
}
