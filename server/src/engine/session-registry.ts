/** Loads each live webinar's session once and keeps it; closes them all at shutdown. */
import type { Db } from '../db/db.ts';
import { type CommitListener, LiveSession, type TickFailureListener } from './live-session.ts';

/** The live sessions of this server process. */
export class SessionRegistry {
  private readonly sessions = new Map<string, Promise<LiveSession>>();

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
    private readonly onCommit: CommitListener,
    private readonly onTickFailed?: TickFailureListener,
  ) {}

  /** The webinar's session, loaded from its log on first use. */
  get(webinarId: string): Promise<LiveSession> {
    let session = this.sessions.get(webinarId);
    if (!session) {
      session = LiveSession.load(webinarId, this.db, this.now, this.onCommit, this.onTickFailed);
      session.catch(() => this.sessions.delete(webinarId));
      this.sessions.set(webinarId, session);
    }
    return session;
  }

  /** Whether the webinar's session is held in memory now. */
  holds(webinarId: string): boolean {
    return this.sessions.has(webinarId);
  }

  /**
   * Closes and drops one webinar's session (it has ended): its timer stops and its state is no
   * longer kept; a later `get` folds the log again.
   */
  async release(webinarId: string): Promise<void> {
    const session = this.sessions.get(webinarId);
    this.sessions.delete(webinarId);
    await (await session?.catch(() => undefined))?.close();
  }

  /** Closes every session (timers off, pending writes finished). */
  async closeAll(): Promise<void> {
    const all = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(all.map(async (s) => (await s.catch(() => undefined))?.close()));
  }
}
