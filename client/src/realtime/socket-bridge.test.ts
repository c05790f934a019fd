import type { Ack, ClientError, Committed, RoomAssignment } from '@rundgang/shared';
import { io } from 'socket.io-client';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { RundgangSocket } from './socket.ts';
import { type RequestAck, type RequestArgs, type RequestResult, sendRequest } from './socket-bridge.ts';

describe('request types come from the contract', () => {
  it('derives payload and ack from ClientToServerEvents', () => {
    expectTypeOf<RequestArgs<'room:visit'>>().toEqualTypeOf<[payload: { groupId: string | null }]>();
    expectTypeOf<RequestAck<'room:visit'>>().toEqualTypeOf<Ack<RoomAssignment>>();
    expectTypeOf<RequestAck<'livekit:token'>>().toEqualTypeOf<Ack<RoomAssignment>>();
    expectTypeOf<RequestResult<'help:request'>>().toEqualTypeOf<
      Ack<Committed> | { ok: false; error: ClientError }
    >();
  });

  it('refuses a wrong event name, payload or result at compile time', () => {
    // Never called: the lines only have to (fail to) compile, which `npm run typecheck` checks.
    const typeOnly = async (socket: RundgangSocket) => {
      // @ts-expect-error not an event of the contract
      await sendRequest(socket, 'room:visits', { groupId: null });
      // @ts-expect-error a payload field the contract does not have
      await sendRequest(socket, 'room:visit', { group: null });
      // @ts-expect-error lossy signals have no ack, so they are not requests
      await sendRequest(socket, 'media:speaking', { speaking: true });
      const assignment = await sendRequest(socket, 'livekit:token', {});
      // @ts-expect-error the ack of `livekit:token` is a RoomAssignment, not a bare grant
      return assignment.ok ? assignment.data.token : null;
    };
    expect(typeof typeOnly).toBe('function');
  });
});

describe('sendRequest', () => {
  it('answers `network` at once when the socket is not connected, instead of buffering', async () => {
    const socket: RundgangSocket = io('http://127.0.0.1:9', { autoConnect: false });
    const started = Date.now();
    const result = await sendRequest(socket, 'help:request', {});
    expect(result).toEqual({ ok: false, error: { code: 'network', message: 'not connected' } });
    expect(Date.now() - started).toBeLessThan(1000);
    socket.close();
  });
});
