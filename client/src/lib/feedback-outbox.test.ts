import type { FeedbackCardContent, SubmitFeedbackCardRequest } from '@rundgang/shared';
import { describe, expect, it } from 'vitest';
import {
  afterAck,
  afterFailure,
  backoffMs,
  type CardSlot,
  cardState,
  draftKey,
  dueEntries,
  enqueue,
  isRetryable,
  type KeyValueStorage,
  lateCardOf,
  loadDraft,
  loadOutbox,
  newCardId,
  sameContent,
  saveDraft,
  saveOutbox,
} from './feedback-outbox.ts';

function memoryStorage(): KeyValueStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

const content = (workedWell = ''): FeedbackCardContent => ({
  focus: { listen: { mark: 'tydelig', example: 'Gjentok ordene' } },
  workedWell,
  tryNext: '',
  toolsUsed: ['mirroring'],
  supportChallenge: null,
});
const CARD = '6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b';
const request = (workedWell = ''): SubmitFeedbackCardRequest => ({
  cardId: CARD,
  breakoutsId: 'b1',
  groupId: 'g1',
  round: 0,
  content: content(workedWell),
});
const slot: CardSlot = { breakoutsId: 'b1', groupId: 'g1', round: 0, observerId: 'p1' };

describe('draft keying', () => {
  it.each([
    [{ ...slot }, { ...slot, round: 1 }],
    [{ ...slot }, { ...slot, groupId: 'g2' }],
    [{ ...slot }, { ...slot, breakoutsId: 'b2' }],
    [{ ...slot }, { ...slot, observerId: 'p2' }],
    // Ids containing the separator cannot collide with another slot.
    [
      { ...slot, breakoutsId: 'a:b', groupId: 'c' },
      { ...slot, breakoutsId: 'a', groupId: 'b:c' },
    ],
  ])('%o and %o have different keys', (a, b) => {
    expect(draftKey(a)).not.toBe(draftKey(b));
  });

  it('a saved draft reads back after a reload, only for its own slot', () => {
    const storage = memoryStorage();
    const draft = { ...request('Godt'), savedAt: 1000 };
    expect(saveDraft(storage, slot, draft)).toBe(true);
    expect(loadDraft(storage, slot)).toEqual(draft);
    expect(loadDraft(storage, { ...slot, round: 1 })).toBeNull();
  });

  it('a corrupt or foreign draft is ignored', () => {
    const storage = memoryStorage();
    storage.setItem(draftKey(slot), '{not json');
    expect(loadDraft(storage, slot)).toBeNull();
    storage.setItem(draftKey(slot), JSON.stringify({ ...request(), savedAt: 1, score: 5 }));
    expect(loadDraft(storage, slot)).toBeNull();
    storage.setItem(draftKey(slot), JSON.stringify({ ...request(), groupId: 'g9', savedAt: 1 }));
    expect(loadDraft(storage, slot)).toBeNull();
  });
});

describe('outbox', () => {
  it('keeps one entry per card, the latest content, due at once', () => {
    let box = enqueue([], request('a'), 'p1', 100);
    box = enqueue(box, request('b'), 'p1', 200);
    expect(box).toHaveLength(1);
    expect(box[0]?.request.content.workedWell).toBe('b');
    expect(dueEntries(box, 'p1', 200)).toHaveLength(1);
    expect(dueEntries(box, 'p2', 200)).toHaveLength(0);
  });

  it('survives a reload through storage', () => {
    const storage = memoryStorage();
    const box = enqueue([], request('a'), 'p1', 100);
    saveOutbox(storage, box);
    expect(loadOutbox(storage)).toEqual(box);
    saveOutbox(storage, []);
    expect(storage.map.size).toBe(0);
  });

  it('drops unreadable entries but keeps good ones', () => {
    const storage = memoryStorage();
    const good = enqueue([], request('a'), 'p1', 100);
    storage.setItem('rundgang.feedback.v1.outbox', JSON.stringify([{ junk: true }, ...good]));
    expect(loadOutbox(storage)).toEqual(good);
  });

  it('an ack removes the entry, unless a newer edit was queued meanwhile', () => {
    const box = enqueue([], request('a'), 'p1', 100);
    expect(afterAck(box, request('a'))).toEqual([]);
    const edited = enqueue(box, request('b'), 'p1', 150);
    expect(afterAck(edited, request('a'))).toEqual(edited);
  });

  it.each([
    ['network', true],
    ['timeout', true],
    ['internal', true],
    ['rate_limited', true],
    ['conflict', false],
    ['forbidden', false],
    ['bad_request', false],
  ] as const)('%s is retryable: %s', (code, retry) => {
    expect(isRetryable(code)).toBe(retry);
    const after = afterFailure(enqueue([], request(), 'p1', 0), CARD, code, 1000);
    expect(after).toHaveLength(retry ? 1 : 0);
  });

  it('backs off 1, 2, 4 … up to 30 seconds', () => {
    expect([1, 2, 3, 4, 6, 10].map(backoffMs)).toEqual([1000, 2000, 4000, 8000, 30_000, 30_000]);
    let box = enqueue([], request(), 'p1', 0);
    box = afterFailure(box, CARD, 'network', 1000);
    expect(dueEntries(box, 'p1', 1500)).toHaveLength(0);
    expect(dueEntries(box, 'p1', 2000)).toHaveLength(1);
  });
});

describe('card state', () => {
  const base = { sent: null, queued: undefined, inFlight: false, error: null };
  const queued = enqueue([], request('a'), 'p1', 0)[0];
  it.each([
    ['nothing sent', { ...base, content: content('a') }, 'draft'],
    ['queued, offline', { ...base, content: content('a'), queued }, 'queued'],
    ['queued, in flight', { ...base, content: content('a'), queued, inFlight: true }, 'sending'],
    ['acked', { ...base, content: content('a'), sent: { savedAt: 'x', content: content('a') } }, 'sent'],
    [
      'edited after ack',
      { ...base, content: content('b'), sent: { savedAt: 'x', content: content('a') } },
      'draft',
    ],
    ['edited while queued', { ...base, content: content('b'), queued }, 'draft'],
    ['rejected', { ...base, content: content('a'), error: 'conflict' as const }, 'error'],
  ])('%s → %s', (_name, input, expected) => {
    expect(cardState(input)).toBe(expected);
  });

  it('compares contents regardless of key order', () => {
    const a = content('x');
    const b = {
      supportChallenge: null,
      toolsUsed: ['mirroring'],
      tryNext: '',
      workedWell: 'x',
      focus: a.focus,
    };
    expect(sameContent(a, b)).toBe(true);
    expect(sameContent(a, content('y'))).toBe(false);
  });

  it('makes v4 uuids', () => {
    expect(newCardId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('lateCardOf (finishing a card in the plenary after the close)', () => {
  const closed = {
    id: 'x1',
    themeId: 'structure',
    closedAt: 1000,
    cardsUntil: 601_000,
    groups: [
      {
        id: 'g1',
        memberIds: ['a', 'b', 'c'],
        rotation: [
          { guideId: 'a', adviseeId: 'b', observerIds: ['c'] },
          { guideId: 'b', adviseeId: 'c', observerIds: ['a'] },
          { guideId: 'c', adviseeId: 'a', observerIds: ['b'] },
        ],
        roundsStarted: 2,
      },
    ],
    feedbackIn: [{ groupId: 'g1', round: 1, observerId: 'a' }],
  };
  const none = () => false;
  it.each([
    { name: 'owed: observed round 0, no receipt', who: 'c', now: 2000, queued: none, round: 0 },
    { name: 'sent before the close', who: 'a', now: 2000, queued: none, round: null },
    { name: 'observed a round that never started', who: 'b', now: 2000, queued: none, round: null },
    { name: 'waiting in the outbox', who: 'c', now: 2000, queued: () => true, round: null },
    { name: 'after the grace period', who: 'c', now: 601_001, queued: none, round: null },
  ])('$name → round $round', ({ who, now, queued, round }) => {
    const late = lateCardOf(closed, who, now, queued);
    expect(late?.round ?? null).toBe(round);
    if (late)
      expect(late).toMatchObject({ breakoutsId: 'x1', groupId: 'g1', guideId: 'a', cardsUntil: 601_000 });
  });
  it('is null without closed breakouts', () => {
    expect(lateCardOf(null, 'c', 0, none)).toBeNull();
  });
});
