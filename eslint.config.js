import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Imports go one way: dsp/ is pure maths, scenes/ see scene parameters only. */
const appLayers = ['**/src/**', '../src/*', '../../src/*'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    files: ['**/*.tsx', 'scenes/**/*.ts', 'src/app/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['dsp/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['rxjs', 'rxjs/*', 'react', 'react-dom', 'three', '@react-three/*'],
              message: 'dsp/ is pure maths: no rxjs, React or three.',
            },
            {
              group: [...appLayers, '**/scenes/**', '**/hardware-mocks/**'],
              message: 'dsp/ imports nothing of the app.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator'],
    },
  },
  {
    files: ['scenes/**/*.ts', 'scenes/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...appLayers, '**/dsp/**', '**/hardware-mocks/**', 'muse-js'],
              message: 'Scenes read SceneParams only, never EEG.',
            },
          ],
        },
      ],
    },
  },
);
