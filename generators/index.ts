/**
 * Public surface of the generators: re-exports only.
 * templates/: realistic, fully populated events per log source as fast-check arbitraries.
 */
export * from './templates/index.js';
