#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.ts in its own Node process (one at a time, so they do not compete
// for the CPU), each printing one JSON line per figure on stdout. Exits non-zero if any benchmark fails.
// Optional arguments filter by file name: `npm run bench -- chain` runs bench/*chain*.bench.ts only.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = join(root, 'bench');
const filters = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort();
if (files.length === 0) {
  process.stderr.write(`bench: no bench/*.bench.ts matched ${filters.join(' ') || '(all)'}\n`);
  process.exit(1);
}
let failed = 0;
for (const f of files) {
  process.stderr.write(`bench: ${f}\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(dir, f)], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) {
    failed++;
    process.stderr.write(`bench: ${f} failed (${r.signal ?? `exit ${r.status}`})\n`);
  }
}
process.exit(failed === 0 ? 0 : 1);
