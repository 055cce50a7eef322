// A stage's evidence views live in the evidence layer (src/evidence/stage-views.ts); re-exported for the callers
// that still import them from here.
export * from '../evidence/stage-views.js';
