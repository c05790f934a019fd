/**
 * Short tones made with WebAudio, so cues need no audio files. Browsers may block sound until
 * the person has interacted with the page; then the cue is silent and the visual cue remains.
 */
let context: AudioContext | null = null;
let lastPlayedAt = 0;

/** The kinds of cue: a soft two-note chime for phase ends, a brighter triple for help. */
export type CueKind = 'phase' | 'help';

const NOTES: Record<CueKind, number[]> = { phase: [660, 880], help: [880, 1100, 880] };

/** Plays a cue; several cues within a second (20 rooms ending together) play once. */
export function playCue(kind: CueKind): void {
  const now = Date.now();
  if (now - lastPlayedAt < 1000) return;
  lastPlayedAt = now;
  try {
    context ??= new AudioContext();
    const ctx = context;
    if (ctx.state === 'suspended') void ctx.resume();
    NOTES[kind].forEach((frequency, i) => {
      const start = ctx.currentTime + i * 0.18;
      const oscillator = ctx.createOscillator();
      const gain = ctx.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.15, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.16);
      oscillator.connect(gain).connect(ctx.destination);
      oscillator.start(start);
      oscillator.stop(start + 0.17);
    });
  } catch {
    // No audio available: the visual cue is enough.
  }
}
