/**
 * A cell holding a data type arrives at a custom function as an object (functions.json allows custom data for
 * `any` parameters: `allowCustomDataForDataTypeAny`, emitted by the metadata generator). The arguments are unwrapped
 * at the function boundary (src/functions/excelArgs.ts `basisWaarde`): a formatted number is its number, a string
 * value its text, an entity or linked data type (Geography "Utrecht") the text the cell shows.
 * To confirm in Excel (issue 13's in-Excel run): =OPGAVE.TAAKSTELLING(A1;"2024-I") with A1 a Geography data type.
 */
import * as f from "../../src/functions/functions";
import { aantallen, basisWaarde, verplicht, verplichtGetal } from "../../src/functions/excelArgs";
import { GRENZEN } from "../../src/domain/grenzen";
import { excelFout } from "../helpers/excelFout";

/** As Excel passes them (Excel.CellValue JSON). */
const UTRECHT_ENTITEIT = {
  type: "Entity",
  text: "Utrecht",
  basicType: "Error",
  basicValue: "#VALUE!",
  properties: { Inwoners: { type: "Double", basicValue: 361924 } },
};
const UTRECHT_GEKOPPELD = {
  type: "LinkedEntity",
  text: "Utrecht",
  basicType: "Error",
  basicValue: "#VALUE!",
  id: { entityId: "x", domainId: "Geography", serviceId: 268435456, culture: "nl-NL" },
};
const getal = (n: number) => ({
  type: "FormattedNumber",
  basicValue: n,
  basicType: "Double",
  numberFormat: "#,##0",
});
const tekst = (t: string) => ({ type: "String", basicValue: t, basicType: "String" });

describe("basisWaarde", () => {
  test("data types become what the cell shows as a plain value", () => {
    expect(basisWaarde(UTRECHT_ENTITEIT)).toBe("Utrecht");
    expect(basisWaarde(UTRECHT_GEKOPPELD)).toBe("Utrecht");
    expect(basisWaarde(getal(300))).toBe(300);
    expect(basisWaarde({ type: "Double", basicValue: 12.5 })).toBe(12.5);
    expect(basisWaarde(tekst("2024-I"))).toBe("2024-I");
    expect(basisWaarde({ type: "Boolean", basicValue: true })).toBe(true);
    expect(
      basisWaarde({ type: "Error", basicType: "Error", basicValue: "#N/A", errorType: "NotAvailable" }),
    ).toBe("#N/A");
    expect(basisWaarde({ type: "Empty", basicValue: null })).toBe("");
  });

  test("plain values and arrays are left as they are", () => {
    for (const v of ["Utrecht", 5, true, null, undefined, "", [[1]]]) expect(basisWaarde(v)).toBe(v);
  });
});

describe("the argument readers unwrap every cell", () => {
  test("a single cell, also inside a 1×1 range", () => {
    expect(verplicht(UTRECHT_ENTITEIT, "gemeente")).toBe("Utrecht");
    expect(verplicht([[UTRECHT_GEKOPPELD]], "gemeente")).toBe("Utrecht");
    expect(verplichtGetal(getal(96000), "landelijk", GRENZEN.landelijkTaakstelling)).toBe(96000);
  });

  test("a column of housed numbers with formatted numbers in it", () => {
    expect(aantallen([[getal(100)], [200], [{ type: "Double", basicValue: 300 }]])).toEqual([100, 200, 300]);
    expect(aantallen(getal(50))).toEqual([50]);
  });
});

describe("custom functions with data-type cells", () => {
  test("TAAKSTELLING with a Geography or entity cell as gemeente and a string value as periode", () => {
    const verwacht = f.taakstelling("Utrecht", "2024-I");
    expect(f.taakstelling(UTRECHT_GEKOPPELD, "2024-I")).toBe(verwacht);
    expect(f.taakstelling([[UTRECHT_ENTITEIT]], [[tekst("2024-I")]])).toBe(verwacht);
  });

  test("ACHTERSTAND with formatted numbers as gehuisvest", () => {
    expect(f.achterstand("Utrecht", "2024-I", [[getal(300)]], null)).toBe(
      f.achterstand("Utrecht", "2024-I", [[300]], null),
    );
  });

  test("an error value as gemeente is not understood, with a Dutch message (no [object Object])", () => {
    const e = excelFout(() =>
      f.taakstelling({ type: "Error", basicType: "Error", basicValue: "#N/A" }, "2024-I"),
    );
    expect(e.message).not.toContain("object");
    expect(e.message).toContain("#N/A");
  });
});
