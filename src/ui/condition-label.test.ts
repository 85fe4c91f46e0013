import { describe, expect, it } from 'vitest';
import { conditionLabel } from './condition-label';
import { translator } from './i18n';

describe('conditionLabel', () => {
  const nb = translator('nb');
  const en = translator('en');

  it('shows a condition written as one as it is, without a second "if"', () => {
    expect(conditionLabel('Hvis deltakeren har lederansvar', nb)).toBe('Hvis deltakeren har lederansvar');
    expect(conditionLabel('dersom deltakeren er leder', nb)).toBe('Dersom deltakeren er leder');
    expect(conditionLabel('Spør bare hvis deltakeren har partner', nb)).toBe('Spør bare hvis deltakeren har partner');
    expect(conditionLabel('Only if the participant lived alone', en)).toBe('Only if the participant lived alone');
  });

  it('puts "Bare hvis" / "Only if" before a bare condition', () => {
    expect(conditionLabel('deltakeren har barn', nb)).toBe('Bare hvis deltakeren har barn');
    expect(conditionLabel('the participant has children', en)).toBe('Only if the participant has children');
    // "Omsorg" starts with "om" but is not the word "om".
    expect(conditionLabel('omsorgsansvar for barn', nb)).toBe('Bare hvis omsorgsansvar for barn');
  });
});
