/** The command line's arguments, and the options they name resolved for a recording. */
import { openFileSync, CliError, unreadableReason } from './node-io.ts';
import { probeRecordingMains } from '../analysis/recording-mains.ts';
import type { RecordingFormat, RecordingScan, ScanOptions } from '../readers/index.ts';
import { ENGINE_FLAGS } from './engine-flags.ts';

const FORMATS: readonly RecordingFormat[] = [
  'mind-monitor',
  'muse-lsl',
  'edf',
  'bdf',
  'openbci',
  'brainflow',
];

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | true>;
}

const VALUE_FLAGS = new Set(['--out', '--format', '--mains', '--csv', '--channels', '--to', ...ENGINE_FLAGS]);
const BOOLEAN_FLAGS = new Set(['--help', '-h', '--json', '--harmonics']);

export function parseArgs(args: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s) : [arg, undefined];
    if (name === undefined) continue;
    if (VALUE_FLAGS.has(name)) {
      const value = inline ?? args[++i];
      if (value === undefined || value.startsWith('--')) throw new CliError(`${name} needs a value`);
      flags.set(name, value);
    } else if (BOOLEAN_FLAGS.has(name)) {
      flags.set(name, true);
    } else if (name.startsWith('-') && name !== '-') {
      throw new CliError(`unknown option ${name} (see --help)`);
    } else {
      positional.push(arg);
    }
  }
  return { positional, flags };
}

export function formatFlag(flags: ParsedArgs['flags']): RecordingFormat | undefined {
  const f = flags.get('--format');
  if (f === undefined) return undefined;
  if (typeof f === 'string' && (FORMATS as readonly string[]).includes(f)) return f as RecordingFormat;
  throw new CliError(`--format: expected one of ${FORMATS.join(', ')}, found ${String(f)}`);
}

export function scanOptions(flags: ParsedArgs['flags']): ScanOptions {
  const c = flags.get('--channels');
  if (c === undefined) return {};
  const channels = String(c)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (channels.length === 0) throw new CliError('--channels: expected signal labels such as O1,O2,Oz');
  return { channels };
}

export function mainsFlag(flags: ParsedArgs['flags']): 50 | 60 | null | 'auto' {
  const m = flags.get('--mains');
  if (m === undefined || m === 'auto') return 'auto';
  if (m === '50') return 50;
  if (m === '60') return 60;
  if (m === 'none') return null;
  throw new CliError(`--mains: expected auto, 50, 60 or none, found ${String(m)}`);
}

/** The notch: as asked, or with `auto` the mains the recording's start shows (mains-probe.ts), else 50 Hz. */
export async function resolveMains(
  mains: 50 | 60 | null | 'auto',
  scan: RecordingScan,
  file: string,
): Promise<50 | 60 | null> {
  if (mains !== 'auto') return mains;
  // Read in small pieces: the probe wants half a minute, and a reader parses a whole piece before it stops.
  return (await probeRecordingMains(scan, openFileSync(file, PROBE_READ_BYTES)))?.mainsHz ?? 50;
}

/** 64 KB: ≈ 5 s of a Muse CSV, ≈ 30 s of its EDF. */
const PROBE_READ_BYTES = 1 << 16;

export function onlyFile(parsed: ParsedArgs, command: string): string {
  if (parsed.positional.length !== 1) {
    throw new CliError(
      `${command}: expected one FILE, found ${parsed.positional.length === 0 ? 'none' : parsed.positional.join(' ')}`,
    );
  }
  const file = parsed.positional[0] as string;
  const reason = unreadableReason(file);
  if (reason) throw new CliError(`${file}: ${reason}`);
  return file;
}
