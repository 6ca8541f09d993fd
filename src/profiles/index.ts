export * from './baseline-record.ts';
export * from './profile-store.ts';
export * from './session-baseline.ts';
