import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { isPanelChangeNotice, onStoreChange } from '../../../src/messages';
import { listSegments, type IntervjuDatabase, type Vault } from '../../../src/store';
import type { TranscriptEditor } from '../../../src/transcript-editing';

/**
 * Keeps an open view's transcript up to date while the session is still being
 * transcribed (a recording, a file import) or another page edits it. A stored
 * segment that comes with its notice (`segment.saved`, as the panels get it from
 * the recorder and the import) is taken as it is; a bare `segments.changed`
 * makes the view read the session's segments again (one read at a time: changes
 * during a read are taken by one more read after it). The editor keeps the
 * researcher's own edits and the segment being typed in (`TranscriptEditor.absorb`).
 * `ownChange` is true while the view announces its own writes, which need no read.
 */
export function useLiveSegments(db: IntervjuDatabase, vault: Vault, sessionId: string, editor: TranscriptEditor, ownChange: RefObject<boolean>): void {
  useEffect(() => {
    let live = true;
    let reading = false;
    let again = false;
    const readAgain = async () => {
      if (reading) {
        again = true;
        return;
      }
      reading = true;
      try {
        do {
          again = false;
          // The view's own writes first, so the read holds them.
          await editor.settled();
          const readFrom = new Set(editor.segments.map((segment) => segment.id));
          const stored = await listSegments(db, vault, sessionId);
          if (live) editor.absorb(stored, readFrom);
        } while (again && live);
      } catch (cause) {
        // A locked store or a closed database: the next change tries again.
        console.warn('Intervju: could not read the new segments', cause);
      } finally {
        reading = false;
      }
    };
    const onMessage = (message: unknown) => {
      if (!isPanelChangeNotice(message)) return;
      const { change } = message;
      if (change.type === 'segment.saved' && change.sessionId === sessionId) editor.absorb([change.segment]);
    };
    browser.runtime.onMessage.addListener(onMessage);
    const stop = onStoreChange((change) => {
      if (change.type === 'segments.changed' && change.sessionId === sessionId && !ownChange.current) void readAgain();
    });
    return () => {
      live = false;
      browser.runtime.onMessage.removeListener(onMessage);
      stop();
    };
  }, [db, vault, sessionId, editor, ownChange]);
}
