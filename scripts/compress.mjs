// Writes pre-compressed copies of a build's text and wasm files (`.br` at brotli quality 11,
// `.gz` at gzip -9) next to them, for static hosts that serve a file's compressed copy to
// browsers that accept it (nginx `gzip_static`/`brotli_static`, Netlify, Cloudflare Pages…).
// `node scripts/compress.mjs DIR`; run after each build by scripts/post-build.mjs.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? 'dist';
const compressible = /\.(wasm|js|css|html|svg|json|webmanifest)$/;
const walk = (d) => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
let count = 0;
for (const file of walk(dir).filter((f) => compressible.test(f))) {
  const data = readFileSync(file);
  writeFileSync(`${file}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
  count += 1;
}
console.log(`compressed copies: ${count} files (.br and .gz)`);
