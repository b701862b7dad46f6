// What Trunk runs after each build (Trunk.toml, post_build hook), in order: the split into
// modules and wasm-opt, the service worker with the build's exact file list, then the
// pre-compressed copies (the worker's own included).
import { execFileSync } from 'node:child_process';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? 'dist';
for (const script of ['split.mjs', 'service-worker.mjs', 'compress.mjs']) {
  execFileSync(process.execPath, [new URL(script, import.meta.url).pathname, dir], { stdio: 'inherit' });
}
