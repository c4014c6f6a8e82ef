import { PayloadError } from './payload.errors.js';

/**
 * Characters XML 1.0 cannot carry at all (not even as character references): C0 controls
 * other than tab/newline/carriage return, U+FFFE/U+FFFF and unpaired surrogates.
 */
const FORBIDDEN_XML_CHARACTERS =
  // Matching control characters is the point here.
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;
const FORBIDDEN_XML_CHARACTERS_GLOBAL = new RegExp(FORBIDDEN_XML_CHARACTERS.source, 'gu');

export function containsForbiddenXmlCharacter(text: string): boolean {
  return FORBIDDEN_XML_CHARACTERS.test(text);
}

/** Printers put raw bytes in SNMP strings; what XML cannot carry becomes U+FFFD. */
export function toXmlSafeText(text: string): string {
  return FORBIDDEN_XML_CHARACTERS.test(text)
    ? text.replace(FORBIDDEN_XML_CHARACTERS_GLOBAL, '\uFFFD')
    : text;
}

/** Element content. `\r` is a reference so that readers' line-end normalisation cannot change it. */
export function escapeText(text: string): string {
  const safe = toXmlSafeText(text);
  if (!NEEDS_TEXT_ESCAPE.test(safe)) return safe;
  return safe.replace(/[&<>\r]/g, (character) => TEXT_ESCAPES[character] ?? character);
}

/** Attribute values: also quotes and whitespace, which attribute normalisation would otherwise rewrite. */
export function escapeAttribute(text: string): string {
  const safe = toXmlSafeText(text);
  if (!NEEDS_ATTRIBUTE_ESCAPE.test(safe)) return safe;
  return safe.replace(/[&<>"\t\n\r]/g, (character) => ATTRIBUTE_ESCAPES[character] ?? character);
}

const NEEDS_TEXT_ESCAPE = /[&<>\r]/;
const NEEDS_ATTRIBUTE_ESCAPE = /[&<>"\t\n\r]/;
const TEXT_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '\r': '&#13;',
};
const ATTRIBUTE_ESCAPES: Record<string, string> = {
  ...TEXT_ESCAPES,
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
};

const PREDEFINED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

/**
 * Resolves the five predefined entities and character references. The parser runs with entity
 * processing off, so this is the only expansion there is: any other `&name;` is undeclared
 * (documents with a DTD are refused before parsing) and therefore malformed.
 */
export function decodeReferences(raw: string, path: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;&\s]{0,12});?/g, (match, body: string) => {
    if (!match.endsWith(';')) throw malformed(path, 'a bare "&" must be written &amp;');
    if (body.startsWith('#x') || body.startsWith('#X'))
      return fromCodePoint(
        /^#[xX][0-9a-fA-F]{1,6}$/.test(body) ? parseInt(body.slice(2), 16) : NaN,
        path,
      );
    if (body.startsWith('#'))
      return fromCodePoint(/^#[0-9]{1,7}$/.test(body) ? parseInt(body.slice(1), 10) : NaN, path);
    const value = PREDEFINED_ENTITIES[body];
    if (value === undefined) throw malformed(path, `undeclared entity &${body};`);
    return value;
  });
}

function fromCodePoint(codePoint: number, path: string): string {
  const allowed =
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff);
  if (!allowed) throw malformed(path, 'character reference to a character XML does not allow');
  return String.fromCodePoint(codePoint);
}

function malformed(path: string, message: string): PayloadError {
  return new PayloadError('XML_MALFORMED', message, path || null);
}
