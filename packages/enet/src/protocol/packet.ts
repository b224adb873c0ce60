/** An ENet packet (`ENetPacket`): the payload bytes and the `PacketFlag`s it travels with. */
export class Packet {
  constructor(
    readonly data: Uint8Array,
    readonly flags: number,
  ) {}
}
