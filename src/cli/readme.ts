import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../config.js';

/**
 * Replaces the text between `<!-- NAME:start -->` and `<!-- NAME:end -->` in README.md, so the
 * measured figures there always come from a command. Returns false (and changes nothing) when the
 * README or its markers are missing.
 */
export function writeReadmeSection(name: string, body: string, path = resolve(PROJECT_ROOT, 'README.md')): boolean {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  let readme: string;
  try {
    readme = readFileSync(path, 'utf8');
  } catch {
    return false;
  }
  const a = readme.indexOf(start);
  const b = readme.indexOf(end);
  if (a < 0 || b < a) return false;
  writeFileSync(path, `${readme.slice(0, a + start.length)}\n${body.trim()}\n${readme.slice(b)}`);
  return true;
}
