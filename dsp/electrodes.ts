/**
 * Electrode sites by name, as recordings label them: Muse streams say `AF7`, EDF files `EEG AF7` (the signal-type
 * prefix EDF+ recommends), PhysioNet pads labels with dots (`Af7.`). The detectors and indices look sites up
 * here so that an EDF of a Muse session is read like the session itself.
 */

/** Lower case, without the "EEG " type prefix, spaces and trailing dots. */
export function normalizeLabel(label: string): string {
  return label
    .trim()
    .toLowerCase()
    .replace(/^eeg\s+/, '')
    .replace(/\.+$/, '')
    .replace(/\s+/g, '');
}

/** Position of the 10-20 site `site` (e.g. 'AF7') among `channels`, by {@link normalizeLabel}; -1 if absent. */
export function electrodeIndex(channels: readonly string[], site: string): number {
  const want = normalizeLabel(site);
  return channels.findIndex((c) => normalizeLabel(c) === want);
}
