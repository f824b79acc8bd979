import path from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { FUNCTIES } from "../../src/functions/registry";
import { bereik } from "../../src/domain/berichten";
import { GRENZEN } from "../../src/domain/grenzen";
import { GRENS_PARAMETERS } from "./grenzenPerParameter";

interface MetaParam {
  name: string;
  description?: string;
  type?: string;
  optional?: boolean;
  dimensionality?: string;
}
interface MetaFunctie {
  id: string;
  name: string;
  description: string;
  parameters: MetaParam[];
  result: { type?: string; dimensionality?: string };
}

/**
 * The released contract: ids and parameter order never change (Excel caches the metadata).
 * A change here is a breaking change for every workbook that uses the function.
 */
const CONTRACT: Record<string, string[]> = {
  TAAKSTELLING: ["gemeente", "periode", "[landelijk]"],
  TAAKSTELLINGSCENARIO: ["gemeente", "landelijk", "[periode]"],
  TAAKSTELLINGSCENARIOBRON: ["gemeente", "landelijk", "[periode]"],
  ACHTERSTAND: ["gemeente", "periode", "gehuisvest", "[beginsaldo]", "[landelijk]"],
  VOORSPRONG: ["gemeente", "periode", "gehuisvest", "[beginsaldo]", "[landelijk]"],
  GECORRIGEERD: ["gemeente", "periode", "gehuisvest", "[beginsaldo]", "[landelijk]"],
  VERLOOP: ["gemeente", "periode", "gehuisvest", "[beginsaldo]", "[landelijk]"],
  INWONERS: ["gemeente", "[peildatum]"],
  GEMEENTECODE: ["gemeente", "[periode]"],
  GEMEENTENAAM: ["gemeente"],
  PROVINCIE: ["gemeente"],
  LANDELIJK: ["periode"],
  BRON: ["gemeente", "periode", "[landelijk]"],
  DATASET: [],
  GEMEENTEN: ["periode", "[provincie]"],
  OPVANG: ["gemeente", "[soort]", "[besluit]"],
  OPVANGPROVINCIE: ["provincie", "[soort]", "[besluit]"],
  OPVANGSCENARIO: ["gemeente", "landelijk", "[soort]", "[besluit]"],
  OPVANGBRON: ["gemeente", "[soort]", "[besluit]"],
  OPVANGBESLUITEN: [],
  KLEINSCHALIG: ["plaatsen", "[minimum]", "[maximum]", "[maxlocaties]", "[vastekosten]", "[duurzaam]"],
  KOSTENOPVANG: ["plaatsen", "jaar", "[soort]", "[bedragperjaar]"],
  PRIKKEL: ["plaatsen", "[fase]", "[duurzaam]"],
  OEKRAINE: ["plaatsen", "van", "tot", "[soort]"],
  OEKRAINEDELEN: ["plaatsen", "van", "tot", "[soort]"],
  OEKRAINECIJFERS: ["[datum]", "[indicator]"],
};

let functies: MetaFunctie[];

beforeAll(async () => {
  const bron = path.resolve(__dirname, "../../src/functions/functions.ts");
  const r = await generateCustomFunctionsMetadata(bron, true);
  expect(r.errors).toEqual([]);
  functies = (JSON.parse(r.metadataJson) as { functions: MetaFunctie[] }).functions;
}, 60_000);

test("functions.json has exactly the released functions with their parameters and optionality", () => {
  const gezien = Object.fromEntries(
    functies.map((fn) => [fn.id, fn.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name))]),
  );
  expect(gezien).toEqual(CONTRACT);
  for (const fn of functies) {
    expect(fn.name).toBe(fn.id);
    expect(fn.description.length).toBeGreaterThan(10);
  }
});

test("the registry the CLI uses equals the generated metadata (ids, parameters, ranges, spilling)", () => {
  expect(FUNCTIES.map((d) => d.id).sort()).toEqual(functies.map((f) => f.id).sort());
  for (const def of FUNCTIES) {
    const meta = functies.find((f) => f.id === def.id)!;
    expect(def.parameters.map((p) => p.naam)).toEqual(meta.parameters.map((p) => p.name));
    expect(def.parameters.map((p) => Boolean(p.optioneel))).toEqual(
      meta.parameters.map((p) => Boolean(p.optional)),
    );
    expect(def.parameters.map((p) => Boolean(p.matrix))).toEqual(
      meta.parameters.map((p) => p.dimensionality === "matrix"),
    );
    expect(Boolean(def.tabel)).toBe(meta.result.dimensionality === "matrix");
  }
});

test("no function is volatile or streaming, and none asks for the invocation context", () => {
  for (const fn of functies as Array<MetaFunctie & { options?: Record<string, unknown> }>) {
    expect(fn.options?.volatile).toBeFalsy();
    expect(fn.options?.stream).toBeFalsy();
    expect(fn.options?.requiresAddress).toBeFalsy();
  }
});

test("the description of every numeric parameter names its range from GRENZEN (docs/grenzen.md)", () => {
  for (const { functie, parameter, grootheid } of GRENS_PARAMETERS) {
    const meta = functies.find((f) => f.id === functie)?.parameters.find((p) => p.name === parameter);
    expect([functie, parameter, meta?.description?.includes(bereik(GRENZEN[grootheid]))]).toEqual([
      functie,
      parameter,
      true,
    ]);
  }
});

test("the functions of issue 14: a matrix where a range or a spilled table is meant", () => {
  const fn = (id: string) => functies.find((f) => f.id === id)!;
  expect(fn("VERLOOP").result.dimensionality).toBe("matrix");
  expect(fn("OEKRAINECIJFERS").result.dimensionality).toBe("matrix");
  expect(fn("TAAKSTELLINGSCENARIO").result.type).toBe("number");
  expect(fn("TAAKSTELLINGSCENARIOBRON").result.type).toBe("string");
  for (const id of ["ACHTERSTAND", "VOORSPRONG", "GECORRIGEERD", "VERLOOP"]) {
    expect(fn(id).parameters.find((p) => p.name === "landelijk")?.dimensionality).toBe("matrix");
  }
  expect(fn("TAAKSTELLING").parameters[2]?.dimensionality).not.toBe("matrix");
});
