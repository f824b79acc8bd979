/**
 * The bundle cache of `opgave bundel haal --cache MAP`: a folder that is at the same time a mirror of the feed.
 * It holds `bundel.json` and `bundel.json.sig` exactly as received (serve the folder and it is a feed again) and
 * `opgave-cache.json` with where and when they were fetched. Each file is written safely (./veiligSchrijven:
 * temporary file, fsync, rename); the small metadata file is written last, so an interrupted write leaves
 * either the previous state or a hash mismatch that BundelBeheer refuses (it then uses the embedded data).
 */
import fs from "fs";
import path from "path";
import type { BundelOpslag, OpgeslagenBundel } from "../data/opslag";
import { schrijfVeilig } from "./veiligSchrijven";

const BUNDEL = "bundel.json";
const HANDTEKENING = "bundel.json.sig";
const META = "opgave-cache.json";

export function bestandOpslag(map: string): BundelOpslag {
  const pad = (naam: string) => path.join(map, naam);
  return {
    naam: `map ${map}`,
    lees: async () => {
      if (!fs.existsSync(pad(META))) return undefined;
      const meta = JSON.parse(fs.readFileSync(pad(META), "utf8")) as Omit<
        OpgeslagenBundel,
        "tekst" | "handtekening"
      >;
      return {
        ...meta,
        tekst: fs.readFileSync(pad(BUNDEL), "utf8"),
        handtekening: fs.readFileSync(pad(HANDTEKENING), "utf8"),
      };
    },
    schrijf: async (x) => {
      fs.mkdirSync(map, { recursive: true });
      const { tekst, handtekening, ...meta } = x;
      const tekstBytes = (t: string) => new TextEncoder().encode(t);
      await schrijfVeilig(pad(BUNDEL), tekstBytes(tekst));
      await schrijfVeilig(pad(HANDTEKENING), tekstBytes(handtekening));
      await schrijfVeilig(pad(META), tekstBytes(`${JSON.stringify(meta, null, 2)}\n`));
    },
    wis: async () => {
      for (const naam of [META, BUNDEL, HANDTEKENING]) fs.rmSync(pad(naam), { force: true });
    },
  };
}
