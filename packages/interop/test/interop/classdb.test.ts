/**
 * The committed ClassDB fixture is what Godot 4.6 says today: the unit tests that check @pp's
 * names, constants and defaults against it are only as true as this comparison.
 */
import { expect, it } from 'vitest';
import { GODOT_NETWORK_CLASSES, dumpGodot4ClassDb, godot4ClassDb } from '../../src/index.js';
import { describeWithGodot4 } from '../../src/vitest.js';

describeWithGodot4('Godot 4.6 ClassDB fixture', () => {
  it('matches a fresh dump from the engine, class by class', async () => {
    const live = await dumpGodot4ClassDb();
    const fixture = godot4ClassDb();
    expect(live.engine).toBe(fixture.engine);
    expect(live.missing).toEqual([]);
    expect(Object.keys(live.classes).sort()).toEqual([...GODOT_NETWORK_CLASSES].sort());
    for (const name of GODOT_NETWORK_CLASSES) expect(live.classes[name], name).toEqual(fixture.classes[name]);
    expect(live.errorStrings).toEqual(fixture.errorStrings);
  }, 90_000);
});
