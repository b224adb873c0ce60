/**
 * `varToBytes`/`bytesToVar` on a game-state payload against msgpackr and JSON on the same
 * logical data, and @gd-com/utils on the part of it that it can encode.
 */
import { bytesToVar, varToBytes } from '@pp/core';
import * as gdCom from '@gd-com/utils';
import { Packr } from 'msgpackr';
import { godotGameState, plainGameState, reducedGameState } from './game-state.js';
import { measure, printTable, type Case } from './measure.js';

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
  printTable('encode: game state (tick + 16 players)', measure(encode));

  const decode: Case[] = [
    { name: '@pp bytesToVar', run: () => bytesToVar(ppBytes), bytes: ppBytes.length },
    { name: 'msgpackr unpack', run: () => packr.unpack(msgBytes), bytes: msgBytes.length },
    { name: 'msgpackr unpack (records)', run: () => packrRecords.unpack(msgRecordBytes), bytes: msgRecordBytes.length, note: 'msgpackr-only format' },
    { name: 'JSON.parse', run: () => JSON.parse(json) as unknown, bytes: jsonBytes },
    { name: '@pp bytesToVar, reduced', run: () => bytesToVar(ppReducedBytes), bytes: ppReducedBytes.length, note: 'reduced payload' },
    { name: '@gd-com/utils getVar, reduced', run: () => gdCom.getVar(Buffer.from(gdBytes)), bytes: gdBytes.length, note: 'reduced payload' },
  ];
  printTable('decode: game state (tick + 16 players)', measure(decode));
}
