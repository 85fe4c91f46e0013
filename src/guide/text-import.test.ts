import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGuideText, type GuideImportResult } from './text-import';
import { UNPLACED_REASONS } from './text-import';

function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

function counter(): () => string {
  let next = 0;
  return () => `id-${(next += 1)}`;
}

interface ExpectedQuestion {
  text: string;
  condition: string | null;
  probes: string[];
  reminders: string[];
}

function question(text: string, details: Partial<ExpectedQuestion> = {}): ExpectedQuestion {
  return { text, condition: null, probes: [], reminders: [], ...details };
}

/** The parse result without ids, in the shape the expectations are written in. */
function outline(result: GuideImportResult) {
  const { draft } = result;
  return {
    format: result.format,
    title: draft.title,
    plannedMinutes: draft.plannedMinutes,
    intro: draft.intro.map((item) => item.text),
    sections: draft.sections.map((section) => ({
      title: section.title,
      plannedMinutes: section.plannedMinutes,
      reminders: section.reminders,
      questions: section.questions.map((entry) => ({
        text: entry.text,
        condition: entry.condition,
        probes: entry.probes.map((probe) => probe.text),
        reminders: entry.reminders,
      })),
    })),
    unplaced: result.unplaced,
  };
}

describe('parseGuideText on realistic guides', () => {
  it('reads a Norwegian guide copied from Word', () => {
    const result = parseGuideText(fixture('word-norwegian.txt'), { idSource: counter() });
    expect(outline(result)).toEqual({
      format: 'plain',
      title: 'Intervjuguide – Arbeidshverdag for sykepleiere',
      plannedMinutes: 60,
      intro: [
        'Informer om formålet med studien.',
        'Deltakelse er frivillig, og du kan trekke deg når som helst uten å oppgi grunn.',
        'Intervjuet tas opp på lydopptak som slettes når det er transkribert.',
        'Samtykkeskjema er signert.',
      ],
      sections: [
        {
          title: 'Bakgrunn',
          plannedMinutes: 10,
          reminders: [],
          questions: [
            question('Kan du fortelle litt om deg selv og hvor lenge du har jobbet som sykepleier?', { probes: ['Utdanning', 'Tidligere arbeidsplasser'] }),
            question('Hva fikk deg til å velge dette yrket?'),
          ],
        },
        {
          title: 'En vanlig vakt',
          plannedMinutes: 20,
          reminders: ['NB: Be om konkrete eksempler, ikke generelle beskrivelser.'],
          questions: [
            question('Kan du beskrive en helt vanlig vakt, fra du kommer til du går?', { probes: ['Hva skjer først?', 'Hvordan fordeles arbeidsoppgavene?'] }),
            question('Hva gir deg energi i jobben?', { probes: ['pasientkontakt', 'kolleger', 'faglig utvikling'] }),
            question('Har du opplevd situasjoner der det var for lite bemanning?'),
            question('Hvordan håndterte du det?', { condition: 'Hvis ja', reminders: ['Ikke press på detaljer om enkeltpasienter.'] }),
          ],
        },
        {
          title: 'Samarbeid og ledelse',
          plannedMinutes: 15,
          reminders: [],
          questions: [
            question('Hvordan vil du beskrive samarbeidet med legene?'),
            question('Hvordan opplever du ansvaret for andre?', { condition: 'Dersom deltakeren er leder' }),
            question('Hva betyr ledelsen for hvordan du har det på jobb?', { probes: ['støtte', 'tilbakemeldinger', 'fleksibilitet'] }),
          ],
        },
        {
          title: 'Avslutning',
          plannedMinutes: 15,
          reminders: [],
          questions: [
            question('Er det noe vi ikke har snakket om som du vil ta opp?', { reminders: ['Takk deltakeren og forklar hva som skjer videre.'] }),
          ],
        },
      ],
      unplaced: [],
    });
  });

  it('reads a Markdown guide with a single # title, numbered questions and nested probes', () => {
    const result = parseGuideText(fixture('markdown-norwegian.md'), { idSource: counter() });
    expect(outline(result)).toEqual({
      format: 'markdown',
      title: 'Intervjuguide: Ungdom og fritid etter pandemien',
      plannedMinutes: 45,
      intro: ['Presenter deg selv og prosjektet', 'Forklar at deltakelse er frivillig', 'Spør om samtykke til lydopptak'],
      sections: [
        {
          title: 'Innledning',
          plannedMinutes: 5,
          reminders: [],
          questions: [question('Kan du fortelle litt om deg selv?', { probes: ['Alder og skole', 'Hvem bor du sammen med?'] })],
        },
        {
          title: 'Fritid før og nå',
          plannedMinutes: 20,
          reminders: ['NB: Ikke be om navn på venner eller trenere.'],
          questions: [
            question('Hva gjorde du på fritiden før pandemien?'),
            question('Hvordan har fritiden din endret seg?', {
              probes: ['Hva savner du mest?', 'Organiserte aktiviteter', 'Å treffe venner uten voksne til stede'],
            }),
            question('Er det noe du har begynt med som du ikke gjorde før?'),
            question('Hva gjorde at du sluttet?', { condition: 'Hvis deltakeren har sluttet på en aktivitet' }),
          ],
        },
        {
          title: 'Avslutning',
          plannedMinutes: 20,
          reminders: [],
          questions: [question('Er det noe du vil legge til?', { probes: ['Hvordan var det å snakke om dette?'] })],
        },
      ],
      unplaced: [],
    });
  });

  it('repairs a PDF extraction: hard wraps, hyphenation, page numbers and running headers', () => {
    const result = parseGuideText(fixture('pdf-extraction.txt'), { idSource: counter() });
    expect(outline(result)).toEqual({
      format: 'plain',
      title: 'Intervjuguide – Hjemmekontor og familieliv',
      plannedMinutes: 90,
      intro: [
        'Prosjekt HJEMME, Universitetet i Eksempelby',
        'Til intervjuer: Les opp informasjonsskrivet og sjekk at samtykkeskjemaet er signert før opptaket starter.',
        'Minn deltakeren på at opptaket slettes etter transkribering.',
      ],
      sections: [
        {
          title: 'HVERDAGEN',
          plannedMinutes: 15,
          reminders: [],
          questions: [
            question('Kan du beskrive hvordan en vanlig arbeidsdag så ut da du jobbet hjemmefra under Covid-19-pandemien?'),
            question('Hvordan organiserte dere barnepass og skole?', { probes: ['hjemmeskole', 'besteforeldre', 'barnehage'] }),
            question('Hva var det vanskeligste med å ha jobb og familie på samme sted?', { probes: ['Hva var det beste?'] }),
          ],
        },
        {
          title: 'GRENSER MELLOM JOBB OG FRITID',
          plannedMinutes: 20,
          reminders: [],
          questions: [
            question('Hvordan skilte du mellom arbeidstid og fritid?', { probes: ['Faste rutiner', 'Eget rom eller kjøkkenbordet'] }),
            question('Hvordan fordelte dere plassen og tiden mellom dere?', { condition: 'Spør bare hvis deltakeren har partner som også jobbet hjemme' }),
          ],
        },
        {
          title: 'ETTER PANDEMIEN',
          plannedMinutes: 25,
          reminders: ['NB: Ikke noter navn på arbeidsgiver eller kolleger.'],
          questions: [
            question('Hvordan jobber du i dag, og hvorfor har det blitt slik?', { probes: ['Har arbeidsgiveren din NAV-kontakt eller egne regler?'] }),
            question('Hvis du kunne velge fritt, hvordan ville du fordelt arbeidsuken mellom kontor og hjem?'),
          ],
        },
      ],
      unplaced: [],
    });
  });

  it('reads an English guide with "Follow-up:", "Only if" and an e.g. list', () => {
    const result = parseGuideText(fixture('english.txt'), { idSource: counter() });
    expect(outline(result)).toEqual({
      format: 'plain',
      title: 'Interview guide: Loneliness among students after the pandemic',
      plannedMinutes: 45,
      intro: [
        'Explain the purpose of the study and how the data will be used.',
        'Participation is voluntary. The participant may withdraw at any time.',
        'Ask for consent to record.',
      ],
      sections: [
        {
          title: 'Background',
          plannedMinutes: 5,
          reminders: [],
          questions: [question('Could you tell me a little about yourself?', { probes: ['Where did you grow up?'] })],
        },
        {
          title: 'Everyday life during lockdown',
          plannedMinutes: 20,
          reminders: ['Note: Do not ask for the names of roommates or friends.'],
          questions: [
            question('What did a normal day look like for you during the lockdown?', { probes: ['What did you do in the evenings?', 'Who did you talk to most?'] }),
            question('Did you ever feel lonely during that time?', { probes: ['at weekends', 'during holidays'] }),
            question('How did living alone affect you?', { condition: 'Only if the participant lived alone' }),
          ],
        },
        {
          title: 'Looking back',
          plannedMinutes: 20,
          reminders: [],
          questions: [
            question('What, if anything, has changed for you since then?'),
            question('What kind of help did you get?', { condition: 'If the participant mentions help services', probes: ['Was it easy to find?'] }),
            question('Is there anything you would like to add?'),
          ],
        },
      ],
      unplaced: [],
    });
  });

  it('places what it can in a messy paste and lists the rest with line numbers and reasons', () => {
    const result = parseGuideText(fixture('messy.txt'), { idSource: counter(), title: 'Familie og fritid' });
    expect(outline(result)).toEqual({
      format: 'plain',
      title: 'Familie og fritid',
      plannedMinutes: 60,
      intro: [
        'Presenter prosjektet og deg selv',
        'Frivillig deltakelse – kan trekke seg uten begrunnelse',
        'Lydopptak, lagring og sletting',
        'Husk å sjekke at opptakeren virker!',
      ],
      sections: [
        {
          title: 'BAKGRUNN',
          plannedMinutes: 10,
          reminders: [],
          questions: [
            question('Hvor gammel er du, og hvor bor du nå?', { probes: ['Bor du alene eller sammen med noen?'] }),
            question('Hva jobber du med?'),
          ],
        },
        {
          title: 'Familie og venner',
          plannedMinutes: null,
          reminders: [],
          questions: [
            question('Nå vil jeg spørre om familien din. Hvem står du nærmest?'),
            question('Hvordan har det vært å være forelder det siste året?', { condition: 'Hvis deltakeren har barn', probes: ['natur', 'religion', 'venner'] }),
          ],
        },
        {
          title: 'Fritid',
          plannedMinutes: null,
          reminders: [],
          questions: [
            question('Hva gjør du når du har fri?', { probes: ['Hvem gjør du det sammen med?', 'Hvor ofte?', 'Trening', 'Kultur'], reminders: ['ikke gå inn på helse her'] }),
            question('Hvis du tenker tilbake på pandemien, hva savnet du mest?'),
          ],
        },
      ],
      unplaced: [
        { line: 7, text: 'Oppfølging: alder, bosted', reason: UNPLACED_REASONS.probeWithoutQuestion },
        { line: 11, text: 's', reason: UNPLACED_REASONS.fragment },
        { line: 21, text: 'Hvis nei:', reason: UNPLACED_REASONS.conditionWithoutQuestion },
      ],
    });
  });

  it('gives every section, question, probe and checklist item its own id from the id source', () => {
    const result = parseGuideText(fixture('word-norwegian.txt'), { idSource: counter() });
    const ids = [
      ...result.draft.intro.map((item) => item.id),
      ...result.draft.sections.flatMap((section) => [
        section.id,
        ...section.questions.flatMap((entry) => [entry.id, ...entry.probes.map((probe) => probe.id)]),
      ]),
    ];
    expect(ids.every((id) => /^id-\d+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
