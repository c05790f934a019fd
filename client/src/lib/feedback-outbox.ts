/**
 * Drafts and the outbox of observer feedback cards, kept in localStorage.
 * Why: a card is the learning product of a round and must never be lost to a reload, a dropped
 * Wi-Fi or a closed laptop lid. A draft is saved on every change (keyed by breakouts, group,
 * round and observer, so two rounds never share one); a submission waits in the outbox until the
 * server acks it, and is retried with backoff (at-least-once; the server upserts by the
 * client-made card id, so a repeat is harmless). Everything here is pure apart from the
 * injected storage, so it is tested without a browser.
 */

import type { PublicSessionState, RequestErrorCode } from '@rundgang/shared';
import {
  type FeedbackCardContent,
  FeedbackCardDraft,
  type SubmitFeedbackCardRequest,
  SubmitFeedbackCardRequest as SubmitSchema,
} from '@rundgang/shared';

/** The part of `Storage` we use (a Map-backed fake in tests). */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const PREFIX = 'rundgang.feedback.v1';
const OUTBOX_KEY = `${PREFIX}.outbox`;

/** Where a card belongs: one per observer per round of one breakouts run. */
export interface CardSlot {
  breakoutsId: string;
  groupId: string;
  round: number;
  observerId: string;
}

/** The localStorage key of the draft for a slot. */
export function draftKey(slot: CardSlot): string {
  return `${PREFIX}.draft:${[slot.breakoutsId, slot.groupId, slot.round, slot.observerId].map(encodeURIComponent).join(':')}`;
}

/** The localStorage key of the record that a card was acked. */
export function sentKey(cardId: string): string {
  return `${PREFIX}.sent:${cardId}`;
}

function readJson(storage: KeyValueStorage, key: string): unknown {
  try {
    const raw = storage.getItem(key);
    return raw === null ? null : JSON.parse(raw);
  } catch {
    return null;
  }
}

function writeJson(storage: KeyValueStorage, key: string, value: unknown): boolean {
  try {
    storage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    // Full or blocked storage (private mode): the card still lives in memory and is sent.
    return false;
  }
}

/** The saved draft of a slot, or null when there is none or it no longer parses. */
export function loadDraft(storage: KeyValueStorage, slot: CardSlot): FeedbackCardDraft | null {
  const parsed = FeedbackCardDraft.safeParse(readJson(storage, draftKey(slot)));
  if (!parsed.success) return null;
  const d = parsed.data;
  // A draft under this key that belongs elsewhere (hand-edited storage) is not ours.
  return d.breakoutsId === slot.breakoutsId && d.groupId === slot.groupId && d.round === slot.round
    ? d
    : null;
}

/** Saves the draft of a slot; false when the storage refused it. */
export function saveDraft(storage: KeyValueStorage, slot: CardSlot, draft: FeedbackCardDraft): boolean {
  return writeJson(storage, draftKey(slot), draft);
}

/** Whether two card contents say the same thing (key order does not matter). */
export function sameContent(a: FeedbackCardContent, b: FeedbackCardContent): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A submission waiting for its ack. */
export interface OutboxEntry {
  request: SubmitFeedbackCardRequest;
  /** The participant who submitted it: another person on the same browser never sends it. */
  ownerId: string;
  queuedAt: number;
  attempts: number;
  /** Client time before which it is not retried. */
  nextAttemptAt: number;
}

function isEntry(value: unknown): value is OutboxEntry {
  if (!value || typeof value !== 'object') return false;
  const e = value as Record<string, unknown>;
  return (
    typeof e.ownerId === 'string' &&
    typeof e.queuedAt === 'number' &&
    typeof e.attempts === 'number' &&
    typeof e.nextAttemptAt === 'number' &&
    SubmitSchema.safeParse(e.request).success
  );
}

/** The outbox as stored (unreadable entries are dropped rather than blocking the rest). */
export function loadOutbox(storage: KeyValueStorage): OutboxEntry[] {
  const raw = readJson(storage, OUTBOX_KEY);
  return Array.isArray(raw) ? raw.filter(isEntry) : [];
}

/** Stores the outbox. */
export function saveOutbox(storage: KeyValueStorage, outbox: readonly OutboxEntry[]): void {
  if (outbox.length === 0) storage.removeItem(OUTBOX_KEY);
  else writeJson(storage, OUTBOX_KEY, outbox);
}

/** The outbox with this submission in it, replacing an earlier one of the same card (due now). */
export function enqueue(
  outbox: readonly OutboxEntry[],
  request: SubmitFeedbackCardRequest,
  ownerId: string,
  now: number,
): OutboxEntry[] {
  const others = outbox.filter((e) => e.request.cardId !== request.cardId);
  return [...others, { request, ownerId, queuedAt: now, attempts: 0, nextAttemptAt: now }];
}

/** The entries of this owner that are due at `now`. */
export function dueEntries(outbox: readonly OutboxEntry[], ownerId: string, now: number): OutboxEntry[] {
  return outbox.filter((e) => e.ownerId === ownerId && e.nextAttemptAt <= now);
}

/** Backoff before retry number `attempts` (1 s, 2 s, 4 s … capped at 30 s). */
export function backoffMs(attempts: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * The outbox after the server acked `acked`: the entry goes, unless the card was edited and
 * queued again while the ack was on its way (then the newer content still has to go).
 */
export function afterAck(outbox: readonly OutboxEntry[], acked: SubmitFeedbackCardRequest): OutboxEntry[] {
  return outbox.filter(
    (e) => !(e.request.cardId === acked.cardId && sameContent(e.request.content, acked.content)),
  );
}

/** Errors that a retry cannot fix: the card leaves the outbox and the observer is told. */
const PERMANENT: readonly RequestErrorCode[] = [
  'bad_request',
  'forbidden',
  'not_found',
  'conflict',
  'unauthorized',
  'protocol_mismatch',
];

/** Whether a failed send is worth retrying. */
export function isRetryable(code: RequestErrorCode): boolean {
  return !PERMANENT.includes(code);
}

/** The outbox after a failed attempt: retried later, or dropped when retrying cannot help. */
export function afterFailure(
  outbox: readonly OutboxEntry[],
  cardId: string,
  code: RequestErrorCode,
  now: number,
): OutboxEntry[] {
  if (!isRetryable(code)) return outbox.filter((e) => e.request.cardId !== cardId);
  return outbox.map((e) =>
    e.request.cardId === cardId
      ? { ...e, attempts: e.attempts + 1, nextAttemptAt: now + backoffMs(e.attempts + 1) }
      : e,
  );
}

/** What the server confirmed for a card: when, and which content. */
export interface SentRecord {
  savedAt: string;
  content: FeedbackCardContent;
}

/** The sent record of a card, or null. */
export function loadSent(storage: KeyValueStorage, cardId: string): SentRecord | null {
  const raw = readJson(storage, sentKey(cardId));
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Partial<SentRecord>;
  return typeof r.savedAt === 'string' && r.content && typeof r.content === 'object'
    ? { savedAt: r.savedAt, content: r.content }
    : null;
}

/** Remembers that the server acked this content of the card. */
export function saveSent(storage: KeyValueStorage, cardId: string, record: SentRecord): void {
  writeJson(storage, sentKey(cardId), record);
}

/** What the card's status line says. */
export type CardState = 'draft' | 'sending' | 'sent' | 'queued' | 'error';

/** The status of a card from what we know about it. */
export function cardState(input: {
  content: FeedbackCardContent;
  sent: SentRecord | null;
  queued: OutboxEntry | undefined;
  inFlight: boolean;
  error: RequestErrorCode | null;
}): CardState {
  const { content, sent, queued, inFlight, error } = input;
  if (queued && sameContent(queued.request.content, content)) return inFlight ? 'sending' : 'queued';
  if (error) return 'error';
  if (sent && sameContent(sent.content, content)) return 'sent';
  // Edited since it was sent or queued: the newer words are only a draft until sent again.
  return 'draft';
}

/** A random v4 uuid; `crypto.randomUUID` exists only in secure contexts (not http on a LAN). */
export function newCardId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A card an observer can still finish after the breakouts closed. */
export interface LateCard extends CardSlot {
  guideId: string;
  themeId: string;
  cardsUntil: number;
}

/**
 * The earliest card `observerId` still owes the breakouts that closed last, while their grace
 * period runs: a round they observed that had started, with no receipt yet and nothing queued.
 */
export function lateCardOf(
  recentlyClosed: PublicSessionState['recentlyClosed'],
  observerId: string,
  now: number,
  queued: (slot: CardSlot) => boolean,
): LateCard | null {
  if (!recentlyClosed || now > recentlyClosed.cardsUntil) return null;
  for (const group of recentlyClosed.groups) {
    for (let round = 0; round < group.roundsStarted; round += 1) {
      const roles = group.rotation[round];
      if (!roles?.observerIds.includes(observerId)) continue;
      const slot = { breakoutsId: recentlyClosed.id, groupId: group.id, round, observerId };
      const inAlready = recentlyClosed.feedbackIn.some(
        (r) => r.groupId === group.id && r.round === round && r.observerId === observerId,
      );
      if (!inAlready && !queued(slot))
        return {
          ...slot,
          guideId: roles.guideId,
          themeId: recentlyClosed.themeId,
          cardsUntil: recentlyClosed.cardsUntil,
        };
    }
  }
  return null;
}
