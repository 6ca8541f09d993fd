import { useEffect, useRef, useState } from 'react';
import type { RecordingPlayback } from '../playback.ts';
import type { SessionController } from '../session-controller.ts';
import {
  DREAM_INPUTS,
  DREAM_INPUT_NAMES,
  mappableSignals,
  mappingProblem,
  type ChannelMapping,
  type DreamInput,
} from './channel-mapping.ts';

/** Opens the channel picker; shown on the playback bar while a montage plays. */
export function ChannelsButton({ controller }: { controller: SessionController }) {
  const [mapping, setMapping] = useState<ChannelMapping | null>(controller.channelMapping$.value);
  useEffect(() => {
    const sub = controller.channelMapping$.subscribe(setMapping);
    return () => sub.unsubscribe();
  }, [controller]);
  if (!mapping) return null;
  return (
    <button
      type="button"
      data-testid="channels-open"
      aria-label="Choose the channels that feed the dream"
      onClick={() => controller.channelPicker$.next(true)}
    >
      Channels
    </button>
  );
}

/**
 * Maps a montage's signals onto the dream's four inputs. Opens by itself after such a recording opens (it already
 * plays the suggested channels); choosing re-opens the recording with the new mapping where it was.
 */
export function ChannelPicker({ controller }: { controller: SessionController }) {
  const [open, setOpen] = useState(controller.channelPicker$.value);
  const [playback, setPlayback] = useState<RecordingPlayback | null>(controller.playback$.value);
  const [mapping, setMapping] = useState<ChannelMapping | null>(controller.channelMapping$.value);
  useEffect(() => {
    const subs = [
      controller.channelPicker$.subscribe(setOpen),
      controller.playback$.subscribe(setPlayback),
      controller.channelMapping$.subscribe(setMapping),
    ];
    return () => subs.forEach((s) => s.unsubscribe());
  }, [controller]);
  if (!open || !playback || !mapping) return null;
  return (
    <PickerDialog
      key={playback.name + JSON.stringify(mapping)}
      controller={controller}
      playback={playback}
      initial={mapping}
    />
  );
}

function PickerDialog({
  controller,
  playback,
  initial,
}: {
  controller: SessionController;
  playback: RecordingPlayback;
  initial: ChannelMapping;
}) {
  const signals = mappableSignals(playback.scan);
  const [choice, setChoice] = useState<ChannelMapping>(initial);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);
  const problem = mappingProblem(choice, signals);
  const close = () => controller.channelPicker$.next(false);
  const apply = async () => {
    setBusy(true);
    // Where it plays now; a recording that has ended starts again from the beginning.
    const at = playback.positionS;
    await controller.openRecording(playback.blob, playback.name, {
      mapping: choice,
      atS: at < playback.state$.value.durationS - 1 ? at : 0,
      keepHypnogram: true,
    });
    setBusy(false);
  };
  const set = (input: DreamInput, label: string) =>
    setChoice({ ...choice, [input]: label === '' ? null : label });
  return (
    <div
      className="channel-picker"
      role="dialog"
      aria-modal="false"
      aria-labelledby="channel-picker-title"
      data-testid="channel-picker"
    >
      <h2 id="channel-picker-title">Channels for the dream</h2>
      <p>
        {playback.name} has {signals.length} signals. The dream listens to four inputs, placed as on a Muse:
        choose a signal for each (or none). Suggested channels are playing now.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!problem && !busy) void apply();
        }}
      >
        {DREAM_INPUTS.map((input, i) => (
          <label key={input}>
            <span>{DREAM_INPUT_NAMES[input]}</span>
            <select
              ref={i === 0 ? first : undefined}
              value={choice[input] ?? ''}
              aria-label={`Signal for the dream's ${DREAM_INPUT_NAMES[input]} input`}
              data-testid={`channel-${input}`}
              onChange={(e) => set(input, e.currentTarget.value)}
            >
              <option value="">none</option>
              {signals.map((s, k) => (
                <option key={`${k}:${s.label}`} value={s.label}>
                  {s.label} ({s.sampleRate} Hz)
                </option>
              ))}
            </select>
          </label>
        ))}
        {problem && (
          <p className="error-text" role="alert" data-testid="channel-problem">
            {problem}
          </p>
        )}
        <div className="channel-picker-actions">
          <button type="submit" disabled={problem !== null || busy} data-testid="channels-apply">
            {busy ? 'Opening…' : 'Play these channels'}
          </button>
          <button type="button" onClick={close} data-testid="channels-close">
            Keep the current channels
          </button>
        </div>
      </form>
    </div>
  );
}
