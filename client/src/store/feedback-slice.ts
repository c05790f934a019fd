/**
 * Feedback cards as this tab knows them: the cards it may read (facilitator: all of the webinar;
 * participant: authored and received), the outbox of submissions awaiting their ack, what was
 * acked, and the anonymous summary the facilitator showed in the plenary.
 * Written by realtime/feedback-sync.ts (socket listeners and the outbox loop), read narrowly.
 */
import type { FeedbackCardView, PlenarySummary, RequestErrorCode, ThemeTemplate } from '@rundgang/shared';
import type { OutboxEntry, SentRecord } from '../lib/feedback-outbox.ts';
import type { SliceCreator } from './types.ts';

/** Feedback state and the actions realtime/ calls. */
export interface FeedbackSlice {
  /** Readable cards by id. */
  feedbackCards: Record<string, FeedbackCardView>;
  /** Whether `feedback:list` has answered since the session started. */
  feedbackListStatus: 'idle' | 'loading' | 'loaded' | 'error';
  /** Mirror of the stored outbox, for the status line. */
  feedbackOutbox: OutboxEntry[];
  /** Card ids whose submission is on its way now. */
  feedbackInFlight: Record<string, true>;
  /** What the server acked, by card id (mirror of the stored records). */
  feedbackSent: Record<string, SentRecord>;
  /** Why a submission was refused for good, by card id. */
  feedbackErrors: Record<string, RequestErrorCode>;
  /** The summary the facilitator last showed in the plenary. */
  presentedSummary: PlenarySummary | null;
  /** The series' feedback themes (facilitators may edit them); null = not loaded, use the defaults. */
  seriesThemes: ThemeTemplate[] | null;
  themesLoaded: (themes: ThemeTemplate[]) => void;
  feedbackCardsReceived: (cards: FeedbackCardView[], replace: boolean) => void;
  setFeedbackListStatus: (status: FeedbackSlice['feedbackListStatus']) => void;
  setFeedbackOutbox: (outbox: OutboxEntry[]) => void;
  setFeedbackInFlight: (cardId: string, inFlight: boolean) => void;
  feedbackAcked: (cardId: string, record: SentRecord) => void;
  setFeedbackError: (cardId: string, code: RequestErrorCode | null) => void;
  summaryPresented: (summary: PlenarySummary | null) => void;
  feedbackReset: () => void;
}

/** Creates the feedback slice. */
export const createFeedbackSlice: SliceCreator<FeedbackSlice> = (set) => ({
  feedbackCards: {},
  feedbackListStatus: 'idle',
  feedbackOutbox: [],
  feedbackInFlight: {},
  feedbackSent: {},
  feedbackErrors: {},
  presentedSummary: null,
  seriesThemes: null,
  themesLoaded: (seriesThemes) => set({ seriesThemes }),
  feedbackCardsReceived: (cards, replace) =>
    set((s) => {
      const next = replace ? {} : { ...s.feedbackCards };
      for (const card of cards) next[card.cardId] = card;
      return { feedbackCards: next };
    }),
  setFeedbackListStatus: (feedbackListStatus) => set({ feedbackListStatus }),
  setFeedbackOutbox: (feedbackOutbox) => set({ feedbackOutbox }),
  setFeedbackInFlight: (cardId, inFlight) =>
    set((s) => {
      const next = { ...s.feedbackInFlight };
      if (inFlight) next[cardId] = true;
      else delete next[cardId];
      return { feedbackInFlight: next };
    }),
  feedbackAcked: (cardId, record) => set((s) => ({ feedbackSent: { ...s.feedbackSent, [cardId]: record } })),
  setFeedbackError: (cardId, code) =>
    set((s) => {
      const next = { ...s.feedbackErrors };
      if (code) next[cardId] = code;
      else delete next[cardId];
      return { feedbackErrors: next };
    }),
  summaryPresented: (presentedSummary) => set({ presentedSummary }),
  feedbackReset: () =>
    set({ feedbackCards: {}, feedbackListStatus: 'idle', feedbackInFlight: {}, presentedSummary: null }),
});
