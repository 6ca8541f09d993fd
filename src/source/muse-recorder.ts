/**
 * Records a live session to browser storage as it plays, as Mind Monitor CSV text in small chunks flushed
 * every `flushMs` (0.5 s by default), so a crash or reload loses at most the last flush. A recording stays
 * "unfinished" until stopped; after a reload, unfinished ones are listed for recovery and download.
 */
import { BehaviorSubject, type Subscription } from 'rxjs';
import { MindMonitorCsvWriter, type MindMonitorRowContext } from './muse-mind-monitor-csv.ts';
import type { EegSource } from './types.ts';

export interface RecordingMeta {
  readonly id: string;
  readonly name: string;
  readonly startedAtMs: number;
  readonly updatedAtMs: number;
  readonly finished: boolean;
  readonly samples: number;
  readonly chunks: number;
  readonly markers: number;
}

export interface RecordingStore {
  put(meta: RecordingMeta, chunk?: { seq: number; text: string }): Promise<void>;
  list(): Promise<RecordingMeta[]>;
  /** The recording's text chunks in order. */
  read(id: string): Promise<string[]>;
  remove(id: string): Promise<void>;
}

export function memoryStore(): RecordingStore {
  const metas = new Map<string, RecordingMeta>();
  const chunks = new Map<string, string[]>();
  return {
    async put(meta, chunk) {
      metas.set(meta.id, meta);
      if (chunk) (chunks.get(meta.id) ?? chunks.set(meta.id, []).get(meta.id)!)[chunk.seq] = chunk.text;
    },
    async list() {
      return [...metas.values()].sort((a, b) => a.startedAtMs - b.startedAtMs);
    },
    async read(id) {
      return chunks.get(id) ?? [];
    },
    async remove(id) {
      metas.delete(id);
      chunks.delete(id);
    },
  };
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/** IndexedDB: one store of metadata, one of text chunks keyed [id, seq]. Each flush is one transaction. */
export function indexedDbStore(dbName = 'neurosleep-recordings'): RecordingStore {
  let db: Promise<IDBDatabase> | null = null;
  const open = () => {
    db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open(dbName, 1);
      r.onupgradeneeded = () => {
        r.result.createObjectStore('meta', { keyPath: 'id' });
        r.result.createObjectStore('chunks');
      };
      r.onsuccess = () => {
        // "Delete my data" (or another tab) deleting the database: let go at once; the next use reopens it.
        r.result.onversionchange = () => {
          r.result.close();
          db = null;
        };
        resolve(r.result);
      };
      r.onerror = () => reject(r.error ?? new Error(`IndexedDB ${dbName} could not be opened`));
    });
    return db;
  };
  return {
    async put(meta, chunk) {
      const tx = (await open()).transaction(['meta', 'chunks'], 'readwrite');
      tx.objectStore('meta').put(meta);
      if (chunk) tx.objectStore('chunks').put(chunk.text, [meta.id, chunk.seq]);
      await done(tx);
    },
    async list() {
      const tx = (await open()).transaction('meta', 'readonly');
      const all = await request(tx.objectStore('meta').getAll() as IDBRequest<RecordingMeta[]>);
      return all.sort((a, b) => a.startedAtMs - b.startedAtMs);
    },
    async read(id) {
      const tx = (await open()).transaction('chunks', 'readonly');
      const range = IDBKeyRange.bound([id, 0], [id, Number.MAX_SAFE_INTEGER]);
      return request(tx.objectStore('chunks').getAll(range) as IDBRequest<string[]>);
    },
    async remove(id) {
      const tx = (await open()).transaction(['meta', 'chunks'], 'readwrite');
      tx.objectStore('meta').delete(id);
      tx.objectStore('chunks').delete(IDBKeyRange.bound([id, 0], [id, Number.MAX_SAFE_INTEGER]));
      await done(tx);
    },
  };
}

export interface RecorderOptions {
  readonly flushMs?: number;
  /** Called after each flush is safely stored, with what storage now holds. */
  readonly onSaved?: (meta: RecordingMeta) => void;
  /** Band powers, contact quality and battery for each row, when known. */
  readonly context?: () => MindMonitorRowContext;
  readonly now?: () => number;
}

export class IncrementalRecorder {
  private meta: RecordingMeta;
  private readonly writer: MindMonitorCsvWriter;
  private buffer: string;
  private seq = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private subscription: Subscription | null = null;
  private writing: Promise<void> = Promise.resolve();
  private readonly rate: number;
  /** Recording-relative index just past the newest sample or gap. */
  private endIndex = 0;
  /** The first storage failure, in words; recording stops there and what was stored stays. */
  failure: string | null = null;

  constructor(
    private readonly store: RecordingStore,
    source: EegSource,
    private readonly options: RecorderOptions = {},
  ) {
    const now = options.now?.() ?? Date.now();
    this.meta = {
      id: `rec-${now}-${Math.random().toString(36).slice(2, 8)}`,
      name: `${source.info.label} ${new Date(now).toISOString().slice(0, 19).replace('T', ' ')}`,
      startedAtMs: now,
      updatedAtMs: now,
      finished: false,
      samples: 0,
      chunks: 0,
      markers: 0,
    };
    this.rate = source.info.sampleRate;
    this.writer = new MindMonitorCsvWriter(now, source.info.channels, source.info.sampleRate);
    this.buffer = this.writer.header();
    let base: number | null = null;
    const rate = source.info.sampleRate;
    this.subscription = source.events$.subscribe((e) => {
      // Rows are stamped from the recording's own start, whatever the session had played before.
      const ctx = options.context?.() ?? {};
      if (e.kind === 'samples') {
        base ??= e.index;
        this.buffer += this.writer.write({ ...e, index: e.index - base }, ctx);
        this.endIndex = e.index - base + e.length;
        this.meta = { ...this.meta, samples: this.meta.samples + e.length };
      } else if (e.kind === 'gap') {
        base ??= e.index;
        this.buffer += this.writer.write({ ...e, index: e.index - base }, ctx);
        this.endIndex = e.index - base + e.missingSamples;
      } else if (e.kind === 'marker') {
        this.buffer += this.writer.write({ ...e, t: e.t - (base ?? 0) / rate }, ctx);
      }
    });
    this.timer = setInterval(() => void this.flush(), options.flushMs ?? 500);
    void this.flush();
  }

  /** A user marker (keys 1–5 give `/Marker/1` … `/Marker/5`, as in Mind Monitor) at the newest sample. */
  mark(label: string): void {
    this.buffer += this.writer.write({ kind: 'marker', t: this.endIndex / this.rate, label });
    this.meta = { ...this.meta, markers: this.meta.markers + 1 };
  }

  get id(): string {
    return this.meta.id;
  }

  /** Writes what is buffered as the next chunk; flushes never overlap, so chunks stay in order. */
  flush(finished = false): Promise<void> {
    this.writing = this.writing.then(async () => {
      if (this.failure) return;
      const text = this.buffer;
      this.buffer = '';
      const meta = (this.meta = {
        ...this.meta,
        finished: this.meta.finished || finished,
        updatedAtMs: this.options.now?.() ?? Date.now(),
        chunks: this.meta.chunks + (text ? 1 : 0),
      });
      try {
        await this.store.put(meta, text ? { seq: this.seq++, text } : undefined);
        this.options.onSaved?.(meta);
      } catch (err) {
        this.failure = `Recording stopped: browser storage refused to save more (${err instanceof Error ? err.name : 'error'}). What was saved until now can still be downloaded.`;
      }
    });
    return this.writing;
  }

  async stop(): Promise<RecordingMeta> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.subscription?.unsubscribe();
    this.subscription = null;
    await this.flush(true);
    return this.meta;
  }
}

/** A stored recording as one CSV Blob, for download. */
export async function recordingBlob(store: RecordingStore, id: string): Promise<Blob> {
  return new Blob(await store.read(id), { type: 'text/csv' });
}

const EMPTY_META: RecordingMeta = {
  id: '',
  name: '',
  startedAtMs: 0,
  updatedAtMs: 0,
  finished: false,
  samples: 0,
  chunks: 0,
  markers: 0,
};

export interface RecordingState {
  /** The recording in progress, if any; `samples` counts what storage already holds. */
  readonly active: RecordingMeta | null;
  /** Recordings left unfinished by a crash or reload, for recovery. */
  readonly unfinished: readonly RecordingMeta[];
  /** Stopped (or recovered and dismissed) recordings kept in this browser, newest first. */
  readonly saved: readonly RecordingMeta[];
  readonly error: string | null;
}

/** What the app's Record button and recovery list drive. Storage is opened on first use, never at import. */
export class RecordingController {
  readonly state$ = new BehaviorSubject<RecordingState>({
    active: null,
    unfinished: [],
    saved: [],
    error: null,
  });
  private recorder: IncrementalRecorder | null = null;
  private store: RecordingStore | null = null;

  constructor(private readonly makeStore: () => RecordingStore = () => indexedDbStore()) {}

  private storage(): RecordingStore {
    this.store ??= this.makeStore();
    return this.store;
  }

  private patch(p: Partial<RecordingState>): void {
    this.state$.next({ ...this.state$.value, ...p });
  }

  async refresh(): Promise<void> {
    try {
      const all = await this.storage().list();
      const active = this.recorder?.id;
      this.patch({
        unfinished: all.filter((m) => !m.finished && m.id !== active),
        saved: all.filter((m) => m.finished).sort((a, b) => b.startedAtMs - a.startedAtMs),
      });
    } catch (err) {
      this.patch({
        error: `Saved recordings could not be listed (${err instanceof Error ? err.name : 'error'}).`,
      });
    }
  }

  start(source: EegSource, context?: () => MindMonitorRowContext): void {
    if (this.recorder) return;
    const recorder = new IncrementalRecorder(this.storage(), source, {
      ...(context ? { context } : {}),
      // What the UI calls saved is what storage holds, so a crash can never lose more than it shows.
      onSaved: (meta) => {
        if (this.recorder === recorder && !meta.finished) this.patch({ active: meta });
      },
    });
    this.recorder = recorder;
    this.patch({ active: { ...EMPTY_META, id: recorder.id }, error: null });
  }

  async stop(): Promise<RecordingMeta | null> {
    const recorder = this.recorder;
    if (!recorder) return null;
    this.recorder = null;
    const meta = await recorder.stop();
    this.patch({ active: null, error: recorder.failure });
    await this.refresh();
    return meta;
  }

  /** Marks the recording in progress; false when nothing is being recorded. */
  mark(label: string): boolean {
    if (!this.recorder) return false;
    this.recorder.mark(label);
    return true;
  }

  /** Deletes a stored recording for good. */
  async remove(meta: RecordingMeta): Promise<void> {
    await this.storage().remove(meta.id);
    await this.refresh();
  }

  async blob(id: string): Promise<Blob> {
    return recordingBlob(this.storage(), id);
  }

  /** Marks a recovered recording as dealt with (kept in storage, no longer offered for recovery). */
  async dismiss(meta: RecordingMeta): Promise<void> {
    await this.storage().put({ ...meta, finished: true });
    await this.refresh();
  }
}
