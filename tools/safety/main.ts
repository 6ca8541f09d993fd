/**
 * `npm run safety`: builds the app into a private folder, serves it, and runs the flash analyzer over every
 * registered scene. One JSON line per scene on stdout; exit 1 if any scene has violations, 2 on a setup error.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build, preview } from 'vite';
import { launchChromium } from '../../tests/e2e/browser.ts';
import { CHROMIUM_PATH } from '../../tests/e2e/global-setup.ts';
import { analyzeScene, sceneIds } from './flash-analyzer.ts';

async function main(): Promise<number> {
  if (!existsSync(CHROMIUM_PATH)) {
    process.stderr.write(`neurosleep safety: Chromium not found at ${CHROMIUM_PATH} (set CHROMIUM_PATH)\n`);
    return 2;
  }
  // A private outDir: an end-to-end run building dist/ at the same time is left alone.
  const outDir = join('node_modules', '.cache', 'neurosleep-safety');
  await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server = await preview({
    preview: { port: 0, strictPort: false },
    build: { outDir },
    logLevel: 'warn',
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a local URL');
  const browser = await launchChromium();
  let failed = false;
  try {
    for (const id of sceneIds()) {
      const report = await analyzeScene(browser, url, id);
      process.stdout.write(JSON.stringify(report) + '\n');
      if (report.violations > 0) failed = true;
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`neurosleep safety: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
