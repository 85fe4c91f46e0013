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

describe('parseGuideText on guides with notes under headings and read-aloud parts', () => {
  it('keeps a heading with interviewer notes before its first question a section of its own, the notes its reminders', () => {
    const result = parseGuideText(fixture('notes-after-headings.txt'), { idSource: counter() });
    const { sections, intro } = outline(result);
    expect(intro).toEqual(['Presenter deg selv og prosjektet.', 'Minn om at deltakelse er frivillig.', 'Sjekk at samtykkeskjemaet er signert.']);
    expect(sections.map((section) => [section.title, section.questions.length])).toEqual([
      ['Om deg og din situasjon', 2],
      ['Hverdagen som pårørende', 3],
      ['Møtet med tjenestene', 2],
      ['Avslutning', 1],
    ]);
    expect(sections[0]?.reminders).toEqual(['Les opp: Vi snakker ikke om enkeltpersoner ved navn. Dersom du nevner andre, blir navnene fjernet i utskriften.']);
    expect(sections[1]?.reminders).toEqual([
      'Husk å ikke gå inn på diagnoser eller medisinske detaljer.',
      'Sørg for at tredjeparter ikke kan gjenkjennes i det deltakeren forteller.',
    ]);
    expect(sections[2]?.reminders).toEqual(['Fortell kort hva vi mener med tjenester: hjemmetjeneste, avlastning og dagtilbud.']);
    // No heading or note ends up as a reminder of the question before it.
    expect(sections.flatMap((section) => section.questions.flatMap((entry) => entry.reminders))).toEqual([]);
    expect(sections[0]?.questions[1]).toEqual(question('Hvem er du pårørende til, og hvor lenge har du vært det?', { probes: ['relasjon', 'bosituasjon'] }));
    expect(sections[1]?.questions[0]).toEqual(question('Hvordan ser en vanlig uke ut for deg?', { probes: ['Oppgaver du har', 'Tid til deg selv'] }));
    expect(sections[2]?.questions[1]).toEqual(question('Hvordan opplever du samarbeidet med de ansatte?', { probes: ['Hva fungerer godt?', 'Hva kunne vært bedre?'] }));
    expect(result.unplaced).toEqual([]);
  });

  it('reads an intro read aloud that ends by asking for questions as the intro, not as a section', () => {
    const result = parseGuideText(fixture('read-aloud-intro.txt'), { idSource: counter() });
    const { sections, intro, title } = outline(result);
    expect(title).toBe('Intervjuguide – Lærere og digitale verktøy');
    expect(intro).toEqual([
      'Takk for at du vil være med i denne studien. Intervjuet tar omtrent en time, og vi tar opp lyd som slettes når intervjuet er skrevet ut. Du kan når som helst trekke deg uten å oppgi grunn. Har du noen spørsmål før vi starter?',
    ]);
    expect(sections.map((section) => [section.title, section.plannedMinutes, section.questions.length])).toEqual([
      ['Bakgrunn', 10, 2],
      ['Bruk av digitale verktøy', 25, 3],
      ['Avslutning', 5, 1],
    ]);
    // Lettered sub-questions under a numbered question are its probes, without their letters.
    expect(sections[0]?.questions[1]).toEqual(question('Hvilke fag underviser du i?', { probes: ['Hvilke trinn?', 'Hvor mange elever har du?'] }));
    expect(sections[1]?.questions[1]?.probes).toEqual(['Hva gjorde at det fungerte?', 'Hvordan reagerte elevene?']);
    expect(result.unplaced).toEqual([]);
  });

  it('takes an "Innledning" whose only question is about the procedure for the intro, but keeps one with a real question a section', () => {
    const procedural = parseGuideText('Innledning\n\nTakk for at du stiller opp. Har du noen spørsmål før vi starter?\n\n1. Bakgrunn\nHvor bor du?\n');
    expect(procedural.draft.intro.map((item) => item.text)).toEqual(['Takk for at du stiller opp.', 'Har du noen spørsmål før vi starter?']);
    expect(procedural.draft.sections.map((section) => section.title)).toEqual(['Bakgrunn']);
    const real = parseGuideText('Intro\n\nKan du fortelle litt om deg selv?\n\n1. Bakgrunn\nHvor bor du?\n');
    expect(real.draft.sections.map((section) => [section.title, section.questions.length])).toEqual([
      ['Intro', 1],
      ['Bakgrunn', 1],
    ]);
  });

  it('keeps a closing read aloud as the section’s reminder; its own questions stay questions', () => {
    const result = parseGuideText(
      '1. Bakgrunn\nHvor bor du?\n\n2. Avslutning (leses opp)\nTusen takk for praten. Opptaket slettes når det er skrevet ut. Var det noe du lurte på?\nEr det noe du vil legge til?\n',
    );
    const closing = result.draft.sections[1];
    expect(closing?.title).toBe('Avslutning (leses opp)');
    expect(closing?.reminders).toEqual(['Tusen takk for praten. Opptaket slettes når det er skrevet ut. Var det noe du lurte på?']);
    expect(closing?.questions.map((entry) => entry.text)).toEqual(['Er det noe du vil legge til?']);
  });

  it('keeps the title typed on import, whether or not the text has a title line', () => {
    expect(parseGuideText('1. Bakgrunn\nHvor bor du?\n', { title: '  Min guide  ' }).draft.title).toBe('Min guide');
    const typed = parseGuideText(fixture('read-aloud-intro.txt'), { title: 'Lærere og KI – pilot' });
    expect(typed.draft.title).toBe('Lærere og KI – pilot');
    expect(typed.draft.sections).toHaveLength(3);
    expect(parseGuideText(fixture('read-aloud-intro.txt'), { title: '   ' }).draft.title).toBe('Intervjuguide – Lærere og digitale verktøy');
  });
});
