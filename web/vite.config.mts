import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import AutoImport from 'unplugin-auto-import/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import Components from 'unplugin-vue-components/vite';
import { defineConfig } from 'vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/**
 * The workbench (工作台): built into dist/web, which the NestJS service serves at `/`. Element Plus is
 * imported on demand (components and their CSS), so the first route stays small; no CDN anywhere.
 */
export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [
    vue(),
    AutoImport({ resolvers: [ElementPlusResolver()], dts: here('src/auto-imports.d.ts') }),
    Components({ resolvers: [ElementPlusResolver()], dts: here('src/components.d.ts'), dirs: [] }),
  ],
  // `@server/*`: the service's pure rules shared with the page (USCC check, money parsing), never copied.
  resolve: { alias: { '@': here('src'), '@server': here('../src/common') } },
  build: {
    outDir: here('../dist/web'),
    emptyOutDir: true,
    // One chunk for ECharts, loaded only by the pages with charts.
    chunkSizeWarningLimit: 1200,
  },
  // `npm run dev:web` beside `npm run start:dev`: the page on :5173, the API proxied to :3000.
  server: { proxy: { '/api': 'http://localhost:3000', '/admin/queues': 'http://localhost:3000' } },
});
