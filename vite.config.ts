import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './src/app/csp.ts';

const port = Number(process.env.PORT ?? 5173);

/** The built app carries its CSP in a meta tag, so it holds on any static server; preview also sends it as a header. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'neurosleep-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  // Relative asset paths: dist/ runs from any static server and any sub-path.
  base: './',
  server: { port, strictPort: true },
  preview: { port, strictPort: true, headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 1500 },
  optimizeDeps: { include: ['muse-js', 'fili', 'fft.js'] },
});
