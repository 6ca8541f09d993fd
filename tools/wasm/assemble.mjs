#!/usr/bin/env node
// Assembles dsp/wasm/kernels.wat with wabt into dsp/wasm/kernels-bytes.ts (the module's bytes as base64),
// so neither the app nor `npm test` needs an assembler. `--check` writes nothing and exits 1 when the committed
// bytes are not what the .wat assembles to (tests/unit/dsp/simd-complex-fft.test.ts runs the same comparison).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { assembleKernels, BYTES_PATH, renderBytesModule } from './assemble-lib.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bytes = await assembleKernels(root);
const text = renderBytesModule(bytes);
const target = `${root}/${BYTES_PATH}`;
if (process.argv.includes('--check')) {
  const current = readFileSync(target, 'utf8');
  if (current !== text) {
    process.stderr.write(`${BYTES_PATH} is stale: run node tools/wasm/assemble.mjs\n`);
    process.exit(1);
  }
  process.stdout.write(`${BYTES_PATH} matches the .wat (${bytes.length} bytes)\n`);
} else {
  writeFileSync(target, text);
  process.stdout.write(`wrote ${BYTES_PATH} (${bytes.length} bytes)\n`);
}
