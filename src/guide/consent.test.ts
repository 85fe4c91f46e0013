import { describe, expect, it } from 'vitest';
import { consentComplete } from './consent';

const guide = { intro: [{ id: 'purpose', text: 'Purpose explained' }, { id: 'withdrawal', text: 'Right to withdraw' }] };

describe('consentComplete', () => {
  it('is complete only when every intro item is ticked', () => {
    expect(consentComplete(guide, ['purpose', 'withdrawal'])).toBe(true);
    expect(consentComplete(guide, ['withdrawal', 'purpose', 'withdrawal'])).toBe(true);
    expect(consentComplete(guide, ['purpose'])).toBe(false);
    expect(consentComplete(guide, [])).toBe(false);
  });

  it('ignores ticks that are not items of this guide', () => {
    expect(consentComplete(guide, ['purpose', 'something-else'])).toBe(false);
    expect(consentComplete(guide, ['purpose', 'withdrawal', 'something-else'])).toBe(true);
  });

  it('takes a set as well as a list', () => {
    expect(consentComplete(guide, new Set(['purpose', 'withdrawal']))).toBe(true);
  });

  it('needs no ticks when the guide has no intro items', () => {
    expect(consentComplete({ intro: [] }, [])).toBe(true);
  });
});
