import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer: built to out/renderer with relative asset paths (loaded from app://neurosketch/ in
// Electron and from the loopback server in the browser host). Everything is bundled: no CDN, no
// remote fonts.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
});
