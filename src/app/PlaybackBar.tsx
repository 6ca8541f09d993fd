import { useEffect, useState } from 'react';
import { ChannelPicker, ChannelsButton } from './channels/ChannelPicker.tsx';
import { HypnogramTrack } from './hypnogram/HypnogramTrack.tsx';
import {
  playbackSpeeds,
  type PlaybackState,
  type RecordingPlayback,
  type TimelineMarks,
} from './playback.ts';
import type { SessionController } from './session-controller.ts';

const SEEK_STEP_S = 10;

export const SHORTCUTS: readonly [string, string][] = [
  ['Space', 'play / pause the recording'],
  ['← / →', `seek ${SEEK_STEP_S} s back / forward`],
  ['[ / ]', 'slower / faster (0.25× to 16×, up to 1000× for recordings of 10 min or more)'],
  ['L', 'loop on / off'],
  ['P', 'show / hide the live signal panel'],
  ['F', 'fullscreen dreamscape'],
  ['Esc', 'unplug: fade to calm and stop all stimulation'],
  ['?', 'show / hide this help'],
];

function clock(s: number): string {
  const m = Math.floor(s / 60);
  return `${m}:${String(Math.floor(s % 60)).padStart(2, '0')}`;
}

function isTyping(e: KeyboardEvent): boolean {
  const el = e.target as HTMLElement | null;
  return (
    !!el &&
    (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable)
  );
}

function stepSpeed(rate: number, dir: 1 | -1, durationS: number): number {
  const speeds = playbackSpeeds(durationS);
  const i = speeds.findIndex((s) => s >= rate);
  const next = speeds[Math.min(speeds.length - 1, Math.max(0, (i < 0 ? 2 : i) + dir))];
  return next ?? rate;
}

/** Play, pause, seek on a timeline with markers and gaps, speed and loop, for the recording that plays. */
export function PlaybackBar({ controller }: { controller: SessionController }) {
  const [playback, setPlayback] = useState<RecordingPlayback | null>(controller.playback$.value);
  const [help, setHelp] = useState(false);
  useEffect(() => {
    const sub = controller.playback$.subscribe(setPlayback);
    return () => sub.unsubscribe();
  }, [controller]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e)) return;
      if (e.key === '?') setHelp((h) => !h);
      if (!playback) return;
      const st = playback.state$.value;
      if (e.key === ' ') {
        e.preventDefault();
        playback.setPaused(!st.paused);
      } else if (e.key === 'ArrowLeft') void playback.seek(Math.max(0, playback.positionS - SEEK_STEP_S));
      else if (e.key === 'ArrowRight')
        void playback.seek(Math.min(st.durationS, playback.positionS + SEEK_STEP_S));
      else if (e.key === '[') playback.setRate(stepSpeed(st.rate, -1, st.durationS));
      else if (e.key === ']') playback.setRate(stepSpeed(st.rate, 1, st.durationS));
      else if (e.key === 'l' || e.key === 'L') playback.setLoop(!st.loop);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [playback]);
  return (
    <>
      {playback && (
        <Bar key={playback.name + playback.scan.rows} playback={playback} controller={controller} />
      )}
      <ChannelPicker controller={controller} />
      {help && (
        <div
          className="help-overlay"
          role="dialog"
          aria-label="Keyboard shortcuts"
          data-testid="help-overlay"
        >
          <h2>Keyboard shortcuts</h2>
          <table>
            <tbody>
              {SHORTCUTS.map(([k, what]) => (
                <tr key={k}>
                  <th scope="row">
                    <kbd>{k}</kbd>
                  </th>
                  <td>{what}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" onClick={() => setHelp(false)}>
            Close
          </button>
        </div>
      )}
    </>
  );
}

function Bar({ playback, controller }: { playback: RecordingPlayback; controller: SessionController }) {
  const [state, setState] = useState<PlaybackState>(playback.state$.value);
  const [marks, setMarks] = useState<TimelineMarks>(playback.timeline$.value);
  const [position, setPosition] = useState(0);
  useEffect(() => {
    const a = playback.state$.subscribe(setState);
    const b = playback.timeline$.subscribe(setMarks);
    const timer = setInterval(() => setPosition(playback.positionS), 250);
    return () => {
      a.unsubscribe();
      b.unsubscribe();
      clearInterval(timer);
    };
  }, [playback]);
  const dur = Math.max(state.durationS, 1e-3);
  return (
    <section className="playback-bar" aria-label="Playback" data-testid="playback-bar">
      <button
        type="button"
        onClick={() => playback.setPaused(!state.paused)}
        aria-label={state.paused ? 'Play (Space)' : 'Pause (Space)'}
        aria-keyshortcuts="Space"
        data-testid="play-pause"
      >
        {state.paused ? '▶' : '❚❚'}
      </button>
      <span className="time" data-testid="playback-position">
        {clock(position)} / {clock(state.durationS)}
      </span>
      <div className="timeline">
        <input
          type="range"
          min={0}
          max={dur}
          step={0.1}
          value={Math.min(position, dur)}
          aria-label="Seek in the recording (← →)"
          aria-valuetext={`${clock(Math.min(position, dur))} of ${clock(state.durationS)}`}
          data-testid="seek"
          onChange={(e) => void playback.seek(Number(e.currentTarget.value))}
        />
        <div className="marks" aria-hidden="true">
          {marks.markers.map((m, i) => (
            <i key={`m${i}`} className="mark" style={{ left: `${(100 * m.t) / dur}%` }} title={m.label} />
          ))}
          {marks.gaps.map((g, i) => (
            <i
              key={`g${i}`}
              className="gap"
              style={{ left: `${(100 * g.t) / dur}%` }}
              title={`${g.missingSamples} samples lost`}
            />
          ))}
        </div>
        <HypnogramTrack controller={controller} durationS={state.durationS} />
      </div>
      <label>
        Speed{' '}
        <select
          value={state.rate}
          aria-label="Playback speed ([ ])"
          data-testid="speed"
          onChange={(e) => playback.setRate(Number(e.currentTarget.value))}
        >
          {playbackSpeeds(state.durationS).map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      <label>
        <input
          type="checkbox"
          checked={state.loop}
          aria-keyshortcuts="L"
          onChange={(e) => playback.setLoop(e.currentTarget.checked)}
        />{' '}
        Loop
      </label>
      <ChannelsButton controller={controller} />
      <span className="sr-only" aria-live="polite">
        {marks.markers.length} markers, {marks.gaps.length} gaps
        {marks.error ? `; timeline ends early: ${marks.error}` : ''}
      </span>
    </section>
  );
}
