/**
 * The chat's messages: Godot Dictionaries sent with `put_var`, so a GDScript client reads them
 * with `get_var()` and `msg["type"]`. Client → server: `join`, `say`. Server → clients:
 * `welcome`, `joined`, `said`, `left`.
 */
import { Dictionary, type Variant } from '@pp/core';

export type ClientMessage =
  | { type: 'join'; name: string }
  | { type: 'say'; text: string };

export type ServerMessage =
  | { type: 'welcome'; id: number; users: Dictionary }
  | { type: 'joined'; id: number; name: string }
  | { type: 'said'; id: number; name: string; text: string }
  | { type: 'left'; id: number; name: string };

/** Longest name and line the server accepts (longer ones are cut). */
export const MAX_NAME = 32;
export const MAX_TEXT = 500;

/** Reads a client's message; `undefined` for anything that is not one. */
export function readClientMessage(value: Variant): ClientMessage | undefined {
  if (!(value instanceof Dictionary)) return undefined;
  const type = value.get('type');
  if (type === 'join') {
    const name = value.get('name');
    return typeof name === 'string' ? { type: 'join', name } : undefined;
  }
  if (type === 'say') {
    const text = value.get('text');
    return typeof text === 'string' ? { type: 'say', text } : undefined;
  }
  return undefined;
}

/** Reads a server's message (for Node clients); `undefined` for anything else. */
export function readServerMessage(value: Variant): ServerMessage | undefined {
  if (!(value instanceof Dictionary)) return undefined;
  const fields = Object.fromEntries([...value].map(([k, v]) => [String(k), v]));
  switch (fields['type']) {
    case 'welcome':
      return fields['users'] instanceof Dictionary ? { type: 'welcome', id: Number(fields['id']), users: fields['users'] } : undefined;
    case 'joined':
      return { type: 'joined', id: Number(fields['id']), name: String(fields['name']) };
    case 'left':
      return { type: 'left', id: Number(fields['id']), name: String(fields['name']) };
    case 'said':
      return { type: 'said', id: Number(fields['id']), name: String(fields['name']), text: String(fields['text']) };
    default:
      return undefined;
  }
}
