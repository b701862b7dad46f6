// The split step of a build (Trunk's post_build hook, before the service worker and the
// compressed copies): when the linked wasm holds split points (cargo feature `split`,
// src/ui/lazy.rs), cuts it into the main module and one module per view with
// `wasm-split-cli`, runs wasm-bindgen again on the main module into Trunk's hashed file names,
// names every module after the build (so that a tab of an older build never fetches a newer
// module), and runs `wasm-opt -Oz` on each. A release build without split points is only
// optimized. Trunk's own wasm-opt is off (index.html: `data-wasm-opt="0"`): nothing is
// optimized twice. Every wasm build links with `--emit-relocs` (.cargo/config.toml), which the
// split needs; the relocations are gone from every file this writes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// `node scripts/split.mjs --strip-relocs FILE` only drops a wasm's relocations (size-floor.sh).
const stripOnly = process.argv[2] === '--strip-relocs' ? process.argv[3] : undefined;
const staging = (stripOnly ? undefined : process.argv[2]) ?? process.env.TRUNK_STAGING_DIR ?? 'dist';
const profile = process.env.TRUNK_PROFILE ?? 'release';
const targetDir = process.env.CARGO_TARGET_DIR ?? 'target';
const linked = join(targetDir, 'wasm32-unknown-unknown', profile, 'voronka.wasm');
// The features the wasm may use, as the browsers Voronka supports have them.
const features = [
  '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue',
];

if (stripOnly) {
  writeFileSync(stripOnly, withoutRelocations(readFileSync(stripOnly)));
  process.exit(0);
}

const glue = readdirSync(staging).find((f) => /^voronka-[0-9a-f]+\.js$/.test(f));
if (!glue) throw new Error(`split: no voronka-<hash>.js in ${staging}`);
const stem = glue.slice(0, -'.js'.length);
const run = (tool, args) => execFileSync(tool, args, { stdio: ['ignore', 'ignore', 'inherit'] });
const optimize = (file) => run('wasm-opt', ['-Oz', ...features, '--strip-debug', '--strip-producers', file, '-o', file]);

/** The custom sections (`reloc.*`, `linking`) a relocatable link leaves, dropped from a wasm. */
function withoutRelocations(bytes) {
  const out = [bytes.subarray(0, 8)];
  let at = 8;
  while (at < bytes.length) {
    const start = at;
    const id = bytes[at++];
    let size = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[at++];
      size |= (b & 0x7f) << shift;
      if (b < 0x80) break;
    }
    const end = at + size;
    let drop = false;
    if (id === 0) {
      let len = 0;
      let p = at;
      for (let shift = 0; ; shift += 7) {
        const b = bytes[p++];
        len |= (b & 0x7f) << shift;
        if (b < 0x80) break;
      }
      const name = bytes.subarray(p, p + len).toString('latin1');
      drop = name.startsWith('reloc.') || name === 'linking';
    }
    if (!drop) out.push(bytes.subarray(start, end));
    at = end;
  }
  return Buffer.concat(out);
}

const input = readFileSync(linked);
const split = input.includes(Buffer.from('__wasm_split_placeholder__'));
if (!split) {
  if (profile === 'release') {
    const wasm = join(staging, `${stem}_bg.wasm`);
    writeFileSync(wasm, withoutRelocations(readFileSync(wasm)));
    optimize(wasm);
  }
  console.log('split: no split points, one module');
} else {
  const work = mkdtempSync(join(tmpdir(), 'voronka-split-'));
  run('wasm-split-cli', [linked, work, '--target', 'web', '--out-name', stem]);
  // The main module through wasm-bindgen again, over Trunk's files of the same names.
  run('wasm-bindgen', [
    '--target', 'web', '--keep-lld-exports', '--no-typescript',
    '--out-dir', staging, '--out-name', stem, join(work, `${stem}.wasm`),
  ]);
  optimize(join(staging, `${stem}_bg.wasm`));
  // Each split module and chunk named after the build, the loader with them.
  let loader = readFileSync(join(work, '__wasm_split.js'), 'utf8');
  const modules = readdirSync(work).filter((f) => f.endsWith('.wasm') && f !== `${stem}.wasm`);
  for (const file of modules) {
    const named = `${stem}-${file}`;
    loader = loader.replaceAll(`"./${file}"`, `"./${named}"`);
    renameSync(join(work, file), join(staging, named));
    optimize(join(staging, named));
  }
  const loaderName = `${stem}-split.js`;
  writeFileSync(join(staging, loaderName), loader);
  // Only the glue's `import … from` names the file; the imports object keeps the wasm's own
  // module name ("./__wasm_split.js") as its key.
  const glueText = readFileSync(join(staging, glue), 'utf8');
  const importLine = /^(import \* as \w+ from )(["'])\.\/__wasm_split\.js\2/gm;
  if (!importLine.test(glueText)) throw new Error('split: the glue does not import ./__wasm_split.js');
  writeFileSync(join(staging, glue), glueText.replace(importLine, `$1$2./${loaderName}$2`));
  // The loader is imported by the glue: fetched beside it, not a round trip after it.
  const page = join(staging, 'index.html');
  const html = readFileSync(page, 'utf8');
  const glueLink = `<link rel="modulepreload" href="./${glue}" crossorigin="anonymous">`;
  if (!html.includes(glueLink)) throw new Error('split: index.html has no modulepreload of the glue');
  writeFileSync(page, html.replace(glueLink, `${glueLink}\n<link rel="modulepreload" href="./${loaderName}" crossorigin="anonymous">`));
  rmSync(work, { recursive: true, force: true });
  console.log(`split: main module and ${modules.length} others (${modules.filter((m) => m.startsWith('split_')).join(', ')})`);
}
