import { describe, expect, it } from 'vitest';
import { questionForm, sentencesOf } from './question-forms';

describe('questionForm', () => {
  it.each([
    ['Synes du ikke at det var litt ensomt?'],
    ['Var det ikke vanskelig å være alene hele tiden?'],
    ['Er ikke det litt rart, egentlig?'],
    ['Eh, har du ikke savnet vennene dine?'],
    ['Du likte jo å jobbe hjemmefra, ikke sant?'],
    ['Det ble vel ganske stille i leiligheten?'],
    ['Du er vel enig i at tiltakene var for strenge?'],
    ['Det var tungt, eller hva?'],
    ['Syntest du ikkje det var einsamt?'],
  ])('calls "%s" leading', (sentence) => {
    expect(questionForm(sentence)).toBe('leading');
  });

  it.each([
    ['Er det noe du savner fra før pandemien?'],
    ['Har du kjent deg ensom det siste året?'],
    ['Kan du huske når det var verst?'],
    ['Synes du at det var vanskelig?'],
    ['Ja, og liker du jobben din?'],
    ['Bor du alene nå'],
    ['Var det mange du snakket med?'],
    ['Har dere fortsatt kontakt?'],
  ])('calls "%s" closed', (sentence) => {
    expect(questionForm(sentence)).toBe('closed');
  });

  it.each([
    ['Hvordan så en vanlig uke ut for deg?'],
    ['Eh, hva savnet du mest fra tiden før?'],
    ['Kan du fortelle litt om deg selv?'],
    ['Kunne du beskrive en sånn dag?'],
    ['Fortell om en gang du kjente deg ensom.'],
    ['Korleis opplevde du det?'],
    ['Så, hvem hadde du mest kontakt med?'],
  ])('calls "%s" open', (sentence) => {
    expect(questionForm(sentence)).toBe('open');
  });

  it.each([['Mm.'], ['Ja.'], ['Det skjønner jeg godt.'], ['Jeg skal spørre deg om hverdagen din nå.'], ['Takk for at du ville stille opp.'], ['']])(
    'finds no question in "%s"',
    (sentence) => {
      expect(questionForm(sentence)).toBeNull();
    },
  );
});

describe('sentencesOf', () => {
  it('splits an utterance at its end marks, keeping them', () => {
    expect(sentencesOf('Mm, skjønner. Var det vanskelig? Hvordan da?')).toEqual(['Mm, skjønner.', 'Var det vanskelig?', 'Hvordan da?']);
  });
});
