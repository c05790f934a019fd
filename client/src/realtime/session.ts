/**
 * One live session: wires the socket bridge (requests, facts into the store) to our LiveKit
 * link (join, room switches, kept tracks) and the feedback sync, and takes them down together.
 * Components call the exported functions; everything reports through store actions.
 */
import type { ClientError, RequestOutcome, RoomAssignment } from '@rundgang/shared';
import { Room } from 'livekit-client';
import { speakingThrottle } from '../lib/speaking-signal.ts';
import {
  audioCaptureOptions,
  ensureClientConfig,
  releaseLocalMedia,
  videoCaptureOptions,
} from '../media/local-media.ts';
import { useAppStore } from '../store/index.ts';
import type { SessionTarget } from '../store/session-slice.ts';
import { bindFeedbackSync } from './feedback-sync.ts';
import { createLiveKitLink, type LiveKitLink } from './livekit-link.ts';
import { createSocket, type RundgangSocket } from './socket.ts';
import {
  bindSocketToStore,
  type RequestArgs,
  type RequestEvent,
  type RequestResult,
  type SocketBridge,
  sendRequest,
} from './socket-bridge.ts';

const store = useAppStore;

interface Session {
  socket: RundgangSocket;
  bridge: SocketBridge;
  media: LiveKitLink;
  /** Stops the feedback outbox loop and listeners. */
  unbindFeedback: () => void;
}

let current: Session | null = null;
// Bumped by every start and end, so a start still awaiting its config knows it was cancelled.
let startGeneration = 0;

const NOT_CONNECTED: { ok: false; error: ClientError } = {
  ok: false,
  error: { code: 'network', message: 'not connected' },
};

/** Sends a request over the session's socket and resolves with its ack (never rejects). */
export async function request<E extends RequestEvent>(
  event: E,
  ...args: RequestArgs<E>
): Promise<RequestResult<E>> {
  return current ? sendRequest(current.socket, event, ...args) : NOT_CONNECTED;
}

/** The facilitator's microphone and camera before a quiet visit, to restore back in the plenary. */
let beforeVisit: { mic: boolean; camera: boolean } | null = null;

/**
 * Facilitator: visit a group's room (or go back to the plenary with null). A visit is quiet:
 * microphone and camera go off before entering the group, and come back as they were in the
 * plenary; in between the facilitator may turn them on to speak.
 */
export async function visitRoom(groupId: string | null): Promise<RequestOutcome<RoomAssignment>> {
  const session = current;
  const ack = await request('room:visit', { groupId });
  if (!ack.ok || !session || session !== current) return ack;
  const { micEnabled, cameraEnabled, currentGroupId } = store.getState();
  if (groupId !== null && currentGroupId === null) {
    beforeVisit = { mic: micEnabled, camera: cameraEnabled };
    if (micEnabled) await session.media.toggleMicrophone();
    if (cameraEnabled) await session.media.toggleCamera();
  }
  await session.media.switchTo(ack.data);
  if (groupId === null && beforeVisit) {
    const restore = beforeVisit;
    beforeVisit = null;
    const now = store.getState();
    if (restore.mic && !now.micEnabled) await session.media.toggleMicrophone();
    if (restore.camera && !now.cameraEnabled) await session.media.toggleCamera();
  }
  return ack;
}

/** Starts a session for the target: connects the socket, then LiveKit once a grant arrives. */
export async function startSession(target: SessionTarget): Promise<void> {
  if (current) teardown(current);
  current = null;
  const mine = ++startGeneration;
  const config = await ensureClientConfig();
  if (mine !== startGeneration) return;
  const { audioDeviceId, videoDeviceId } = store.getState();
  const room = new Room({
    adaptiveStream: true,
    dynacast: true,
    // Used when a track is (re)captured inside the room, e.g. camera turned on after joining with it off.
    videoCaptureDefaults: videoCaptureOptions(config, videoDeviceId),
    audioCaptureDefaults: audioCaptureOptions(audioDeviceId),
    publishDefaults: { simulcast: !config.lowVideo },
    // A revoked publish permission unpublishes our tracks; keep them alive to publish them again.
    stopLocalTrackOnUnpublish: false,
  });
  const socket = createSocket(target);
  const media = createLiveKitLink({
    room,
    requestAssignment: () => sendRequest(socket, 'livekit:token', {}),
    speaking: speakingThrottle((speaking) => {
      if (socket.connected && current?.socket === socket) socket.emit('media:speaking', { speaking });
    }),
    reportsSpeaking: target.kind === 'participant',
  });
  store.getState().liveReset();
  store.getState().presenceReset();
  const bridge = bindSocketToStore(socket, {
    connected: () => media.join('socket_connected'),
    roomAssigned: (assignment) => void media.switchTo(assignment),
    webinarLive: () => media.join('webinar_opened'),
  });
  const unbindFeedback = bindFeedbackSync(socket, target.kind);
  current = { socket, bridge, media, unbindFeedback };
  store.getState().sessionStarted(target, room);
  socket.connect();
}

/** Tries the LiveKit join again after a failed grant or a dropped connection. */
export function retryLiveKit(): void {
  const session = current;
  if (!session) return;
  if (!session.socket.connected) {
    store.getState().setSessionError(null);
    store.getState().setSocketStatus('connecting');
    session.socket.connect();
    return;
  }
  session.media.join('retry');
}

/** Turns the microphone on or off in the room (captures anew if it was never published). */
export async function toggleMicrophone(): Promise<void> {
  await current?.media.toggleMicrophone();
}

/** Turns the camera on or off in the room. */
export async function toggleCamera(): Promise<void> {
  await current?.media.toggleCamera();
}

function teardown(session: Session): void {
  session.bridge.stop();
  session.media.end();
  session.unbindFeedback();
  session.socket.removeAllListeners();
  session.socket.disconnect();
}

/** Ends the session: leaves LiveKit, closes the socket, stops the camera and microphone. */
export function endSession(left: boolean): void {
  startGeneration += 1;
  if (current) teardown(current);
  current = null;
  releaseLocalMedia();
  store.getState().sessionEnded(left);
  store.getState().liveReset();
  store.getState().presenceReset();
  store.getState().patchMedia({ canPublish: true });
}
