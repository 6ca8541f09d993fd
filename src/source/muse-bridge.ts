/**
 * The one place where muse-js (built on rxjs 6) meets the app's rxjs 7. muse-js observables are
 * subscribed through their own `subscribe` and re-emitted as rxjs 7 observables, so operators of the two
 * versions never mix.
 */
import { Observable } from 'rxjs';

/** The part of an rxjs 6 observable that the bridge relies on. */
export interface ForeignObservable<T> {
  subscribe(observer: { next: (value: T) => void; error: (err: unknown) => void; complete: () => void }): {
    unsubscribe(): void;
  };
}

export function fromMuseObservable<T>(foreign: ForeignObservable<T>): Observable<T> {
  return new Observable<T>((subscriber) => {
    const subscription = foreign.subscribe({
      next: (value) => subscriber.next(value),
      error: (err) => subscriber.error(err),
      complete: () => subscriber.complete(),
    });
    return () => subscription.unsubscribe();
  });
}
