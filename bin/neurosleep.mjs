#!/usr/bin/env node
// The CLI runs the TypeScript sources directly (same dsp/ code as the app), so `npx neurosleep` works right
// after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import(new URL('../src/cli/main.ts', import.meta.url).href);
process.exitCode = await main(process.argv.slice(2));
