import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  defaultMapping,
  mappableSignals,
  mappedChannels,
  mappingProblem,
  needsChannelMapping,
  scanWithMapping,
} from '../../../src/app/channels/channel-mapping.ts';
import { scanRecording, type EdfSignal } from '../../../src/readers/index.ts';
import { describeShared, sharedFile } from '../../helpers/shared-data.ts';

function signal(index: number, label: string, sampleRate = 256, role: EdfSignal['role'] = 'eeg'): EdfSignal {
  return {
    index,
    label,
    transducer: '',
    physicalDimension: 'uV',
    physicalMin: -500,
    physicalMax: 500,
    digitalMin: -32768,
    digitalMax: 32767,
    prefiltering: '',
    samplesPerRecord: sampleRate,
    sampleRate,
    role,
  };
}

const signals = (labels: string[], rate = 256) => labels.map((l, i) => signal(i, l, rate));

describe('default channel mapping', () => {
  it('a 10-10 cap: the Muse sites themselves when present', () => {
    const m = defaultMapping(signals(['Fp1.', 'Af7.', 'Af8.', 'T9..', 'T10.', 'O1..', 'O2..']));
    expect(m).toEqual({ TP9: 'T9..', AF7: 'Af7.', AF8: 'Af8.', TP10: 'T10.' });
    expect(mappedChannels(m)).toEqual(['T9..', 'Af7.', 'Af8.', 'T10.']);
  });

  it('a 10-20 cap: frontal pair in front, temporal sites behind', () => {
    const m = defaultMapping(
      signals(['EEG Fp1', 'EEG Fp2', 'EEG C3', 'EEG T3', 'EEG T4', 'EEG O1', 'EEG O2']),
    );
    expect(m).toEqual({ TP9: 'EEG T3', AF7: 'EEG Fp1', AF8: 'EEG Fp2', TP10: 'EEG T4' });
  });

  it('occipital sites stand in for the back inputs when there are no temporal ones', () => {
    const m = defaultMapping(signals(['F3', 'F4', 'O1', 'O2']));
    expect(m).toEqual({ TP9: 'O1', AF7: 'F3', AF8: 'F4', TP10: 'O2' });
  });

  it('Sleep-EDF: Fpz-Cz in front, Pz-Oz behind, the rest empty', () => {
    const m = defaultMapping([
      signal(0, 'EEG Fpz-Cz', 100),
      signal(1, 'EEG Pz-Oz', 100),
      signal(2, 'EOG horizontal', 100, 'other'),
      signal(3, 'Resp oro-nasal', 1, 'other'),
    ]);
    expect(m).toEqual({ TP9: 'EEG Pz-Oz', AF7: 'EEG Fpz-Cz', AF8: null, TP10: null });
  });

  it('never mixes rates, and falls back to the first EEG signals when no name is known', () => {
    const mixed = [signal(0, 'Fp1', 256), signal(1, 'Fp2', 128), signal(2, 'F8', 256)];
    expect(defaultMapping(mixed)).toMatchObject({ AF7: 'Fp1', AF8: 'F8' });
    const unknown = [signal(0, 'Chan 1', 128), signal(1, 'Chan 2', 256), signal(2, 'Chan 3', 256)];
    expect(mappedChannels(defaultMapping(unknown))).toEqual(['Chan 2', 'Chan 3']);
  });
});

describe('mapping problems', () => {
  const s = [signal(0, 'Fp1', 256), signal(1, 'Fp2', 128)];
  it('says why a mapping cannot play', () => {
    expect(mappingProblem({ TP9: null, AF7: null, AF8: null, TP10: null }, s)).toBe(
      'Choose at least one channel.',
    );
    expect(mappingProblem({ TP9: null, AF7: 'Fp1', AF8: 'Fp2', TP10: null }, s)).toBe(
      'The chosen channels must share one sample rate; found Fp1 at 256 Hz, Fp2 at 128 Hz.',
    );
    expect(mappingProblem({ TP9: null, AF7: 'Fp1', AF8: 'Fp1', TP10: null }, s)).toBeNull();
    expect(mappedChannels({ TP9: null, AF7: 'Fp1', AF8: 'Fp1', TP10: null })).toEqual(['Fp1']);
  });
});

const blobOpen = (path: string) => {
  const bytes = readFileSync(path);
  return async function* () {
    yield new Uint8Array(bytes);
  };
};

describeShared('channel mapping on the shared EDF files', () => {
  it('PhysioNet eegmmidb (64 channels): four mapped channels stream, in Muse order', async () => {
    const file = sharedFile('Quixotte_bci_practical_heyni_boorn_janssen', 'S001R02.edf');
    const whole = await scanRecording('S001R02.edf', blobOpen(file));
    expect(whole.channels).toHaveLength(64);
    expect(needsChannelMapping(whole)).toBe(true);
    const { scan, mapping } = await scanWithMapping('S001R02.edf', blobOpen(file));
    expect(mapping).toEqual({ TP9: 'T9..', AF7: 'Af7.', AF8: 'Af8.', TP10: 'T10.' });
    expect(scan.channels).toEqual(['T9..', 'Af7.', 'Af8.', 'T10.']);
    expect(scan.sampleRate).toBe(160);
    // A choice of the user's replaces the suggestion.
    const chosen = await scanWithMapping('S001R02.edf', blobOpen(file), {
      TP9: 'O1..',
      AF7: null,
      AF8: null,
      TP10: 'O2..',
    });
    expect(chosen.scan.channels).toEqual(['O1..', 'O2..']);
  });

  it('Sleep-EDF PSG: Fpz-Cz and Pz-Oz; a Muse recording is left as it is', async () => {
    const file = sharedFile('the-siesta-group_edfio', 'short_psg.edf');
    const { scan, mapping } = await scanWithMapping('short_psg.edf', blobOpen(file));
    expect(mapping).toEqual({ TP9: 'EEG Pz-Oz', AF7: 'EEG Fpz-Cz', AF8: null, TP10: null });
    expect(scan.channels).toEqual(['EEG Pz-Oz', 'EEG Fpz-Cz']);
    expect(mappableSignals(scan).map((s) => s.label)).toContain('EOG horizontal');
    const csv = sharedFile('mad-lab-fau_BioPsyKit');
    const name = readdirSync(csv).find((f) => f.endsWith('.csv')) as string;
    const museCsv = await scanWithMapping(name, blobOpen(`${csv}/${name}`));
    expect(museCsv.mapping).toBeNull();
    expect(museCsv.scan.channels).toEqual(['TP9', 'AF7', 'AF8', 'TP10']);
  });
});

describe('OpenBCI boards in the picker', () => {
  const cyton =
    '%OpenBCI Raw EXG Data\n%Number of channels = 8\n%Sample Rate = 250 Hz\n' +
    'Sample Index, ' +
    Array.from({ length: 8 }, (_, c) => `EXG Channel ${c}`).join(', ') +
    ', Timestamp\n' +
    Array.from(
      { length: 500 },
      (_, i) =>
        `${i % 256}, ${Array.from({ length: 8 }, (_, c) => c * 10 + i).join(', ')}, ${1.7e9 + i / 250}\n`,
    ).join('');
  const open = () =>
    (async function* () {
      yield new TextEncoder().encode(cyton);
    })();

  it('an 8-channel Cyton opens on its first four channels; a choice streams those, all eight stay listed', async () => {
    const { scan, mapping } = await scanWithMapping('OpenBCI-RAW.txt', open);
    expect(mapping).toEqual({
      TP9: 'EXG Channel 2',
      AF7: 'EXG Channel 0',
      AF8: 'EXG Channel 1',
      TP10: 'EXG Channel 3',
    });
    expect(scan.channels).toEqual(['EXG Channel 2', 'EXG Channel 0', 'EXG Channel 1', 'EXG Channel 3']);
    const chosen = await scanWithMapping('OpenBCI-RAW.txt', open, {
      TP9: 'EXG Channel 6',
      AF7: 'EXG Channel 0',
      AF8: null,
      TP10: 'EXG Channel 7',
    });
    expect(chosen.scan.channels).toEqual(['EXG Channel 6', 'EXG Channel 0', 'EXG Channel 7']);
    expect(mappableSignals(chosen.scan).map((s) => s.label)).toHaveLength(8);
    expect(mappableSignals(chosen.scan)[0]).toEqual({ label: 'EXG Channel 0', sampleRate: 250, role: 'eeg' });
  });
});
