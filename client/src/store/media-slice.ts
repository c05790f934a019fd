/**
 * The person's own camera and microphone, from pre-join to leaving. The tracks are created
 * once in pre-join and handed to the room, so joining never asks for the devices twice.
 */
import type { ClientConfig } from '@rundgang/shared';
import type { LocalAudioTrack, LocalVideoTrack } from 'livekit-client';
import type { SliceCreator } from './types.ts';

/** Why the devices could not be started. */
export type MediaErrorKind = 'denied' | 'notFound' | 'unknown';

/** A selectable input device. */
export interface DeviceOption {
  deviceId: string;
  label: string;
}

/** Local media state and plain setters (the device logic lives in media/local-media.ts). */
export interface MediaSlice {
  clientConfig: ClientConfig | null;
  mediaStatus: 'idle' | 'starting' | 'ready';
  mediaError: MediaErrorKind | null;
  localAudio: LocalAudioTrack | null;
  localVideo: LocalVideoTrack | null;
  micEnabled: boolean;
  cameraEnabled: boolean;
  audioInputs: DeviceOption[];
  videoInputs: DeviceOption[];
  audioDeviceId: string | null;
  videoDeviceId: string | null;
  /** True once pre-join is done and the room owns the tracks. */
  prejoinDone: boolean;
  /**
   * Whether LiveKit lets us publish in the room we are in. The server revokes it for observers
   * during the conversation when the exercise says so; the tracks are kept to publish again.
   */
  canPublish: boolean;
  setClientConfig: (config: ClientConfig) => void;
  patchMedia: (
    patch: Partial<
      Pick<
        MediaSlice,
        | 'mediaStatus'
        | 'mediaError'
        | 'localAudio'
        | 'localVideo'
        | 'micEnabled'
        | 'cameraEnabled'
        | 'audioInputs'
        | 'videoInputs'
        | 'audioDeviceId'
        | 'videoDeviceId'
        | 'prejoinDone'
        | 'canPublish'
      >
    >,
  ) => void;
  resetMedia: () => void;
}

const initialMedia = {
  mediaStatus: 'idle',
  mediaError: null,
  localAudio: null,
  localVideo: null,
  micEnabled: true,
  cameraEnabled: true,
  audioInputs: [],
  videoInputs: [],
  audioDeviceId: null,
  videoDeviceId: null,
  prejoinDone: false,
  canPublish: true,
} as const satisfies Partial<MediaSlice>;

/** Creates the media slice. */
export const createMediaSlice: SliceCreator<MediaSlice> = (set) => ({
  clientConfig: null,
  ...initialMedia,
  audioInputs: [],
  videoInputs: [],
  setClientConfig: (clientConfig) => set({ clientConfig }),
  patchMedia: (patch) => set(patch),
  resetMedia: () => set({ ...initialMedia, audioInputs: [], videoInputs: [] }),
});
