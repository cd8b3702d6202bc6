// `npm start` runs this first (the `prestart` script): compiles src/ into dist/ with
// tsconfig.build.json when dist/ is missing or older than any file of src/ or the tsconfig files;
// `npm run build` runs it with --force (always compiles).
// Plain JavaScript, so that it needs neither tsx nor a build of its own.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const dist = join(root, 'dist');
const stamp = join(dist, '.built');

/** Newest modification time (ms) of a file or of every file under a folder. */
function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
}

const sources = Math.max(newest(join(root, 'src')), newest(join(root, 'tsconfig.json')), newest(join(root, 'tsconfig.build.json')));
const force = process.argv.includes('--force');
if (!force && existsSync(stamp) && statSync(stamp).mtimeMs >= sources) process.exit(0);

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  process.stderr.write(
    `error: ${existsSync(stamp) ? 'dist/ is older than src/' : 'dist/ has not been built'} and TypeScript is not installed: run \`npm ci\` (with dev dependencies) and \`npm run build\`, or copy a dist/ built elsewhere\n`,
  );
  process.exit(1);
}
process.stderr.write(`compiling src/ into dist/ (${force ? 'npm run build' : existsSync(stamp) ? 'src/ changed' : 'first start'}) …\n`);
rmSync(dist, { recursive: true, force: true }); // files of deleted sources go too
const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (result.status !== 0) {
  process.stderr.write('error: compiling src/ failed (see above): fix the error, or run `npm run build` to see it again\n');
  process.exit(1);
}
writeFileSync(stamp, `${new Date().toISOString()}\n`);
