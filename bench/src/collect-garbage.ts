/**
 * A full garbage collection on demand, for memory figures, without starting node with
 * `--expose-gc`: `rounds` collections, so that what finalisers freed is collected too.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export function collectGarbage(rounds = 3): void {
  for (let i = 0; i < rounds; i++) gc();
}
