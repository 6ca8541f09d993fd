/**
 * The calibration wizard: choose or create a profile → check contact → eyes open → eyes closed (both optional)
 * → rest baseline → summary → save to the profile. Each measuring step runs on the band-power frames of
 * whatever plays (calibration-run.ts); the saved baseline drives the indices at once and in later sessions.
 * Every step has a progress bar and a Cancel; every control is a native, labelled element.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { INDEX_NAMES, type IndexName } from '../../../dsp/indices.ts';
import { QUALITY_BAD, QUALITY_GOOD } from '../../../dsp/signal-quality.ts';
import type { BaselineRecord, CalibrationStepName } from '../../profiles/baseline-record.ts';
import type { ProfilesState } from '../../profiles/profile-store.ts';
import type { SessionController } from '../session-controller.ts';
import type { StepDurations } from './calibration-durations.ts';
import {
  CalibrationStep,
  baselineRecordFrom,
  describeReactivity,
  planSteps,
  type StepPlan,
  type StepResult,
} from './calibration-run.ts';

type Stage =
  | { readonly kind: 'profile' }
  | { readonly kind: 'contact' }
  | { readonly kind: 'measure'; readonly index: number }
  | { readonly kind: 'summary' }
  | { readonly kind: 'saved' };

const STEP_TITLES: Record<CalibrationStepName, string> = {
  'eyes-open': 'Eyes open',
  'eyes-closed': 'Eyes closed',
  rest: 'Rest baseline',
};

const STEP_HELP: Record<CalibrationStepName, string> = {
  'eyes-open':
    'Sit still with your eyes open, looking softly at one point. Blinks are fine; the step runs longer to make up for them.',
  'eyes-closed':
    'Close your eyes and stay still until this step is done. Alpha waves usually rise with the eyes closed.',
  rest: 'Sit comfortably and relax as you would at the start of a session, eyes open or closed. This is the baseline the dream follows.',
};

const INDEX_TITLES: Record<IndexName, string> = {
  relaxation: 'Relaxation (relative alpha)',
  arousal: 'Arousal (log β/α)',
  frontalBeta: 'Frontal beta (relative)',
  drowsiness: 'Drowsiness (log θ/α)',
  engagement: 'Engagement (log β/(α+θ))',
  faa: 'Frontal alpha asymmetry (ln)',
};

export function CalibrationWizard({
  controller,
  durations,
  onClose,
}: {
  controller: SessionController;
  durations: StepDurations;
  onClose: () => void;
}) {
  const [profiles, setProfiles] = useState<ProfilesState>(controller.profiles.state);
  const [profileId, setProfileId] = useState<string | null>(controller.profiles.state.activeId);
  const [eyes, setEyes] = useState(true);
  const [stage, setStage] = useState<Stage>({ kind: 'profile' });
  const [results, setResults] = useState<StepResult[]>([]);
  const [record, setRecord] = useState<BaselineRecord | null>(null);
  const [error, setError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const cardRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const sub = controller.profiles.state$.subscribe(setProfiles);
    return () => sub.unsubscribe();
  }, [controller]);
  // Each new step announces itself: focus goes to its heading, so keyboard and screen-reader users follow.
  useEffect(() => headingRef.current?.focus(), [stage]);

  const plan = useMemo(
    () => planSteps({ eyes, restS: durations.restS, eyesS: durations.eyesS }),
    [eyes, durations],
  );
  const stageTitles = ['Profile', 'Contact', ...plan.map((p) => STEP_TITLES[p.name]), 'Summary'];
  const stageIndex =
    stage.kind === 'profile'
      ? 0
      : stage.kind === 'contact'
        ? 1
        : stage.kind === 'measure'
          ? 2 + stage.index
          : stageTitles.length - 1;
  const profile = profiles.profiles.find((p) => p.id === profileId) ?? null;

  const stepDone = (result: StepResult, index: number) => {
    const all = [...results.slice(0, index), result];
    setResults(all);
    if (index + 1 < plan.length) {
      setStage({ kind: 'measure', index: index + 1 });
      return;
    }
    const info = controller.session?.source.info;
    try {
      if (!info) throw new Error('nothing is playing');
      setRecord(
        baselineRecordFrom(all, {
          source: { kind: info.kind, label: info.label },
          channels: info.channels,
          sampleRate: info.sampleRate,
          createdAt: new Date(),
        }),
      );
      setStage({ kind: 'summary' });
    } catch (err) {
      setError(`The calibration could not be finished: ${(err as Error).message}`);
    }
  };

  const save = () => {
    if (!record || !profile) return;
    try {
      controller.saveCalibration(profile.id, record);
      setError(null);
      setStage({ kind: 'saved' });
    } catch (err) {
      setError((err as Error).message);
    }
  };

  const title =
    stage.kind === 'measure'
      ? STEP_TITLES[(plan[stage.index] as StepPlan).name]
      : stage.kind === 'saved'
        ? 'Saved'
        : stageTitles[stageIndex];

  return (
    <div
      className="calibration-wizard"
      role="dialog"
      aria-modal="true"
      aria-labelledby="calibration-title"
      data-testid="calibration-wizard"
      onKeyDown={(e) => trapTab(e, cardRef.current)}
    >
      <div className="calibration-card" ref={cardRef}>
        <ol className="calibration-stages" aria-label="Calibration steps">
          {stageTitles.map((t, i) => (
            <li
              key={t}
              aria-current={i === stageIndex && stage.kind !== 'saved' ? 'step' : undefined}
              className={i < stageIndex || stage.kind === 'saved' ? 'done' : undefined}
            >
              {t}
            </li>
          ))}
        </ol>
        <ProgressBar
          label={`Calibration: step ${Math.min(stageIndex + 1, stageTitles.length)} of ${stageTitles.length}`}
          value={stage.kind === 'saved' ? 1 : stageIndex / stageTitles.length}
          testId="calibration-overall-progress"
        />
        <h2 id="calibration-title" ref={headingRef} tabIndex={-1} data-testid="calibration-step-title">
          {title}
        </h2>
        {error && (
          <p className="error-text" role="alert" data-testid="calibration-error">
            {error}
          </p>
        )}
        {stage.kind === 'profile' && (
          <ProfileStep
            controller={controller}
            profiles={profiles}
            profileId={profileId}
            onChoose={setProfileId}
            eyes={eyes}
            onEyes={setEyes}
            durations={durations}
            onError={setError}
          />
        )}
        {stage.kind === 'contact' && (
          <ContactStep controller={controller} onNext={() => setStage({ kind: 'measure', index: 0 })} />
        )}
        {stage.kind === 'measure' && (
          <MeasureStep
            key={stage.index}
            controller={controller}
            plan={plan[stage.index] as StepPlan}
            onDone={(r) => stepDone(r, stage.index)}
            onError={setError}
          />
        )}
        {stage.kind === 'summary' && record && <Summary record={record} />}
        {stage.kind === 'saved' && (
          <p data-testid="calibration-saved">
            Saved to {profile?.name ?? 'the profile'}. The dream now follows this baseline, and sessions with
            this profile selected start from it without calibrating again.
          </p>
        )}
        <div className="calibration-actions">
          {stage.kind === 'profile' && (
            <button
              type="button"
              data-testid="calibration-next"
              disabled={!profile}
              onClick={() => {
                setError(null);
                setStage({ kind: 'contact' });
              }}
            >
              Next: check contact
            </button>
          )}
          {stage.kind === 'summary' && (
            <button type="button" data-testid="calibration-save" disabled={!profile} onClick={save}>
              Save to {profile?.name ?? 'profile'}
            </button>
          )}
          {stage.kind === 'saved' ? (
            <button type="button" data-testid="calibration-close" onClick={onClose}>
              Close
            </button>
          ) : (
            <button type="button" data-testid="calibration-cancel" onClick={onClose}>
              Cancel
            </button>
          )}
        </div>
      </div>
    </div>
  );
}

/** Keeps Tab inside the modal dialog: from its last control to its first and back. */
function trapTab(e: React.KeyboardEvent, card: HTMLElement | null): void {
  if (e.key !== 'Tab' || !card) return;
  const items = Array.from(
    card.querySelectorAll<HTMLElement>('button:not([disabled]), input:not([disabled]), select, a[href]'),
  );
  const first = items[0];
  const last = items.at(-1);
  if (!first || !last) return;
  const active = document.activeElement;
  if (e.shiftKey && (active === first || !card.contains(active) || active?.tagName === 'H2')) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && (active === last || !card.contains(active))) {
    e.preventDefault();
    first.focus();
  }
}

function ProgressBar({ label, value, testId }: { label: string; value: number; testId: string }) {
  const pct = Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div
      className="calibration-progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct}
      data-testid={testId}
    >
      <span style={{ width: `${pct}%` }} />
    </div>
  );
}

function ProfileStep({
  controller,
  profiles,
  profileId,
  onChoose,
  eyes,
  onEyes,
  durations,
  onError,
}: {
  controller: SessionController;
  profiles: ProfilesState;
  profileId: string | null;
  onChoose: (id: string | null) => void;
  eyes: boolean;
  onEyes: (on: boolean) => void;
  durations: StepDurations;
  onError: (message: string | null) => void;
}) {
  const [newName, setNewName] = useState('');
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const attempt = (fn: () => void) => {
    try {
      fn();
      onError(null);
    } catch (err) {
      onError((err as Error).message);
    }
  };
  const total = (eyes ? 2 * durations.eyesS : 0) + durations.restS;
  return (
    <div className="calibration-profile">
      <p>
        Choose whose baseline this is. Profiles stay in this browser only; each keeps one baseline per headset
        layout.
      </p>
      {profiles.profiles.length > 0 && (
        <fieldset>
          <legend>Profiles</legend>
          {profiles.profiles.map((p) => (
            <div key={p.id} className="calibration-profile-row">
              {renaming?.id === p.id ? (
                <form
                  onSubmit={(e) => {
                    e.preventDefault();
                    attempt(() => {
                      controller.profiles.rename(p.id, renaming.name);
                      setRenaming(null);
                    });
                  }}
                >
                  <input
                    type="text"
                    aria-label={`New name for ${p.name}`}
                    value={renaming.name}
                    maxLength={40}
                    onChange={(e) => setRenaming({ id: p.id, name: e.currentTarget.value })}
                  />
                  <button type="submit">Save name</button>
                  <button type="button" onClick={() => setRenaming(null)}>
                    Keep name
                  </button>
                </form>
              ) : (
                <>
                  <label>
                    <input
                      type="radio"
                      name="calibration-profile"
                      value={p.id}
                      checked={p.id === profileId}
                      data-testid={`profile-choice-${p.name}`}
                      onChange={() => onChoose(p.id)}
                    />{' '}
                    {p.name}
                    {Object.keys(p.baselines).length > 0 && ' (has a baseline)'}
                  </label>
                  <button
                    type="button"
                    aria-label={`Rename profile ${p.name}`}
                    onClick={() => setRenaming({ id: p.id, name: p.name })}
                  >
                    Rename
                  </button>
                  <button
                    type="button"
                    aria-label={`Delete profile ${p.name}`}
                    onClick={() => {
                      if (!window.confirm(`Delete profile ${p.name} and its saved baselines?`)) return;
                      attempt(() => {
                        // The controller drops a baseline whose profile is gone from the running session.
                        controller.profiles.delete(p.id);
                        if (p.id === profileId) onChoose(null);
                      });
                    }}
                  >
                    Delete
                  </button>
                </>
              )}
            </div>
          ))}
        </fieldset>
      )}
      <form
        className="calibration-new-profile"
        onSubmit={(e) => {
          e.preventDefault();
          attempt(() => {
            const created = controller.profiles.create(newName);
            onChoose(created.id);
            setNewName('');
          });
        }}
      >
        <label>
          New profile{' '}
          <input
            type="text"
            data-testid="profile-new-name"
            aria-label="New profile name"
            value={newName}
            maxLength={40}
            onChange={(e) => setNewName(e.currentTarget.value)}
          />
        </label>{' '}
        <button type="submit" data-testid="profile-create">
          Create profile
        </button>
      </form>
      <label className="calibration-eyes">
        <input
          type="checkbox"
          data-testid="calibration-eyes"
          checked={eyes}
          onChange={(e) => onEyes(e.currentTarget.checked)}
        />{' '}
        Include the eyes-open / eyes-closed check ({durations.eyesS} s each): it shows how well alpha is
        picked up
      </label>
      <p>About {Math.ceil(total)} s of clean signal in all.</p>
    </div>
  );
}

const QUALITY_WORDS: Record<number, string> = { 1: 'good', 2: 'ok', 4: 'bad' };

function ContactStep({ controller, onNext }: { controller: SessionController; onNext: () => void }) {
  const [bp, setBp] = useState(() => controller.snapshot().bandPowers);
  useEffect(() => {
    const timer = setInterval(() => setBp(controller.snapshot().bandPowers), 250);
    return () => clearInterval(timer);
  }, [controller]);
  const channels = bp?.channels ?? [];
  const quality = bp?.quality ?? [];
  const allUsable = channels.length > 0 && quality.every((q) => q !== QUALITY_BAD);
  const good = quality.filter((q) => q === QUALITY_GOOD).length;
  return (
    <div className="calibration-contact">
      <p>
        Wet the sensors if they are dry and settle the headband until no electrode shows bad contact. Windows
        with bad contact are left out, so poor contact makes the steps run longer.
      </p>
      {bp === null ? (
        <p data-testid="contact-waiting">Waiting for the signal…</p>
      ) : (
        <ul className="calibration-horseshoe" aria-label="Electrode contact" data-testid="contact-list">
          {channels.map((c, i) => {
            const q = quality[i] ?? QUALITY_BAD;
            return (
              <li key={c} className={`contact-${QUALITY_WORDS[q] ?? 'bad'}`}>
                {c}: {QUALITY_WORDS[q] ?? 'bad'}
              </li>
            );
          })}
        </ul>
      )}
      <ProgressBar
        label={`Contact: ${good} of ${channels.length} electrodes good`}
        value={channels.length ? good / channels.length : 0}
        testId="contact-progress"
      />
      <div className="calibration-actions">
        <button type="button" data-testid="contact-next" disabled={!allUsable} onClick={onNext}>
          Contact is good: start
        </button>
        {!allUsable && bp !== null && (
          <button type="button" data-testid="contact-anyway" onClick={onNext}>
            Start anyway
          </button>
        )}
      </div>
    </div>
  );
}

function MeasureStep({
  controller,
  plan,
  onDone,
  onError,
}: {
  controller: SessionController;
  plan: StepPlan;
  onDone: (result: StepResult) => void;
  onError: (message: string | null) => void;
}) {
  const [progress, setProgress] = useState(0);
  const [restarted, setRestarted] = useState(false);
  const finished = useRef(false);
  const done = useRef(onDone);
  done.current = onDone;
  useEffect(() => {
    let first = true;
    let frameSub: { unsubscribe(): void } | null = null;
    // A new source (a recording opened, the headset reconnected as a new session) restarts the step, so it
    // never mixes two signals.
    const sessionSub = controller.session$.subscribe((session) => {
      frameSub?.unsubscribe();
      if (!first) setRestarted(true);
      first = false;
      const step = new CalibrationStep(plan);
      setProgress(0);
      frameSub =
        session?.frames$.subscribe((frame) => {
          if (finished.current) return;
          try {
            if (!step.add(frame)) return;
          } catch (err) {
            finished.current = true;
            onError((err as Error).message);
            return;
          }
          setProgress(step.progress);
          if (step.done) {
            finished.current = true;
            done.current(step.result());
          }
        }) ?? null;
    });
    return () => {
      sessionSub.unsubscribe();
      frameSub?.unsubscribe();
    };
  }, [controller, plan, onError]);
  const pct = Math.round(progress * 100);
  return (
    <div className="calibration-measure">
      <p>{STEP_HELP[plan.name]}</p>
      <ProgressBar
        label={`${STEP_TITLES[plan.name]}: ${pct}%`}
        value={progress}
        testId="calibration-step-progress"
      />
      <p aria-live="polite">
        {Math.round(progress * plan.durationS)} of {plan.durationS} s of clean signal
        {restarted && ' · the source changed, so this step started again'}
      </p>
    </div>
  );
}

const f3 = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(3));

function Summary({ record }: { record: BaselineRecord }) {
  const b = record.baseline;
  return (
    <div className="calibration-summary" data-testid="calibration-summary">
      <p>
        Rest baseline: {b.durationS.toFixed(0)} s of clean signal from {record.source.label} (
        {record.channels.join(', ')}).
      </p>
      <table>
        <caption>Baseline figures (mean ± standard deviation over the rest step)</caption>
        <thead>
          <tr>
            <th scope="col">Index</th>
            <th scope="col">Mean</th>
            <th scope="col">SD</th>
            <th scope="col">Updates</th>
          </tr>
        </thead>
        <tbody>
          {INDEX_NAMES.map((k) => (
            <tr key={k}>
              <th scope="row">{INDEX_TITLES[k]}</th>
              <td>{b.count[k] > 0 ? f3(b.mean[k]) : '—'}</td>
              <td>{b.count[k] > 1 ? f3(b.sd[k]) : '—'}</td>
              <td>{b.count[k]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {record.eyes ? (
        <p data-testid="alpha-reactivity">
          Alpha reactivity (eyes closed ÷ eyes open alpha power): {record.eyes.alphaReactivity.toFixed(2)}× —{' '}
          {describeReactivity(record.eyes.alphaReactivity)}.
        </p>
      ) : record.steps.includes('eyes-open') ? (
        <p data-testid="alpha-reactivity">
          Alpha reactivity could not be measured: no clean alpha in an eyes step.
        </p>
      ) : (
        <p>No eyes-open / eyes-closed check was run, so there is no alpha reactivity figure.</p>
      )}
    </div>
  );
}
