import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  handOverLocalMedia,
  releaseLocalMedia,
  selectDevice,
  setPreviewCamera,
  setPreviewMicrophone,
  startLocalMedia,
} from '../media/local-media.ts';
import { useAppStore } from '../store/index.ts';
import type { DeviceOption } from '../store/media-slice.ts';
import { ErrorMessage, StatusMessage } from './Feedback.tsx';

/** The local camera, mirrored like a mirror so moving left looks like moving left. */
function VideoPreview() {
  const { t } = useTranslation();
  const track = useAppStore((s) => s.localVideo);
  const cameraEnabled = useAppStore((s) => s.cameraEnabled);
  const videoRef = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    const element = videoRef.current;
    if (!track || !element) return;
    track.attach(element);
    return () => {
      track.detach(element);
    };
  }, [track]);

  const showVideo = track !== null && cameraEnabled;
  return (
    <div className="preview">
      <video
        ref={videoRef}
        className="preview__video"
        hidden={!showVideo}
        muted
        playsInline
        autoPlay
        aria-label={t('prejoin.previewLabel')}
        data-testid="prejoin-preview"
      />
      {!showVideo && <p className="preview__off">{t('prejoin.previewOff')}</p>}
    </div>
  );
}

function DeviceSelect({
  label,
  devices,
  value,
  disabled,
  onChange,
  testId,
}: {
  label: string;
  devices: DeviceOption[];
  value: string | null;
  disabled: boolean;
  onChange: (deviceId: string) => void;
  testId: string;
}) {
  const id = useId();
  if (devices.length === 0) return null;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value ?? ''}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      >
        {devices.map((device) => (
          <option key={device.deviceId} value={device.deviceId}>
            {device.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function MediaToggle({
  label,
  checked,
  disabled,
  onChange,
  testId,
}: {
  label: string;
  checked: boolean;
  disabled: boolean;
  onChange: (checked: boolean) => void;
  testId: string;
}) {
  const id = useId();
  return (
    <div className="toggle">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
        data-testid={testId}
      />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/**
 * Pre-join: preview, camera/microphone on-off and device choice. The tracks made here are the
 * ones the room publishes; leaving without joining stops them.
 */
export function PreJoin({ onJoin, disabled = false }: { onJoin: () => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const headingId = useId();
  const mediaStatus = useAppStore((s) => s.mediaStatus);
  const mediaError = useAppStore((s) => s.mediaError);
  const hasAudio = useAppStore((s) => s.localAudio !== null);
  const hasVideo = useAppStore((s) => s.localVideo !== null);
  const micEnabled = useAppStore((s) => s.micEnabled);
  const cameraEnabled = useAppStore((s) => s.cameraEnabled);
  const audioInputs = useAppStore((s) => s.audioInputs);
  const videoInputs = useAppStore((s) => s.videoInputs);
  const audioDeviceId = useAppStore((s) => s.audioDeviceId);
  const videoDeviceId = useAppStore((s) => s.videoDeviceId);

  useEffect(() => {
    void startLocalMedia();
    return () => {
      if (!useAppStore.getState().prejoinDone) releaseLocalMedia();
    };
  }, []);

  const ready = mediaStatus === 'ready';
  return (
    <section className="panel prejoin" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('prejoin.heading')}</h2>
      <p>{t('prejoin.intro')}</p>
      <div className="prejoin__layout">
        <VideoPreview />
        <div className="prejoin__controls">
          <MediaToggle
            label={t('prejoin.cameraOn')}
            checked={hasVideo && cameraEnabled}
            disabled={!ready || !hasVideo}
            onChange={(on) => void setPreviewCamera(on)}
            testId="prejoin-camera-toggle"
          />
          <MediaToggle
            label={t('prejoin.microphoneOn')}
            checked={hasAudio && micEnabled}
            disabled={!ready || !hasAudio}
            onChange={(on) => void setPreviewMicrophone(on)}
            testId="prejoin-mic-toggle"
          />
          <DeviceSelect
            label={t('prejoin.cameraSelect')}
            devices={videoInputs}
            value={videoDeviceId}
            disabled={!ready || !hasVideo}
            onChange={(deviceId) => void selectDevice('video', deviceId)}
            testId="prejoin-camera-select"
          />
          <DeviceSelect
            label={t('prejoin.microphoneSelect')}
            devices={audioInputs}
            value={audioDeviceId}
            disabled={!ready || !hasAudio}
            onChange={(deviceId) => void selectDevice('audio', deviceId)}
            testId="prejoin-mic-select"
          />
        </div>
      </div>
      <StatusMessage>{mediaStatus === 'starting' ? t('prejoin.starting') : ''}</StatusMessage>
      {mediaError && (
        <ErrorMessage testId="prejoin-media-error">{t(`prejoin.errors.${mediaError}`)}</ErrorMessage>
      )}
      <p className="privacy-note">{t('prejoin.privacy')}</p>
      <button
        type="button"
        className="button button--primary"
        disabled={!ready || disabled}
        data-testid="prejoin-join"
        onClick={() => {
          handOverLocalMedia();
          onJoin();
        }}
      >
        {t('prejoin.join')}
      </button>
    </section>
  );
}
