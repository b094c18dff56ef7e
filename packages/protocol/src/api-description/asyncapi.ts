import type { z } from 'zod';
import { agentClientFrameSchema, agentServerFrameSchema } from '../agent-frames.ts';
import { protocolVersion } from '../protocol-version.ts';
import { visitorClientFrameSchema, visitorServerFrameSchema } from '../visitor-frames.ts';
import { JsonSchemas } from './json-schemas.ts';

interface FrameUnion {
  options: readonly z.ZodType[];
}

/** Each frame of a union with its literal `type`: the frame parser's own schemas, so nothing is copied. */
export function frameTypes(union: FrameUnion): { type: string; schema: z.ZodType }[] {
  return union.options.map((schema) => {
    const shape = (schema as unknown as { shape: { type: { value: string } } }).shape;
    return { type: shape.type.value, schema };
  });
}

/** The two sockets, each with the frames a client sends and the frames the server sends. */
export const sockets = {
  visitor: {
    address: '/v1/visitor',
    description:
      "The widget's socket: `?key=WIDGET_KEY`, from a page of one of the widget's allowed origins.",
    client: visitorClientFrameSchema,
    server: visitorServerFrameSchema,
  },
  agent: {
    address: '/v1/agent',
    description: "The console's socket: the session cookie, from the console's origin.",
    client: agentClientFrameSchema,
    server: agentServerFrameSchema,
  },
} as const;

const messageKey = (socket: string, direction: string, type: string) => `${socket}-${direction}-${type}`;

/** The realtime sockets as an AsyncAPI 3.0 document; frame payloads in the JSON Schema dialect AsyncAPI reads. */
export function asyncApiDocument(): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  const schemas = new JsonSchemas('draft-7');
  for (const [name, socket] of Object.entries(sockets)) {
    const channelMessages: Record<string, unknown> = {};
    for (const [direction, union] of [
      ['client', socket.client],
      ['server', socket.server],
    ] as const) {
      const refs: unknown[] = [];
      for (const { type, schema } of frameTypes(union as unknown as FrameUnion)) {
        const key = messageKey(name, direction, type);
        messages[key] = {
          name: type,
          title: `${type} (${direction === 'client' ? 'from the client' : 'from the server'})`,
          contentType: 'application/json',
          payload: schemas.of(schema, direction === 'client' ? 'input' : 'output', key),
        };
        channelMessages[key] = { $ref: `#/components/messages/${key}` };
        refs.push({ $ref: `#/channels/${name}/messages/${key}` });
      }
      // Operations are the server's view: it receives what clients send and sends the rest.
      operations[`${name}-${direction}`] = {
        action: direction === 'client' ? 'receive' : 'send',
        channel: { $ref: `#/channels/${name}` },
        messages: refs,
      };
    }
    channels[name] = { address: socket.address, description: socket.description, messages: channelMessages };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Beckon realtime sockets',
      version: String(protocolVersion),
      description: 'JSON text frames over WebSocket; every frame has a literal `type` (docs/protocol.md).',
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { messages, schemas: schemas.components },
  };
}
