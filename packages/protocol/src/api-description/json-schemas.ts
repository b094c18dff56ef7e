import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;
export type SchemaDialect = 'draft-2020-12' | 'draft-7';

/**
 * zod's own JSON Schema output, gathered for one document: OpenAPI 3.1 reads draft 2020-12, AsyncAPI's default
 * schema format draft 7. Bodies are described as sent (input), answers and frames from the server as returned
 * (output); what JSON Schema cannot say (a refinement, a transform) is left out rather than failing the document.
 * Shared and recursive parts (`$defs`, e.g. the rule condition tree) move to `components.schemas` under the
 * schema's name, since a `#/$defs` reference inside a document would point at the document's root.
 */
export class JsonSchemas {
  readonly components: Record<string, JsonSchema> = {};

  constructor(private readonly dialect: SchemaDialect) {}

  of(schema: z.ZodType, io: 'input' | 'output', name: string): JsonSchema {
    const {
      $schema: _dialect,
      $defs,
      ...root
    } = z.toJSONSchema(schema, { target: this.dialect, io, unrepresentable: 'any' }) as JsonSchema;
    const local = (ref: string) => `#/components/schemas/${name}${ref === '#' ? '' : `.${ref.slice(8)}`}`;
    const rewrite = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(rewrite);
      if (!value || typeof value !== 'object') return value;
      return Object.fromEntries(
        Object.entries(value).map(([key, inner]) => [
          key,
          key === '$ref' && typeof inner === 'string' && inner.startsWith('#')
            ? local(inner)
            : rewrite(inner),
        ]),
      );
    };
    for (const [def, body] of Object.entries(($defs ?? {}) as Record<string, unknown>))
      this.components[`${name}.${def}`] = rewrite(body) as JsonSchema;
    const rewritten = rewrite(root) as JsonSchema;
    // A schema that refers to itself (`#`) becomes a component of its own, referred to by name.
    if (JSON.stringify(root).includes('"$ref":"#"')) {
      this.components[name] = rewritten;
      return { $ref: `#/components/schemas/${name}` };
    }
    return rewritten;
  }
}
