/** An ENet packet (`ENetPacket`): the payload bytes and the `PacketFlag`s it travels with. */
export class Packet {
  constructor(
    /** The payload bytes. */
    readonly data: Uint8Array,
    /** `PacketFlag` bits (`RELIABLE`, `UNSEQUENCED`, `UNRELIABLE_FRAGMENT`). */
    readonly flags: number,
  ) {}
}
