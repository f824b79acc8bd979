/**
 * Print settings (./afdruk) as the plan gives them and as the .xlsx writer stores them; the page counts themselves
 * are measured through LibreOffice in libreofficeAfdruk.test.ts. And the column move of a refill
 * (./kolomVerplaatsing): formulas follow a plan column the merge writes after the user's columns.
 */
import {
  afdrukVoor,
  gelatenGebieden,
  metVerplaatsteKolommen,
  zonderOvergeslagen,
} from "../../src/workbook/afdruk";
import { afdrukTaak } from "../../src/workbook/officeAfdruk";
import { planGemeente, planProvincie } from "../../src/workbook/bouwPlan";
import { verplaatsFormule } from "../../src/workbook/kolomVerplaatsing";
import { schrijfXlsx } from "../../src/workbook/xlsxWriter";
import { engine } from "../domain/helpers";
import { blad, leesXlsx, TEST_BRON } from "./werkboekHulp";

const utrecht = planGemeente(engine, "Utrecht", TEST_BRON);
const bladPlan = (naam: string) => utrecht.bladen.find((b) => b.naam === naam)!;

describe("afdrukVoor: the print settings of a sheet from its plan", () => {
  test("A4, one page wide; the wide Taakstelling table landscape, its header row repeated", () => {
    const t = afdrukVoor(bladPlan("Taakstelling"));
    expect(t).toMatchObject({ papier: "A4", paginasBreed: 1, paginasHoog: 0, richting: "liggend" });
    expect(t.titelRijen).toEqual({ van: 7, tot: 7 });
    expect(t.bereik).toMatchObject({ rij: 1, kolom: 1, rijen: 27 });
  });

  test("headers that do not fit their column wrap; a table of web addresses keeps those one line", () => {
    const t = afdrukVoor(bladPlan("Taakstelling"));
    expect(t.terugloop).toContainEqual({ rij: 7, kolom: 1, rijen: 1, kolommen: 16 });
    const bron = afdrukVoor(bladPlan("Bron"));
    const adressen = 3; // Adres(sen) is the third column of the sources table
    const lijf = bron.terugloop.filter((r) => r.rij > 13);
    expect(lijf.length).toBeGreaterThan(0);
    for (const r of lijf) expect(adressen >= r.kolom && adressen < r.kolom + r.kolommen).toBe(false);
  });

  test("a named font in the header and footer; page x of y", () => {
    const t = afdrukVoor(bladPlan("Kosten"));
    expect(t.lettertype).toBe("Calibri");
    expect(t.voettekst).toBe('&C&"Calibri,Regular"&9Pagina &P van &N');
  });
});

describe("metVerplaatsteKolommen: wrapping goes with the columns a refill writes elsewhere", () => {
  test("right of a column the user inserted: each moved column wraps where it stands, the user's column not", () => {
    const a = afdrukVoor(planGemeente(engine, "Utrecht", TEST_BRON).bladen[1] ?? fail("geen Taakstelling"));
    const lijf = a.terugloop.find((r) => r.rij === 8);
    expect(lijf).toMatchObject({ kolom: 1, kolommen: 16 });
    // Plan columns I..P (9..16) written one further (the user's column at I).
    const kolommen = new Map([...Array(8).keys()].map((i) => [9 + i, 10 + i]));
    const na = metVerplaatsteKolommen(a, "Taakstelling", [{ blad: "Taakstelling", vanafRij: 7, kolommen }]);
    expect(na.terugloop.filter((r) => r.rij === 8)).toEqual([
      { ...lijf, kolom: 1, kolommen: 8 },
      { ...lijf, kolom: 10, kolommen: 8 },
    ]);
    // Above the table, and on another sheet: as they were.
    expect(na.terugloop.filter((r) => r.rij < 7)).toEqual(a.terugloop.filter((r) => r.rij < 7));
    expect(metVerplaatsteKolommen(a, "Opvang", [{ blad: "Taakstelling", vanafRij: 7, kolommen }])).toBe(a);
  });
});

describe("a table a refill leaves alone (both writers): its cells and rows as they are, the print area over it", () => {
  // Opgave_Taakstelling (A7:P27 in the plan) moved down by a row inserted above it: A8:P28, the print area with it.
  const plan = { rij: 7, kolom: 1, rijen: 22, kolommen: 16 };
  const nu = { rij: 8, kolom: 1, rijen: 21, kolommen: 16 };

  test("no wrapping over where it is or was, no heights on those rows; elsewhere as the plan has it", () => {
    const a = afdrukVoor(bladPlan("Taakstelling"));
    const z = zonderOvergeslagen(a, [plan, nu]);
    expect(z.terugloop.filter((r) => r.rij + r.rijen > 7)).toEqual([]);
    expect(z.rijHoogtes.filter((h) => h.rij >= 7)).toEqual([]);
    expect(z.terugloop).toEqual(a.terugloop.filter((r) => r.rij + r.rijen <= 7));
    expect(zonderOvergeslagen(a, [])).toBe(a);
  });

  test("the print area covers it where it stands: Opgave's print area as the sheet has it counts, the user's not", () => {
    expect(gelatenGebieden([plan, nu], "Taakstelling!$A$1:$P$28")).toEqual([
      plan,
      nu,
      { rij: 1, kolom: 1, rijen: 28, kolommen: 16 },
    ]);
    expect(gelatenGebieden([plan], "Taakstelling!$C$3:$F$40")).toEqual([plan]);
    expect(gelatenGebieden([], "Taakstelling!$A$1:$P$28")).toEqual([]);
    // The Office.js writer's task, as ./officeBeslissing composes it.
    const taak = afdrukTaak(bladPlan("Taakstelling"), {
      kan: true,
      gebied: "Taakstelling!$A$1:$P$28",
      tabellen: gelatenGebieden([plan, nu], "Taakstelling!$A$1:$P$28"),
      overgeslagen: [plan, nu],
    });
    expect(taak.gebied).toBe("A1:P28");
    expect(taak.terugloop.some((r) => /^[A-P](7|8|9|1\d|2\d)\b/.test(r))).toBe(false);
  });
});

describe("the .xlsx writer stores them", () => {
  test("page setup, print area, repeated header row, header/footer; a named font on titles", async () => {
    const wb = await leesXlsx((await schrijfXlsx(utrecht)).data);
    const t = blad(wb, "Taakstelling");
    expect(t.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: "7:7",
    });
    expect(t.pageSetup.printArea).toMatch(/^A1:P27$/);
    expect(t.headerFooter.oddFooter).toContain("Pagina &P van &N");
    expect(t.getCell("A1").font).toMatchObject({ name: "Calibri", bold: true });
    const p = blad(
      await leesXlsx((await schrijfXlsx(planProvincie(engine, "Utrecht", "2024-I", TEST_BRON))).data),
      "Provincie",
    );
    expect(p.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: "landscape",
      fitToWidth: 1,
      printTitlesRow: "8:8",
    });
  });
});

describe("verplaatsFormule: references into moved columns follow them", () => {
  const v = [
    {
      blad: "Taakstelling",
      vanafRij: 7,
      kolommen: new Map([
        [12, 13],
        [13, 14],
      ]),
    },
  ];

  test("on the sheet itself, sheet-qualified (also quoted) and in ranges; not above the table, not in text", () => {
    expect(verplaatsFormule('=IF(ISNUMBER(L8),L8+I7,"L8")', "Taakstelling", v)).toBe(
      '=IF(ISNUMBER(M8),M8+I7,"L8")',
    );
    expect(verplaatsFormule("=INDEX(Taakstelling!$M$8:$M$27,2)&L4", "Overzicht", v)).toBe(
      "=INDEX(Taakstelling!$N$8:$N$27,2)&L4",
    );
    expect(verplaatsFormule("='Taakstelling'!L9+L9", "Overzicht", v)).toBe("='Taakstelling'!M9+L9");
    expect(verplaatsFormule("=L5+L8", "Taakstelling", v)).toBe("=L5+M8");
  });

  test("names and functions that look like cells are left alone", () => {
    expect(verplaatsFormule("=LOG10(L8)+Opgave_L8", "Taakstelling", v)).toBe("=LOG10(M8)+Opgave_L8");
  });
});
