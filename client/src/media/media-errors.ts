/** Turns getUserMedia failures into the few cases the person can act on. */
import type { MediaErrorKind } from '../store/media-slice.ts';

/** Classifies a getUserMedia/createLocalTracks error by its DOMException name. */
export function classifyMediaError(error: unknown): MediaErrorKind {
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'notFound';
    default:
      return 'unknown';
  }
}
