/** A real socket.io client that records what the server tells it, for engine tests. */
import type {
  Ack,
  AckData,
  MissingRoleAlert,
  RequestEvent,
  RequestPayload,
  RoomAssignment,
  SessionSnapshot,
} from '@rundgang/shared';
import { connectSocket, request, type TestApp, type TestSocket, until } from './test-app.ts';

/** One connected person as the server sees them. */
export class TestClient {
  snapshots: SessionSnapshot[] = [];
  assignments: RoomAssignment[] = [];
  alerts: MissingRoleAlert[] = [];

  private constructor(readonly socket: TestSocket) {
    socket.on('session:updated', (s) => this.snapshots.push(s));
    socket.on('room:assigned', (a) => this.assignments.push(a));
    socket.on('session:alerted', (a) => this.alerts.push(a));
  }

  /** Connects (with automatic reconnection, like a browser tab). */
  static async connect(t: TestApp, auth: Record<string, unknown>, cookie?: string): Promise<TestClient> {
    let client: TestClient | undefined;
    await connectSocket(t, auth, {
      reconnect: true,
      ...(cookie ? { cookie } : {}),
      onSocket: (s) => {
        client = new TestClient(s);
      },
    });
    if (!client) throw new Error('no socket');
    const c = client;
    await c.until(() => c.snapshots.length > 0);
    return c;
  }

  /** The latest snapshot received. */
  get latest(): SessionSnapshot {
    const s = this.snapshots.at(-1);
    if (!s) throw new Error('no snapshot yet');
    return s;
  }

  /** Sends a request and returns its ack (typed by the contract). */
  request<E extends RequestEvent>(event: E, payload: RequestPayload<E>): Promise<Ack<AckData<E>>> {
    return request(this.socket, event, payload);
  }

  /** Waits until check() returns a truthy value and returns it. */
  until<T>(check: () => T | undefined | false | null, timeoutMs = 15_000): Promise<T> {
    return until(check, timeoutMs);
  }

  /** Waits for a snapshot (newer than `afterSeq`) that satisfies pred. */
  waitForState(pred: (s: SessionSnapshot) => boolean, timeoutMs = 15_000): Promise<SessionSnapshot> {
    return this.until(() => this.snapshots.findLast(pred), timeoutMs);
  }

  close(): void {
    this.socket.close();
  }
}

/** Decodes a JWT's claims (no verification; the test only reads what was granted). */
export const decodeJwt = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString());
