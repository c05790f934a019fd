/**
 * One live webinar's session on the server: the state folded from its event log, the sequence
 * number, and the one queue every change goes through (decide → persist → apply → notify), so
 * commands on a webinar never interleave. A command that stores a row of its own (a feedback
 * card) writes it in the same transaction as its events, so neither lands without the other.
 * Time moves the session too: a timer fires at the next deadline and records what `decideTick`
 * says, so phases advance on the server's clock even if nobody does anything — and after a
 * restart the same log gives the same deadlines.
 */
import {
  type Ack,
  applySessionEvent,
  type Decision,
  decideTick,
  fail,
  ok,
  replaySession,
  type SessionEvent,
  type SessionState,
} from '@rundgang/shared';
import type { Db, Queryable } from '../db/db.ts';
import { appendEvents, loadEvents, SequenceConflictError } from '../db/event-log.ts';

/** Writes a command's own row inside its events' transaction; `decidedOn` is the state it was decided on. */
export type PersistAlongside = (tx: Queryable, decidedOn: SessionState) => Promise<void>;

/** Called after events are persisted and applied. */
export type CommitListener = (session: LiveSession, events: SessionEvent[], before: SessionState) => void;

/**
 * Told when recording an overdue deadline failed (the database is down or too slow): at the first
 * failure of a streak and then at most every {@link TICK_FAILURE_REPORT_MS}, with the streak's length.
 */
export type TickFailureListener = (err: unknown, failures: number) => void;

/** setTimeout cannot wait longer than this; a later deadline just re-arms. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** A streak of failed ticks is reported at most this often. */
export const TICK_FAILURE_REPORT_MS = 30_000;
/** The longest wait between retries of an overdue deadline while the database fails. */
export const MAX_TICK_RETRY_MS = 10_000;

/** How long to wait before retrying an overdue deadline after `failures` failures in a row. */
export function tickRetryDelayMs(failures: number): number {
  if (failures <= 0) return 50;
  return Math.min(MAX_TICK_RETRY_MS, 250 * 2 ** (failures - 1));
}

/** A webinar's live session. */
export class LiveSession {
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  /** Overdue ticks that failed in a row, and when the streak was last reported. */
  private tickFailures = 0;
  private tickFailureReportedAt = Number.NEGATIVE_INFINITY;

  private constructor(
    readonly webinarId: string,
    private readonly db: Db,
    private readonly now: () => number,
    private readonly onCommit: CommitListener,
    public state: SessionState,
    public seq: number,
    private readonly onTickFailed: TickFailureListener = () => {},
  ) {}

  /** Rebuilds the session from its log and arms its timer. */
  static async load(
    webinarId: string,
    db: Db,
    now: () => number,
    onCommit: CommitListener,
    onTickFailed?: TickFailureListener,
  ): Promise<LiveSession> {
    const log = await loadEvents(db, webinarId);
    const state = replaySession(log.map((row) => row.event));
    const session = new LiveSession(webinarId, db, now, onCommit, state, log.at(-1)?.seq ?? 0, onTickFailed);
    session.arm();
    return session;
  }

  /**
   * Runs a decision against the current state and records its events (and what `persist`
   * writes, in the same transaction, even when there are no events); serialized per webinar.
   */
  run(
    decide: (state: SessionState, now: number) => Decision,
    persist?: PersistAlongside,
  ): Promise<Ack<{ seq: number }>> {
    const result = this.queue.then(async () => {
      if (this.closed) return fail('conflict', 'the session is shutting down');
      // Deadlines that passed are recorded first, so a command sees the phase it is really in.
      await this.commit(decideTick(this.state, this.now()));
      const decision = decide(this.state, this.now());
      if (!decision.ok) return decision;
      await this.commit(decision.data, persist);
      return ok({ seq: this.seq });
    });
    this.queue = result.catch(() => {});
    return result;
  }

  /** Stops the timer; pending work finishes, new work is refused. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.queue;
  }

  private async commit(events: SessionEvent[], persist?: PersistAlongside): Promise<void> {
    if (events.length === 0 && !persist) return;
    const before = this.state;
    try {
      this.seq = await this.db.transaction(async (tx) => {
        await persist?.(tx, before);
        return appendEvents(tx, this.webinarId, this.seq, events);
      });
    } catch (err) {
      if (err instanceof SequenceConflictError) await this.reload();
      throw err;
    }
    if (events.length === 0) return;
    this.state = events.reduce(applySessionEvent, this.state);
    this.arm();
    this.onCommit(this, events, before);
  }

  private async reload(): Promise<void> {
    const log = await loadEvents(this.db, this.webinarId);
    this.state = replaySession(log.map((row) => row.event));
    this.seq = log.at(-1)?.seq ?? 0;
  }

  /** The next moment something is due: a running timer's deadline or the closing time. */
  nextDueAt(): number | undefined {
    const b = this.state.breakouts;
    if (!b) return undefined;
    const times = b.groups.flatMap((g) => (g.timer.status === 'running' ? [g.timer.deadline] : []));
    if (b.closesAt !== null) times.push(b.closesAt);
    return times.length ? Math.min(...times) : undefined;
  }

  private tickFailed(err: unknown): void {
    this.tickFailures += 1;
    const t = this.now();
    if (this.tickFailures === 1 || t - this.tickFailureReportedAt >= TICK_FAILURE_REPORT_MS) {
      this.tickFailureReportedAt = t;
      this.onTickFailed(err, this.tickFailures);
    }
  }

  private arm(): void {
    clearTimeout(this.timer);
    const due = this.nextDueAt();
    if (due === undefined || this.closed) return;
    // An overdue deadline is handled shortly; while recording it fails (the database is down),
    // retries back off to MAX_TICK_RETRY_MS instead of hammering it every 50 ms.
    const wait =
      due > this.now() ? Math.min(due - this.now(), MAX_TIMER_MS) : tickRetryDelayMs(this.tickFailures);
    this.timer = setTimeout(() => {
      void this.run(() => ok([]))
        .then(
          () => {
            this.tickFailures = 0;
          },
          (err: unknown) => this.tickFailed(err),
        )
        .finally(() => this.arm());
    }, wait);
    this.timer.unref?.();
  }
}
