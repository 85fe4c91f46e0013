import { describe, expect, it } from 'vitest';
import { element, escapeXml, textElement } from './xml';

describe('escapeXml', () => {
  it('escapes markup and quotes, keeps line breaks as references, and drops characters XML forbids', () => {
    expect(escapeXml(`a<b>&"c"'d'`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;');
    expect(escapeXml('linje 1\nlinje 2\tæøå')).toBe('linje 1&#10;linje 2&#9;æøå');
    expect(escapeXml('bell\u0007 and \uD800 lone')).toBe('bell and  lone');
    expect(escapeXml('emoji 😀 stays')).toBe('emoji 😀 stays');
  });

  it('builds elements with escaped attributes and text, leaving out empty attributes', () => {
    expect(element('Code', { name: 'Ærlighet & "åpenhet"', color: null, isCodable: true })).toBe(
      '<Code name="Ærlighet &amp; &quot;åpenhet&quot;" isCodable="true"/>',
    );
    expect(textElement('Description', '<tekst>')).toBe('<Description>&lt;tekst&gt;</Description>');
  });
});
