import { exampleGuide } from '../../src/guide';
import { listGuides, saveGuide, setActiveGuideRef, type IntervjuDatabase } from '../../src/store';
import { broadcastStoreChange } from '../../src/messages';

/** Stores the example guide and makes it active, unless the researcher already has guides. */
export async function seedExampleGuide(db: IntervjuDatabase): Promise<void> {
  if ((await listGuides(db)).length > 0) return;
  const guide = exampleGuide();
  await saveGuide(db, guide);
  await setActiveGuideRef(db, { id: guide.id, version: guide.version });
  broadcastStoreChange({ type: 'guide.changed' });
}
