import { describe, expect, it } from 'vitest';
import { composedOf } from './compose.ts';

class Counter {
  private count = 0;
  increment(): number {
    return ++this.count;
  }
}

class Greeter {
  greet(name: string): string {
    return `Hello ${name}`;
  }
}

class LoudGreeter extends Greeter {
  shout(name: string): string {
    return this.greet(name).toUpperCase();
  }
}

describe('composedOf', () => {
  it("answers every part's methods, inherited ones included, each bound to its part", () => {
    const Both = composedOf<{ counter: Counter; greeter: LoudGreeter }>();
    const both = new Both({ counter: new Counter(), greeter: new LoudGreeter() });
    const { increment } = both;
    expect(increment()).toBe(1);
    expect(both.increment()).toBe(2);
    expect(both.greet('Ann')).toBe('Hello Ann');
    expect(both.shout('Ann')).toBe('HELLO ANN');
  });

  it("leaves a method the subclass defines as the subclass's", () => {
    class Polite extends composedOf<{ greeter: Greeter }>() {
      override greet(name: string): string {
        return `Good morning ${name}`;
      }
    }
    expect(new Polite({ greeter: new Greeter() }).greet('Ann')).toBe('Good morning Ann');
  });

  it('refuses two parts with the same method', () => {
    const Clash = composedOf<{ one: Greeter; two: LoudGreeter }>();
    expect(() => new Clash({ one: new Greeter(), two: new LoudGreeter() })).toThrow(
      'greet is in both one and two',
    );
  });
});
