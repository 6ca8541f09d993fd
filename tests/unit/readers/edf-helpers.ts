/** Builds EDF/BDF bytes field by field for the reader tests: every header field is written as the spec says. */

export interface SignalSpec {
  readonly label: string;
  readonly dimension?: string;
  readonly physicalMin?: number;
  readonly physicalMax?: number;
  readonly digitalMin?: number;
  readonly digitalMax?: number;
  readonly samples: number;
}

export interface EdfSpec {
  readonly bdf?: boolean;
  /** 'EDF+C', 'EDF+D', 'BDF+C', '24BIT', '' … */
  readonly reserved?: string;
  readonly durationS?: number;
  /** 'number of data records' as written; default the records given. */
  readonly recordsField?: string;
  readonly signals: readonly SignalSpec[];
  /** Per record, per signal: digital values, or for an annotation signal the TAL text (padded with NULs). */
  readonly records: readonly (readonly (readonly number[] | string)[])[];
  /** Overrides of header fields by byte offset. */
  readonly patch?: readonly { at: number; text: string }[];
}

function field(text: string, width: number): string {
  return text.slice(0, width).padEnd(width, ' ');
}

export function latin1Bytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

export function edfHeader(spec: EdfSpec): Uint8Array {
  const ns = spec.signals.length;
  const bps = spec.bdf ? 3 : 2;
  const lim = spec.bdf ? 8388608 : 32768;
  let h = spec.bdf ? '\xffBIOSEMI' : field('0', 8);
  h += field('X X X X', 80) + field('Startdate 12-AUG-2009 X X test', 80) + '12.08.09' + '16.15.00';
  h += field(String(256 * (ns + 1)), 8) + field(spec.reserved ?? 'EDF+C', 44);
  h += field(spec.recordsField ?? String(spec.records.length), 8) + field(String(spec.durationS ?? 1), 8);
  h += field(String(ns), 4);
  const sig = (f: (s: SignalSpec) => string, w: number) => spec.signals.map((s) => field(f(s), w)).join('');
  h += sig((s) => s.label, 16);
  h += sig(() => '', 80);
  h += sig((s) => s.dimension ?? (/annotations/i.test(s.label) ? '' : 'uV'), 8);
  h += sig((s) => String(s.physicalMin ?? -lim), 8);
  h += sig((s) => String(s.physicalMax ?? lim - 1), 8);
  h += sig((s) => String(s.digitalMin ?? -lim), 8);
  h += sig((s) => String(s.digitalMax ?? lim - 1), 8);
  h += sig(() => '', 80);
  h += sig((s) => String(s.samples), 8);
  h += sig(() => '', 32);
  void bps;
  const bytes = latin1Bytes(h);
  for (const p of spec.patch ?? []) bytes.set(latin1Bytes(p.text), p.at);
  return bytes;
}

export function buildEdf(spec: EdfSpec): Uint8Array {
  const header = edfHeader(spec);
  const bps = spec.bdf ? 3 : 2;
  const parts: Uint8Array[] = [header];
  for (const record of spec.records) {
    spec.signals.forEach((s, i) => {
      const content = record[i] ?? [];
      const out = new Uint8Array(s.samples * bps);
      if (typeof content === 'string') {
        const b = new TextEncoder().encode(content);
        out.set(b.subarray(0, out.length));
      } else {
        content.forEach((v, k) => {
          out[k * bps] = v & 0xff;
          out[k * bps + 1] = (v >> 8) & 0xff;
          if (bps === 3) out[k * bps + 2] = (v >> 16) & 0xff;
        });
      }
      parts.push(out);
    });
  }
  const total = parts.reduce((n, p) => n + p.length, 0);
  const all = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return all;
}

/** A time-keeping TAL for a record starting at `onset`, then annotations `[onset, duration?, text]`. */
export function tal(onset: number, ...annotations: readonly [number, number | null, string][]): string {
  let s = `+${onset}\x14\x14\x00`;
  for (const [at, dur, text] of annotations)
    s += `+${at}${dur === null ? '' : `\x15${dur}`}\x14${text}\x14\x00`;
  return s;
}
