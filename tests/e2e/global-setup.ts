/**
 * Builds the app once and serves it the way `npm run preview` serves dist/, for every end-to-end test.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let server: PreviewServer | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `end-to-end tests need Chromium at ${CHROMIUM_PATH}: run .ci/run, or apt-get install chromium`,
    );
  }
  // A build of its own per run: two test runs at once (two engineers, or a watcher) never serve each other's
  // half-written dist/.
  const outDir = mkdtempSync(join(tmpdir(), 'neurosleep-e2e-'));
  await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  server = await preview({
    preview: { port: 0, strictPort: false },
    build: { outDir },
    logLevel: 'warn',
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a local URL');
  project.provide('baseUrl', url);
  return async () => {
    await server?.close();
    rmSync(outDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
