import type { Compilable } from 'kysely';
import type { Queryable } from './connection.ts';

type Slot = { argument: number } | { value: unknown };

/**
 * A read built with Kysely once and sent as a named prepared statement: PostgreSQL parses and plans it once per
 * pooled connection, and the node neither builds nor compiles the query again. For the reads of every opened
 * conversation (routing's), where building the query cost the node more CPU than the round trip.
 *
 * The query is built with a placeholder for each argument; each placeholder is then found among the compiled
 * parameters, so the statement's text is Kysely's own (the same SQL as the shared path) and its other parameters
 * (the query's constants) stay as compiled. An argument that does not end up as a parameter fails at once.
 */
export class PreparedQuery<Args extends readonly unknown[], Row> {
  private readonly text: string;
  private readonly slots: Slot[];

  constructor(
    private readonly pool: Queryable,
    /** Unique per statement text: a pooled connection keeps each name's statement until it closes. */
    private readonly name: string,
    arity: Args['length'],
    build: (...args: Args) => Compilable<Row>,
  ) {
    const placeholders = Array.from({ length: arity }, (_, i) => `\u0000argument ${i}\u0000`);
    const compiled = build(...(placeholders as unknown as Args)).compile();
    this.text = compiled.sql;
    this.slots = compiled.parameters.map((value) => {
      const argument = placeholders.indexOf(value as string);
      return argument < 0 ? { value } : { argument };
    });
    for (let i = 0; i < arity; i++) {
      if (!this.slots.some((slot) => 'argument' in slot && slot.argument === i)) {
        throw new Error(`${name}: argument ${i} is not a parameter of the compiled query`);
      }
    }
  }

  async rows(...args: Args): Promise<Row[]> {
    const values = this.slots.map((slot) => ('argument' in slot ? args[slot.argument] : slot.value));
    const { rows } = await this.pool.query<Row & object>({ name: this.name, text: this.text, values });
    return rows;
  }
}
