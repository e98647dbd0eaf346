// A small HTML tag scanner for the build hooks: finds start tags, their
// attributes and, for the raw-text elements <script> and <style>, their exact
// text, with source offsets so a hook can rewrite precisely those spans.
//
// It follows the HTML tokenizer where it matters for a page Trunk wrote:
// comments, doctype, quoted and unquoted attribute values (which may hold
// '>'), and raw text that ends only at the matching end tag. It is not a
// general parser: no entity decoding inside text, no implied tags.

const RAW_TEXT = new Set(['script', 'style']);

export class HtmlError extends Error {}

/** Returns every start tag in `html` as
 * `{ name, attrs: Map, start, openEnd, end, contentStart, contentEnd, text }`.
 * `start..end` covers the whole element for script/style (through its end tag)
 * and the start tag alone for everything else. */
export function scanTags(html) {
  const tags = [];
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    if (html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4);
      if (close < 0) throw new HtmlError(`unterminated comment at offset ${lt}`);
      i = close + 3;
      continue;
    }
    if (html[lt + 1] === '!' || html[lt + 1] === '?' || html[lt + 1] === '/') {
      const close = html.indexOf('>', lt);
      i = close < 0 ? html.length : close + 1;
      continue;
    }
    const nameMatch = /^[A-Za-z][A-Za-z0-9-]*/.exec(html.slice(lt + 1, lt + 64));
    if (!nameMatch) {
      i = lt + 1;
      continue;
    }
    const name = nameMatch[0].toLowerCase();
    const { attrs, openEnd } = parseAttributes(html, lt + 1 + nameMatch[0].length, lt);
    const tag = { name, attrs, start: lt, openEnd, end: openEnd };
    if (RAW_TEXT.has(name)) {
      const closeRe = new RegExp(`</${name}[\\s/>]`, 'ig');
      closeRe.lastIndex = openEnd;
      const close = closeRe.exec(html);
      if (!close) throw new HtmlError(`<${name}> at offset ${lt} has no </${name}>`);
      const closeEnd = html.indexOf('>', close.index);
      tag.contentStart = openEnd;
      tag.contentEnd = close.index;
      tag.text = html.slice(openEnd, close.index);
      tag.end = closeEnd + 1;
    }
    tags.push(tag);
    i = tag.end;
  }
  return tags;
}

function parseAttributes(html, from, tagStart) {
  const attrs = new Map();
  let i = from;
  for (;;) {
    while (i < html.length && /\s|\//.test(html[i])) i++;
    if (i >= html.length) throw new HtmlError(`unterminated tag at offset ${tagStart}`);
    if (html[i] === '>') return { attrs, openEnd: i + 1 };
    const nameMatch = /^[^\s/>=]+/.exec(html.slice(i, i + 256));
    const attrName = nameMatch[0].toLowerCase();
    i += nameMatch[0].length;
    while (/\s/.test(html[i])) i++;
    let value = '';
    if (html[i] === '=') {
      i++;
      while (/\s/.test(html[i])) i++;
      const quote = html[i];
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, i + 1);
        if (close < 0) throw new HtmlError(`unterminated attribute value at offset ${i}`);
        value = html.slice(i + 1, close);
        i = close + 1;
      } else {
        const m = /^[^\s>]*/.exec(html.slice(i));
        value = m[0];
        i += value.length;
      }
    }
    if (!attrs.has(attrName)) attrs.set(attrName, decodeEntities(value));
  }
}

const ENTITIES = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>' };

export function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ent) => {
    if (ent[0] === '#') {
      const code = ent[1] === 'x' || ent[1] === 'X' ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
      return String.fromCodePoint(code);
    }
    return ENTITIES[ent.toLowerCase()] ?? whole;
  });
}

export function escapeAttribute(s) {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

/** Applies `[{start, end, text}]` (non-overlapping) to `html`. */
export function replaceSpans(html, spans) {
  const sorted = [...spans].sort((a, b) => b.start - a.start);
  let out = html;
  for (const { start, end, text } of sorted) out = out.slice(0, start) + text + out.slice(end);
  return out;
}
