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
