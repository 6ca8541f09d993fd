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

/** The observables of a connected muse-js `MuseClient`, as the app's rxjs 7. */
export interface MuseClientStreams<Eeg, Telemetry, Imu, Control, Ppg> {
  readonly eeg$: Observable<Eeg>;
  readonly telemetry$: Observable<Telemetry>;
  readonly accelerometer$: Observable<Imu>;
  readonly gyroscope$: Observable<Imu>;
  readonly control$: Observable<Control>;
  /** Null unless the client was connected with PPG enabled. */
  readonly ppg$: Observable<Ppg> | null;
}

/** The shape of a connected muse-js client that {@link bridgeMuseClient} reads. */
export interface MuseClientLike<Eeg, Telemetry, Imu, Control, Ppg> {
  readonly eegReadings: ForeignObservable<Eeg>;
  readonly telemetryData: ForeignObservable<Telemetry>;
  readonly accelerometerData: ForeignObservable<Imu>;
  readonly gyroscopeData: ForeignObservable<Imu>;
  readonly controlResponses: ForeignObservable<Control>;
  readonly ppgReadings?: ForeignObservable<Ppg>;
}

export function bridgeMuseClient<Eeg, Telemetry, Imu, Control, Ppg>(
  client: MuseClientLike<Eeg, Telemetry, Imu, Control, Ppg>,
): MuseClientStreams<Eeg, Telemetry, Imu, Control, Ppg> {
  return {
    eeg$: fromMuseObservable(client.eegReadings),
    telemetry$: fromMuseObservable(client.telemetryData),
    accelerometer$: fromMuseObservable(client.accelerometerData),
    gyroscope$: fromMuseObservable(client.gyroscopeData),
    control$: fromMuseObservable(client.controlResponses),
    ppg$: client.ppgReadings ? fromMuseObservable(client.ppgReadings) : null,
  };
}
