import { describe, expect, it } from 'vitest';
import type { Replacement } from './occurrences';
import { suggestReplacements, type Suggestion } from './suggest';

const list: Replacement[] = [{ real: 'Kari Nordmann', fictive: 'Lina Berg', kind: 'name' }];

function suggest(texts: string[], replacements: Replacement[] = list, ignore: string[] = []): Suggestion[] {
  return suggestReplacements({ segments: texts.map((text, index) => ({ id: `s${index}`, text })), replacements, ignore });
}

const found = (suggestions: Suggestion[]) => suggestions.map((entry) => [entry.text, entry.reason, entry.kind]);

describe('suggestReplacements', () => {
  it('finds key-list terms and the parts of known names, with the fictive name proposed', () => {
    const suggestions = suggest(['Jeg snakket med Kari Nordmann i går, og Karis mor.']);
    expect(suggestions.map((entry) => [entry.text, entry.reason, entry.fictive])).toEqual([
      ['Kari Nordmann', 'key-list', 'Lina Berg'],
      ['Karis', 'name-part', 'Linas'],
    ]);
  });

  it('gives each suggestion its segment, span and a few words of context', () => {
    const [first] = suggest(['En to tre fire fem seks Kari Nordmann sju åtte ni ti elleve tolv']);
    expect(first).toMatchObject({ id: 's0:24', segmentId: 's0', start: 24, end: 37, before: 'to tre fire fem seks', after: 'sju åtte ni ti elleve' });
  });

  it('suggests capitalised words inside sentences, guessing places after a preposition and institutions by their ending', () => {
    expect(found(suggest(['Da jeg flyttet til Tromsø begynte jeg på Fjellheim skole, og Petter var der.']))).toEqual([
      ['Tromsø', 'capitalised', 'place'],
      ['Fjellheim skole', 'capitalised', 'institution'],
      ['Petter', 'capitalised', 'name'],
    ]);
    expect(found(suggest(['Vi ringte Ole Hansen og Tomas, han jobber i Nordvik AS.']))).toEqual([
      ['Ole Hansen', 'capitalised', 'name'],
      ['Tomas', 'capitalised', 'name'],
      ['Nordvik AS', 'capitalised', 'institution'],
    ]);
  });

  it('makes no suggestion for an ordinary word at a sentence start, nor for stop words inside one', () => {
    expect(suggest(['Etter det ble alt bedre. Så gikk jeg hjem! Hvorfor? Det vet jeg ikke.'])).toEqual([]);
    expect(suggest(['Vi kom på Mandag i Januar, og Ja, det var jul.'])).toEqual([]);
  });

  it('does suggest a name at a sentence start when it is capitalised inside a sentence elsewhere', () => {
    expect(found(suggest(['Petter ringte meg.', 'Jeg savner Petter.']))).toEqual([
      ['Petter', 'capitalised', 'name'],
      ['Petter', 'capitalised', 'name'],
    ]);
  });

  it('does not suggest fictive names already in the list, nor words to ignore', () => {
    expect(suggest(['Jeg snakket med Lina og Eva.'], list, ['Eva'])).toEqual([]);
    // "Kari Nordmann" → "Kari": the "Kari" left in the text is the fictive name, not a part of the real one.
    expect(suggest(['Jeg snakket med Kari.'], [{ real: 'Kari Nordmann', fictive: 'Kari', kind: 'name' }])).toEqual([]);
  });

  it('finds numbers that identify: ages, years, phone numbers, street addresses and postcodes', () => {
    const text = 'Jeg var 34 år i 2019 og bodde i Storgata 12B, 8006 Bodø. Ring 912 34 567 eller +47 22 33 44 55, sa 45-åringen.';
    expect(found(suggest([text]))).toEqual([
      ['34 år', 'age', 'other'],
      ['2019', 'year', 'other'],
      ['Storgata 12B', 'address', 'place'],
      ['8006 Bodø', 'postcode', 'place'],
      ['912 34 567', 'phone', 'other'],
      ['+47 22 33 44 55', 'phone', 'other'],
      ['45-åringen', 'age', 'other'],
    ]);
  });

  it('does not take a duration for an age', () => {
    expect(suggest(['Jeg jobbet der i 20 år, for 10 år siden.'])).toEqual([]);
  });

  it('handles æ, ø and å in names', () => {
    expect(found(suggest(['Vi møtte Ørjan og Åse på Bjørkelangen.']))).toEqual([
      ['Ørjan', 'capitalised', 'name'],
      ['Åse', 'capitalised', 'name'],
      ['Bjørkelangen', 'capitalised', 'place'],
    ]);
  });

  it('suggests ages and years spelled out as a transcriber types them, not durations or amounts', () => {
    expect(found(suggest(['Jeg var tjueto år da jeg flyttet, en tjuetoåring fra bygda.']))).toEqual([
      ['tjueto år', 'age', 'other'],
      ['tjuetoåring', 'age', 'other'],
    ]);
    expect(found(suggest(['Hun er født i nittenåttifem, og jeg i nitten hundre og syttito.']))).toEqual([
      ['nittenåttifem', 'year', 'other'],
      ['nitten hundre og syttito', 'year', 'other'],
    ]);
    expect(found(suggest(['Det var i totusenogfem, eller to tusen og seks, før tjuetjue.']))).toEqual([
      ['totusenogfem', 'year', 'other'],
      ['to tusen og seks', 'year', 'other'],
      ['tjuetjue', 'year', 'other'],
    ]);
    expect(suggest(['Jeg har jobbet der i tjue år, for fem år siden kostet det to tusen kroner, og vi var fem stykker.'])).toEqual([]);
  });

  it('suggests a nickname named as one, also in lower case, but not a verb after "kalt"', () => {
    expect(found(suggest(['Vi kalte ham pølsa på skolen, og kallenavnet hennes var «snuppa».']))).toEqual([
      ['pølsa', 'nickname', 'name'],
      ['snuppa', 'nickname', 'name'],
    ]);
    expect(suggest(['Jeg ble kalt inn til sjefen, og han kalte det en sjanse.'])).toEqual([]);
  });
});
