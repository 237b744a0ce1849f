/**
 * Event adapter: one parsed JSON value in, the flat Event the engine matches against out (semantics §7 point 3).
 *
 * - Not a JSON object (null, array, primitive) → `null`; the reader reports it as EVENT_MALFORMED.
 * - Flat or nested JSON objects that are not in the evtx_dump shape are returned AS THEY ARE (same object;
 *   dotted field names are resolved into nested objects by engine/field.ts).
 * - The evtx_dump shape `{"Event": {"System": {...}, "EventData": {...} | null | "text", "UserData": {...}}}` is
 *   flattened into ONE new object; the input is never mutated. Values are never converted (numbers stay numbers,
 *   strings stay strings: `"EventID": "1116"` stays a string, the engine compares numerically).
 *
 * One "element" rule is applied to every child `<Name>` of System, EventData and of each UserData element:
 *   - a primitive, null or array value → `<Name>: value`;
 *   - an object with `#text` → `<Name>: #text` (e.g. `EventID: {#attributes: {Qualifiers: 0}, #text: 600}` → 600);
 *   - its `#attributes` → `<Name>_<Attr>` (`EventID_Qualifiers`, `Provider_Name`, `Execution_ProcessID`,
 *     `TimeCreated_SystemTime`, `Security_UserID`, `Correlation_ActivityID`, EventData `ComplexData_Name`);
 *     `xmlns` / `xmlns:*` attributes are namespace noise and are skipped everywhere;
 *   - an object with ONLY `#attributes` (System `Provider`, `Execution`…) → only the `<Name>_<Attr>` fields;
 *   - any other object (nested elements, e.g. UserData certificate chains) → `<Name>: object` unchanged, so dotted
 *     lookups such as `CertificateChain.TrustStatus` still work.
 * Unnamed `<Data>` elements (`"Data": {"#text": [...]}` or a single string) → field `Data` (the array or the string).
 * EventData names with spaces (`Threat Name`) also get a de-spaced alias (`ThreatName`), see writeDespacedAliases.
 * `EventData` that is a bare string → field `EventData`; null → nothing. Attributes of the EventData / UserData
 * containers and of each UserData element → `EventData_<Attr>` / `UserData_<Attr>` / `<Element>_<Attr>`
 * (e.g. `EventData_Name: "EVENT_HIVE_LEAK"`). UserData fields sit one level deeper: `UserData.<Element>.<Name>` →
 * `<Name>`. Other children of `Event` (`RenderingInfo`, `ProcessingErrorData`…) are kept nested under their name;
 * keys beside `Event` at the top level are kept too. Neither overwrites a field already set.
 *
 * Collisions: System is written first, then EventData, then UserData; a later writer overwrites an earlier one
 * (payload names such as Sysmon's `Version` are what rules mean), EXCEPT for the identity fields `EventID`,
 * `Channel`, `Provider_Name` and `Computer`: when System gives them a non-null value it wins. Reason: the log-source
 * conditions (`Channel`, `EventID`, `Provider_Name`) must describe the record itself, e.g. Security 1102 and
 * System 104 carry `UserData.LogFileCleared.Channel` = the CLEARED channel, which must not move the event to that
 * channel.
 *
 * Cost: one output object per evtx event, `for…in` walks (no Object.entries arrays), no copies of values.
 */
import type { Event } from '../engine/event.js';

type JsonObject = Record<string, unknown>;

const hasOwn = Object.prototype.hasOwnProperty;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for `{"Event": {"System": {...}, ...}}`, the evtx_dump JSON shape. */
export function isEvtxShape(raw: unknown): boolean {
  if (!isObject(raw) || !hasOwn.call(raw, 'Event')) return false;
  const event = raw['Event'];
  return isObject(event) && hasOwn.call(event, 'System') && isObject(event['System']);
}

/** The engine's view of one parsed JSON record; `null` when it is not a JSON object. */
export function adaptEvent(raw: unknown): Event | null {
  if (!isObject(raw)) return null;
  if (!isEvtxShape(raw)) return raw;
  return flattenEvtx(raw);
}

function isIdentityField(name: string): boolean {
  return name === 'EventID' || name === 'Channel' || name === 'Provider_Name' || name === 'Computer';
}

function isNamespaceAttribute(name: string): boolean {
  return name.startsWith('xmlns');
}

/** Assign without letting a `__proto__` key change the prototype of `out`. */
function assign(out: JsonObject, name: string, value: unknown): void {
  if (name === '__proto__') {
    Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
  } else {
    out[name] = value;
  }
}

/** Writer for EventData / UserData: overwrites System except for identity fields System already set. */
function assignPayload(out: JsonObject, name: string, value: unknown): void {
  if (isIdentityField(name)) {
    const current = out[name];
    if (current !== undefined && current !== null) return;
  }
  assign(out, name, value);
}

function assignIfAbsent(out: JsonObject, name: string, value: unknown): void {
  if (!hasOwn.call(out, name)) assign(out, name, value);
}

type Writer = (out: JsonObject, name: string, value: unknown) => void;

function writeAttributes(out: JsonObject, prefix: string, attributes: unknown, write: Writer): void {
  if (!isObject(attributes)) return;
  for (const attr in attributes) {
    if (!isNamespaceAttribute(attr)) write(out, `${prefix}_${attr}`, attributes[attr]);
  }
}

/** The element rule of the header comment, for one child `<name>` of System, EventData or a UserData element. */
function writeElement(out: JsonObject, name: string, value: unknown, write: Writer): void {
  if (!isObject(value)) {
    write(out, name, value);
    return;
  }
  const hasText = hasOwn.call(value, '#text');
  const hasAttributes = hasOwn.call(value, '#attributes');
  if (hasAttributes) writeAttributes(out, name, value['#attributes'], write);
  if (hasText) write(out, name, value['#text']);
  else if (!hasAttributes || hasOtherKeys(value)) write(out, name, value);
}

function hasOtherKeys(value: JsonObject): boolean {
  for (const key in value) if (key !== '#attributes' && key !== '#text') return true;
  return false;
}

function writeChildren(out: JsonObject, container: JsonObject, write: Writer): void {
  for (const name in container) {
    if (name === '#attributes') continue;
    writeElement(out, name, container[name], write);
  }
}

function writeEventData(out: JsonObject, eventData: unknown): void {
  if (eventData === null || eventData === undefined) return;
  if (!isObject(eventData)) {
    assignPayload(out, 'EventData', eventData);
    return;
  }
  writeAttributes(out, 'EventData', eventData['#attributes'], assignPayload);
  writeChildren(out, eventData, assignPayload);
  writeDespacedAliases(out, eventData);
}

/**
 * Some providers (Windows Defender, a few others) name EventData fields with spaces (`Threat Name`), while Sigma
 * rules name them without (`ThreatName`), as the Windows log shippers and SigmaHQ's own tooling do. Each such field
 * also gets its de-spaced name, unless a field of that name already exists (a real field always wins).
 */
function writeDespacedAliases(out: JsonObject, eventData: JsonObject): void {
  for (const name in eventData) {
    if (!name.includes(' ')) continue;
    const alias = name.replace(/ /g, '');
    if (alias !== '' && !hasOwn.call(out, alias) && hasOwn.call(out, name)) assign(out, alias, out[name]);
  }
}

function writeUserData(out: JsonObject, userData: unknown): void {
  if (!isObject(userData)) {
    if (userData !== null && userData !== undefined) assignPayload(out, 'UserData', userData);
    return;
  }
  writeAttributes(out, 'UserData', userData['#attributes'], assignPayload);
  for (const element in userData) {
    if (element === '#attributes') continue;
    const content = userData[element];
    if (!isObject(content) || hasOwn.call(content, '#text')) {
      writeElement(out, element, content, assignPayload);
      continue;
    }
    writeAttributes(out, element, content['#attributes'], assignPayload);
    writeChildren(out, content, assignPayload);
  }
}

function flattenEvtx(raw: JsonObject): Event {
  const event = raw['Event'] as JsonObject;
  const out: JsonObject = {};
  writeChildren(out, event['System'] as JsonObject, assign);
  writeEventData(out, event['EventData']);
  writeUserData(out, event['UserData']);
  for (const name in event) {
    if (name !== 'System' && name !== 'EventData' && name !== 'UserData' && name !== '#attributes') {
      assignIfAbsent(out, name, event[name]);
    }
  }
  for (const name in raw) if (name !== 'Event') assignIfAbsent(out, name, raw[name]);
  return out;
}
