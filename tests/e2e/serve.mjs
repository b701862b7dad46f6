// A tiny static server for the end-to-end tests: serves dist/ under a sub-path (/voronka/app/)
// as a static host would, so the tests prove the bundle uses relative URLs only; a file's
// pre-compressed copy (.br, .gz) goes to a browser that accepts it.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? 'dist');
const port = Number(process.argv[3] ?? 4173);
const base = '/voronka/app/';
// Tests want every load fresh; SERVE_CACHE=1 lets the browser cache (and keep the compiled
// wasm), as a static host does for a returning user.
const cache = process.env.SERVE_CACHE ? 'public, max-age=3600' : 'no-store';
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
};

createServer(async (req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  if (url.pathname === '/' || url.pathname === base.slice(0, -1)) {
    res.writeHead(302, { location: base });
    return res.end();
  }
  if (!url.pathname.startsWith(base)) {
    res.writeHead(404);
    return res.end('not found');
  }
  let rel = normalize(decodeURIComponent(url.pathname.slice(base.length))).replace(/^(\.\.[/\\])+/, '');
  if (rel === '' || rel === '.') rel = 'index.html';
  const file = join(root, rel);
  try {
    if (!(await stat(file)).isFile()) throw new Error('not a file');
    const headers = { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': cache, vary: 'accept-encoding' };
    // The build's pre-compressed copy when the browser accepts it, as a static host serves it.
    const accepts = String(req.headers['accept-encoding'] ?? '');
    for (const [encoding, ext] of [['br', '.br'], ['gzip', '.gz']]) {
      if (!accepts.includes(encoding)) continue;
      const packed = await readFile(file + ext).catch(() => null);
      if (packed) {
        res.writeHead(200, { ...headers, 'content-encoding': encoding });
        return res.end(packed);
      }
    }
    res.writeHead(200, headers);
    res.end(await readFile(file));
  } catch {
    res.writeHead(404);
    res.end('not found');
  }
}).listen(port, '127.0.0.1', () => console.log(`serving ${root} at http://127.0.0.1:${port}${base}`));
