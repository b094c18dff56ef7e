export { type BeckonNode, type BeckonOptions, createBeckon } from './app.ts';
export { type Config, loadConfig } from './config.ts';
export type { Clock } from './ports/clock.ts';
export type { Store } from './ports/store.ts';
