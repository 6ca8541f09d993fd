/**
 * Shared plumbing for sources driven by an async producer loop: a hot, shared event stream that starts on first
 * subscription, a status stream, and a stop that aborts the loop.
 */
import { BehaviorSubject, Observable, share } from 'rxjs';
import type { EegSource, SourceEvent, SourceInfo, SourceStatus } from './types.ts';

export type Producer = (emit: (e: SourceEvent) => void, signal: AbortSignal) => Promise<void>;

/** Turns an unknown failure into the sentence a user sees; raw stack traces never reach the UI. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

export function pacedSource(info: SourceInfo, produce: Producer): EegSource {
  const status$ = new BehaviorSubject<SourceStatus>({ state: 'idle' });
  const controller = new AbortController();
  const events$ = new Observable<SourceEvent>((subscriber) => {
    status$.next({ state: 'connecting' });
    let streaming = false;
    const emit = (e: SourceEvent) => {
      if (controller.signal.aborted) return;
      if (!streaming) {
        streaming = true;
        status$.next({ state: 'streaming' });
      }
      subscriber.next(e);
    };
    produce(emit, controller.signal).then(
      () => {
        if (controller.signal.aborted) return;
        status$.next({ state: 'ended' });
        subscriber.complete();
      },
      (err: unknown) => {
        status$.next({ state: 'error', reason: describeError(err) });
        subscriber.error(err);
      },
    );
    return () => controller.abort();
  }).pipe(share());
  return {
    info,
    events$,
    status$: status$.asObservable(),
    stop() {
      if (controller.signal.aborted) return;
      controller.abort();
      status$.next({ state: 'ended' });
    },
  };
}
