/** What drives the architect's live preview: one of the synthesizer's scripted sessions (or a recording). */
import {
  BUILTIN_SESSION_NAMES,
  BUILTIN_SESSIONS,
  type BuiltinSessionName,
} from '../../../hardware-mocks/synth/synthesizer.ts';
import { createSynthSource } from '../../source/synth-source.ts';
import type { EegSource } from '../../source/types.ts';
import type { SessionController } from '../session-controller.ts';

export const PREVIEW_SESSIONS: readonly BuiltinSessionName[] = BUILTIN_SESSION_NAMES;

/** "calm 90 s → anxious 90 s → recovery 120 s", and "(loops)" for the demo. */
export function describeSession(name: BuiltinSessionName): string {
  const tl = BUILTIN_SESSIONS[name];
  const steps = tl.segments.map((s) => `${s.label ?? s.state} ${s.durationS} s`).join(' → ');
  return tl.loop ? `${steps} (loops)` : steps;
}

export function previewLabel(name: BuiltinSessionName): string {
  return `Scripted session: ${name}`;
}

/** Same seed as the app's demo, so a preview looks the same every time it is played. */
const PREVIEW_SEED = 7;

/**
 * Plays a scripted session in place of what plays now. The source is labelled with the session's name, so the
 * HUD says which script drives the preview.
 */
export function playScriptedSession(controller: SessionController, name: BuiltinSessionName): EegSource {
  const inner = createSynthSource({ seed: PREVIEW_SEED, session: name });
  const source: EegSource = {
    info: { ...inner.info, label: previewLabel(name) },
    events$: inner.events$,
    status$: inner.status$,
    stop: () => inner.stop(),
  };
  controller.loadError$.next(null);
  controller.play(source);
  return source;
}
