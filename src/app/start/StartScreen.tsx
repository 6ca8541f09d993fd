import { useCallback, useEffect, useRef, useState } from 'react';
import { SCENES } from '../../../scenes/index.ts';
import { sceneHref } from '../ScenePicker.tsx';
import type { SessionController } from '../session-controller.ts';
import { sceneBlurb } from './scene-blurbs.ts';
import { rememberStartDismissed, showStartOnLoad } from './start-visibility.ts';

const REOPEN_ID = 'start-reopen';
const CARD_ID = 'start-screen';
const TITLE_ID = 'start-title';

export interface StartScreenState {
  readonly open: boolean;
  /** Closes the card for the rest of the tab's session. */
  readonly close: () => void;
  readonly reopen: () => void;
}

/**
 * Whether the start card shows: on a plain URL until the visitor chooses, reopened from the Start button.
 * It closes by itself once anything but the demo plays (a Muse connected, a recording opened or dropped).
 */
export function useStartScreen(controller: SessionController): StartScreenState {
  const [open, setOpen] = useState(() => showStartOnLoad(window.location.search));
  const close = useCallback(() => {
    rememberStartDismissed();
    setOpen(false);
  }, []);
  const reopen = useCallback(() => setOpen(true), []);
  useEffect(() => {
    const sub = controller.session$.subscribe((session) => {
      if (session && session.source.info.kind !== 'synth') close();
    });
    return () => sub.unsubscribe();
  }, [controller, close]);
  return { open, close, reopen };
}

/** Sits in the scene bar: brings the start card back, and says whether it is showing. */
export function StartButton({ start }: { start: StartScreenState }) {
  return (
    <button
      type="button"
      id={REOPEN_ID}
      className="start-reopen"
      aria-expanded={start.open}
      aria-controls={start.open ? CARD_ID : undefined}
      data-testid="start-reopen"
      onClick={() => (start.open ? start.close() : start.reopen())}
    >
      Start
    </button>
  );
}

/**
 * The welcome card over the living demo: connect a Muse, open a recording, or watch the demo, and choose
 * the dreamscape. It never blocks the page: the demo plays behind it and every other control stays usable.
 */
export function StartScreen({
  controller,
  start,
  currentScene,
  onChooseScene,
}: {
  controller: SessionController;
  start: StartScreenState;
  currentScene: string;
  onChooseScene: (id: string) => void;
}) {
  const card = useRef<HTMLElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [connecting, setConnecting] = useState(false);
  const wasOpen = useRef(start.open);

  useEffect(() => {
    const sub = controller.loadError$.subscribe(setError);
    return () => sub.unsubscribe();
  }, [controller]);
  // Reopened from the Start button: keyboard focus moves to the card, so the next Tab reaches its choices.
  useEffect(() => {
    if (start.open && !wasOpen.current) title.current?.focus();
    wasOpen.current = start.open;
  }, [start.open]);

  if (!start.open) return null;

  /** Closing from inside the card hands focus back to the Start button instead of losing it to the page. */
  const closeFromCard = () => {
    const hadFocus = card.current?.contains(document.activeElement) ?? false;
    start.close();
    if (hadFocus) requestAnimationFrame(() => document.getElementById(REOPEN_ID)?.focus());
  };

  return (
    <section
      ref={card}
      id={CARD_ID}
      className="start-screen"
      aria-labelledby={TITLE_ID}
      data-testid="start-screen"
    >
      <h2 id={TITLE_ID} ref={title} tabIndex={-1}>
        Welcome to NeuroSleep
      </h2>
      <p className="start-lede">
        A dreamscape that follows your brain signals: serene when you are at ease, stormy when you are not,
        astonishing in moments of wonder. The demo is already dreaming behind this card.
      </p>
      <div className="start-choices">
        <button
          type="button"
          data-testid="start-connect"
          aria-label="Connect a Muse headband"
          aria-describedby="start-connect-note"
          // aria-disabled, not disabled: a disabled button would drop the keyboard focus on the page.
          aria-disabled={connecting}
          onClick={() => {
            if (connecting) return;
            setConnecting(true);
            void controller.connectMuse().finally(() => setConnecting(false));
          }}
        >
          <strong>{connecting ? 'Connecting…' : 'Connect a Muse'}</strong>
          <span id="start-connect-note">
            Muse 2, Muse S or Muse 2016 over Bluetooth (Chrome, Edge, Opera)
          </span>
        </button>
        <button
          type="button"
          data-testid="start-open"
          aria-label="Open a recording"
          aria-describedby="start-open-note"
          onClick={() => fileInput.current?.click()}
        >
          <strong>Open a recording</strong>
          <span id="start-open-note">
            Mind Monitor, muse-lsl, OpenBCI, BrainFlow or EDF/BDF, or drop the file anywhere on the page
          </span>
        </button>
        <button
          type="button"
          data-testid="start-demo"
          aria-label="Watch the demo"
          aria-describedby="start-demo-note"
          onClick={() => {
            if (controller.session?.source.info.kind !== 'synth') controller.startDemo();
            closeFromCard();
          }}
        >
          <strong>Watch the demo</strong>
          <span id="start-demo-note">A synthetic sleeper drifts from calm to dread and back; no headset</span>
        </button>
      </div>
      <input
        ref={fileInput}
        type="file"
        accept=".csv,.txt,.edf,.bdf,.rec"
        multiple
        hidden
        data-testid="start-file-input"
        onChange={(e) => {
          // The same path as the HUD's input and drag and drop: a recording, and its hypnogram beside it.
          const files = Array.from(e.currentTarget.files ?? []);
          if (files.length > 0) void controller.openFiles(files.map((f) => ({ blob: f, name: f.name })));
          e.currentTarget.value = '';
        }}
      />
      {error && (
        <p className="start-error" data-testid="start-error">
          {error}
        </p>
      )}
      <h3 id="start-scenes-title">Choose a dreamscape</h3>
      <ul className="start-scenes" aria-labelledby="start-scenes-title">
        {SCENES.map((s) => (
          <li key={s.id}>
            <a
              href={sceneHref(window.location.search, s.id)}
              aria-label={s.name}
              aria-current={s.id === currentScene ? 'true' : undefined}
              aria-describedby={`start-scene-${s.id}-note`}
              data-testid={`start-scene-${s.id}`}
              onClick={(e) => {
                // In place: the card stays, the dreamscape behind it changes, the URL can still be bookmarked.
                e.preventDefault();
                onChooseScene(s.id);
              }}
            >
              <strong>{s.name}</strong>
              <span id={`start-scene-${s.id}-note`}>{sceneBlurb(s.id)}</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
