import { useCallback, useEffect, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { SCENES } from '../../../scenes/index.ts';
import { builtinSpec } from '../../architect/builtin.ts';
import type { DreamscapeSpec } from '../../architect/spec.ts';
import {
  deleteSpec,
  downloadSpec,
  importSpecFile,
  listSpecs,
  loadSpec,
  saveSpec,
  type SpecList,
} from '../../architect/storage.ts';
import { parseSpec } from '../../architect/validate.ts';
import type { BuiltinSessionName } from '../../../hardware-mocks/synth/synthesizer.ts';
import type { SessionController } from '../session-controller.ts';
import { describeSession, playScriptedSession, PREVIEW_SESSIONS } from './preview-source.ts';
import { syncSceneInUrl } from './scene-url.ts';
import { SpecForm } from './SpecForm.tsx';
import {
  errorsByField,
  evaluateDraft,
  sceneFields,
  setField,
  specText,
  type FieldPath,
} from './spec-draft.ts';

type Status = { kind: 'info' | 'error'; text: string } | null;

/** The spec the editor starts from: a valid `?spec=` for this scene, else the scene's built-in spec. */
function initialSpec(sceneId: string): DreamscapeSpec | undefined {
  const fromUrl = new URLSearchParams(window.location.search).get('spec');
  if (fromUrl !== null) {
    const r = parseSpec(fromUrl);
    if (r.ok && r.spec.scene === sceneId) return r.spec;
  }
  return builtinSpec(sceneId);
}

function readList(): { list: SpecList; error?: string } {
  try {
    return { list: listSpecs() };
  } catch (e) {
    return { list: { specs: [], unreadable: [] }, error: (e as Error).message };
  }
}

/**
 * The dream architect: edits the dreamscape spec with a form and as raw JSON, validates every edit at once
 * and hands each valid one to `onPreview`, which shows it in the running scene. Specs are saved in browser
 * storage, loaded from the built-ins, imported from and exported to files.
 */
export function ArchitectPanel({
  controller,
  sceneId,
  onPreview,
}: {
  controller: SessionController;
  sceneId: string;
  /** Shows a valid spec in the dreamscape; a spec for another scene switches to that scene. */
  onPreview: (spec: DreamscapeSpec) => void;
}) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState(() => specText(initialSpec(sceneId) ?? {}));
  const [saved, setSaved] = useState<SpecList>({ specs: [], unreadable: [] });
  const [status, setStatus] = useState<Status>(null);
  const [builtinScene, setBuiltinScene] = useState(sceneId);
  const [previewSession, setPreviewSession] = useState('');
  // The text that the dreamscape shows now; the initial text is already what the scene shows.
  const applied = useRef(text);
  const openButton = useRef<HTMLButtonElement>(null);
  const title = useRef<HTMLHeadingElement>(null);

  const draft = useMemo(() => evaluateDraft(text), [text]);
  const errors = useMemo(() => errorsByField(draft.validation.ok ? [] : draft.validation.errors), [draft]);
  const valid = draft.validation.ok ? draft.validation.spec : null;
  // The form lays out the fields of the scene the draft names, while that is a known scene.
  const draftScene = (draft.value as { scene?: unknown } | undefined)?.scene;
  const fields = (typeof draftScene === 'string' && sceneFields(draftScene)) || sceneFields(sceneId);

  useEffect(() => {
    if (!valid || text === applied.current) return;
    applied.current = text;
    syncSceneInUrl(valid.scene);
    onPreview(valid);
  }, [valid, text, onPreview]);

  // The scene can also change outside the editor (start screen): the editor follows with that scene's
  // built-in spec, and keeps the draft it was working on to go back to.
  const [stash, setStash] = useState<string | null>(null);
  const lastScene = useRef(sceneId);
  useEffect(() => {
    if (sceneId === lastScene.current) return;
    lastScene.current = sceneId;
    if ((evaluateDraft(text).value as { scene?: unknown } | undefined)?.scene === sceneId) return;
    const next = specText(builtinSpec(sceneId) ?? {});
    applied.current = next;
    setStash(text);
    setText(next);
    setStatus({ kind: 'info', text: `The dreamscape changed to '${sceneId}': editing its built-in spec.` });
  }, [sceneId, text]);

  const refresh = useCallback(() => {
    const r = readList();
    setSaved(r.list);
    if (r.error) setStatus({ kind: 'error', text: r.error });
  }, []);

  useEffect(() => {
    if (!open) return;
    refresh();
    title.current?.focus();
    // Another tab (or "delete all my data" there) may change the saved specs.
    window.addEventListener('storage', refresh);
    return () => window.removeEventListener('storage', refresh);
  }, [open, refresh]);

  const close = () => {
    setOpen(false);
    // Focus goes back where it came from, so keyboard users are not dropped at the top of the page.
    requestAnimationFrame(() => openButton.current?.focus());
  };

  const edit = (path: FieldPath, value: unknown) => {
    if (draft.value === undefined) return;
    setText(specText(setField(draft.value, path, value)));
  };

  // Loading, importing or restoring replaces the draft; the one it replaces stays one click away.
  const adoptSpec = (spec: DreamscapeSpec, message: string) => {
    const next = specText(spec);
    if (next !== text) setStash(text);
    setText(next);
    setStatus({ kind: 'info', text: message });
  };

  const attempt = (action: () => string | void) => {
    try {
      const message = action();
      if (message) setStatus({ kind: 'info', text: message });
    } catch (e) {
      setStatus({ kind: 'error', text: (e as Error).message });
    }
  };

  const onImport = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    try {
      const spec = await importSpecFile(file, file.name);
      adoptSpec(spec, `Imported '${spec.name}' from ${file.name}.`);
    } catch (err) {
      setStatus({ kind: 'error', text: (err as Error).message });
    } finally {
      // The same file can be imported again after editing it.
      input.value = '';
    }
  };

  const onPreviewSession = (name: string) => {
    setPreviewSession(name);
    if (name === '') return;
    if (name === 'demo') controller.startDemo();
    else playScriptedSession(controller, name as BuiltinSessionName);
    setStatus({ kind: 'info', text: `The preview follows the scripted session '${name}'.` });
  };

  const replacing = valid ? saved.specs.some((s) => s.name === valid.name) : false;

  return (
    <>
      <button
        type="button"
        ref={openButton}
        className="architect-open"
        data-testid="architect-open"
        aria-expanded={open}
        aria-controls="architect-panel"
        onClick={() => (open ? close() : setOpen(true))}
      >
        Dream architect
      </button>
      {open && (
        <section
          id="architect-panel"
          className="architect"
          aria-labelledby="architect-title"
          data-testid="architect-panel"
          // "Delete my data" in this tab sends no storage event: the list is read again as focus comes in.
          onFocus={refresh}
          // The app's single-key shortcuts (P, F, Space, 1–5…) must not fire while typing here; Esc (unplug)
          // always gets through.
          onKeyDown={(e) => {
            if (e.key !== 'Escape') e.stopPropagation();
          }}
        >
          <header className="architect-header">
            <h2 id="architect-title" ref={title} tabIndex={-1}>
              Dream architect
            </h2>
            <button type="button" onClick={close} aria-label="Close the dream architect">
              Close
            </button>
          </header>

          <div className="architect-row">
            <label>
              Preview with{' '}
              <select
                value={previewSession}
                data-testid="preview-session"
                aria-label="Scripted session that drives the preview"
                onChange={(e) => onPreviewSession(e.currentTarget.value)}
              >
                <option value="">what plays now</option>
                {PREVIEW_SESSIONS.map((name) => (
                  <option key={name} value={name} title={describeSession(name)}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              or a recording{' '}
              <input
                type="file"
                accept=".csv,.txt,.edf,.bdf"
                data-testid="preview-recording"
                aria-label="Open a recording to drive the preview"
                onChange={(e) => {
                  const file = e.currentTarget.files?.[0];
                  if (file) void controller.openRecording(file, file.name);
                  setPreviewSession('');
                }}
              />
            </label>
          </div>

          <div className="architect-row" role="group" aria-label="Spec actions">
            <button
              type="button"
              data-testid="spec-save"
              disabled={!valid}
              onClick={() =>
                attempt(() => {
                  const s = saveSpec(valid);
                  refresh();
                  return `Saved '${s.name}' in this browser.`;
                })
              }
            >
              {replacing ? 'Save (replace)' : 'Save'}
            </button>
            <button
              type="button"
              data-testid="spec-export"
              disabled={!valid}
              onClick={() => attempt(() => `Exported as ${downloadSpec(valid)}.`)}
            >
              Export
            </button>
            <label className="architect-import">
              Import file{' '}
              <input
                type="file"
                accept=".json,application/json"
                data-testid="spec-import"
                aria-label="Import a spec file (.json)"
                onChange={(e) => void onImport(e)}
              />
            </label>
          </div>
          <div className="architect-row">
            <label>
              Built-in{' '}
              <select
                value={builtinScene}
                data-testid="builtin-scene"
                aria-label="Scene whose built-in spec to load"
                onChange={(e) => setBuiltinScene(e.currentTarget.value)}
              >
                {SCENES.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              data-testid="spec-load-builtin"
              onClick={() => {
                const spec = builtinSpec(builtinScene);
                if (spec) adoptSpec(structuredClone(spec), `Loaded the built-in spec of ${spec.name}.`);
              }}
            >
              Load built-in
            </button>
          </div>

          <p
            className={status?.kind === 'error' ? 'architect-status error-text' : 'architect-status'}
            role={status?.kind === 'error' ? 'alert' : 'status'}
            data-testid="architect-status"
          >
            {status?.text}
          </p>

          {stash !== null && (
            <button
              type="button"
              data-testid="spec-restore"
              onClick={() => {
                setText(stash);
                setStash(text);
                setStatus({ kind: 'info', text: 'Back to the previous draft.' });
              }}
            >
              Back to the previous draft
            </button>
          )}

          <div className="spec-errors" data-testid="spec-errors" aria-live="polite">
            {draft.validation.ok ? (
              <p className="spec-valid">Valid: the dreamscape shows this spec.</p>
            ) : (
              <>
                <p>Not applied; the dreamscape keeps the last valid spec until these are fixed:</p>
                <ul>
                  {draft.validation.errors.map((e, i) => (
                    <li key={i}>
                      <code>{e.path}</code>: {e.message}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>

          <SavedSpecs
            list={saved}
            onLoad={(name) =>
              attempt(() => {
                const s = loadSpec(name);
                adoptSpec(s.spec, `Loaded '${s.name}'.`);
              })
            }
            onDelete={(key) =>
              attempt(() => {
                deleteSpec(key);
                refresh();
                return `Deleted '${key}'.`;
              })
            }
          />

          {fields && (
            <SpecForm
              fields={fields}
              value={draft.value}
              errors={errors}
              onEdit={edit}
              disabled={draft.value === undefined}
            />
          )}

          <label className="spec-json-label" htmlFor="spec-json">
            Spec as JSON (data only)
          </label>
          <textarea
            id="spec-json"
            className="spec-json"
            data-testid="spec-json"
            spellCheck={false}
            rows={14}
            value={text}
            aria-invalid={!draft.validation.ok}
            onChange={(e) => setText(e.currentTarget.value)}
          />
        </section>
      )}
    </>
  );
}

function SavedSpecs({
  list,
  onLoad,
  onDelete,
}: {
  list: SpecList;
  onLoad: (name: string) => void;
  onDelete: (nameOrKey: string) => void;
}) {
  if (list.specs.length === 0 && list.unreadable.length === 0)
    return <p className="spec-note">No saved specs in this browser yet.</p>;
  return (
    <ul className="saved-specs" aria-label="Saved specs" data-testid="saved-specs">
      {list.specs.map((s) => (
        <li key={s.name}>
          <span>
            {s.name} <small>({s.scene})</small>
          </span>
          <button type="button" onClick={() => onLoad(s.name)} aria-label={`Load saved spec ${s.name}`}>
            Load
          </button>
          <button type="button" onClick={() => onDelete(s.name)} aria-label={`Delete saved spec ${s.name}`}>
            Delete
          </button>
        </li>
      ))}
      {list.unreadable.map((u) => (
        <li key={u.key} className="error-text">
          <span>
            {u.key}: cannot be used ({u.error})
          </span>
          <button
            type="button"
            onClick={() => onDelete(u.key)}
            aria-label={`Delete unreadable entry ${u.key}`}
          >
            Delete
          </button>
        </li>
      ))}
    </ul>
  );
}
