export * from './types';
export * from './trace';
export { TraceBuilder, emptySpanColumns } from './trace-builder';
export { toJson, fromJson, parseSession } from './serialize';
export { newSession, saveSession, loadSession, writeFileAtomic } from './session';
