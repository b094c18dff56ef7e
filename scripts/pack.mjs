// `npm run pack`: the installable package. The server and its command line are bundled into one file with the
// workspace packages inside; every npm dependency stays a real dependency (native ones such as better-sqlite3
// and @node-rs/argon2 are built for the installing machine), pinned to the version the lockfile installed. The
// built widget and console and the demo shop sit beside it in the layout the server looks for.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stage = path.join(root, '.pack', 'beckon');
const readJson = (file) => JSON.parse(readFileSync(path.join(root, file), 'utf8'));

for (const built of ['packages/widget/dist', 'packages/console/dist']) {
  if (!existsSync(path.join(root, built))) throw new Error(`${built} is missing: run npm run build first.`);
}

const dependencies = {};
for (const dir of ['packages/server', 'packages/protocol', 'packages/rules']) {
  for (const name of Object.keys(readJson(`${dir}/package.json`).dependencies ?? {})) {
    if (name.startsWith('@beckon/')) continue;
    // The version installed for that workspace: its own node_modules first, else the hoisted one.
    const own = `${dir}/node_modules/${name}/package.json`;
    dependencies[name] = readJson(
      existsSync(path.join(root, own)) ? own : `node_modules/${name}/package.json`,
    ).version;
  }
}

rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
await build({
  entryPoints: [path.join(root, 'packages/server/src/cli/main.ts')],
  outfile: path.join(stage, 'dist/beckon.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: Object.keys(dependencies),
  banner: { js: '#!/usr/bin/env node' },
  legalComments: 'none',
  logLevel: 'warning',
});
// The build stamps only tell a clone's `npm start` whether to rebuild.
const notStamp = (source) => path.basename(source) !== '.build-stamp';
for (const built of ['packages/widget/dist', 'packages/console/dist']) {
  cpSync(path.join(root, built), path.join(stage, built), { recursive: true, filter: notStamp });
}
cpSync(path.join(root, 'demo'), path.join(stage, 'demo'), { recursive: true });
cpSync(path.join(root, 'README.md'), path.join(stage, 'README.md'));

const rootManifest = readJson('package.json');
const manifest = {
  name: 'beckon',
  version: rootManifest.version,
  description: rootManifest.description,
  license: rootManifest.license,
  type: 'module',
  engines: rootManifest.engines,
  bin: { beckon: 'dist/beckon.mjs' },
  files: ['dist', 'packages', 'demo', 'README.md'],
  dependencies: Object.fromEntries(Object.entries(dependencies).sort(([a], [b]) => a.localeCompare(b))),
};
writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
const out = path.join(root, '.pack');
const [packed] = JSON.parse(
  execFileSync('npm', ['pack', '--json', '--pack-destination', out], { cwd: stage, encoding: 'utf8' }),
);
process.stdout.write(`${path.join(out, packed.filename)}\n`);
