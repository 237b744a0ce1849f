/**
 * Events: reading events files (JSON, JSON Lines, gzipped or not, streamed) and adapting vendor shapes
 * (evtx_dump Windows JSON) to the flat events the engine matches.
 */
export { adaptEvent, isEvtxShape } from './adapt.js';
export {
  readEvents,
  formatOf,
  DEFAULT_MAX_RECORD_BYTES,
  type EventRecord,
  type EventFileFormat,
  type ReadEventsOptions,
} from './read-events.js';
