/**
 * The table of contents of a zip (its central directory), read as JSZip reads it, and the compressed bytes of
 * one entry. Used by the package check (./pakketControle: sizes and methods before anything is inflated) and by
 * ./zip (a part that goes unchanged into a new archive keeps its compressed bytes). Pure, browser-safe.
 *
 * The zip format's own reader: fflate reads whole archives or streams entries, but gives neither the directory
 * without inflating nor an entry's compressed bytes with its CRC.
 */

/** The archive is cut off or its structure does not hold (a signature or an offset is wrong). */
export class OnvolledigeZip extends Error {
  constructor() {
    super("onvolledig zip-archief");
    this.name = "OnvolledigeZip";
  }
}

/** The directory has more entries than the reader was asked to accept. */
export class TeVeelOnderdelen extends Error {
  constructor(readonly aantal: number) {
    super(`${aantal} onderdelen`);
    this.name = "TeVeelOnderdelen";
  }
}

/** One entry of the central directory. */
export interface ZipItem {
  readonly naam: string;
  /** General purpose bit flag (bit 0: encrypted). */
  readonly vlaggen: number;
  /** 0 stored, 8 deflate. */
  readonly methode: number;
  /** CRC-32 of the uncompressed content. */
  readonly crc: number;
  readonly gecomprimeerd: number;
  readonly uitgepakt: number;
  /** Offset of the entry's local header. */
  readonly lokaal: number;
}

const ZIP = {
  lokaal: 0x04034b50,
  centraal: 0x02014b50,
  eind: 0x06054b50,
  eind64: 0x06064b50,
  zoeker64: 0x07064b50,
};
const namen = new TextDecoder("utf-8");

/** Little-endian reads within the bytes; anything outside them means the archive is incomplete. */
export class ZipLezer {
  private readonly dv: DataView;
  constructor(readonly data: Uint8Array) {
    this.dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }
  private binnen(p: number, n: number): void {
    if (p < 0 || p + n > this.data.length) throw new OnvolledigeZip();
  }
  u16(p: number): number {
    this.binnen(p, 2);
    return this.dv.getUint16(p, true);
  }
  u32(p: number): number {
    this.binnen(p, 4);
    return this.dv.getUint32(p, true);
  }
  u64(p: number): number {
    this.binnen(p, 8);
    return Number(this.dv.getBigUint64(p, true));
  }
}

/** The end record, searched from the end as JSZip does (it may be followed by a comment of up to 64 kB). */
function zoekEinde(l: ZipLezer): { aantal: number; begin: number } {
  const d = l.data;
  for (let p = d.length - 22; p >= Math.max(0, d.length - 22 - 0xffff); p--) {
    if (d[p] !== 0x50 || l.u32(p) !== ZIP.eind) continue;
    let aantal = l.u16(p + 10);
    let begin = l.u32(p + 16);
    if (aantal === 0xffff || l.u32(p + 12) === 0xffffffff || begin === 0xffffffff) {
      // Zip64: the locator sits just before the end record and points to the zip64 end record.
      if (l.u32(p - 20) !== ZIP.zoeker64) throw new OnvolledigeZip();
      const e64 = l.u64(p - 12);
      if (l.u32(e64) !== ZIP.eind64) throw new OnvolledigeZip();
      aantal = l.u64(e64 + 32);
      begin = l.u64(e64 + 48);
    }
    return { aantal, begin };
  }
  throw new OnvolledigeZip();
}

type Maten = Pick<ZipItem, "uitgepakt" | "gecomprimeerd" | "lokaal">;

/** Zip64 extra field (id 1): the 64-bit values of the sizes and offset that are 0xFFFFFFFF, in this order. */
function zip64(l: ZipLezer, p: number, lengte: number, maten: Maten): Maten {
  let { uitgepakt, gecomprimeerd, lokaal } = maten;
  for (let q = p; q + 4 <= p + lengte;) {
    const id = l.u16(q);
    const n = l.u16(q + 2);
    if (id === 1) {
      let r = q + 4;
      const lees = (v: number) => {
        if (v !== 0xffffffff) return v;
        const w = l.u64(r);
        r += 8;
        return w;
      };
      uitgepakt = lees(uitgepakt);
      gecomprimeerd = lees(gecomprimeerd);
      lokaal = lees(lokaal);
    }
    q += 4 + n;
  }
  return { uitgepakt, gecomprimeerd, lokaal };
}

/**
 * The central directory: every entry while the signature holds (as JSZip reads it).
 * @throws TeVeelOnderdelen past `grens` entries (declared or read); OnvolledigeZip for a broken structure.
 */
export function zipInhoud(l: ZipLezer, grens = Number.POSITIVE_INFINITY): ZipItem[] {
  const einde = zoekEinde(l);
  if (einde.aantal > grens) throw new TeVeelOnderdelen(einde.aantal);
  const items: ZipItem[] = [];
  let p = einde.begin;
  while (p + 4 <= l.data.length && l.u32(p) === ZIP.centraal) {
    const naamLengte = l.u16(p + 28);
    const extraLengte = l.u16(p + 30);
    const naam = namen.decode(l.data.subarray(p + 46, p + 46 + naamLengte));
    const maten = zip64(l, p + 46 + naamLengte, extraLengte, {
      gecomprimeerd: l.u32(p + 20),
      uitgepakt: l.u32(p + 24),
      lokaal: l.u32(p + 42),
    });
    items.push({ naam, vlaggen: l.u16(p + 8), methode: l.u16(p + 10), crc: l.u32(p + 16), ...maten });
    if (items.length > grens) throw new TeVeelOnderdelen(items.length);
    p += 46 + naamLengte + extraLengte + l.u16(p + 32);
  }
  if (items.length === 0 && einde.aantal > 0) throw new OnvolledigeZip();
  return items;
}

/** The compressed data of an entry (after its local header). */
export function ruweGegevens(l: ZipLezer, it: ZipItem): Uint8Array {
  if (l.u32(it.lokaal) !== ZIP.lokaal) throw new OnvolledigeZip();
  const begin = it.lokaal + 30 + l.u16(it.lokaal + 26) + l.u16(it.lokaal + 28);
  if (begin + it.gecomprimeerd > l.data.length) throw new OnvolledigeZip();
  return l.data.subarray(begin, begin + it.gecomprimeerd);
}

/** The pieces (of an inflated part, of a written archive) as one array; a single piece as it is. */
export function aaneen(stukken: readonly Uint8Array[]): Uint8Array {
  if (stukken.length === 1 && stukken[0]) return stukken[0];
  const uit = new Uint8Array(stukken.reduce((n, s) => n + s.length, 0));
  let plek = 0;
  for (const s of stukken) {
    uit.set(s, plek);
    plek += s.length;
  }
  return uit;
}
