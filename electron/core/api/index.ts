/** The contract, in one import: operations, jobs and their results, the worker protocol. */
export * from './jobs';
export * from './worker-protocol';
export * from './parse-message';
export * from './operations';
