export * from './conformance/runner.ts';
export * from './conformance/transcript.ts';
export * from './conformance/transcripts.ts';
export * from './fake-clock.ts';
export * from './http-client.ts';
export * from './invitation-arms.ts';
export * from './realtime-client.ts';
export * from './visitor-simulator.ts';
