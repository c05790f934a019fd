/**
 * Feedback cards over the socket: sends the outbox (at-least-once, retried with backoff and on
 * every reconnect), keeps the readable cards in the store (`feedback:list` on connect and, for
 * participants, whenever a phase changes — a guide may only get a card after the feedback
 * phase), and the plenary summary the facilitator shows.
 * The outbox lives in localStorage (lib/feedback-outbox.ts), so a reload resumes sending.
 */
import type { PublicSessionState, RequestErrorCode, SubmitFeedbackCardRequest } from '@rundgang/shared';
import {
  afterAck,
  afterFailure,
  dueEntries,
  enqueue,
  type KeyValueStorage,
  loadOutbox,
  loadSent,
  saveOutbox,
  saveSent,
} from '../lib/feedback-outbox.ts';
import { participantIdOf } from '../lib/live-view.ts';
import { useAppStore } from '../store/index.ts';
import type { RundgangSocket } from './socket.ts';
import { sendRequest } from './socket-bridge.ts';

const TICK_MS = 1000;
const store = useAppStore;

function memoryStorage(): KeyValueStorage {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

let storageInstance: KeyValueStorage | null = null;
/** localStorage, or memory when the browser blocks it (the card is then only as safe as the tab). */
export function feedbackStorage(): KeyValueStorage {
  if (storageInstance) return storageInstance;
  try {
    const probe = '__rundgang_probe__';
    window.localStorage.setItem(probe, '1');
    window.localStorage.removeItem(probe);
    storageInstance = window.localStorage;
  } catch {
    storageInstance = memoryStorage();
  }
  return storageInstance;
}

interface Binding {
  socket: RundgangSocket;
  viewer: 'facilitator' | 'participant';
  stopped: boolean;
  phaseKey: string | null;
  timer: ReturnType<typeof setInterval>;
}

let active: Binding | null = null;
const inFlight = new Set<string>();

function writeOutbox(update: (outbox: ReturnType<typeof loadOutbox>) => ReturnType<typeof loadOutbox>) {
  // Read-modify-write against storage, so another tab's queue is never overwritten by a stale copy.
  const storage = feedbackStorage();
  const next = update(loadOutbox(storage));
  saveOutbox(storage, next);
  store.getState().setFeedbackOutbox(next);
}

async function sendOne(binding: Binding, request: SubmitFeedbackCardRequest): Promise<void> {
  const { cardId } = request;
  if (inFlight.has(cardId)) return;
  inFlight.add(cardId);
  const state = () => store.getState();
  state().setFeedbackInFlight(cardId, true);
  let code: RequestErrorCode | null = null;
  try {
    const ack = await sendRequest(binding.socket, 'feedback:submit', request);
    if (ack.ok) {
      const record = { savedAt: ack.data.savedAt, content: request.content };
      saveSent(feedbackStorage(), cardId, record);
      state().feedbackAcked(cardId, record);
      state().setFeedbackError(cardId, null);
      writeOutbox((outbox) => afterAck(outbox, request));
    } else code = ack.error.code;
  } finally {
    inFlight.delete(cardId);
    state().setFeedbackInFlight(cardId, false);
  }
  if (code) {
    const failed = code;
    writeOutbox((outbox) => afterFailure(outbox, cardId, failed, Date.now()));
    const stillQueued = store.getState().feedbackOutbox.some((e) => e.request.cardId === cardId);
    if (!stillQueued) state().setFeedbackError(cardId, failed);
  } else if (store.getState().feedbackOutbox.some((e) => e.request.cardId === cardId)) {
    // Edited while the ack was on its way: the newer content goes right away.
    void flush(true);
  }
}

/** Sends the due entries of the person in this tab (all of theirs when `all`). */
async function flush(all = false): Promise<void> {
  const binding = active;
  if (!binding || binding.stopped || !binding.socket.connected) return;
  const ownerId = participantIdOf(store.getState().selfIdentity);
  if (!ownerId) return;
  const outbox = loadOutbox(feedbackStorage());
  store.getState().setFeedbackOutbox(outbox);
  const due = all ? outbox.filter((e) => e.ownerId === ownerId) : dueEntries(outbox, ownerId, Date.now());
  await Promise.all(due.map((entry) => sendOne(binding, entry.request)));
}

async function list(binding: Binding): Promise<void> {
  const state = () => store.getState();
  if (state().feedbackListStatus !== 'loaded') state().setFeedbackListStatus('loading');
  const ack = await sendRequest(binding.socket, 'feedback:list', {});
  if (binding.stopped) return;
  if (ack.ok) {
    state().feedbackCardsReceived(ack.data.cards, true);
    state().setFeedbackListStatus('loaded');
  } else if (state().feedbackListStatus !== 'loaded') state().setFeedbackListStatus('error');
}

async function loadThemes(binding: Binding): Promise<void> {
  const ack = await sendRequest(binding.socket, 'themes:list', {});
  // On failure the default library stays in use; cards are checked against the series' themes on the server.
  if (ack.ok && !binding.stopped) store.getState().themesLoaded(ack.data.themes);
}

/** Changes when any group's round or phase changes, or breakouts open or close. */
function phaseKeyOf(state: PublicSessionState): string {
  const b = state.breakouts;
  if (!b) return 'none';
  return `${b.id}|${b.status}|${b.groups.map((g) => `${g.id}:${g.timer.round}:${g.timer.phaseIndex}:${g.timer.status}`).join(',')}`;
}

/** Wires feedback to a session's socket; returns the unbind function. */
export function bindFeedbackSync(socket: RundgangSocket, viewer: 'facilitator' | 'participant'): () => void {
  if (active) active.stopped = true;
  if (active) clearInterval(active.timer);
  const binding: Binding = {
    socket,
    viewer,
    stopped: false,
    phaseKey: null,
    timer: setInterval(() => void flush(), TICK_MS),
  };
  active = binding;
  store.getState().feedbackReset();
  store.getState().setFeedbackOutbox(loadOutbox(feedbackStorage()));
  socket.on('connect', () => {
    void flush(true);
    void list(binding);
    void loadThemes(binding);
  });
  socket.on('feedback:received', (card) => {
    if (!binding.stopped) store.getState().feedbackCardsReceived([card], false);
  });
  socket.on('feedback:presented', (summary) => {
    if (!binding.stopped) store.getState().summaryPresented(summary);
  });
  socket.on('session:updated', (snapshot) => {
    if (binding.stopped || viewer !== 'participant') return;
    const key = phaseKeyOf(snapshot.state);
    if (binding.phaseKey !== null && key !== binding.phaseKey) void list(binding);
    binding.phaseKey = key;
  });
  return () => {
    binding.stopped = true;
    clearInterval(binding.timer);
    if (active === binding) active = null;
  };
}

/** Queues a card for sending (replacing an earlier version of it) and sends it now if online. */
export function submitFeedbackCard(request: SubmitFeedbackCardRequest, ownerId: string): void {
  store.getState().setFeedbackError(request.cardId, null);
  writeOutbox((outbox) => enqueue(outbox, request, ownerId, Date.now()));
  void flush();
}

/** Reads a card's acked record from storage into the store (after a reload). */
export function hydrateSent(cardId: string): void {
  const record = loadSent(feedbackStorage(), cardId);
  if (record && !store.getState().feedbackSent[cardId]) store.getState().feedbackAcked(cardId, record);
}

/** Re-reads the cards this person may see (e.g. after the print page or a retry button). */
export function refreshFeedbackCards(): void {
  if (active && !active.stopped && active.socket.connected) void list(active);
}
