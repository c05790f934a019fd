/**
 * Camera and microphone for pre-join and the room. Tracks are created here exactly once
 * (one getUserMedia) and handed to the room on join; everything here calls store actions,
 * so components only read state and call these functions.
 */
import { type ClientConfig, httpRoutes } from '@rundgang/shared';
import {
  type AudioCaptureOptions,
  createLocalTracks,
  type LocalAudioTrack,
  type LocalTrack,
  type LocalVideoTrack,
  Room,
  Track,
  type VideoCaptureOptions,
  VideoPresets,
} from 'livekit-client';
import { callApi } from '../api/call-api.ts';
import { useAppStore } from '../store/index.ts';
import type { DeviceOption } from '../store/media-slice.ts';
import { classifyMediaError } from './media-errors.ts';

const store = useAppStore;

/** Fetches the client config once; without it, fall back to normal video rather than fail. */
export async function ensureClientConfig(): Promise<ClientConfig> {
  const known = store.getState().clientConfig;
  if (known) return known;
  let config: ClientConfig;
  try {
    config = await callApi(httpRoutes.clientConfig);
  } catch {
    config = { lowVideo: false };
  }
  store.getState().setClientConfig(config);
  return config;
}

/** Capture options for the camera: small and cheap when the server asks for low video. */
export function videoCaptureOptions(config: ClientConfig, deviceId?: string | null): VideoCaptureOptions {
  return {
    ...(config.lowVideo ? { resolution: VideoPresets.h180.resolution } : {}),
    ...(deviceId ? { deviceId } : {}),
  };
}

/** Capture options for the microphone. */
export function audioCaptureOptions(deviceId?: string | null): AudioCaptureOptions {
  return deviceId ? { deviceId } : {};
}

// Bumped on every start/release so tracks that arrive after the person left are stopped at once.
let generation = 0;

async function tryCreate(options: Parameters<typeof createLocalTracks>[0]): Promise<LocalTrack[] | unknown> {
  try {
    return await createLocalTracks(options);
  } catch (error) {
    return error;
  }
}

function splitTracks(tracks: LocalTrack[]): { audio: LocalAudioTrack | null; video: LocalVideoTrack | null } {
  const audio = tracks.find((t) => t.kind === Track.Kind.Audio) as LocalAudioTrack | undefined;
  const video = tracks.find((t) => t.kind === Track.Kind.Video) as LocalVideoTrack | undefined;
  return { audio: audio ?? null, video: video ?? null };
}

/** Starts camera and microphone for pre-join (once; later calls are no-ops until released). */
export async function startLocalMedia(): Promise<void> {
  if (store.getState().mediaStatus !== 'idle') return;
  const mine = ++generation;
  store.getState().patchMedia({ mediaStatus: 'starting', mediaError: null });
  const config = await ensureClientConfig();
  const video = videoCaptureOptions(config);

  let result = await tryCreate({ audio: true, video });
  let tracks: LocalTrack[] = [];
  let mediaError = null;
  if (Array.isArray(result)) {
    tracks = result;
  } else {
    mediaError = classifyMediaError(result);
    // One missing device should not cost the other: try each alone, unless access was refused.
    if (mediaError !== 'denied') {
      for (const options of [
        { audio: true, video: false },
        { audio: false, video },
      ]) {
        result = await tryCreate(options);
        if (Array.isArray(result)) tracks.push(...result);
      }
    }
  }

  const { audio, video: videoTrack } = splitTracks(tracks);
  const audioDeviceId = (await audio?.getDeviceId()) ?? null;
  const videoDeviceId = (await videoTrack?.getDeviceId()) ?? null;
  if (mine !== generation) {
    for (const track of tracks) track.stop();
    return;
  }
  store.getState().patchMedia({
    localAudio: audio,
    localVideo: videoTrack,
    micEnabled: audio !== null,
    cameraEnabled: videoTrack !== null,
    mediaError: audio === null || videoTrack === null ? (mediaError ?? 'notFound') : null,
    audioDeviceId,
    videoDeviceId,
  });
  await refreshDevices();
  if (mine === generation) store.getState().patchMedia({ mediaStatus: 'ready' });
}

function toOptions(devices: MediaDeviceInfo[], fallbackLabel: string): DeviceOption[] {
  return devices
    .filter((d) => d.deviceId !== '')
    .map((d, index) => ({ deviceId: d.deviceId, label: d.label || `${fallbackLabel} ${index + 1}` }));
}

/** Lists input devices without asking for permission again (labels need the grant we already have). */
export async function refreshDevices(): Promise<void> {
  try {
    const [audioInputs, videoInputs] = await Promise.all([
      Room.getLocalDevices('audioinput', false),
      Room.getLocalDevices('videoinput', false),
    ]);
    store.getState().patchMedia({
      audioInputs: toOptions(audioInputs, 'Mic'),
      videoInputs: toOptions(videoInputs, 'Camera'),
    });
  } catch {
    store.getState().patchMedia({ audioInputs: [], videoInputs: [] });
  }
}

/** Turns the pre-join camera on or off (muting a camera track releases the device). */
export async function setPreviewCamera(enabled: boolean): Promise<void> {
  const track = store.getState().localVideo;
  if (!track) return;
  if (enabled) await track.unmute();
  else await track.mute();
  store.getState().patchMedia({ cameraEnabled: enabled });
}

/** Turns the pre-join microphone on or off. */
export async function setPreviewMicrophone(enabled: boolean): Promise<void> {
  const track = store.getState().localAudio;
  if (!track) return;
  if (enabled) await track.unmute();
  else await track.mute();
  store.getState().patchMedia({ micEnabled: enabled });
}

/** Switches the camera or microphone to another device, keeping the same track. */
export async function selectDevice(kind: 'audio' | 'video', deviceId: string): Promise<void> {
  const state = store.getState();
  const track = kind === 'audio' ? state.localAudio : state.localVideo;
  if (track) await track.setDeviceId(deviceId);
  store.getState().patchMedia(kind === 'audio' ? { audioDeviceId: deviceId } : { videoDeviceId: deviceId });
}

/** Marks pre-join as done: from now on the room owns the tracks and leaving pre-join must not stop them. */
export function handOverLocalMedia(): void {
  store.getState().patchMedia({ prejoinDone: true });
}

/** Stops the local tracks and forgets them (on leave, or when pre-join is abandoned). */
export function releaseLocalMedia(): void {
  generation += 1;
  const { localAudio, localVideo } = store.getState();
  localAudio?.stop();
  localVideo?.stop();
  store.getState().resetMedia();
}
