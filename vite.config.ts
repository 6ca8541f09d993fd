import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const port = Number(process.env.PORT ?? 5173);

export default defineConfig({
  plugins: [react()],
  // Relative asset paths: dist/ runs from any static server and any sub-path.
  base: './',
  server: { port, strictPort: true },
  preview: { port, strictPort: true },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 1500 },
  optimizeDeps: { include: ['muse-js', 'fili', 'fft.js'] },
});
