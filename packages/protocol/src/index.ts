export * from './agent-frames.ts';
export * from './context.ts';
export * from './entities.ts';
export * from './errors.ts';
export * from './http.ts';
export * from './limits.ts';
export * from './rule.ts';
export * from './visitor-frames.ts';
