/**
 * Our own LiveKit Room, driven through the media-link machine (media-link.ts). We drive the
 * Room ourselves instead of <LiveKitRoom> because switching rooms (breakouts, a facilitator's
 * visit) reconnects the same Room with a new token and the same tracks: disconnect without
 * stopping them, connect with the new token, publish the very same tracks again — the camera
 * and microphone are never captured anew. Joins and switches run one after another, never
 * interleaved. Reports through store actions; React only renders what the store says.
 */
import type { RequestErrorCode, RequestOutcome, RoomAssignment } from '@rundgang/shared';
import {
  ConnectionState,
  DisconnectReason,
  type LocalTrack,
  type Participant,
  type Room,
  RoomEvent,
  Track,
} from 'livekit-client';
import type { SpeakingThrottle } from '../lib/speaking-signal.ts';
import { useAppStore } from '../store/index.ts';
import {
  initialMediaLink,
  type JoinReason,
  keepsRevokedTracks,
  livekitStatusOf,
  type MediaLink,
  type MediaLinkEvent,
  nextMediaLink,
} from './media-link.ts';

const store = useAppStore;
// Empty iceServers: the SFU's own candidates are enough here and no STUN is reachable.
const CONNECT_OPTIONS = { rtcConfig: { iceServers: [] } };

/** What the LiveKit link needs from the session. */
export interface LiveKitLinkDeps {
  room: Room;
  /** Asks the server which room we belong in now, with a token for it (`livekit:token`). */
  requestAssignment: () => Promise<RequestOutcome<RoomAssignment>>;
  /** Our own speaking state, as throttled lossy signals to the facilitators. */
  speaking: SpeakingThrottle;
  /** Participants report when they speak; facilitators do not. */
  reportsSpeaking: boolean;
}

/** The session's handle on its LiveKit room. */
export interface LiveKitLink {
  /** Joins the room the server assigns us, if the link's state allows a join for this reason. */
  join(reason: JoinReason): void;
  /** Moves our media to the assigned room (after any join or switch still running). */
  switchTo(assignment: RoomAssignment): Promise<void>;
  toggleMicrophone(): Promise<void>;
  toggleCamera(): Promise<void>;
  /** Leaves LiveKit and stops every local track, kept ones included. */
  end(): void;
}

/** Whether LiveKit lets us publish in the room we are connected to (true before any join). */
function mayPublish(room: Room): boolean {
  return room.localParticipant.permissions?.canPublish ?? true;
}

/**
 * Whether the room lets us publish this source: facilitators can lock a plenary microphone,
 * which LiveKit expresses as a list of allowed sources without it (empty list = all allowed).
 */
function maySource(room: Room, source: Track.Source): boolean {
  const allowed = room.localParticipant.permissions?.canPublishSources ?? [];
  if (allowed.length === 0) return true;
  // The permission lists LiveKit's protocol TrackSource values (CAMERA = 1, MICROPHONE = 2).
  const wanted = source === Track.Source.Microphone ? 2 : 1;
  return allowed.includes(wanted);
}

function syncLocalMediaState(room: Room): void {
  const participant = room.localParticipant;
  store.getState().patchMedia({
    micEnabled: participant.isMicrophoneEnabled,
    cameraEnabled: participant.isCameraEnabled,
  });
}

/** Creates the link and binds the room's events; nothing connects until `join` or `switchTo`. */
export function createLiveKitLink(deps: LiveKitLinkDeps): LiveKitLink {
  const { room, speaking } = deps;
  const state = () => store.getState();
  let link: MediaLink = initialMediaLink;
  let chain: Promise<void> = Promise.resolve();
  /**
   * Local tracks LiveKit unpublished because our publish permission was revoked (an observer
   * during the conversation): kept alive and published again when the permission comes back.
   */
  let keptTracks: LocalTrack[] = [];

  const ended = () => link.phase === 'ended';

  /** Moves the machine and shows the person what changed (never after the session ended). */
  const dispatch = (event: MediaLinkEvent): MediaLink => {
    const before = link;
    link = nextMediaLink(link, event);
    if (link === before || link.phase === 'ended') return link;
    if (livekitStatusOf(link) !== livekitStatusOf(before)) state().setLivekitStatus(livekitStatusOf(link));
    const switching = link.phase === 'switching';
    if (switching !== (before.phase === 'switching')) state().setSwitchingRoom(switching);
    return link;
  };

  const fail = (code: RequestErrorCode) => {
    dispatch({ type: 'failed', code });
    state().setSessionError({ kind: 'token', code });
  };

  const enqueue = (step: () => Promise<void>) => {
    chain = chain.then(step).catch(() => undefined);
  };

  /** Keeps a track LiveKit unpublished (one per source), to publish it again later. */
  const keepTrack = (track: LocalTrack) => {
    if (track.mediaStreamTrack.readyState !== 'live') return;
    keptTracks = [...keptTracks.filter((t) => t.source !== track.source), track];
  };

  /** Publishes tracks we already have (a failure is shown, the others still go). */
  const publishTracks = async (tracks: readonly LocalTrack[], onlyLive: boolean) => {
    const simulcast = !state().clientConfig?.lowVideo;
    for (const track of tracks) {
      if (onlyLive && track.mediaStreamTrack.readyState !== 'live') continue;
      if (!maySource(room, track.source)) {
        // A locked microphone is released, not kept: it comes back only when the person turns it on.
        track.stop();
        continue;
      }
      await room.localParticipant.publishTrack(track, { simulcast, source: track.source }).catch(() => {
        state().setPublishFailed(true);
      });
    }
  };

  /** Publishes the kept tracks again once we may (no new getUserMedia: the very same tracks). */
  const republishKept = async () => {
    if (ended() || room.state !== ConnectionState.Connected || !mayPublish(room)) return;
    const tracks = keptTracks;
    keptTracks = [];
    await publishTracks(tracks, true);
    syncLocalMediaState(room);
  };

  /** Publishes the pre-join tracks after the first join (muted ones are released instead). */
  const publishLocalMedia = async () => {
    const { localAudio, localVideo, micEnabled, cameraEnabled, clientConfig } = state();
    const simulcast = !clientConfig?.lowVideo;
    const publish = async (track: LocalTrack | null, enabled: boolean) => {
      if (!track) return;
      if (!enabled) {
        // Not publishing a muted track keeps the device released; turning it on later captures anew.
        track.stop();
        return;
      }
      if (!mayPublish(room)) {
        keepTrack(track);
        return;
      }
      if (!maySource(room, track.source)) {
        // A locked microphone: arrive muted instead of failing the whole publish.
        track.stop();
        return;
      }
      await room.localParticipant.publishTrack(track, { simulcast, source: track.source });
    };
    try {
      await publish(localAudio, micEnabled);
      await publish(localVideo, cameraEnabled);
    } catch {
      state().setPublishFailed(true);
    }
    syncLocalMediaState(room);
  };

  const runJoin = async () => {
    if (dispatch({ type: 'join_started' }).phase !== 'joining') return;
    state().setSessionError(null);
    const assignment = await deps.requestAssignment();
    if (ended()) return;
    if (!assignment.ok) {
      fail(assignment.error.code);
      return;
    }
    const { groupId, grant } = assignment.data;
    try {
      await room.connect(grant.url, grant.token, CONNECT_OPTIONS);
    } catch {
      if (!ended()) fail('livekit_unavailable');
      return;
    }
    if (ended()) {
      await room.disconnect(true);
      return;
    }
    if (dispatch({ type: 'room_entered' }).phase !== 'connected') return;
    state().roomEntered(groupId, grant.identity);
    state().patchMedia({ canPublish: mayPublish(room) });
    await publishLocalMedia();
  };

  const runSwitch = async ({ groupId, grant }: RoomAssignment) => {
    if (ended()) return;
    if (room.name === grant.room && room.state === ConnectionState.Connected) {
      state().roomEntered(groupId, grant.identity);
      return;
    }
    const published = [...room.localParticipant.trackPublications.values()]
      .map((publication) => publication.track)
      .filter((track): track is LocalTrack => track !== undefined);
    // Tracks held back while we could not publish travel along too.
    const tracks = [
      ...published,
      ...keptTracks.filter((kept) => !published.some((t) => t.source === kept.source)),
    ];
    keptTracks = [];
    speaking.update(false);
    dispatch({ type: 'switch_started' });
    try {
      if (room.state !== ConnectionState.Disconnected) await room.disconnect(false);
      await room.connect(grant.url, grant.token, CONNECT_OPTIONS);
      if (ended()) return;
      dispatch({ type: 'room_entered' });
      state().roomEntered(groupId, grant.identity);
      state().setSessionError(null);
      const canPublish = mayPublish(room);
      state().patchMedia({ canPublish });
      if (!canPublish) {
        // Joined listen-only (an observer mid-conversation): hold the tracks until we may publish.
        for (const track of tracks) keepTrack(track);
        syncLocalMediaState(room);
        return;
      }
      if (tracks.length === 0) await publishLocalMedia();
      await publishTracks(tracks, false);
      syncLocalMediaState(room);
    } catch {
      if (!ended()) fail('livekit_unavailable');
    } finally {
      dispatch({ type: 'tracks_moved' });
    }
  };

  const isLocal = (participant: Participant) => participant === room.localParticipant;
  room
    .on(RoomEvent.ParticipantPermissionsChanged, (_previous, participant) => {
      if (!isLocal(participant) || ended()) return;
      const canPublish = mayPublish(room);
      state().patchMedia({ canPublish });
      if (canPublish && keptTracks.length > 0) enqueue(republishKept);
    })
    .on(RoomEvent.LocalTrackUnpublished, (publication) => {
      // Our own switches unpublish on purpose and carry the tracks along themselves, and LiveKit
      // unpublishes everything while disconnecting; any other unpublish came from the server.
      if (!publication.track) return;
      if (!maySource(room, publication.track.source)) publication.track.stop();
      else if (keepsRevokedTracks(link) && room.state === ConnectionState.Connected)
        keepTrack(publication.track);
    })
    .on(RoomEvent.ActiveSpeakersChanged, (speakers) => {
      if (deps.reportsSpeaking) speaking.update(speakers.some((p) => p === room.localParticipant));
    })
    .on(RoomEvent.Reconnecting, () => dispatch({ type: 'livekit_reconnecting' }))
    .on(RoomEvent.SignalReconnecting, () => dispatch({ type: 'livekit_reconnecting' }))
    .on(RoomEvent.Reconnected, () => dispatch({ type: 'livekit_reconnected' }))
    .on(RoomEvent.Disconnected, (reason) => {
      const before = link;
      if (dispatch({ type: 'livekit_lost' }) === before) return;
      if (reason !== DisconnectReason.CLIENT_INITIATED) state().setSessionError({ kind: 'disconnected' });
    })
    .on(RoomEvent.LocalTrackPublished, () => syncLocalMediaState(room))
    .on(RoomEvent.LocalTrackUnpublished, () => syncLocalMediaState(room))
    .on(RoomEvent.TrackMuted, (_pub, participant) => isLocal(participant) && syncLocalMediaState(room))
    .on(RoomEvent.TrackUnmuted, (_pub, participant) => isLocal(participant) && syncLocalMediaState(room))
    .on(RoomEvent.MediaDevicesError, () => state().setPublishFailed(true));

  const toggle = async (turn: (participant: Room['localParticipant']) => Promise<unknown>) => {
    if (!mayPublish(room)) return;
    try {
      await turn(room.localParticipant);
    } catch {
      state().setPublishFailed(true);
    }
    syncLocalMediaState(room);
  };

  return {
    join(reason) {
      const before = link;
      // Only a move into `joining` queues a join: one already requested is not queued twice.
      if (dispatch({ type: 'join_requested', reason }) !== before) enqueue(runJoin);
    },
    switchTo(assignment) {
      return new Promise<void>((resolve) => {
        enqueue(() => runSwitch(assignment).finally(resolve));
      });
    },
    // Turning on a track that was never published captures it anew in the room.
    toggleMicrophone: () => toggle((p) => p.setMicrophoneEnabled(!p.isMicrophoneEnabled)),
    toggleCamera: () => toggle((p) => p.setCameraEnabled(!p.isCameraEnabled)),
    end() {
      dispatch({ type: 'ended' });
      speaking.reset();
      // Kept tracks are ours, not the room's: disconnect(true) would not stop them.
      for (const track of keptTracks) track.stop();
      keptTracks = [];
      // Tracks are not stopped on unpublish (see stopLocalTrackOnUnpublish), so stop them here.
      for (const publication of room.localParticipant.trackPublications.values()) publication.track?.stop();
      room.removeAllListeners();
      void room.disconnect(true);
    },
  };
}
