import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * The nearest folder above this module holding the demo shop: the repository when run from source, the
 * package's folder when run from the installed bundle (which keeps the same layout).
 */
function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'demo', 'index.html'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, '../../../../..');
  }
}

const repoRoot = findRoot(path.dirname(fileURLToPath(import.meta.url)));

export const staticRoots = {
  widget: path.join(repoRoot, 'packages/widget/dist'),
  console: path.join(repoRoot, 'packages/console/dist'),
  demo: path.join(repoRoot, 'demo'),
};

/** The widget, the console (a single-page app) and the demo shop, served by the same node. */
export async function staticRoutes(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, {
    root: staticRoots.widget,
    prefix: '/widget/',
    decorateReply: true,
    // This instance's reply.sendFile also serves the console's index.html: only the widget's own files are public.
    setHeaders: (res, file) => {
      if (file.startsWith(staticRoots.widget + path.sep)) res.setHeader('Access-Control-Allow-Origin', '*');
    },
  });
  app.get('/widget.js', (_request, reply) =>
    reply
      .header('Access-Control-Allow-Origin', '*')
      .header('Cache-Control', 'public, max-age=300')
      .sendFile('widget.js'),
  );
  await app.register(fastifyStatic, { root: staticRoots.demo, prefix: '/demo/', decorateReply: false });
  if (existsSync(staticRoots.console)) {
    // wildcard: false registers one route per built file, leaving `/console/*` free for the client routes.
    await app.register(fastifyStatic, {
      root: staticRoots.console,
      prefix: '/console/',
      decorateReply: false,
      wildcard: false,
    });
    // A missing built file is a 404, not the app's page under a script's name.
    app.get('/console/assets/*', (_request, reply) => reply.callNotFound());
    app.get('/console/*', (_request, reply) => reply.sendFile('index.html', staticRoots.console));
  }
  app.get('/console', (_request, reply) => reply.redirect('/console/'));
  app.get('/', (_request, reply) => reply.redirect('/demo/'));
}
