/**
 * Preloaded into `npm run build:index` by process.test.ts (`node --import tsx --import <this>`):
 * the build kills itself with SIGKILL the moment it starts writing chunks.json into its temporary
 * folder, i.e. with vectors.hnsw already written there and meta.json not yet: a crash mid-write.
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const writeFileSync = fs.writeFileSync;
fs.writeFileSync = (file, ...rest) => {
  if (/\.tmp-\d+-\d+[\\/]chunks\.json$/.test(String(file))) process.kill(process.pid, 'SIGKILL');
  return writeFileSync(file, ...rest);
};
syncBuiltinESMExports();
