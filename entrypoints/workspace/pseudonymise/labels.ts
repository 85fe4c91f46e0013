import type { SuggestionReason } from '../../../src/pseudonymise';
import type { MessageKey } from '../../../src/ui';

/** Why a word was suggested, as the researcher reads it. */
export const REASON_LABEL: Record<SuggestionReason, MessageKey> = {
  'key-list': 'pseudonymReasonKeyList',
  'name-part': 'pseudonymReasonNamePart',
  capitalised: 'pseudonymReasonCapitalised',
  nickname: 'pseudonymReasonNickname',
  address: 'pseudonymReasonAddress',
  postcode: 'pseudonymReasonPostcode',
  phone: 'pseudonymReasonPhone',
  age: 'pseudonymReasonAge',
  year: 'pseudonymReasonYear',
};
