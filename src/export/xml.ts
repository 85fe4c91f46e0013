/**
 * XML by string building, for the REFI-QDA project file (there is no DOM in
 * Node, where the tests run). Every text and attribute value goes through
 * `escapeXml`; elements are built with `element`, so nothing is written unescaped.
 */

/** Characters XML 1.0 does not allow at all (controls, lone surrogates, U+FFFE/U+FFFF): dropped. */
const NOT_ALLOWED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

const REFERENCES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/**
 * A value safe as element text and as a (double- or single-quoted) attribute:
 * markup characters and quotes as entities, tab and line breaks as character
 * references (so attribute values keep them), characters XML forbids removed.
 */
export function escapeXml(value: string): string {
  return value.replace(NOT_ALLOWED, '').replace(/[&<>"'\t\n\r]/gu, (character) => REFERENCES[character] ?? character);
}

export type Attributes = Record<string, string | number | boolean | null | undefined>;

/**
 * `<name a="…">children</name>`, or `<name a="…"/>` without children. Attributes
 * that are null or undefined are left out; children are already-built XML.
 */
export function element(name: string, attributes: Attributes = {}, children: readonly string[] = []): string {
  const attributeText = Object.entries(attributes)
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== null && entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXml(String(value))}"`)
    .join('');
  return children.length === 0 ? `<${name}${attributeText}/>` : `<${name}${attributeText}>${children.join('')}</${name}>`;
}

/** An element holding only text: `<name>escaped text</name>`. */
export function textElement(name: string, text: string, attributes: Attributes = {}): string {
  return element(name, attributes, [escapeXml(text)]);
}
