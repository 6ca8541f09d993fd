import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_PATH } from './global-setup.ts';

/**
 * Debian's Chromium, headless, with WebGL2 through SwiftShader and no background network traffic; `extraArgs`
 * adds flags one test needs (e.g. a callable GC).
 */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...extraArgs,
    ],
  });
}
