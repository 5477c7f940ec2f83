// The version badge or chip ("1.0", "Version 1.0"), the shown image, the versions list.

const VERSION = /^(?:v|version)?\s*(\d+)[.,](\d+)$/i;

const CLEAR = /rgba\(\d+, \d+, \d+, 0\)|transparent/;

// The background (and border) painted behind a badge's text: its own or a close wrapper's
// that holds nothing else.
function paint(el) {
  for (let e = el, up = 0; e && up < 3; e = e.parentElement, up++) {
    const style = getComputedStyle(e);
    if (style.backgroundColor && !CLEAR.test(style.backgroundColor)) {
      const border = parseFloat(style.borderTopWidth) > 0 ? style.borderTopColor : '';
      return {bg: style.backgroundColor, border};
    }
    if (norm(text(e.parentElement || e)) !== norm(text(el))) break;
  }
  return {bg: '', border: ''};
}

// The version badge: a short "1.0" text outside lists and tables, preferably painted, in the
// open panel (else the page).
function badge() {
  const sc = scopes();
  const cands = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (SKIP.has(el.tagName) || el.children.length > 3) continue;
    const m = VERSION.exec(norm(text(el)));
    if (!m || !visible(el)) continue;
    const scope = scopeOf(el, sc);
    if (scope === null) continue;
    const {bg, border} = paint(el);
    // Entries of the unit list and rows of the versions table carry versions too.
    const rank = (within(el, 'table, ul, ol, [role=list], [role=tree], [role=grid]') ? 2 : 0) +
      (bg ? 0 : 1) + (sc.panel && scope === 2 ? 4 : 0);
    cands.push({el, rank, text: norm(text(el)), major: +m[1], minor: +m[2], bg, border,
      color: getComputedStyle(el).color});
  }
  cands.sort((a, b) => a.rank - b.rank);
  const top = cands.filter(c => !cands.some(o => o !== c && c.el.contains(o.el)))[0];
  if (!top) return null;
  const {text: t, major, minor, bg, border, color} = top;
  return {text: t, major, minor, background: bg, border, color};
}

// The image shown: the one nearest to the upload field, else the largest, in the nearest scope.
function image(spec) {
  const field = spec.field ? find(spec.field) : null;
  const sc = scopes();
  const imgs = [...document.querySelectorAll('img')].filter(i =>
    visible(i) && !within(i, NAV) && !within(i, FOOTER) && i.getAttribute('src') &&
    scopeOf(i, sc) !== null);
  if (!imgs.length) return null;
  const size = i => i.naturalWidth * i.naturalHeight;
  imgs.sort((a, b) => scopeOf(a, sc) - scopeOf(b, sc) || distance(a, field) - distance(b, field) ||
    size(b) - size(a));
  return imgs[0].currentSrc || imgs[0].src;
}

// What the versions list says about `spec.version`: 'published', 'draft' or null.
function versionState(spec) {
  const token = new RegExp('(^|[^\\d.])' + spec.version.replace('.', '\\.') + '($|[^\\d.])');
  for (const row of document.querySelectorAll('tr, li, [role=row]')) {
    const t = lower(spaces(text(row)));
    if (!token.test(t)) continue;
    if (forms(spec.draft).some(d => t.includes(lower(d))) || /nicht\s+ver/.test(t))
      return 'draft';
    if (forms(spec.published).some(p => t.includes(lower(p)))) return 'published';
  }
  return null;
}
