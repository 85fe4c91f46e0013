import type { Translate } from './i18n';

/** Words a guide's condition already starts with when the researcher wrote it as a condition. */
const CONDITIONAL_START = /^(hvis|dersom|om|bare|kun|spør|når|viss|berre|only|if|ask|when|unless)\b/i;

/**
 * A conditional question's condition as the interviewer reads it: as written when it
 * already says "Hvis …", "Dersom …", "Only if …" (the importer keeps the guide's own
 * words), otherwise with "Bare hvis" / "Only if" before it.
 */
export function conditionLabel(condition: string, t: Translate): string {
  const trimmed = condition.trim();
  if (CONDITIONAL_START.test(trimmed)) return trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return t('onlyIf', { condition: trimmed });
}
