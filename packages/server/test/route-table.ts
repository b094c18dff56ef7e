/**
 * `METHOD /path` for every route in Fastify's `printRoutes({ commonPrefix: false })` tree (HEAD mirrors GET, so it
 * is left out).
 */
export function registeredRoutes(tree: string): string[] {
  const routes: string[] = [];
  const parents: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+) \(([A-Z, ]+)\)$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    const parent = parents[depth - 1] ?? '';
    const path = depth === 0 ? match[2]! : parent === '/' ? `/${match[2]}` : `${parent}${match[2]}`;
    parents[depth] = path;
    parents.length = depth + 1;
    for (const method of match[3]!.split(', ')) if (method !== 'HEAD') routes.push(`${method} ${path}`);
  }
  return routes;
}
