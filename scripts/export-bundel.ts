/**
 * Publishes the bundle format and the embedded dataset in it.
 *
 *   tsx scripts/export-bundel.ts              writes schema/opgave-bundel.schema.json (committed)
 *   tsx scripts/export-bundel.ts --out dist   also writes dist/bundel.json (the embedded dataset as a bundle:
 *                                             the add-in's default feed), dist/bundel.json.sig and
 *                                             dist/opgave-bundel.schema.json
 *   --controleer                              do not write the committed schema; exit 1 when it differs from
 *                                             a fresh export (CI, tests)
 *
 * Deterministic: `gepubliceerd` is the dataset's `datum` at 00:00:00Z, uitgever "Opgave (ingebouwd)". Run it
 * after webpack (which empties dist/).
 *
 * The signature is made with the repository's DEVELOPMENT key (manifest/sleutels/ontwikkel-uitgever.key, public
 * on purpose): trusted by the development profile only, never by production builds. It is made by the same
 * function as `opgave bundel onderteken`.
 */
import fs from "fs";
import path from "path";
import * as prettier from "prettier";
import { bundelTekst, ingebouwdeBundel, leesBundel } from "../src/data/bundel";
import { bundelJsonSchema } from "../src/data/bundelSchemaJson";
import { standaardDataset } from "../src/data/embedded";
import { ondertekenBundelBestand } from "../src/cli/bundel";

const ROOT = path.resolve(__dirname, "..");
const SCHEMA_PAD = path.join(ROOT, "schema", "opgave-bundel.schema.json");
/** The repository's development key: signs only the repository's own bundle; never trusted in production. */
const ONTWIKKELSLEUTEL_PAD = path.join(ROOT, "manifest", "sleutels", "ontwikkel-uitgever.key");

/** The JSON Schema as committed: Prettier-formatted like every other file in the repository. */
async function schemaTekst(): Promise<string> {
  const config = (await prettier.resolveConfig(SCHEMA_PAD)) ?? {};
  return prettier.format(JSON.stringify(bundelJsonSchema(), null, 2), { ...config, parser: "json" });
}

function ingebouwdeBundelTekst(): string {
  const tekst = bundelTekst(ingebouwdeBundel(standaardDataset()));
  const controle = leesBundel(tekst);
  if (!controle.ok) throw new Error(`de ingebouwde dataset is geen geldige bundel: ${controle.bericht}`);
  return tekst;
}

async function main(argv: readonly string[]): Promise<number> {
  const i = argv.indexOf("--out");
  const out = i >= 0 ? argv[i + 1] : undefined;
  const controleer = argv.includes("--controleer");
  const bekend = new Set(["--out", "--controleer", ...(out !== undefined ? [out] : [])]);
  if ((i >= 0 && (out === undefined || out.startsWith("--"))) || argv.some((a) => !bekend.has(a))) {
    console.error("gebruik: tsx scripts/export-bundel.ts [--out <map>] [--controleer]");
    return 2;
  }
  const schema = await schemaTekst();
  let code = 0;
  if (controleer) {
    const vastgelegd = fs.existsSync(SCHEMA_PAD) ? fs.readFileSync(SCHEMA_PAD, "utf8") : "";
    if (vastgelegd !== schema) {
      console.error(
        `${path.relative(ROOT, SCHEMA_PAD)} wijkt af van BundelSchema: draai tsx scripts/export-bundel.ts en leg het vast`,
      );
      code = 1;
    }
  } else {
    fs.mkdirSync(path.dirname(SCHEMA_PAD), { recursive: true });
    fs.writeFileSync(SCHEMA_PAD, schema);
    console.log(`schema: ${path.relative(ROOT, SCHEMA_PAD)}`);
  }
  if (out !== undefined) {
    const map = path.resolve(out);
    fs.mkdirSync(map, { recursive: true });
    const bundelPad = path.join(map, "bundel.json");
    fs.writeFileSync(bundelPad, ingebouwdeBundelTekst());
    const handtekening = await ondertekenBundelBestand(
      bundelPad,
      fs.readFileSync(ONTWIKKELSLEUTEL_PAD, "utf8"),
      path.relative(ROOT, ONTWIKKELSLEUTEL_PAD),
    );
    fs.writeFileSync(path.join(map, "opgave-bundel.schema.json"), schema);
    console.log(`bundel: ${bundelPad}`);
    console.log(
      `handtekening: ${handtekening.handtekeningPad} (ontwikkelsleutel ${handtekening.sleutelId}, niet voor productie)`,
    );
  }
  return code;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
