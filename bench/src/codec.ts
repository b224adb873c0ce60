/**
 * `varToBytes`/`bytesToVar` on a game-state payload against msgpackr and JSON on the same
 * logical data, and @gd-com/utils on the part of it that it can encode; then every other payload
 * shape (small inputs, non-ASCII chat, int-keyed Dictionaries, bulk packed arrays) beside
 * msgpackr, with the ratio.
 */
import { bytesToVar, varToBytes } from '@pp/core';
import * as gdCom from '@gd-com/utils';
import { Packr } from 'msgpackr';
import { payloadShapes } from './codec-shapes.js';
import { godotGameState, plainGameState, reducedGameState } from './game-state.js';
import { measure, printTable, ratio, type Case, type Result } from './measure.js';

export function codecBench(): void {
  const godot = godotGameState();
  const plain = plainGameState();
  const reduced = reducedGameState();

  const ppBytes = varToBytes(godot);
  const packr = new Packr({ useRecords: false });
  const packrRecords = new Packr({ useRecords: true });
  const msgBytes = packr.pack(plain);
  const msgRecordBytes = packrRecords.pack(plain);
  const json = JSON.stringify(plain);
  const jsonBytes = Buffer.byteLength(json);
  const gdBytes = gdCom.putVar(reduced);
  const ppReducedBytes = varToBytes(reduced as never);

  console.log(
    `payload sizes: @pp ${ppBytes.length} B, msgpackr ${msgBytes.length} B (records ${msgRecordBytes.length} B), ` +
      `JSON ${jsonBytes} B, reduced payload: @pp ${ppReducedBytes.length} B, @gd-com/utils ${gdBytes.length} B`,
  );

  const encode: Case[] = [
    { name: '@pp varToBytes', run: () => varToBytes(godot), bytes: ppBytes.length },
    { name: 'msgpackr pack', run: () => packr.pack(plain), bytes: msgBytes.length },
    { name: 'msgpackr pack (records)', run: () => packrRecords.pack(plain), bytes: msgRecordBytes.length, note: 'msgpackr-only format' },
    { name: 'JSON.stringify', run: () => JSON.stringify(plain), bytes: jsonBytes },
    { name: '@pp varToBytes, reduced', run: () => varToBytes(reduced as never), bytes: ppReducedBytes.length, note: 'reduced payload' },
    { name: '@gd-com/utils putVar, reduced', run: () => gdCom.putVar(reduced), bytes: gdBytes.length, note: 'reduced payload; not valid Godot 4 bytes' },
  ];
  const encoded = measure(encode);
  printTable('encode: game state (tick + 16 players)', encoded);

  const decode: Case[] = [
    { name: '@pp bytesToVar', run: () => bytesToVar(ppBytes), bytes: ppBytes.length },
    { name: 'msgpackr unpack', run: () => packr.unpack(msgBytes), bytes: msgBytes.length },
    { name: 'msgpackr unpack (records)', run: () => packrRecords.unpack(msgRecordBytes), bytes: msgRecordBytes.length, note: 'msgpackr-only format' },
    { name: 'JSON.parse', run: () => JSON.parse(json) as unknown, bytes: jsonBytes },
    { name: '@pp bytesToVar, reduced', run: () => bytesToVar(ppReducedBytes), bytes: ppReducedBytes.length, note: 'reduced payload' },
    { name: '@gd-com/utils getVar, reduced', run: () => gdCom.getVar(Buffer.from(gdBytes)), bytes: gdBytes.length, note: 'reduced payload' },
  ];
  const decoded = measure(decode);
  printTable('decode: game state (tick + 16 players)', decoded);
  printRatios('game state', encoded, decoded);

  for (const shape of payloadShapes()) shapeBench(shape.name, shape.godot, shape.plain, packr);
}

/** @pp beside msgpackr on one shape, both ways. */
function shapeBench(name: string, godot: Parameters<typeof varToBytes>[0], plain: unknown, packr: Packr): void {
  const ppBytes = varToBytes(godot).slice();
  const msgBytes = packr.pack(plain);
  const encode: Case[] = [
    { name: '@pp varToBytes', run: () => varToBytes(godot), bytes: ppBytes.length },
    { name: 'msgpackr pack', run: () => packr.pack(plain), bytes: msgBytes.length },
  ];
  const decode: Case[] = [
    { name: '@pp bytesToVar', run: () => bytesToVar(ppBytes), bytes: ppBytes.length },
    { name: 'msgpackr unpack', run: () => packr.unpack(msgBytes), bytes: msgBytes.length },
  ];
  if (ppBytes.length > 1 << 16) {
    // The floor of a copying decode: the same result (a new typed array of the elements),
    // written by hand with no Variant format around it.
    const elements = plain as Float32Array;
    const Elements = elements.constructor as new (buffer: ArrayBufferLike, offset: number, length: number) => Float32Array;
    const header = ppBytes.length - elements.byteLength;
    decode.push(
      { name: '@pp bytesToVar, packedArrayViews', run: () => bytesToVar(ppBytes, { packedArrayViews: true }), bytes: ppBytes.length, note: 'zero-copy views of the input' },
      { name: 'memcpy reference (Uint8Array.slice)', run: () => ppBytes.slice(), bytes: ppBytes.length, note: 'one copy of the bytes' },
      {
        name: 'floor: one copy into a typed array',
        run: () => new Elements(ppBytes.slice(header).buffer, 0, elements.length),
        bytes: ppBytes.length,
        note: 'raw code, same result as the default decode',
      },
    );
  }
  const e = measure(encode);
  const d = measure(decode);
  console.log(`\n${name}: @pp ${ppBytes.length} B, msgpackr ${msgBytes.length} B`);
  printTable(`encode: ${name}`, e);
  printTable(`decode: ${name}`, d);
  printRatios(name, e, d, d.length > 2);
}

/**
 * The figures the targets are stated in: @pp over msgpackr (rows 0 and 1 of each table), and for
 * bulk shapes the zero-copy row over msgpackr and the default decode over one memcpy.
 */
function printRatios(name: string, encode: Result[], decode: Result[], bulk = false): void {
  let line = `  => ${name}: @pp / msgpackr ${ratio(encode[0], encode[1])} encode, ${ratio(decode[0], decode[1])} decode`;
  if (bulk) {
    line += `; with packedArrayViews ${ratio(decode[2], decode[1])} decode; default decode / memcpy ${ratio(decode[0], decode[3])}`;
    line += ` (floor: raw one-copy decode / memcpy ${ratio(decode[4], decode[3])})`;
  }
  console.log(line);
}
