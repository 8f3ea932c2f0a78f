// Part (g) of `make bench`: the photo pipeline (issue 11) on 200 camera photos.
//
// The sample site is copied with 200 more camera-size JPEGs in content/anh/bench/:
// the sample's own 4,000 px photos, each copied until there are 200, every copy made
// distinct by a trailer after the JPEG's end marker (decoders ignore it, the content
// hash does not), so each is decoded, turned upright, resized and encoded for real.
// `bantin build` runs into an empty output folder with an empty photo cache (a full
// build), then again with nothing changed (which must encode nothing). Wall time and
// peak memory (maximum resident set size) come from /usr/bin/time.

import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cpus, loadavg } from 'node:os';

export const PHOTOS_SECTION = '## Photos (issue 11)';

function timed(bantin, args, env) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', bantin, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`bantin ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  const [secs, kb] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  const encoded = /ảnh: (\d+), mã hóa (\d+)/.exec(r.stdout);
  return { secs, mb: kb / 1024, photos: encoded ? Number(encoded[1]) : NaN, encoded: encoded ? Number(encoded[2]) : NaN };
}

/** Runs the photo bench in `work`; returns the section's markdown lines. */
export function benchPhotos({ root, bantin, work, count = 200 }) {
  const dir = path.join(work, 'photos');
  rmSync(dir, { recursive: true, force: true });
  const content = path.join(dir, 'content');
  cpSync(path.join(root, 'content'), content, { recursive: true });
  const anh = path.join(content, 'anh');
  const sources = readdirSync(anh).filter((f) => f.endsWith('.jpg'));
  mkdirSync(path.join(anh, 'bench'));
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const src = readFileSync(path.join(anh, sources[i % sources.length]));
    const copy = Buffer.concat([src, Buffer.from(`bantin-bench-${i}`)]);
    bytes += copy.length;
    writeFileSync(path.join(anh, 'bench', `anh-${String(i).padStart(3, '0')}.jpg`), copy);
  }
  const out = path.join(dir, 'out');
  const env = { BANTIN_CACHE_DIR: path.join(dir, 'cache') };
  const args = ['build', '--content', content, '--out', out];
  const load = loadavg()[0];
  const full = timed(bantin, args, env);
  const again = timed(bantin, args, env);
  const total = full.photos;
  console.log(`bench: photos: full ${full.secs} s, ${full.mb.toFixed(0)} MB, ${full.encoded} encoded; again ${again.secs} s, ${again.mb.toFixed(0)} MB, ${again.encoded} encoded`);
  if (again.encoded !== 0) throw new Error(`a rebuild with no change encoded ${again.encoded} photos`);
  rmSync(dir, { recursive: true, force: true });
  return [
    PHOTOS_SECTION,
    '',
    `${count} camera JPEGs (4,000 px wide, ${(bytes / 2 ** 20).toFixed(0)} MB in all) added to the sample site's ${total - count} photos; each is`,
    'turned upright and written at 360, 720, 1,200 and 1,600 px in WebP and JPEG without metadata',
    `(\`crates/build/src/photos.rs\`), on up to 4 threads. Measured by \`make bench\` (\`scripts/bench/photos.mjs\`)`,
    `on ${new Date().toISOString().replace(/\.\d+Z$/, ' UTC')}, ${cpus().length} cores, 1-minute load average ${load.toFixed(1)} at the start.`,
    '',
    '| build | photos encoded | wall time | peak memory |',
    '|---|---:|---:|---:|',
    `| full (empty output, empty photo cache) | ${full.encoded} of ${total} | ${full.secs.toFixed(1)} s | ${full.mb.toFixed(0)} MB |`,
    `| again, nothing changed | ${again.encoded} of ${total} | ${again.secs.toFixed(1)} s | ${again.mb.toFixed(0)} MB |`,
    '',
  ];
}

/** `doc` with its photo section replaced by `lines` (or added before the WebAssembly section). */
export function splicePhotos(doc, lines) {
  const text = lines.join('\n');
  const start = doc.indexOf(`\n${PHOTOS_SECTION}\n`);
  if (start >= 0) {
    const next = doc.indexOf('\n## ', start + 1);
    return `${doc.slice(0, start + 1)}${text}${next >= 0 ? doc.slice(next) : '\n'}`;
  }
  const wasm = doc.indexOf('\n## WebAssembly: what takes the bytes');
  if (wasm >= 0) return `${doc.slice(0, wasm + 1)}${text}\n${doc.slice(wasm)}`;
  return `${doc.trimEnd()}\n\n${text}`;
}
