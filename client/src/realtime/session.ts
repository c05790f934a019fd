/**
 * One live session: the socket (presence, webinar state, LiveKit grants, clock) and our own
 * LiveKit Room. We drive the Room ourselves instead of <LiveKitRoom> because switching rooms
 * later (breakouts) means reconnecting the same Room with a new token and the same tracks.
 * Everything here reports through store actions; React only renders what the store says.
 */
import type {
  Ack,
  ClientSignals,
  ClientToServerEvents,
  LiveKitGrant,
  RoomAssignment,
} from '@rundgang/shared';
import {
  ConnectionState,
  DisconnectReason,
  type LocalTrack,
  type Participant,
  Room,
  RoomEvent,
} from 'livekit-client';
import { type SpeakingThrottle, speakingThrottle } from '../lib/speaking-signal.ts';
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
import { bindFeedbackSync } from './feedback-sync.ts';
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
  /** Joins and room switches run one after another, never interleaved. */
  mediaChain: Promise<void>;
  /** A room switch is disconnecting on purpose: not an error to show. */
  switching: boolean;
  /** The socket was connected before, so the next connect is a reconnect (resync). */
  wasConnected: boolean;
  /** Stops the feedback outbox loop and listeners. */
  unbindFeedback: () => void;
  /**
   * Local tracks LiveKit unpublished because our publish permission was revoked (an observer
   * during the conversation): kept alive and published again when the permission comes back,
   * so the camera and microphone are never captured anew.
   */
  keptTracks: LocalTrack[];
  /** Our own speaking state, as throttled lossy signals to the facilitators. */
  speaking: SpeakingThrottle;
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

/** Whether LiveKit lets us publish in the room we are connected to (true before any join). */
function mayPublish(room: Room): boolean {
  return room.localParticipant.permissions?.canPublish ?? true;
}

/** Keeps a track LiveKit unpublished (one per source), to publish it again later. */
function keepTrack(session: Session, track: LocalTrack): void {
  if (track.mediaStreamTrack.readyState !== 'live') return;
  session.keptTracks = [...session.keptTracks.filter((t) => t.source !== track.source), track];
}

/** Publishes the kept tracks again once we may (no new getUserMedia: the very same tracks). */
async function republishKept(session: Session): Promise<void> {
  const { room } = session;
  if (session.ended || room.state !== ConnectionState.Connected || !mayPublish(room)) return;
  const tracks = session.keptTracks;
  session.keptTracks = [];
  const simulcast = !store.getState().clientConfig?.lowVideo;
  for (const track of tracks) {
    if (track.mediaStreamTrack.readyState !== 'live') continue;
    await room.localParticipant.publishTrack(track, { simulcast, source: track.source }).catch(() => {
      store.getState().setPublishFailed(true);
    });
  }
  syncLocalMediaState(room);
}

function bindRoomEvents(session: Session): void {
  const { room } = session;
  const state = () => store.getState();
  const isLocal = (participant: Participant) => participant === room.localParticipant;
  room
    .on(RoomEvent.ParticipantPermissionsChanged, (_previous, participant) => {
      if (!isLocal(participant) || session.ended) return;
      const canPublish = mayPublish(room);
      state().patchMedia({ canPublish });
      if (canPublish && session.keptTracks.length > 0) enqueueMedia(session, () => republishKept(session));
    })
    .on(RoomEvent.LocalTrackUnpublished, (publication) => {
      // Our own switches unpublish on purpose and carry the tracks along themselves; any other
      // unpublish while connected came from the server (publish permission revoked).
      if (session.ended || session.switching || room.state !== ConnectionState.Connected) return;
      if (publication.track) keepTrack(session, publication.track);
    })
    .on(RoomEvent.ActiveSpeakersChanged, (speakers) => {
      if (session.target.kind === 'participant')
        session.speaking.update(speakers.some((p) => p === room.localParticipant));
    })
    .on(RoomEvent.Reconnecting, () => state().setLivekitStatus('reconnecting'))
    .on(RoomEvent.SignalReconnecting, () => state().setLivekitStatus('reconnecting'))
    .on(RoomEvent.Reconnected, () => state().setLivekitStatus('connected'))
    .on(RoomEvent.Connected, () => state().setLivekitStatus('connected'))
    .on(RoomEvent.Disconnected, (reason) => {
      if (session.ended || session.switching) return;
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
    // The server pushes a snapshot on every connect; asking as well covers a push lost in between.
    if (session.wasConnected) void resync(session);
    session.wasConnected = true;
    if (!session.joining) {
      session.joining = true;
      enqueueMedia(session, () => joinLiveKit(session));
    }
  });
  socket.on('session:updated', (snapshot) => {
    if (session.ended) return;
    state().sessionSnapshotReceived(snapshot.seq, snapshot.state);
  });
  socket.on('room:assigned', (assignment) => {
    if (session.ended) return;
    enqueueMedia(session, () => switchRoom(session, assignment));
  });
  socket.on('session:alerted', (alert) => {
    if (!session.ended) state().alertReceived(alert);
  });
  socket.on('media:presence', (presence) => {
    if (!session.ended) state().mediaPresenceReceived(presence);
  });
  socket.on('media:speaking', (update) => {
    if (!session.ended) state().speakingChanged(update);
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
    state().namesLearned(Object.fromEntries(webinar.present.map((p) => [p.id, p.name])));
    // Joined before the facilitator opened the webinar: the grant was refused, try again now.
    const error = state().sessionError;
    if (
      webinar.status === 'live' &&
      !session.joining &&
      error?.kind === 'token' &&
      error.code === 'conflict'
    ) {
      enqueueMedia(session, () => joinLiveKit(session));
    }
  });
}

async function resync(session: Session): Promise<void> {
  try {
    const ack = await session.socket
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck('session:sync', { sinceSeq: store.getState().liveSeq });
    if (ack.ok && !session.ended) store.getState().sessionSnapshotReceived(ack.data.seq, ack.data.state);
  } catch {
    // The next push brings the state anyway.
  }
}

function enqueueMedia(session: Session, step: () => Promise<void>): void {
  session.mediaChain = session.mediaChain.then(step).catch(() => undefined);
}

/** The group id a grant's room belongs to (null = plenary); room names are `group-<webinar>-<group>`. */
function groupOfRoom(room: string): string | null {
  return (
    room.match(/^group-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-(.+)$/i)?.[1] ?? null
  );
}

/**
 * Moves our media to another LiveKit room without touching the devices: disconnect without
 * stopping the local tracks, connect with the new token, publish the very same tracks again.
 */
async function switchRoom(session: Session, assignment: RoomAssignment): Promise<void> {
  const { room } = session;
  const { grant } = assignment;
  if (session.ended) return;
  if (room.name === grant.room && room.state === ConnectionState.Connected) {
    store.getState().roomEntered(assignment.groupId, grant.identity);
    return;
  }
  const state = () => store.getState();
  const published = [...room.localParticipant.trackPublications.values()]
    .map((publication) => publication.track)
    .filter((track): track is LocalTrack => track !== undefined);
  // Tracks held back while we could not publish travel along too.
  const tracks = [
    ...published,
    ...session.keptTracks.filter((kept) => !published.some((t) => t.source === kept.source)),
  ];
  session.keptTracks = [];
  session.speaking.update(false);
  session.switching = true;
  session.joining = true;
  state().setSwitchingRoom(true);
  try {
    if (room.state !== ConnectionState.Disconnected) await room.disconnect(false);
    state().setLivekitStatus('connecting');
    await room.connect(grant.url, grant.token, { rtcConfig: { iceServers: [] } });
    if (session.ended) return;
    state().roomEntered(assignment.groupId, grant.identity);
    state().setLivekitStatus('connected');
    state().setSessionError(null);
    const canPublish = mayPublish(room);
    state().patchMedia({ canPublish });
    const simulcast = !state().clientConfig?.lowVideo;
    if (!canPublish) {
      // Joined listen-only (an observer mid-conversation): hold the tracks until we may publish.
      for (const track of tracks) keepTrack(session, track);
      syncLocalMediaState(room);
      return;
    }
    if (tracks.length === 0) await publishLocalMedia(session);
    for (const track of tracks) {
      await room.localParticipant.publishTrack(track, { simulcast, source: track.source }).catch(() => {
        state().setPublishFailed(true);
      });
    }
    syncLocalMediaState(room);
  } catch {
    if (session.ended) return;
    state().setLivekitStatus('disconnected');
    state().setSessionError({ kind: 'token', code: 'livekit_unavailable' });
    session.joining = false;
  } finally {
    session.switching = false;
    state().setSwitchingRoom(false);
  }
}

/** Events that are requests with an ack (lossy signals have none). */
type RequestEvent = Exclude<keyof ClientToServerEvents, keyof ClientSignals>;

/** Sends a request over the session's socket and resolves with its ack (timeouts become an error ack). */
export async function request<E extends RequestEvent>(
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
): Promise<Parameters<Parameters<ClientToServerEvents[E]>[1]>[0]> {
  const session = current;
  if (!session || session.ended || !session.socket.connected) {
    return { ok: false, error: { code: 'network', message: 'not connected' } } as never;
  }
  try {
    // biome-ignore lint/suspicious/noExplicitAny: the generic event name defeats socket.io's overloads.
    return await (session.socket.timeout(ACK_TIMEOUT_MS) as any).emitWithAck(event, payload);
  } catch {
    return { ok: false, error: { code: 'timeout', message: 'no answer' } } as never;
  }
}

/** Facilitator: visit a group's room (or go back to the plenary with null). */
export async function visitRoom(groupId: string | null): Promise<Ack<RoomAssignment>> {
  const session = current;
  const ack = await request('room:visit', { groupId });
  if (ack.ok && session && !session.ended) {
    await new Promise<void>((resolve) => {
      enqueueMedia(session, async () => {
        await switchRoom(session, ack.data);
        resolve();
      });
    });
  }
  return ack;
}

async function syncClock(socket: RundgangSocket): Promise<void> {
  const estimate = await measureClockOffset((clientSentAt) =>
    socket.timeout(ACK_TIMEOUT_MS).emitWithAck('clock:ping', { clientSentAt }),
  );
  if (estimate) store.getState().clockMeasured(estimate);
}

async function publishLocalMedia(session: Session): Promise<void> {
  const { room } = session;
  const { localAudio, localVideo, micEnabled, cameraEnabled, clientConfig } = store.getState();
  const simulcast = !clientConfig?.lowVideo;
  const publish = async (track: LocalTrack | null, enabled: boolean) => {
    if (!track) return;
    if (!enabled) {
      // Not publishing a muted track keeps the device released; turning it on later captures anew.
      track.stop();
      return;
    }
    if (!mayPublish(room)) {
      keepTrack(session, track);
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
  // A room switch got here first: we are already where we belong.
  if (session.room.state === ConnectionState.Connected) return;
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
  state().roomEntered(groupOfRoom(grant.data.room), grant.data.identity);
  state().setLivekitStatus('connected');
  state().patchMedia({ canPublish: mayPublish(session.room) });
  await publishLocalMedia(session);
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
  const session: Session = {
    target,
    socket: createSocket(target),
    room,
    ended: false,
    joining: false,
    mediaChain: Promise.resolve(),
    switching: false,
    wasConnected: false,
    unbindFeedback: () => undefined,
    keptTracks: [],
    speaking: speakingThrottle((speaking) => {
      if (session.socket.connected && !session.ended) session.socket.emit('media:speaking', { speaking });
    }),
  };
  store.getState().liveReset();
  store.getState().presenceReset();
  current = session;
  bindRoomEvents(session);
  bindSocketEvents(session);
  session.unbindFeedback = bindFeedbackSync(session.socket, target.kind);
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
  enqueueMedia(session, () => joinLiveKit(session));
}

/** Turns the microphone on or off in the room (captures anew if it was never published). */
export async function toggleMicrophone(): Promise<void> {
  const room = current?.room;
  if (!room || !mayPublish(room)) return;
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
  if (!room || !mayPublish(room)) return;
  try {
    await room.localParticipant.setCameraEnabled(!room.localParticipant.isCameraEnabled);
  } catch {
    store.getState().setPublishFailed(true);
  }
  syncLocalMediaState(room);
}

function teardown(session: Session): void {
  session.ended = true;
  session.speaking.reset();
  // Kept tracks are ours, not the room's: disconnect(true) would not stop them.
  for (const track of session.keptTracks) track.stop();
  session.keptTracks = [];
  // Tracks are not stopped on unpublish (see stopLocalTrackOnUnpublish), so stop them here.
  for (const publication of session.room.localParticipant.trackPublications.values())
    publication.track?.stop();
  session.unbindFeedback();
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
  store.getState().liveReset();
  store.getState().presenceReset();
  store.getState().patchMedia({ canPublish: true });
}
