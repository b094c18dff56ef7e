import { errorCodeList } from '../errors.ts';
import { protocolVersion } from '../protocol-version.ts';
import { type HttpRoute, httpRoutes } from './http-routes.ts';
import { type JsonSchema, JsonSchemas } from './json-schemas.ts';

const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

function operationId(route: HttpRoute): string {
  const words = route.path
    .replace(/^\/v1\//, '')
    .split(/[/.-]/)
    .filter((part) => part && !part.startsWith(':'));
  return [route.method.toLowerCase(), ...words.map((w) => w[0]!.toUpperCase() + w.slice(1))].join('');
}

/** A file's raw bytes, as a request or answer body. */
const fileBytes = { type: 'string', contentMediaType: 'application/octet-stream' };

function security(route: HttpRoute) {
  if (route.access === 'public') return [];
  if (route.access === 'session') return [{ session: [] }];
  if (route.access === 'visitor') return [{ visitorCredential: [] }];
  return [{ session: [] }, { apiToken: [route.access] }];
}

function parameters(route: HttpRoute, schemas: JsonSchemas) {
  const path = [...route.path.matchAll(/:(\w+)/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string', minLength: 1, maxLength: 64 },
  }));
  if (!route.query) return path;
  const query = schemas.of(route.query, 'input', `${operationId(route)}.query`);
  const properties = (query.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((query.required ?? []) as string[]);
  return [
    ...path,
    ...Object.entries(properties).map(([name, schema]) => ({
      name,
      in: 'query',
      required: required.has(name),
      schema,
    })),
  ];
}

function operation(route: HttpRoute, schemas: JsonSchemas) {
  const id = operationId(route);
  const status = String(route.status ?? 200);
  const success =
    route.bytes === 'download'
      ? { description: route.summary, content: { 'application/octet-stream': { schema: fileBytes } } }
      : route.response
        ? {
            description: route.summary,
            content: {
              'application/json': { schema: schemas.of(route.response, 'output', `${id}.response`) },
            },
          }
        : { description: route.summary };
  return {
    operationId: id,
    summary: route.summary,
    tags: [
      route.access === 'public' || route.access === 'session' || route.access === 'visitor'
        ? route.access
        : route.access.split(':')[0],
    ],
    security: security(route),
    'x-beckon-access': route.access,
    parameters: parameters(route, schemas),
    ...(route.bytes === 'upload' && {
      requestBody: { required: true, content: { 'application/octet-stream': { schema: fileBytes } } },
    }),
    ...(route.body && {
      requestBody: {
        required: true,
        content: { 'application/json': { schema: schemas.of(route.body, 'input', `${id}.body`) } },
      },
    }),
    responses: {
      [status]: success,
      default: {
        description: 'An error, with a stable code (docs/errors.md).',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      },
    },
  };
}

/** The HTTP API as an OpenAPI 3.1 document, built from the route catalogue and the protocol's zod schemas. */
export function openApiDocument(): Record<string, unknown> {
  const schemas = new JsonSchemas('draft-2020-12');
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of httpRoutes) {
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(route, schemas) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Beckon HTTP API',
      version: `v1 (realtime protocol ${protocolVersion})`,
      description:
        'Console users authenticate with the session cookie; integrations with `Authorization: Bearer <API token>`, ' +
        'reaching only the routes of the token scopes (`x-beckon-access`). Errors are `{ error: { code, message } }`.',
    },
    paths,
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'beckon_session' },
        apiToken: { type: 'http', scheme: 'bearer', description: 'An API token created by an admin.' },
        visitorCredential: {
          type: 'http',
          scheme: 'bearer',
          description: "`<visitor id>.<secret>`, what the widget keeps from its socket's welcome.",
        },
      },
      schemas: {
        ...schemas.components,
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', enum: errorCodeList },
                message: { type: 'string' },
                details: {},
              },
            },
          },
        },
      },
    },
  };
}
