/**
 * One live session: the socket (presence, webinar state, LiveKit grants, clock) and our own
 * LiveKit Room. We drive the Room ourselves instead of <LiveKitRoom> because switching rooms
 * later (breakouts) means reconnecting the same Room with a new token and the same tracks.
 * Everything here reports through store actions; React only renders what the store says.
 */
import type { Ack, LiveKitGrant } from '@rundgang/shared';
import {
  ConnectionState,
  DisconnectReason,
  type LocalTrack,
  type Participant,
  Room,
  RoomEvent,
} from 'livekit-client';
import {
  audioCaptureOptions,
  ensureClientConfig,
  releaseLocalMedia,
  videoCaptureOptions,
} from '../media/local-media.ts';
import { useAppStore } from '../store/index.ts';
import type { SessionTarget } from '../store/session-slice.ts';
import { measureClockOffset } from './clock-sync.ts';
import { connectErrorCode } from './connect-error.ts';
import { createSocket, type RundgangSocket } from './socket.ts';

const ACK_TIMEOUT_MS = 10_000;
const store = useAppStore;

interface Session {
  target: SessionTarget;
  socket: RundgangSocket;
  room: Room;
  ended: boolean;
  /** A LiveKit join is in flight or done; socket reconnects must not join twice. */
  joining: boolean;
}

let current: Session | null = null;
// Bumped by every start and end, so a start still awaiting its config knows it was cancelled.
let startGeneration = 0;

function syncLocalMediaState(room: Room): void {
  const participant = room.localParticipant;
  store.getState().patchMedia({
    micEnabled: participant.isMicrophoneEnabled,
    cameraEnabled: participant.isCameraEnabled,
  });
}

function bindRoomEvents(session: Session): void {
  const { room } = session;
  const state = () => store.getState();
  const isLocal = (participant: Participant) => participant === room.localParticipant;
  room
    .on(RoomEvent.Reconnecting, () => state().setLivekitStatus('reconnecting'))
    .on(RoomEvent.SignalReconnecting, () => state().setLivekitStatus('reconnecting'))
    .on(RoomEvent.Reconnected, () => state().setLivekitStatus('connected'))
    .on(RoomEvent.Connected, () => state().setLivekitStatus('connected'))
    .on(RoomEvent.Disconnected, (reason) => {
      if (session.ended) return;
      state().setLivekitStatus('disconnected');
      if (reason !== DisconnectReason.CLIENT_INITIATED) state().setSessionError({ kind: 'disconnected' });
    })
    .on(RoomEvent.LocalTrackPublished, () => syncLocalMediaState(room))
    .on(RoomEvent.LocalTrackUnpublished, () => syncLocalMediaState(room))
    .on(RoomEvent.TrackMuted, (_pub, participant) => isLocal(participant) && syncLocalMediaState(room))
    .on(RoomEvent.TrackUnmuted, (_pub, participant) => isLocal(participant) && syncLocalMediaState(room))
    .on(RoomEvent.MediaDevicesError, () => state().setPublishFailed(true));
}

function bindSocketEvents(session: Session): void {
  const { socket } = session;
  const state = () => store.getState();
  socket.on('connect', () => {
    state().setSocketStatus('connected');
    void syncClock(socket);
    if (!session.joining) void joinLiveKit(session);
  });
  socket.on('disconnect', (reason) => {
    if (session.ended || reason === 'io client disconnect') return;
    if (reason === 'io server disconnect') {
      // The server closed us on purpose (e.g. invite revoked); socket.io will not retry.
      state().setSocketStatus('disconnected');
      state().setSessionError({ kind: 'disconnected' });
    } else {
      state().setSocketStatus('reconnecting');
    }
  });
  socket.on('connect_error', (error) => {
    if (session.ended) return;
    const code = connectErrorCode(error);
    if (code === 'protocol_mismatch') {
      state().setSocketStatus('disconnected');
      state().setSessionError({ kind: 'protocol_mismatch' });
    } else if (code === 'unauthorized' || code === 'forbidden' || code === 'not_found') {
      state().setSocketStatus('disconnected');
      state().setSessionError({ kind: 'unauthorized' });
    } else if (socket.active) {
      // A transport failure: socket.io retries with backoff on its own.
      state().setSocketStatus(state().socketStatus === 'connecting' ? 'connecting' : 'reconnecting');
    } else {
      state().setSocketStatus('disconnected');
      state().setSessionError({ kind: 'disconnected' });
    }
  });
  socket.on('webinar:updated', (webinar) => {
    if (session.ended) return;
    state().webinarUpdated(webinar);
    // Joined before the facilitator opened the webinar: the grant was refused, try again now.
    const error = state().sessionError;
    if (
      webinar.status === 'live' &&
      !session.joining &&
      error?.kind === 'token' &&
      error.code === 'conflict'
    ) {
      void joinLiveKit(session);
    }
  });
}

async function syncClock(socket: RundgangSocket): Promise<void> {
  const estimate = await measureClockOffset((clientSentAt) =>
    socket.timeout(ACK_TIMEOUT_MS).emitWithAck('clock:ping', { clientSentAt }),
  );
  if (estimate) store.getState().clockMeasured(estimate);
}

async function publishLocalMedia(room: Room): Promise<void> {
  const { localAudio, localVideo, micEnabled, cameraEnabled, clientConfig } = store.getState();
  const simulcast = !clientConfig?.lowVideo;
  const publish = async (track: LocalTrack | null, enabled: boolean) => {
    if (!track) return;
    if (!enabled) {
      // Not publishing a muted track keeps the device released; turning it on later captures anew.
      track.stop();
      return;
    }
    await room.localParticipant.publishTrack(track, { simulcast, source: track.source });
  };
  try {
    await publish(localAudio, micEnabled);
    await publish(localVideo, cameraEnabled);
  } catch {
    store.getState().setPublishFailed(true);
  }
  syncLocalMediaState(room);
}

async function joinLiveKit(session: Session): Promise<void> {
  const state = () => store.getState();
  session.joining = true;
  state().setSessionError(null);
  state().setLivekitStatus('connecting');
  let grant: Ack<LiveKitGrant>;
  try {
    grant = await session.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('livekit:token', {});
  } catch {
    if (session.ended) return;
    session.joining = false;
    state().setLivekitStatus('disconnected');
    state().setSessionError({ kind: 'token', code: 'timeout' });
    return;
  }
  if (session.ended) return;
  if (!grant.ok) {
    session.joining = false;
    state().setLivekitStatus('disconnected');
    state().setSessionError({ kind: 'token', code: grant.error.code });
    return;
  }
  try {
    // Empty iceServers: the SFU's own candidates are enough here and no STUN is reachable.
    await session.room.connect(grant.data.url, grant.data.token, { rtcConfig: { iceServers: [] } });
  } catch {
    if (session.ended) return;
    session.joining = false;
    state().setLivekitStatus('disconnected');
    state().setSessionError({ kind: 'token', code: 'livekit_unavailable' });
    return;
  }
  if (session.ended) {
    await session.room.disconnect(true);
    return;
  }
  state().setLivekitStatus('connected');
  await publishLocalMedia(session.room);
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
  });
  const session: Session = { target, socket: createSocket(target), room, ended: false, joining: false };
  current = session;
  bindRoomEvents(session);
  bindSocketEvents(session);
  store.getState().sessionStarted(target, room);
  session.socket.connect();
}

/** Tries the LiveKit join again after a failed grant or a dropped connection. */
export function retryLiveKit(): void {
  const session = current;
  if (!session || session.ended) return;
  if (!session.socket.connected) {
    store.getState().setSessionError(null);
    store.getState().setSocketStatus('connecting');
    session.socket.connect();
    return;
  }
  if (session.room.state !== ConnectionState.Disconnected) return;
  void joinLiveKit(session);
}

/** Turns the microphone on or off in the room (captures anew if it was never published). */
export async function toggleMicrophone(): Promise<void> {
  const room = current?.room;
  if (!room) return;
  try {
    await room.localParticipant.setMicrophoneEnabled(!room.localParticipant.isMicrophoneEnabled);
  } catch {
    store.getState().setPublishFailed(true);
  }
  syncLocalMediaState(room);
}

/** Turns the camera on or off in the room. */
export async function toggleCamera(): Promise<void> {
  const room = current?.room;
  if (!room) return;
  try {
    await room.localParticipant.setCameraEnabled(!room.localParticipant.isCameraEnabled);
  } catch {
    store.getState().setPublishFailed(true);
  }
  syncLocalMediaState(room);
}

function teardown(session: Session): void {
  session.ended = true;
  session.socket.removeAllListeners();
  session.socket.disconnect();
  session.room.removeAllListeners();
  void session.room.disconnect(true);
}

/** Ends the session: leaves LiveKit, closes the socket, stops the camera and microphone. */
export function endSession(left: boolean): void {
  startGeneration += 1;
  if (current) teardown(current);
  current = null;
  releaseLocalMedia();
  store.getState().sessionEnded(left);
}
