import { describe, expect, it } from 'vitest';
import { artifactDetectorFor } from '../../../dsp/flagged-band-powers.ts';
import { electrodeIndex, normalizeLabel } from '../../../dsp/electrodes.ts';
import { indexLayout } from '../../../dsp/indices.ts';
import { MIND_MONITOR_BANDS } from '../../../dsp/bands.ts';

describe('electrode lookup', () => {
  it('finds a site however a recording labels it', () => {
    expect(normalizeLabel(' EEG Af7.. ')).toBe('af7');
    expect(electrodeIndex(['EEG TP9', 'EEG AF7', 'EEG AF8', 'EEG TP10'], 'AF8')).toBe(2);
    expect(electrodeIndex(['TP9', 'AF7'], 'AF7')).toBe(1);
    expect(electrodeIndex(['Fp1.', 'Af7.'], 'AF7')).toBe(1);
    expect(electrodeIndex(['EEG Fpz-Cz', 'EEG Pz-Oz'], 'AF7')).toBe(-1);
    // A bipolar derivation is not the electrode itself.
    expect(electrodeIndex(['EEG AF7-AF8'], 'AF7')).toBe(-1);
  });

  it('gives an EDF of a Muse session its blink/jaw detector and frontal asymmetry', () => {
    const edf = ['EEG TP9', 'EEG AF7', 'EEG AF8', 'EEG TP10'];
    expect(artifactDetectorFor(256, edf, 50)).not.toBeNull();
    expect(artifactDetectorFor(256, ['EEG O1', 'EEG O2'], 50)).toBeNull();
    const layout = indexLayout(edf, MIND_MONITOR_BANDS);
    expect([layout.af7, layout.af8]).toEqual([1, 2]);
  });
});
