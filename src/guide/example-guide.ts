/**
 * An example guide, written for this project, that a new user can open to see
 * how a guide looks and to rehearse with. It is kept as text in the form the
 * importer reads, so it also shows what a pasted guide should look like.
 */
import type { Guide } from './model';
import type { IdSource } from './ids';
import { defaultIdSource } from './ids';
import { parseGuideText } from './text-import';
import { createGuide } from './versions';

export const EXAMPLE_GUIDE_TEXT = `Intervjuguide: Unge voksne og ensomhet etter pandemien

Før intervjuet:
- Deltakeren er informert om formålet med studien.
- Deltakelse er frivillig, og deltakeren kan trekke seg når som helst uten å oppgi grunn.
- Intervjuet tas opp, og opptaket slettes når det er transkribert.
- Alt som kan identifisere deltakeren, blir anonymisert i transkripsjonen.
- Samtykkeskjemaet er signert.
Varighet: 60 minutter

1. Innledende spørsmål (5 min)

NB: Slik begynner du: les punktene under «Før intervjuet» høyt og kryss dem av, start opptaket, og still spørsmålene med egne ord. Panelet foreslår hva du har spurt og hva deltakeren har svart på; bekreft med y eller avvis med n. Din egen guide limer du inn under Guider i arbeidsområdet.
Kan du fortelle litt om deg selv og hva du driver med nå?
- Studier eller jobb
- Hvem du bor sammen med

2. Hverdagen under pandemien (15 min)

Hvordan så en vanlig uke ut for deg mens smitteverntiltakene varte?
Hva savnet du mest fra tiden før? (venner, trening, studiemiljø)
Var det noe ved den perioden som var bedre enn før?

3. Relasjoner og ensomhet (20 min)

NB: Ikke be om navn, og sørg for at venner, familie og andre tredjeparter ikke kan identifiseres i det deltakeren forteller.
Hvem hadde du mest kontakt med under pandemien, og hvordan holdt dere kontakten?
Oppfølging: Har den kontakten endret seg etter at samfunnet åpnet igjen?
! Hva betyr ordet ensomhet for deg?
Har du selv kjent deg ensom i løpet av de siste årene?
- Kan du fortelle om en situasjon der du kjente det sterkt?
- Hva gjorde du da?

4. Hjelp og støtte (12 min)

Hvor ville du henvendt deg hvis du trengte noen å snakke med?
Hvis deltakeren har vært i kontakt med hjelpetjenester: Hvordan opplevde du møtet med dem?
Hva tror du kunne gjort det lettere for unge voksne å få kontakt med andre?

5. Avslutning (8 min)

! Hvordan har du det nå, sammenlignet med under pandemien?
Er det noe vi ikke har snakket om som du synes er viktig?
Husk å takke deltakeren og fortelle hva som skjer med opptaket videre.

Etter intervjuet:
- Takk deltakeren for at hen tok seg tid.
- Minn deltakeren om at hen kan trekke seg fra studien uten å oppgi grunn.
- Spør om deltakeren har noe å legge til.
- Fortell hva som skjer med opptaket og transkripsjonen videre.
`;

/** The example guide as a saved version 1, parsed from EXAMPLE_GUIDE_TEXT. */
export function exampleGuide(now: Date = new Date(), idSource: IdSource = defaultIdSource): Guide {
  const { draft } = parseGuideText(EXAMPLE_GUIDE_TEXT, { idSource });
  return createGuide(draft, { now, idSource, changeNote: 'Eksempelguide' });
}
