/** The intersection of a union's members: every part's methods on one object. */
type AllOf<U> = (U extends unknown ? (part: U) => void : never) extends (all: infer I) => void ? I : never;

/** An object with the methods of each of `parts`, as the class built by `composedOf` constructs it. */
export type Composed<Parts> = AllOf<Parts[keyof Parts]>;

/** Method names of an instance: those of its class and the classes it extends, not `Object`'s. */
function methodNames(part: object): string[] {
  const names: string[] = [];
  for (let proto = Object.getPrototypeOf(part); proto && proto !== Object.prototype; ) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name !== 'constructor' && typeof proto[name] === 'function') names.push(name);
    }
    proto = Object.getPrototypeOf(proto);
  }
  return names;
}

/**
 * A base class whose instances answer every method of the parts they are given, each bound to its part: one
 * implementation per concept, composed instead of forwarded method by method. A method the subclass defines
 * itself (an adapter's hot path) is left as the subclass's. Two parts may not share a method name: that would
 * make the composition depend on their order, so it fails at construction.
 */
export function composedOf<Parts extends object>(): new (parts: Parts) => Composed<Parts> {
  return class {
    constructor(parts: Parts) {
      const owners = new Map<string, string>();
      for (const [concept, part] of Object.entries(parts) as [string, object][]) {
        for (const name of methodNames(part)) {
          const other = owners.get(name);
          if (other !== undefined) throw new Error(`${name} is in both ${other} and ${concept}`);
          owners.set(name, concept);
          if (name in this) continue;
          const method = (part as Record<string, (...args: unknown[]) => unknown>)[name]!;
          Object.defineProperty(this, name, { value: method.bind(part), writable: true, configurable: true });
        }
      }
    }
  } as unknown as new (
    parts: Parts,
  ) => Composed<Parts>;
}
