#!/usr/bin/env python3
"""Reference values for the dsp/ tests, computed once with scipy and committed.

Run with Debian's scipy (the pyenv python3 on PATH may lack it):

    /usr/bin/python3 tools/reference/make_dsp_fixtures.py

It writes tests/fixtures/dsp-reference.json. The input signals are stored in the JSON (rounded to float32, the
precision Muse samples arrive in), and every reference value is computed from those stored values in float64,
so the TypeScript tests read exactly the inputs scipy saw, provided they load them into a Float32Array. Outputs are rounded to 12 significant digits, far
below every tolerance the tests use, to keep the file small.
"""

import json
import os
import sys
import warnings

import numpy as np
import scipy
from scipy import signal

OUT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'tests', 'fixtures',
                                   'dsp-reference.json'))
SEED = 20240611

# Frequencies (Hz) at which filter magnitude responses are compared, at fs = 256 Hz.
RESPONSE_FREQS = [0.5, 1, 2, 5, 10, 20, 30, 40, 45, 48, 50, 55, 60, 80, 100, 110, 120]

# Mind Monitor / Muse default bands, Hz; bins with low <= f < high belong to a band.
MIND_MONITOR_BANDS = [
    ('delta', 1, 4),
    ('theta', 4, 8),
    ('alpha', 7.5, 13),
    ('beta', 13, 30),
    ('gamma', 30, 44),
]


def r12(values):
    """Rounds to 12 significant digits for a compact file."""
    return [float(f'{v:.12g}') for v in np.asarray(values, dtype=np.float64).ravel()]


def f32(values):
    """Stores float32-rounded values as the shortest decimal that round-trips to the same float32."""
    return [float(np.format_float_positional(v, unique=True)) for v in np.asarray(values, dtype=np.float32)]


def make_signals(rng):
    fs = 256
    t = np.arange(1024) / fs
    eeg_like = (
        800.0
        + 30.0 * np.sin(2 * np.pi * 0.3 * t + 0.4)
        + 15.0 * np.sin(2 * np.pi * 10.0 * t + 1.1)
        + 8.0 * np.sin(2 * np.pi * 6.0 * t + 0.2)
        + 20.0 * np.sin(2 * np.pi * 50.0 * t + 2.0)
        + 5.0 * rng.standard_normal(t.size)
    )
    white = 10.0 * rng.standard_normal(1000)
    # Round to float32, then compute everything from the rounded values in float64.
    return {
        'eeg_like': {'fs': fs, 'x': np.float32(eeg_like).astype(np.float64)},
        'white250': {'fs': 250, 'x': np.float32(white).astype(np.float64)},
    }


def filter_designs(fs):
    designs = {
        'highpass1': signal.butter(4, 1.0, btype='highpass', fs=fs, output='sos'),
        'lowpass45': signal.butter(4, 45.0, btype='lowpass', fs=fs, output='sos'),
        'notch50': signal.tf2sos(*signal.iirnotch(50.0, 30.0, fs=fs)),
        'notch60': signal.tf2sos(*signal.iirnotch(60.0, 30.0, fs=fs)),
    }
    # Mains notch with its harmonics below Nyquist (128 Hz here): 50 + 100 Hz, 60 + 120 Hz.
    designs['notch50h'] = np.vstack([designs['notch50'], signal.tf2sos(*signal.iirnotch(100.0, 30.0, fs=fs))])
    designs['notch60h'] = np.vstack([designs['notch60'], signal.tf2sos(*signal.iirnotch(120.0, 30.0, fs=fs))])
    designs['chain50'] = np.vstack([designs['highpass1'], designs['notch50'], designs['lowpass45']])
    designs['chain60'] = np.vstack([designs['highpass1'], designs['notch60'], designs['lowpass45']])
    return designs


def welch_case(name, sig, fs, **kw):
    length = kw.pop('length', None)
    x = sig['x'][:length]
    window = kw.get('window', 'hann')
    f, p = signal.welch(x, fs=fs, **kw)
    opts = {k: v for k, v in kw.items() if k != 'window'}
    if isinstance(window, str):
        opts['window'] = window
    else:
        opts['window'] = r12(window)
    return {'name': name, 'length': int(x.size), 'options': opts, 'freqs': r12(f), 'psd': r12(p)}


def band_sums(freqs, psd, bands):
    sums = []
    for _, lo, hi in bands:
        mask = (freqs >= lo) & (freqs < hi)
        sums.append(psd[mask].sum())
    sums = np.array(sums)
    return sums


def main():
    # The 'shorter than nperseg' case exercises exactly this documented fallback.
    warnings.filterwarnings('ignore', message='nperseg = .* is greater than input length')
    if not sys.executable.startswith('/usr/bin/'):
        print('warning: expected Debian python3 (/usr/bin/python3) with scipy', file=sys.stderr)
    rng = np.random.default_rng(SEED)
    signals = make_signals(rng)
    eeg = signals['eeg_like']
    white = signals['white250']
    fs = 256

    designs = filter_designs(fs)
    responses = {}
    for name, sos in designs.items():
        _, h = signal.sosfreqz(sos, worN=np.array(RESPONSE_FREQS, dtype=float), fs=fs)
        responses[name] = {'re': r12(h.real), 'im': r12(h.imag), 'mag': r12(np.abs(h))}

    chain = designs['chain50']
    x = eeg['x']
    filtering = {
        'signal': 'eeg_like',
        'design': 'chain50',
        # Causal run from zero state, as BiquadCascade.process after reset().
        'sosfilt': r12(signal.sosfilt(chain, x)),
        # Causal run from the steady state of the first sample (scipy's sosfilt_zi scaled by x[0]).
        'sosfiltSteady': r12(signal.sosfilt(chain, x, zi=signal.sosfilt_zi(chain) * x[0])[0]),
        'sosfiltfilt': r12(signal.sosfiltfilt(chain, x)),
        'sosfiltfiltPad0': r12(signal.sosfiltfilt(chain, x, padlen=0)),
        'sosfiltfiltPad300': r12(signal.sosfiltfilt(chain, x, padlen=300)),
    }

    welch = [
        welch_case('eeg defaults', eeg, fs),
        welch_case('eeg hamming 128/96 no detrend', eeg, fs, window='hamming', nperseg=128, noverlap=96,
                   detrend=False),
        welch_case('white250 nperseg 250 (not a power of two)', white, 250, nperseg=250),
        welch_case('white250 odd nperseg 99', white, 250, nperseg=99, noverlap=33),
        welch_case('white250 tukey window array, nfft 256', white, 250,
                   window=signal.windows.tukey(200, 0.25), noverlap=50, nfft=256),
        welch_case('eeg shorter than nperseg', eeg, fs, length=200),
    ]

    # Single-segment periodograms, as the live engine computes them (Muse: 256-sample Hamming window).
    periodograms = []
    for start, win in [(0, 'hamming'), (100, 'hamming'), (500, 'hann')]:
        seg = x[start:start + 256]
        f, p = signal.periodogram(seg, fs=fs, window=win, detrend='constant', scaling='density')
        periodograms.append({'start': start, 'n': 256, 'window': win, 'freqs': r12(f), 'psd': r12(p)})

    band_powers = []
    for source, freqs, psd in [
        ('welch:eeg defaults', *signal.welch(x, fs=fs)),
        ('periodogram:0', *signal.periodogram(x[0:256], fs=fs, window='hamming')),
    ]:
        sums = band_sums(freqs, psd, MIND_MONITOR_BANDS)
        band_powers.append({
            'source': source,
            'sums': r12(sums),
            'absolute': r12(np.log10(sums)),
            'relative': r12(sums / sums.sum()),
        })

    out = {
        'generator': 'tools/reference/make_dsp_fixtures.py',
        'scipy': scipy.__version__,
        'numpy': np.__version__,
        'seed': SEED,
        'signals': {k: {'fs': v['fs'], 'x': f32(v['x'])} for k, v in signals.items()},
        'filters': {
            'fs': fs,
            'freqs': RESPONSE_FREQS,
            'designs': {
                'highpass1': {'type': 'butter', 'order': 4, 'btype': 'highpass', 'cutoff': 1.0},
                'lowpass45': {'type': 'butter', 'order': 4, 'btype': 'lowpass', 'cutoff': 45.0},
                'notch50': {'type': 'iirnotch', 'f0': 50.0, 'Q': 30.0},
                'notch60': {'type': 'iirnotch', 'f0': 60.0, 'Q': 30.0},
                'notch50h': {'type': 'cascade', 'of': ['notch50', 'iirnotch f0=100 Q=30']},
                'notch60h': {'type': 'cascade', 'of': ['notch60', 'iirnotch f0=120 Q=30']},
                'chain50': {'type': 'cascade', 'of': ['highpass1', 'notch50', 'lowpass45']},
                'chain60': {'type': 'cascade', 'of': ['highpass1', 'notch60', 'lowpass45']},
            },
            'responses': responses,
        },
        'filtering': filtering,
        'welch': welch,
        'periodogram': periodograms,
        'bands': [{'name': n, 'lowHz': lo, 'highHz': hi} for n, lo, hi in MIND_MONITOR_BANDS],
        'bandPowers': band_powers,
    }
    # The stored signal, read back as float32 (Float32Array in the tests), must be exactly what scipy saw.
    for k, v in signals.items():
        assert np.array_equal(np.array(out['signals'][k]['x'], dtype=np.float32).astype(np.float64), v['x']), k
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, 'w') as fh:
        json.dump(out, fh, separators=(',', ':'))
        fh.write('\n')
    print(f'wrote {OUT} ({os.path.getsize(OUT)} bytes)')


if __name__ == '__main__':
    main()
