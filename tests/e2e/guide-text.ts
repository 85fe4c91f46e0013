/** A guide as a researcher would paste it from a Word document. */
export const PASTED_GUIDE = `Før intervjuet
Informer om formålet med studien.
Deltakeren kan trekke seg når som helst uten å oppgi grunn.

1. Bakgrunn (10 min)
Kan du fortelle litt om deg selv? Hvor lenge har du jobbet som sykepleier?
Hva fikk deg til å velge dette yrket? (familie, venner, tilfeldigheter)

2. Arbeidsdagen (20 min)
Ikke la kolleger eller pasienter bli identifiserbare.
Hvordan ser en vanlig arbeidsdag ut for deg?
Hvis deltakeren har lederansvar: Hvordan fordeler du oppgavene i teamet?
`;

export const EXPECTED = {
  sections: ['Bakgrunn', 'Arbeidsdagen'],
  questions: [
    'Kan du fortelle litt om deg selv?',
    'Hva fikk deg til å velge dette yrket?',
    'Hvordan ser en vanlig arbeidsdag ut for deg?',
    'Hvordan fordeler du oppgavene i teamet?',
  ],
  probes: ['Hvor lenge har du jobbet som sykepleier?', 'familie', 'venner', 'tilfeldigheter'],
  reminder: 'Ikke la kolleger eller pasienter bli identifiserbare.',
  condition: 'deltakeren har lederansvar',
};
