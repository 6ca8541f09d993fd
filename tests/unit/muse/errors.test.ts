/** What a user reads when a Muse cannot be reached: specific, actionable, never the browser's exception text. */
import { describe, expect, it } from 'vitest';
import { installMockMuse, synthFeed } from '../../../hardware-mocks/muse/index.ts';
import { virtualClock } from '../../../src/source/clock.ts';
import { describeMuseError, webBluetoothProblem } from '../../../src/source/muse-errors.ts';
import { connectMuse, MuseConnectError } from '../../../src/source/muse-source.ts';

const CHROME_LINUX =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
const SAFARI =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15';
const IOS_CHROME =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 CriOS/120.0 Mobile/15E148 Safari/604.1';

describe('Web Bluetooth availability', () => {
  it('names the browser and what to do instead', () => {
    const no = (userAgent: string, isSecureContext = true) =>
      webBluetoothProblem({ userAgent, isSecureContext, hasBluetooth: false });
    expect(no(FIREFOX)?.message).toMatch(/^Firefox does not support Web Bluetooth\. Use Chrome/);
    expect(no(SAFARI)?.message).toMatch(/^Safari does not support Web Bluetooth/);
    expect(no(IOS_CHROME)?.message).toMatch(/iPhone and iPad/);
    expect(no(CHROME_LINUX)?.message).toMatch(/enable-experimental-web-platform-features/);
    expect(no(CHROME_LINUX, false)?.code).toBe('insecure-context');
    expect(webBluetoothProblem({ userAgent: FIREFOX, isSecureContext: true, hasBluetooth: true })).toBeNull();
  });

  it("on Linux, an empty chooser points at Chrome's flag", () => {
    const linux = { userAgent: CHROME_LINUX, isSecureContext: true, hasBluetooth: true };
    const mapped = describeMuseError(
      new DOMException('Web Bluetooth API globally disabled.', 'NotFoundError'),
      'request',
      linux,
    );
    expect(mapped.code).toBe('bluetooth-disabled');
    expect(mapped.message).toMatch(
      /On Linux, Chrome needs chrome:\/\/flags\/#enable-experimental-web-platform-features/,
    );
    expect(
      describeMuseError(
        new DOMException('User cancelled the requestDevice() chooser.', 'NotFoundError'),
        'request',
        linux,
      ).code,
    ).toBe('cancelled');
  });

  it('maps DOMExceptions by stage, never echoing their text', () => {
    const raw = (name: string, message: string) => new DOMException(message, name);
    const cases: [DOMException, Parameters<typeof describeMuseError>[1], string][] = [
      [raw('NotFoundError', 'User cancelled the requestDevice() chooser.'), 'request', 'cancelled'],
      [raw('NotFoundError', 'Bluetooth adapter not available.'), 'request', 'bluetooth-disabled'],
      [
        raw('SecurityError', 'Must be handling a user gesture to show a permission request.'),
        'request',
        'no-gesture',
      ],
      [raw('NotFoundError', 'No Services matching UUID 0xfe8d found in Device.'), 'service', 'not-a-muse'],
      [raw('NetworkError', 'Connection failed for unknown reason.'), 'connect', 'connection-failed'],
      [raw('NotSupportedError', 'GATT operation failed for unknown reason.'), 'start', 'gatt-error'],
    ];
    const mac = {
      userAgent: SAFARI.replace('Version/17.0 Safari', 'Chrome/131.0 Safari'),
      isSecureContext: true,
      hasBluetooth: true,
    };
    for (const [err, stage, code] of cases) {
      const mapped = describeMuseError(err, stage, mac);
      expect(mapped.code).toBe(code);
      expect(mapped.message).not.toContain(err.message);
    }
  });
});

describe('connectMuse failures', () => {
  it('without navigator.bluetooth', async () => {
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
    Object.defineProperty(globalThis, 'navigator', { value: { userAgent: FIREFOX }, configurable: true });
    try {
      await expect(connectMuse()).rejects.toMatchObject({ code: 'unsupported-browser' });
    } finally {
      if (saved) Object.defineProperty(globalThis, 'navigator', saved);
      else delete (globalThis as { navigator?: unknown }).navigator;
    }
  });

  for (const [chooser, code] of [
    ['cancel', 'cancelled'],
    ['not-a-muse', 'not-a-muse'],
  ] as const) {
    it(`chooser: ${chooser}`, async () => {
      const installed = installMockMuse({
        chooser,
        clock: virtualClock(),
        feed: synthFeed({ seed: 1, durationS: 1 }),
      });
      try {
        const err = await connectMuse().catch((e: unknown) => e);
        expect(err).toBeInstanceOf(MuseConnectError);
        expect((err as MuseConnectError).code).toBe(code);
      } finally {
        installed.uninstall();
      }
    });
  }

  it('headset out of reach at connect time', async () => {
    const installed = installMockMuse({ clock: virtualClock(), feed: synthFeed({ seed: 1, durationS: 1 }) });
    installed.muse.setReachable(false);
    try {
      await expect(connectMuse()).rejects.toMatchObject({ code: 'connection-failed' });
    } finally {
      installed.uninstall();
    }
  });
});
