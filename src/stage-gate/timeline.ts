// The timeline entry lives in the evidence layer (src/evidence/timeline.ts); re-exported for the callers that
// still import it from here.
export * from '../evidence/timeline.js';
