/** The emulated Muse: a fake Web Bluetooth headset that speaks the real protocol, for tests and `?source=mock`. */
export {
  installMockMuse,
  MOCK_HEART_RATE_BPM,
  MockMuse,
  mockPpgCounts,
  type InstalledMockMuse,
  type MockMuseOptions,
  type MockMuseStats,
} from './mock-muse.ts';
export type { MuseModel, SentRecord } from './mock-muse.ts';
export { eventFeed, recordingEvents, synthFeed, type EegBlockFeed } from './feeds.ts';
export { headMotionAt, type HeadMotion, type MuseFaults } from './faults.ts';
export * from './protocol.ts';
