/**
 * Motion artifacts (dsp/motion.ts) as rxjs: a source's accelerometer samples in, ArtifactEvents of kind 'motion'
 * out, merged with the blink / jaw-clench events that come from the EEG. Detector state is created per
 * subscription and released on teardown.
 */
import { EMPTY, merge, Observable, type OperatorFunction } from 'rxjs';
import type { ArtifactEvent } from '../../dsp/artifacts.ts';
import { MotionDetector, type MotionDetectorOptions } from '../../dsp/motion.ts';
import type { EegSource, ImuChunk } from '../source/types.ts';

export type MotionArtifactOptions = Omit<MotionDetectorOptions, 'sampleRate'>;

/** Accelerometer chunks → motion events (gyroscope chunks are ignored); an open event is reported at the end. */
export function toMotionArtifacts(
  options: MotionArtifactOptions = {},
): OperatorFunction<ImuChunk, ArtifactEvent> {
  return (imu$) =>
    new Observable<ArtifactEvent>((subscriber) => {
      let detector: MotionDetector | null = null;
      const emit = (e: ArtifactEvent) => subscriber.next(e);
      const subscription = imu$.subscribe({
        next(chunk) {
          if (chunk.kind !== 'accelerometer') return;
          if (detector?.sampleRate !== chunk.sampleRate)
            detector = new MotionDetector({ ...options, sampleRate: chunk.sampleRate });
          detector.push(chunk.x, chunk.y, chunk.z, chunk.length, chunk.t0, emit);
        },
        error: (err: unknown) => subscriber.error(err),
        complete: () => {
          detector?.flush(emit);
          subscriber.complete();
        },
      });
      return () => subscription.unsubscribe();
    });
}

/**
 * Adds the source's motion events to an artifact stream; a source without an IMU leaves it as it is. The IMU
 * stream is hot, so subscribe before the source's events start to see the first second of movement.
 */
export function withMotionArtifacts(
  source: Pick<EegSource, 'imu$'>,
  options: MotionArtifactOptions = {},
): OperatorFunction<ArtifactEvent, ArtifactEvent> {
  return (artifacts$) =>
    merge(artifacts$, source.imu$ ? source.imu$.pipe(toMotionArtifacts(options)) : EMPTY);
}
