/**
 * Session scripts: a list of mental states with durations, optionally looping, plus artifacts at fixed times.
 * Between segments the state crossfades (smoothstep) so no parameter ever steps.
 */
import { isSynthStateName, SYNTH_STATE_NAMES, type SynthStateName } from './states.ts';

/** Artifacts the synthesizer can produce, randomly or scripted. */
export const ARTIFACT_KINDS = ['blink', 'eye-roll', 'jaw', 'motion', 'contact-loss'] as const;
export type ArtifactKind = (typeof ARTIFACT_KINDS)[number];

/** What an electrode does while it has lost contact. */
export const CONTACT_LOSS_MODES = ['rail', 'flat', 'drift'] as const;
export type ContactLossMode = (typeof CONTACT_LOSS_MODES)[number];

/** One state held for a while. */
export interface TimelineSegment {
  readonly state: SynthStateName;
  /** Length of the segment, s (> 0). */
  readonly durationS: number;
  /** Name shown to the user instead of the state, e.g. 'dread' for an anxious segment. */
  readonly label?: string;
}

/** An artifact at a fixed time. In a looping timeline it repeats every cycle. */
export interface ScriptedEvent {
  /** Start, s from the start of the timeline (within the first cycle). */
  readonly t: number;
  readonly kind: ArtifactKind;
  /**
   * Electrode for 'jaw' (a one-sided clench) and 'contact-loss' (default: one picked from the seed).
   * Blinks, eye rolls and head motion reach every electrode, so they take no channel.
   */
  readonly channel?: string;
  /** Length, s; defaults per kind (blink 0.3, eye-roll 3, jaw 0.8, motion 1, contact-loss 3). */
  readonly durationS?: number;
  /** Peak µV for blink/eye-roll/motion at the most affected electrode, EMG RMS µV for jaw; not for contact loss. */
  readonly amplitudeUv?: number;
  /** Contact loss only; default 'rail'. */
  readonly mode?: ContactLossMode;
}

/** A scripted session: states in order, optional looping and fixed-time artifacts. */
export interface SessionTimeline {
  readonly segments: readonly TimelineSegment[];
  /** Repeat forever; the synthesizer then never ends. */
  readonly loop?: boolean;
  readonly events?: readonly ScriptedEvent[];
  /** Crossfade from one state into the next, s (default 4; shortened to the segment's length). */
  readonly crossfadeS?: number;
  /** Schedule blinks, clenches etc. at the states' random rates (default true); scripted events always play. */
  readonly randomArtifacts?: boolean;
}

/** Default crossfade between segments, s. */
export const DEFAULT_CROSSFADE_S = 4;

/** Default lengths of scripted events, s. */
export const DEFAULT_EVENT_DURATION_S: Readonly<Record<ArtifactKind, number>> = Object.freeze({
  blink: 0.3,
  'eye-roll': 3,
  jaw: 0.8,
  motion: 1,
  'contact-loss': 3,
});

/** Names accepted as `timeline` in place of a script. */
export const BUILTIN_SESSION_NAMES = ['calm-anxious-recovery', 'drowsy', 'chaotic', 'demo'] as const;
export type BuiltinSessionName = (typeof BUILTIN_SESSION_NAMES)[number];

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * Ready-made sessions. `demo` loops for the app's always-on demo; its labels name the dream moods
 * (calm, dread, wonder, drowsy, glitch) and it loses an electrode briefly every cycle.
 */
export const BUILTIN_SESSIONS: Readonly<Record<BuiltinSessionName, SessionTimeline>> = deepFreeze({
  'calm-anxious-recovery': {
    segments: [
      { state: 'calm', durationS: 90 },
      { state: 'anxious', durationS: 90 },
      { state: 'calm', durationS: 120, label: 'recovery' },
    ],
  },
  drowsy: {
    segments: [
      { state: 'neutral', durationS: 30 },
      { state: 'calm', durationS: 60 },
      { state: 'drowsy', durationS: 210 },
    ],
  },
  chaotic: {
    segments: [
      { state: 'neutral', durationS: 20 },
      { state: 'chaotic', durationS: 120 },
      { state: 'neutral', durationS: 40, label: 'settling' },
    ],
    events: [
      { t: 45, kind: 'contact-loss', channel: 'TP10', durationS: 6, mode: 'rail' },
      { t: 80, kind: 'contact-loss', channel: 'AF7', durationS: 4, mode: 'drift' },
      { t: 110, kind: 'contact-loss', channel: 'TP9', durationS: 3, mode: 'flat' },
    ],
  },
  demo: {
    loop: true,
    segments: [
      { state: 'neutral', durationS: 20, label: 'settling in' },
      { state: 'calm', durationS: 60 },
      { state: 'anxious', durationS: 45, label: 'dread' },
      { state: 'calm', durationS: 25, label: 'recovery' },
      { state: 'deep-relaxation', durationS: 60, label: 'wonder' },
      { state: 'drowsy', durationS: 45 },
      { state: 'chaotic', durationS: 15, label: 'glitch' },
    ],
    events: [{ t: 256, kind: 'contact-loss', channel: 'TP10', durationS: 4, mode: 'rail' }],
  },
});

/** A segment with its place on the time axis. */
export interface PlacedSegment extends TimelineSegment {
  readonly index: number;
  /** Start within one cycle, s. */
  readonly startS: number;
  /** Crossfade into this segment, s (≤ durationS). */
  readonly fadeS: number;
}

/** A validated timeline, ready for look-ups. */
export interface CompiledTimeline {
  readonly segments: readonly PlacedSegment[];
  /** Length of one cycle, s. */
  readonly periodS: number;
  readonly loop: boolean;
  /** Infinity when looping. */
  readonly durationS: number;
  readonly events: readonly ScriptedEvent[];
  readonly randomArtifacts: boolean;
}

/** Where a time falls: the segment, the one it fades from (or null) and how far the fade has gone (0..1). */
export interface TimelinePosition {
  readonly segment: PlacedSegment;
  readonly from: PlacedSegment | null;
  readonly mix: number;
  /** Completed loop cycles before this time. */
  readonly cycle: number;
}

function isPositiveFinite(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x) && x > 0;
}

function show(x: unknown): string {
  return typeof x === 'string' ? `'${x}'` : String(x);
}

/** Validates a timeline (or resolves a built-in name) against the synthesizer's channels. */
export function compileTimeline(
  timeline: SessionTimeline | BuiltinSessionName,
  channels: readonly string[],
): CompiledTimeline {
  let tl: SessionTimeline;
  if (typeof timeline === 'string') {
    if (!(BUILTIN_SESSION_NAMES as readonly string[]).includes(timeline)) {
      throw new Error(
        `unknown built-in session ${show(timeline)} (known: ${BUILTIN_SESSION_NAMES.join(', ')})`,
      );
    }
    tl = BUILTIN_SESSIONS[timeline];
  } else if (typeof timeline === 'object' && timeline !== null) {
    tl = timeline;
  } else {
    throw new Error(
      `timeline must be a built-in session name or a { segments } object (got ${String(timeline)})`,
    );
  }
  if (!Array.isArray(tl.segments) || tl.segments.length === 0) {
    throw new Error('timeline.segments must be a non-empty array of { state, durationS }');
  }
  const crossfadeS = tl.crossfadeS ?? DEFAULT_CROSSFADE_S;
  if (typeof crossfadeS !== 'number' || !Number.isFinite(crossfadeS) || crossfadeS < 0) {
    throw new Error(`timeline.crossfadeS must be a finite number ≥ 0 s (got ${show(crossfadeS)})`);
  }
  const segments: PlacedSegment[] = [];
  let startS = 0;
  tl.segments.forEach((seg, index) => {
    if (!isSynthStateName(seg.state)) {
      throw new Error(
        `timeline segment ${index}: unknown state ${show(seg.state)} (known: ${SYNTH_STATE_NAMES.join(', ')})`,
      );
    }
    if (!isPositiveFinite(seg.durationS)) {
      throw new Error(
        `timeline segment ${index} (${seg.state}): durationS must be a finite number > 0 s (got ${show(seg.durationS)})`,
      );
    }
    segments.push({ ...seg, index, startS, fadeS: Math.min(crossfadeS, seg.durationS) });
    startS += seg.durationS;
  });
  const periodS = startS;
  const loop = tl.loop ?? false;
  if (typeof loop !== 'boolean') throw new Error(`timeline.loop must be a boolean (got ${show(loop)})`);
  const randomArtifacts = tl.randomArtifacts ?? true;
  if (typeof randomArtifacts !== 'boolean') {
    throw new Error(`timeline.randomArtifacts must be a boolean (got ${show(randomArtifacts)})`);
  }
  const events = (tl.events ?? []).map((ev, i) => validateEvent(ev, i, periodS, channels));
  events.sort((a, b) => a.t - b.t);
  return { segments, periodS, loop, durationS: loop ? Infinity : periodS, events, randomArtifacts };
}

function validateEvent(
  ev: ScriptedEvent,
  i: number,
  periodS: number,
  channels: readonly string[],
): ScriptedEvent {
  const where = `timeline event ${i}`;
  if (typeof ev !== 'object' || ev === null) throw new Error(`${where}: must be an object { t, kind }`);
  if (!(ARTIFACT_KINDS as readonly string[]).includes(ev.kind)) {
    throw new Error(`${where}: unknown kind ${show(ev.kind)} (known: ${ARTIFACT_KINDS.join(', ')})`);
  }
  if (typeof ev.t !== 'number' || !Number.isFinite(ev.t) || ev.t < 0 || ev.t >= periodS) {
    throw new Error(
      `${where} (${ev.kind}): t must be within [0, ${periodS}) s, the timeline's length (got ${show(ev.t)})`,
    );
  }
  if (ev.durationS !== undefined && !isPositiveFinite(ev.durationS)) {
    throw new Error(
      `${where} (${ev.kind}): durationS must be a finite number > 0 s (got ${show(ev.durationS)})`,
    );
  }
  if (ev.amplitudeUv !== undefined) {
    if (ev.kind === 'contact-loss') throw new Error(`${where}: contact-loss takes no amplitudeUv (use mode)`);
    if (!isPositiveFinite(ev.amplitudeUv)) {
      throw new Error(
        `${where} (${ev.kind}): amplitudeUv must be a finite number > 0 µV (got ${show(ev.amplitudeUv)})`,
      );
    }
  }
  if (ev.channel !== undefined) {
    if (ev.kind !== 'jaw' && ev.kind !== 'contact-loss') {
      throw new Error(`${where} (${ev.kind}): channel applies only to 'jaw' and 'contact-loss'`);
    }
    if (!channels.includes(ev.channel)) {
      throw new Error(
        `${where} (${ev.kind}): unknown channel ${show(ev.channel)} (channels: ${channels.join(', ')})`,
      );
    }
  }
  if (ev.mode !== undefined) {
    if (ev.kind !== 'contact-loss')
      throw new Error(`${where} (${ev.kind}): mode applies only to 'contact-loss'`);
    if (!(CONTACT_LOSS_MODES as readonly string[]).includes(ev.mode)) {
      throw new Error(
        `${where}: unknown contact-loss mode ${show(ev.mode)} (known: ${CONTACT_LOSS_MODES.join(', ')})`,
      );
    }
  }
  return { ...ev };
}

/** C¹-smooth ramp from 0 to 1 over x in [0, 1]. */
function smoothstep(x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  return x * x * (3 - 2 * x);
}

/**
 * Segment and crossfade at time t (s). Times past the end of a one-shot timeline clamp to its end. The very
 * first segment starts pure; later cycles of a loop fade in from the last segment.
 */
export function locate(tl: CompiledTimeline, t: number): TimelinePosition {
  let cycle = 0;
  let tc = t;
  if (tl.loop) {
    cycle = Math.floor(t / tl.periodS);
    tc = t - cycle * tl.periodS;
  } else if (tc > tl.periodS) {
    tc = tl.periodS;
  }
  const segs = tl.segments;
  let lo = 0;
  let hi = segs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((segs[mid] as PlacedSegment).startS <= tc) lo = mid;
    else hi = mid - 1;
  }
  const segment = segs[lo] as PlacedSegment;
  let from: PlacedSegment | null = null;
  if (lo > 0) from = segs[lo - 1] as PlacedSegment;
  else if (cycle > 0) from = segs[segs.length - 1] as PlacedSegment;
  const mix = from === null || segment.fadeS === 0 ? 1 : smoothstep((tc - segment.startS) / segment.fadeS);
  return { segment, from: mix === 1 ? null : from, mix, cycle };
}
