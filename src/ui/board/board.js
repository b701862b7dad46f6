// The board's columns and cards, built as a hand-written page builds them: one call from wasm
// per column and change, with one string of fields, where building them from Rust would cross
// into JS for every element, attribute and text, and `innerHTML` would run the HTML parser per
// card. Texts are set with `textContent`, never parsed as markup. Fields are separated by
// U+001F, a card's key from its fields by U+001D, one card from the next by U+001E (the Rust
// side replaces any of them inside a field by a space).
const el = (tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text) e.textContent = text;
  return e;
};
const button = (cls, text) => {
  const b = el('button', cls, text);
  b.type = 'button';
  return b;
};
// A column's cards, in order, as "key" (the card on screen stays as it is) or
// "key<GS>fields" (a card to build), separated by <RS>. Cards come first in the column's body,
// before the body's own nodes ("no deals", "show more"); a card whose key is gone is
// removed, one already in place is not touched (so a drop moves one card, and keeps focus).
export function sync_cards(body, list) {
  const items = list ? list.split('\u001e') : [];
  const keys = items.map((item) => item.split('\u001d', 1)[0]);
  const wanted = new Set(keys);
  // Cards that stay, by key; the others go first, so that those after them stay in place.
  const kept = new Map();
  for (const card of [...body.children]) {
    if (!card.cardKey) continue;
    if (wanted.has(card.cardKey)) kept.set(card.cardKey, card);
    else card.remove();
  }
  let cursor = body.firstChild;
  items.forEach((item, i) => {
    let card = kept.get(keys[i]);
    if (!card) {
      card = document.createElement('article');
      card.cardKey = keys[i];
      fill_card(card, item.slice(keys[i].length + 1));
    }
    if (card === cursor) cursor = cursor.nextSibling;
    else body.insertBefore(card, cursor);
  });
}
function fill_card(card, packed) {
  const [id, cls, handle, title, company, amount, owner, days, stale, taskState, taskTitle, taskLabel,
    checklist, moveLabel] = packed.split('\u001f');
  const grip = button('drag-handle', '\u283f');
  grip.tabIndex = -1;
  grip.setAttribute('aria-label', handle);
  const top = el('div', 'deal-card-top');
  top.append(grip, el('h3', 'deal-title', title));
  const meta = el('p', 'deal-meta');
  meta.append(el('span', 'deal-amount', amount), el('span', 'deal-owner', owner));
  const age = el('p', stale ? 'deal-days stale' : 'deal-days', days);
  if (stale) age.append(el('span', 'badge badge-stale', stale));
  const parts = [top, el('p', 'deal-client', company), meta, age];
  if (taskState) {
    const task = el('div', 'deal-task');
    task.dataset.taskState = taskState;
    task.append(el('span', 'deal-task-title', taskTitle), el('span', 'deal-task-state', taskLabel));
    if (checklist) task.append(el('span', 'deal-task-checklist', checklist));
    parts.push(task);
  }
  const move = button('card-move', moveLabel);
  move.dataset.action = 'move-to';
  parts.push(move);
  card.className = cls;
  card.dataset.deal = id;
  card.tabIndex = 0;
  card.setAttribute('aria-label', title);
  card.replaceChildren(...parts);
}

// A column's own elements (section attributes, header, body, "no deals", "show more"), built
// once and then updated in place, so a focused "collapse" or "+" keeps its focus.
const setText = (e, text) => {
  if (e.textContent !== text) e.textContent = text;
};
// The body's "no deals" or "show more", after the cards; gone when its text is empty.
function trailing(body, cls, text, make) {
  let node = body.querySelector(':scope > .' + cls);
  if (!text) {
    node?.remove();
    return;
  }
  if (!node) body.append((node = make()));
  setText(node, text);
}
export function sync_column(section, packed) {
  const [stage, kind, collapsed, color, name, toggleLabel, stats, weighted, addLabel, empty, more] =
    packed.split('\u001f');
  let header = section.firstElementChild;
  if (!header) {
    header = el('header', 'column-header');
    const heading = el('div', 'column-heading');
    heading.append(el('h2', 'column-title'));
    const figures = el('p', 'column-stats');
    figures.dataset.testid = 'column-stats';
    const add = button('column-add', '+');
    add.dataset.action = 'add-deal';
    header.append(heading, figures, add);
    section.append(header);
  }
  section.dataset.kind = kind;
  section.classList.toggle('collapsed', !!collapsed);
  section.style.setProperty('--stage-color', color);
  section.setAttribute('aria-label', name);
  const [heading, figures] = header.children;
  setText(heading.firstElementChild, name);
  let toggle = heading.children[1];
  if (toggleLabel) {
    if (!toggle) {
      toggle = button('icon-button');
      toggle.dataset.action = 'collapse';
      heading.append(toggle);
    }
    toggle.setAttribute('aria-expanded', collapsed ? 'false' : 'true');
    toggle.setAttribute('aria-label', toggleLabel);
    setText(toggle, collapsed ? '\u25b8' : '\u25be');
  } else toggle?.remove();
  setText(figures, stats);
  let line = figures.nextElementSibling;
  if (!line.classList.contains('column-weighted')) line = null;
  if (weighted) {
    if (!line) figures.after((line = el('p', 'column-weighted')));
    setText(line, weighted);
  } else line?.remove();
  const add = header.lastElementChild;
  add.setAttribute('aria-label', addLabel);
  add.title = addLabel;
  let body = header.nextElementSibling;
  if (collapsed) {
    body?.remove();
    return null;
  }
  if (!body) {
    body = el('div', 'column-body');
    body.dataset.columnBody = stage;
    section.append(body);
  }
  trailing(body, 'column-empty', empty, () => el('p', 'column-empty'));
  trailing(body, 'show-more', more, () => {
    const b = button('button show-more');
    b.dataset.action = 'show-more';
    return b;
  });
  return body;
}
