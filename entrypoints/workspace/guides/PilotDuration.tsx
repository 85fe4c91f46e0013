import { useEffect, useState } from 'preact/hooks';
import type { Guide } from '../../../src/guide';
import { onStoreChange } from '../../../src/messages';
import { expectedDuration, type ExpectedDuration } from '../../../src/rehearsal';
import type { IntervjuDatabase, Vault } from '../../../src/store';
import type { Translate } from '../../../src/ui';
import { pilotsOfGuide, pilotTimingsOfGuide } from '../revise/load-pilot';

/** A guide's expected length from its finished pilots (median, per section too), and the way to revise it from the latest one. */
export function PilotDuration(props: { db: IntervjuDatabase; vault: Vault; t: Translate; guide: Guide }) {
  const { db, vault, t, guide } = props;
  const [expected, setExpected] = useState<ExpectedDuration | null>(null);
  const [latestPilot, setLatestPilot] = useState<string | null>(null);
  useEffect(() => {
    const reload = async () => {
      setExpected(expectedDuration(await pilotTimingsOfGuide(db, vault, guide.id)));
      setLatestPilot((await pilotsOfGuide(db, guide.id))[0]?.id ?? null);
    };
    void reload();
    return onStoreChange((change) => {
      // A pilot ending (or deleted) changes the figures; marks during a live interview do not.
      if (change.type === 'session.changed') void reload();
    });
  }, [guide.id, guide.version]);
  if (!expected) return null;
  return (
    <div class="pilot-duration">
      <p data-testid="guide-expected-duration" data-minutes={expected.totalMinutes} data-pilots={expected.pilots}>
        {t('guideExpected', { minutes: expected.totalMinutes, pilots: expected.pilots })}
      </p>
      <ul class="muted">
        {guide.sections
          .filter((section) => expected.sectionMinutes.has(section.id))
          .map((section) => (
            <li key={section.id} data-testid="guide-expected-section" data-section-id={section.id} data-minutes={expected.sectionMinutes.get(section.id)}>
              {t('guideExpectedSection', { title: section.title, minutes: expected.sectionMinutes.get(section.id)! })}
            </li>
          ))}
      </ul>
      {latestPilot && (
        <a href={`#/sessions/${encodeURIComponent(latestPilot)}/revise`} data-testid="guide-revise">
          {t('guideRevise')}
        </a>
      )}
    </div>
  );
}
