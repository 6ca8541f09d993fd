export * from './spec.ts';
export { hexToRgb, rgbToHex, isHexColor } from './color.ts';
export { validateSpec, parseSpec, formatSpecErrors } from './validate.ts';
export { specToTuning, specFromScene, specForSceneId, DEFAULT_SOUND } from './resolve.ts';
export { BUILTIN_SPECS, builtinSpec } from './builtin.ts';
export { tuningFromQuery } from './url.ts';
