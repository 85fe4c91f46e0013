import { browser } from 'wxt/browser';
import {
  autoMarked,
  createCoverageMatcher,
  decideSuggestion,
  latestStates,
  openSuggestions,
  proposeSuggestions,
  resuggestTranscript,
  suggestionEvent,
  type CoverageMatcher,
  type CoverageSuggestion,
} from '../../src/coverage';
import type { Guide } from '../../src/guide';
import { backgroundMessaging, broadcastStoreChange, isPanelChangeNotice, senderRefusal, sendSessionUpdated } from '../../src/messages';
import {
  getGuide,
  getSession,
  getSetting,
  listCoverage,
  listSegments,
  setSetting,
  updateSessionSuggestions,
  type IntervjuDatabase,
  type Segment,
  type Vault,
} from '../../src/store';
import { touchVault } from '../../src/unlock';
import { recordMark } from './coverage-commands';

/**
 * Coverage that follows the conversation. Each segment the offscreen document
 * stores reaches the background as the same `segment.saved` notice the panels
 * get; here it is matched against the session's guide and what it suggests is
 * kept with the session record, which the panels show. Matching runs in the
 * service worker, not in the offscreen document, so it never holds up the
 * transcription queue; it takes about half a millisecond per utterance
 * (docs/coverage-matching.md).
 *
 * The worker may stop at any moment: the suggestions live in the store, and the
 * matcher (built from the guide in a few milliseconds) is only a cache.
 */
export interface SuggestionControl {
  /** Confirms or dismisses the newest waiting suggestion of the running session (the call's keyboard shortcuts). */
  decideNewest(decision: 'confirmed' | 'dismissed'): Promise<void>;
}

export function serveSuggestions(openDatabase: () => Promise<IntervjuDatabase>): SuggestionControl {
  const matchers = matcherCache();
  // One change at a time: a suggestion decided while the next utterance is matched
  // must see the marks the other made.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work);
    queue = run.catch(() => undefined);
    return run;
  };

  // The notice the offscreen document sends for each stored segment. Runtime
  // messages also reach the worker from a content script, so the sender is
  // checked as the guarded messengers check theirs.
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (!isPanelChangeNotice(message) || message.change.type !== 'segment.saved') return undefined;
    const refused = senderRefusal(sender, 'extension-page', { id: browser.runtime.id, baseUrl: browser.runtime.getURL('/') });
    if (refused !== null) return undefined;
    const { segment } = message.change;
    void serially(async () => suggestFromSegment(await openDatabase(), segment, matchers)).catch((cause: unknown) =>
      console.error('Intervju: could not match a segment against the guide', cause),
    );
    // No reply: the notice is not a request.
    return undefined;
  });

  backgroundMessaging.onMessage('coverage.suggestion', async ({ data }) => {
    await serially(async () => decide(await openDatabase(), data.sessionId, data.suggestionId, data.decision));
    await touchVault();
  });

  backgroundMessaging.onMessage('coverage.autoMark', async ({ data: enabled }) => {
    await setSetting(await openDatabase(), 'autoMarkSuggestions', enabled);
    broadcastStoreChange({ type: 'settings.changed' });
  });

  return {
    async decideNewest(decision) {
      await serially(async () => {
        const db = await openDatabase();
        const sessionId = await getSetting(db, 'activeSessionId');
        const session = sessionId ? await getSession(db, sessionId) : null;
        if (!session || session.status !== 'active') return;
        const newest = openSuggestions(session.suggestions ?? [], latestStates(await listCoverage(db, session.id)))[0];
        if (newest) await decide(db, session.id, newest.id, decision);
      });
    },
  };
}

/** Confirms (recording the mark) or dismisses one pending suggestion; one already decided is left alone. */
async function decide(db: IntervjuDatabase, sessionId: string, suggestionId: string, decision: 'confirmed' | 'dismissed'): Promise<void> {
  const session = await getSession(db, sessionId);
  const guide = session ? await getGuide(db, session.guideId, session.guideVersion) : null;
  if (!session || !guide) return;
  const now = Date.now();
  const outcome: { decided: CoverageSuggestion | null } = { decided: null };
  const updated = await updateSessionSuggestions(db, session.id, (known) => {
    const { suggestions, decided } = decideSuggestion(known, suggestionId, decision, now);
    outcome.decided = decided;
    return decided ? suggestions : null;
  });
  if (!updated) return;
  sendSessionUpdated(updated);
  const confirmed = outcome.decided?.status === 'confirmed' ? outcome.decided : null;
  if (confirmed) await recordMark(db, guide, suggestionEvent(confirmed, session.id, now, 'confirmed'));
  broadcastStoreChange({ type: confirmed ? 'coverage.changed' : 'session.changed', sessionId: session.id });
}

/** Matches one stored segment of the running session and keeps what it suggests (marking it at once with auto-marking on). */
async function suggestFromSegment(db: IntervjuDatabase, segment: Segment, matchers: MatcherCache, now = Date.now()): Promise<void> {
  const session = await getSession(db, segment.sessionId);
  if (!session || session.status !== 'active') return;
  const guide = await getGuide(db, session.guideId, session.guideVersion);
  if (!guide) return;
  const states = latestStates(await listCoverage(db, session.id));
  const autoMark = await getSetting(db, 'autoMarkSuggestions');
  const matcher = matchers.for(guide);
  let made: CoverageSuggestion[] = [];
  const updated = await updateSessionSuggestions(db, session.id, (known) => {
    const proposed = proposeSuggestions({
      matcher,
      utterance: { segmentId: segment.id, channel: segment.channel, text: segment.text },
      states,
      suggestions: known,
      now,
      newId: () => crypto.randomUUID(),
    });
    made = autoMark ? autoMarked(proposed, now) : proposed;
    return made.length > 0 ? [...known, ...made] : null;
  });
  if (!updated) return;
  sendSessionUpdated(updated);
  if (autoMark) {
    for (const suggestion of made) await recordMark(db, guide, suggestionEvent(suggestion, session.id, now, 'suggested'));
  }
  broadcastStoreChange({ type: autoMark ? 'coverage.changed' : 'session.changed', sessionId: session.id });
}

/**
 * Suggestions made again over a session's whole transcript, after the
 * full-quality pass replaced its text: the researcher's decisions stay, waiting
 * suggestions are made again from the final text (docs/final-pass.md). Nothing is
 * marked here, whatever the auto-marking setting: the interview is over.
 */
export async function resuggestSession(db: IntervjuDatabase, vault: Vault, sessionId: string, now = Date.now()): Promise<void> {
  const session = await getSession(db, sessionId);
  const guide = session ? await getGuide(db, session.guideId, session.guideVersion) : null;
  if (!session || !guide) return;
  const states = latestStates(await listCoverage(db, session.id));
  const segments = await listSegments(db, vault, session.id);
  const matcher = createCoverageMatcher(guide);
  const updated = await updateSessionSuggestions(db, session.id, (known) =>
    resuggestTranscript({
      matcher,
      utterances: segments.map((segment) => ({ segmentId: segment.id, channel: segment.channel, text: segment.text })),
      states,
      suggestions: known,
      now,
      newId: () => crypto.randomUUID(),
    }),
  );
  if (!updated) return;
  sendSessionUpdated(updated);
  broadcastStoreChange({ type: 'session.changed', sessionId: session.id });
}

interface MatcherCache {
  for(guide: Guide): CoverageMatcher;
}

/** The matcher of the guide version in use; built again when another version comes. */
function matcherCache(): MatcherCache {
  let cached: { key: string; matcher: CoverageMatcher } | null = null;
  return {
    for(guide) {
      const key = `${guide.id}@${guide.version}`;
      if (cached?.key !== key) cached = { key, matcher: createCoverageMatcher(guide) };
      return cached.matcher;
    },
  };
}
