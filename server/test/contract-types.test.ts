/**
 * The socket contract as a compile-time fact: a renamed event or a wrong payload in a server
 * emit, a handler whose schema or ack strays from the contract, and a wrong event or payload in a
 * test client's request all fail `npm run typecheck`. The functions below are never called; they
 * exist for the compiler, and each `@ts-expect-error` fails the typecheck if its line ever
 * compiles (that is, if the contract stopped catching the mistake).
 */

import type { AckData, RequestPayload } from '@rundgang/shared';
import {
  type Ack,
  ClockPing,
  type ClockPong,
  HelpRequestRequest,
  type MissingRoleAlert,
  type RoomAssignment,
  type SessionSnapshot,
} from '@rundgang/shared';
import { describe, expectTypeOf, it } from 'vitest';
import type { HandlerSpecAny, handlers } from '../src/realtime/handlers.ts';
import type { Emitter } from '../src/realtime/rundgang-server.ts';
import { request, type TestSocket } from './helpers/test-app.ts';
import type { TestClient } from './helpers/test-client.ts';

const alert: MissingRoleAlert = { groupId: 'g1', role: 'guide', missingId: 'p1', replacementId: null };

/** Emits as the orchestrator and realtime.ts do, through the typed server's `to()`. */
export function serverEmits(io: Emitter): void {
  io.to('facilitators:w').emit('session:alerted', alert);
  // @ts-expect-error a renamed fact
  io.to('facilitators:w').emit('session:alert', alert);
  // @ts-expect-error a payload of the wrong shape
  io.to('facilitators:w').emit('session:alerted', { ...alert, role: 'boss' });
  // @ts-expect-error another fact's payload
  io.to('participant:p1').emit('room:assigned', alert);
  // @ts-expect-error a volatile signal with a wrong payload
  io.to('facilitators:w').volatile.emit('media:speaking', { participantId: 'p1', speaking: 'yes' });
}

/** Handler entries as the table in handlers.ts holds them. */
export function handlerEntries(): HandlerSpecAny[] {
  const right: (typeof handlers)['clock:ping'] = {
    schema: ClockPing,
    handle: async () => ({ clientSentAt: 1, serverTime: 2 }),
  };
  const wrongAck: (typeof handlers)['clock:ping'] = {
    schema: ClockPing,
    // @ts-expect-error acks something other than the contract's ClockPong
    handle: async () => ({ clientSentAt: 1, serverTime: 'now' }),
  };
  const wrongSchema: (typeof handlers)['help:resolve'] = {
    // @ts-expect-error a schema that does not take the contract's payload (it has no groupId)
    schema: HelpRequestRequest,
    handle: async () => ({ seq: 1 }),
  };
  return [right, wrongAck, wrongSchema];
}

/** Requests as the integration tests send them. */
export async function clientRequests(socket: TestSocket, client: TestClient): Promise<void> {
  await request(socket, 'clock:ping', { clientSentAt: 1 });
  // @ts-expect-error a request the contract does not have
  await request(socket, 'clock:pong', { clientSentAt: 1 });
  // @ts-expect-error a payload of the wrong type
  await request(socket, 'clock:ping', { clientSentAt: 'now' });
  // @ts-expect-error a lossy signal is not a request
  await request(socket, 'media:speaking', { speaking: true });
  // @ts-expect-error a misspelt field
  await client.request('room:visit', { group: 'g1' });
  const pong = await client.request('clock:ping', { clientSentAt: 1 });
  // @ts-expect-error the data is only there once `ok` says so
  pong.data;
  if (pong.ok) {
    // @ts-expect-error the ack's data is the contract's ClockPong (serverTime is a number)
    pong.data.serverTime.toUpperCase();
  }
}

describe('the socket contract at compile time', () => {
  it('derives payloads and acks of requests from ClientToServerEvents', () => {
    expectTypeOf<AckData<'clock:ping'>>().toEqualTypeOf<ClockPong>();
    expectTypeOf<AckData<'session:sync'>>().toEqualTypeOf<SessionSnapshot>();
    expectTypeOf<AckData<'room:visit'>>().toEqualTypeOf<RoomAssignment>();
    expectTypeOf<RequestPayload<'room:visit'>>().toEqualTypeOf<{ groupId: string | null }>();
    expectTypeOf<ReturnType<(typeof handlers)['room:visit']['handle']>>().toEqualTypeOf<
      Promise<RoomAssignment>
    >();
    expectTypeOf(request<'session:sync'>).returns.toEqualTypeOf<Promise<Ack<SessionSnapshot>>>();
    expectTypeOf<TestClient['request']>().parameter(0).toEqualTypeOf<keyof typeof handlers>();
  });
});
