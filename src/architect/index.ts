export * from './spec.ts';
export { hexToRgb, rgbToHex, isHexColor } from './color.ts';
export { validateSpec, parseSpec, formatSpecErrors } from './validate.ts';
export { specToTuning, specFromScene, specForSceneId, DEFAULT_SOUND } from './resolve.ts';
export { BUILTIN_SPECS, builtinSpec } from './builtin.ts';
export { tuningFromQuery } from './url.ts';
export {
  SPEC_STORAGE_PREFIX,
  MAX_SPEC_FILE_BYTES,
  SpecStoreError,
  listSpecs,
  saveSpec,
  loadSpec,
  deleteSpec,
  importSpecFile,
  exportSpecBlob,
  downloadSpec,
  specFileName,
  specStorageKey,
  jsonErrorLocation,
  describeJsonError,
  type SavedSpec,
  type SpecList,
  type SpecStorage,
  type UnreadableSpec,
} from './storage.ts';
