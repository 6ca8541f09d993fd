import { useEffect, useMemo, useRef, useState } from 'react';
import type { DreamscapeSpec } from '../architect/spec.ts';
import type { SoundListening } from '../sound/mapping.ts';
import { Soundscape } from '../sound/engine.ts';
import {
  initialSettings,
  parseStoredSettings,
  serializeSettings,
  SOUND_STORAGE_KEY,
  soundPolicyOf,
  soundSpecFor,
  type SoundSettings,
} from '../sound/settings.ts';
import type { SessionController } from './session-controller.ts';

/** The soundscape follows the governed parameters ten times a second: enough for glides of a second. */
const UPDATE_MS = 100;
/** After muting, the context is suspended once the fade has finished, so a muted app costs no CPU. */
const SUSPEND_AFTER_MS = 600;

type AudioState = 'none' | 'running' | 'suspended';

function loadStored(): SoundSettings | null {
  let text: string | null = null;
  try {
    text = localStorage.getItem(SOUND_STORAGE_KEY);
  } catch (err) {
    console.warn(`Sound settings could not be read from browser storage: ${(err as Error).message}`);
  }
  const r = parseStoredSettings(text);
  if (r.problem) console.warn(`Stored sound settings ignored: ${r.problem}`);
  return r.settings;
}

function saveStored(s: SoundSettings): void {
  try {
    localStorage.setItem(SOUND_STORAGE_KEY, serializeSettings(s));
  } catch (err) {
    console.warn(`Sound settings could not be saved to browser storage: ${(err as Error).message}`);
  }
}

/**
 * Mute toggle and volume slider for the scene's soundscape. The AudioContext is made (or resumed) only inside
 * a click or key press, as browsers require; the soundscape reads the governed scene parameters, never EEG.
 */
export function SoundControls({
  controller,
  sceneId,
  preview = null,
}: {
  controller: SessionController;
  sceneId: string;
  /** The dream architect's live preview: its sound settings apply to the scene it was written for. */
  preview?: DreamscapeSpec | null;
}) {
  const spec = useMemo(
    () => (preview?.scene === sceneId ? preview.sound : soundSpecFor(sceneId, window.location.search)),
    [preview, sceneId],
  );
  const specRef = useRef(spec);
  specRef.current = spec;
  const policy = soundPolicyOf(controller.governor.currentPolicy);
  const [settings, setSettings] = useState(() => initialSettings(loadStored(), policy, spec));
  const [audio, setAudio] = useState<AudioState>('none');
  const engine = useRef<{ ctx: AudioContext; scape: Soundscape } | null>(null);
  const listening = useRef<SoundListening>({ on: false, volume: settings.volume, maxVolume: 1 });

  const allowed = policy.allowed;
  const on = allowed && settings.on;

  /** Inside a user gesture only: builds the graph on first use, resumes a suspended context. */
  const wake = () => {
    if (!engine.current) {
      const Ctor = window.AudioContext;
      if (!Ctor) {
        console.warn('This browser has no Web Audio: the soundscape cannot play.');
        return;
      }
      const ctx = new Ctor({ latencyHint: 'playback' });
      const scape = new Soundscape(ctx);
      scape.update(controller.sceneStore.current, specRef.current, listening.current);
      scape.start();
      const report = () => setAudio(ctx.state === 'running' ? 'running' : 'suspended');
      ctx.onstatechange = report;
      report();
      engine.current = { ctx, scape };
    }
    const { ctx } = engine.current;
    if (ctx.state === 'suspended') void ctx.resume();
  };

  // What the engine hears, kept in a ref so the 10 Hz loop reads it without React state or allocation.
  useEffect(() => {
    listening.current.on = on;
    listening.current.volume = settings.volume;
    listening.current.maxVolume = policy.maxVolume;
  }, [on, settings.volume, policy.maxVolume]);

  useEffect(() => {
    const timer = setInterval(() => {
      const e = engine.current;
      if (!e) return;
      // A policy changed from the console may forbid sound while it plays.
      const p = soundPolicyOf(controller.governor.currentPolicy);
      if (!p.allowed) listening.current.on = false;
      listening.current.maxVolume = p.maxVolume;
      e.scape.update(controller.sceneStore.current, specRef.current, listening.current);
    }, UPDATE_MS);
    return () => clearInterval(timer);
  }, [controller]);

  // Sound chosen on in an earlier visit still waits for this visit's first click or key press.
  useEffect(() => {
    if (!on || engine.current) return;
    const onGesture = () => wake();
    window.addEventListener('pointerdown', onGesture, { once: true });
    window.addEventListener('keydown', onGesture, { once: true });
    return () => {
      window.removeEventListener('pointerdown', onGesture);
      window.removeEventListener('keydown', onGesture);
    };
    // wake reads refs only; re-arming on every render would be wasted work.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [on]);

  // Muted: once the fade-out has finished, suspend the context.
  useEffect(() => {
    const e = engine.current;
    if (on || !e) return;
    const timer = setTimeout(() => {
      if (e.ctx.state === 'running') void e.ctx.suspend();
    }, SUSPEND_AFTER_MS);
    return () => clearTimeout(timer);
  }, [on]);

  useEffect(
    () => () => {
      const e = engine.current;
      engine.current = null;
      if (!e) return;
      // A suspended context would never reach the end of the fade-out: close it at once (it is silent).
      if (e.ctx.state === 'running') void e.scape.stop().then(() => e.ctx.close());
      else void e.ctx.close();
    },
    [],
  );

  const change = (next: SoundSettings) => {
    setSettings(next);
    saveStored(next);
  };

  const toggle = () => {
    if (!allowed) return;
    const next = { ...settings, on: !settings.on };
    if (next.on) {
      listening.current.on = true;
      wake();
    }
    change(next);
  };

  const label = !allowed ? 'Sound off (this kiosk’s policy)' : on ? 'Sound on' : 'Sound off';
  return (
    <div className="sound-controls" data-audio={audio}>
      <button
        type="button"
        onClick={toggle}
        disabled={!allowed}
        aria-pressed={on}
        aria-label={on ? 'Mute the soundscape' : 'Play the soundscape'}
        title={allowed ? 'Soundscape on or off' : 'The safety policy turns sound off here'}
        data-testid="sound-toggle"
      >
        {label}
      </button>
      <input
        type="range"
        min={0}
        max={100}
        step={1}
        value={Math.round(settings.volume * 100)}
        disabled={!allowed}
        aria-label="Sound volume"
        aria-valuetext={`${Math.round(settings.volume * 100)} percent`}
        onChange={(e) => change({ ...settings, volume: Number(e.currentTarget.value) / 100 })}
        data-testid="sound-volume"
      />
    </div>
  );
}
