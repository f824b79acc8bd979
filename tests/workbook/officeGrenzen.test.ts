/**
 * The Office.js writer against the defects of issue 13, on the fake Excel (tests/helpers/fakeExcel.ts), which follows
 * the documentation there: a constant's `formulas` is the constant itself, only "=", "+" and "-" start a formula,
 * `null` in a written matrix leaves a cell unchanged, and Excel on the web's 5 MB budget counts the bytes of
 * requests and responses.
 * - text typed as "=abc" stays text on a refill (also when its row moves); the user's own formula stays a formula;
 * - input cells never keep or get the text format "@" (a number typed later would become text the totals ignore);
 * - writes are split by bytes (values, formulas and number formats), reads are bounded (a defined name on a whole
 *   column, a region or table far larger than the plan);
 * - the totals row written below a table: with AutoExpand on, the table keeps its size and no calculated column is
 *   filled into the totals row.
 * To confirm in Excel (the in-Excel run of issue 13): AutoExpand through API writes, and the budget on the web.
 */
import type { InvoerCel, Kolom, TabelPlan, WerkboekPlan } from "../../src/workbook/plan";
import { schrijfNaarExcel } from "../../src/workbook/officeWriter";
import { blijftTekst } from "../../src/workbook/officeBeslissing";
import { LEES_RIJEN_EXTRA } from "../../src/workbook/officeLezen";
import { FakeExcel, FakeWerkmap } from "../helpers/fakeExcel";

const KOLOMMEN: Kolom[] = [
  { sleutel: "periode", kop: "Periode", soort: "gegeven", notatie: "@" },
  { sleutel: "taak", kop: "Taakstelling", soort: "gegeven", notatie: "#,##0" },
  { sleutel: "gehuisvest", kop: "Gehuisvest", soort: "invoer", notatie: "#,##0" },
  { sleutel: "saldo", kop: "Saldo", soort: "formule", notatie: "#,##0" },
];

const PERIODEN = ["2022-I", "2022-II", "2023-I", "2023-II", "2024-I"];

function tabel(perioden: readonly string[], tekst = (p: string): string => p): TabelPlan {
  return {
    naam: "Opgave_T",
    start: { rij: 3, kolom: 1 },
    kolommen: KOLOMMEN,
    sleutelKolom: "periode",
    rijen: perioden.map((p) => [tekst(p), 100, null, { formule: "=[@Taakstelling]-[@Gehuisvest]" }]),
    totaal: [
      "Totaal",
      { formule: "=SUBTOTAL(109,Opgave_T[Taakstelling])" },
      { formule: "=SUBTOTAL(109,Opgave_T[Gehuisvest])" },
      null,
    ],
  };
}

const BEGIN: InvoerCel = {
  naam: "Opgave_Begin",
  positie: { rij: 1, kolom: 2 },
  standaard: null,
  notatie: "#,##0",
  label: "Beginsaldo",
};

function plan(perioden: readonly string[] = PERIODEN, t: TabelPlan = tabel(perioden)): WerkboekPlan {
  return {
    formaat: "opgave-werkboek",
    formaatVersie: 1,
    onderwerp: { soort: "gemeente", code: "GM0344", naam: "Utrecht" },
    bladen: [{ naam: "T", blokken: [], invoercellen: [BEGIN], tabellen: [t], grafieken: [] }],
  };
}

async function vul(wm: FakeWerkmap, p: WerkboekPlan = plan(), opties = {}) {
  const fx = new FakeExcel(wm);
  const rapport = await schrijfNaarExcel(fx.context, p, opties);
  return { fx, rapport };
}

/** Gehuisvest of 2022-I is C4, of 2022-II C5, … (header in row 3). */
const GEHUISVEST = (i: number): string => `C${4 + i}`;

describe("the fake follows the documentation", () => {
  test("a text cell's formulas equal its value; only =, + and - start a formula; null leaves a cell alone", async () => {
    const fx = new FakeExcel(new FakeWerkmap(["B"]));
    const r = fx.context.workbook.worksheets.getItem("B").getRange("A1:E1");
    r.numberFormat = [["@", "General", "General", "General", "General"]];
    r.values = [["=abc", "@naam", "+x", "-x", "tekst"]];
    await fx.context.sync();
    expect(fx.werkmap.formules("B", "A1:E1")).toEqual([["=abc", "@naam", "=+x", "=-x", "tekst"]]);
    const lees = fx.context.workbook.worksheets.getItem("B").getRange("A1").load("values,formulas");
    await fx.context.sync();
    expect([lees.values, lees.formulas]).toEqual([[["=abc"]], [["=abc"]]]);
    r.formulas = [[null, null, 5, null, null]];
    r.numberFormat = [[null, "0.0", null, null, null]];
    await fx.context.sync();
    expect(fx.werkmap.formules("B", "A1:E1")).toEqual([["=abc", "@naam", 5, "=-x", "tekst"]]);
    expect(fx.werkmap.notatie("B", "A1")).toBe("@");
    expect(fx.werkmap.notatie("B", "B1")).toBe("0.0");
  });
});

describe("text that looks like a formula, and the user's formulas, on a refill", () => {
  async function gevuld(): Promise<FakeWerkmap> {
    const wm = new FakeWerkmap(["T"]);
    await vul(wm);
    // The user: text "=abc" (typed as '=abc: text in a General cell), a formula of their own, a number.
    wm.zet("T", GEHUISVEST(1), "=abc", "General");
    wm.zet("T", GEHUISVEST(2), { formule: "=10+5", waarde: 15 });
    wm.zet("T", GEHUISVEST(3), 7);
    return wm;
  }

  test("cells that stay where they are are left exactly as they are", async () => {
    const wm = await gevuld();
    const { fx, rapport } = await vul(wm);
    expect(rapport.overgeslagen).toEqual([]);
    expect(rapport.invoerBehouden).toBe(3);
    expect(wm.cel("T", GEHUISVEST(1))).toMatchObject({ waarde: "=abc" });
    expect(wm.formule("T", GEHUISVEST(1))).toBeUndefined();
    expect(wm.formule("T", GEHUISVEST(2))).toBe("=10+5");
    expect(wm.waarde("T", GEHUISVEST(3))).toBe(7);
    // Nothing re-entered: no formula was written into those cells.
    expect(fx.herschreven.filter((h) => h.adres.startsWith("C") && h.adres !== "C9")).toEqual([]);
  });

  test("when the rows move (a period is gone), text stays text and a formula stays a formula", async () => {
    const wm = await gevuld();
    // 2022-I disappears: every row moves one up.
    const { rapport } = await vul(wm, plan(PERIODEN.slice(1)));
    expect(rapport.overgeslagen).toEqual([]);
    expect(wm.formules("T", "A4:C6")).toEqual([
      ["2022-II", 100, "=abc"],
      ["2023-I", 100, "=10+5"],
      ["2023-II", 100, 7],
    ]);
    expect(wm.formule("T", "C4")).toBeUndefined(); // "=abc" is still text, not a live formula
    expect(wm.formule("T", "C5")).toBe("=10+5");
    expect(wm.notatie("T", "C5")).toBe("#,##0");
  });
});

describe("input cells never keep the text format", () => {
  test("blijftTekst: what Excel keeps as text when typed into a General cell", () => {
    for (const t of ["ca. 350", "vanaf 2022", "onbekend", "zie notitie"]) expect(blijftTekst(t)).toBe(true);
    for (const t of [
      "350",
      "=abc",
      "+31",
      "-5 mensen",
      "@x",
      "#N/A",
      "'12",
      "1-2",
      "5 mrt",
      "jan-24",
      "TRUE",
    ])
      expect(blijftTekst(t)).toBe(false);
    for (const t of ["12%", "€ 5", "1e5", "1:30 PM", "WAAR", ""]) expect(blijftTekst(t)).toBe(false);
  });

  test("a kept input with the text format gets the column's format back; a moved text goes in without '@'", async () => {
    const wm = new FakeWerkmap(["T"]);
    await vul(wm);
    // As an older fill left them: text in input cells with "@".
    wm.zet("T", GEHUISVEST(1), "ca. 350", "@");
    wm.zet("T", GEHUISVEST(2), "40", "@"); // typed into an "@" cell: text
    wm.zet("T", "B1", 12, "@");
    await vul(wm);
    expect(wm.cel("T", GEHUISVEST(1))).toMatchObject({ waarde: "ca. 350", notatie: "#,##0" });
    expect(wm.cel("T", GEHUISVEST(2))).toMatchObject({ waarde: "40", notatie: "#,##0" });
    expect(wm.cel("T", "B1")).toMatchObject({ waarde: 12, notatie: "#,##0" });
    // A number typed later is a number again.
    const fx = new FakeExcel(wm);
    fx.context.workbook.worksheets.getItem("T").getRange(GEHUISVEST(2)).values = [["45"]];
    await fx.context.sync();
    expect(wm.waarde("T", GEHUISVEST(2))).toBe(45);

    // Rows move: the text is written again, in the numeric format (Excel keeps "ca. 350" as text anyway).
    await vul(wm, plan(PERIODEN.slice(1)));
    expect(wm.cel("T", "C4")).toMatchObject({ waarde: "ca. 350", notatie: "#,##0" });
    expect(wm.cel("T", "C5")).toMatchObject({ waarde: 45, notatie: "#,##0" });
    const notaties = ["C4", "C5", "C6", "C7", "B1"].map((a) => wm.notatie("T", a));
    expect(notaties).not.toContain("@");
  });

  test("a named input cell reached through its name elsewhere comes over without '@'", async () => {
    const wm = new FakeWerkmap(["T"]);
    wm.zet("T", "F9", "ca. 12", "@");
    wm.voegNaamToe("Opgave_Begin", { blad: "T", adres: "F9" });
    const { rapport } = await vul(wm);
    expect(rapport.invoerBehouden).toBe(1);
    expect(wm.cel("T", "B1")).toMatchObject({ waarde: "ca. 12", notatie: "#,##0" });
    expect(wm.naam("Opgave_Begin")).toMatchObject({ rij: 1, kolom: 2 });
  });
});

describe("Excel on the web's 5 MB budget", () => {
  /** 300 rows whose key texts are `lengte` characters long. */
  const lang = (lengte: number): WerkboekPlan => {
    const perioden = Array.from({ length: 300 }, (_, i) => `${2000 + i}-I`);
    return plan(
      perioden,
      tabel(perioden, (p) => `${p} ${"x".repeat(lengte)}`),
    );
  };

  test("writes are split by bytes, not only by cells: every request stays under the budget", async () => {
    // 300 rows × 20 000 characters ≈ 6 MB in one table body: more than one request may carry.
    const fx = new FakeExcel(new FakeWerkmap(["T"]));
    await schrijfNaarExcel(fx.context, lang(20_000));
    expect(fx.syncs).toBeGreaterThan(2);
    for (const b of fx.bytesPerSync) expect(b.verzoek).toBeLessThanOrEqual(fx.payloadGrens);
    expect(fx.werkmap.tabelAdres("Opgave_T")).toBe("T!A3:D303");
  });

  test("number formats count too: a cap on bytes alone splits a body whose formats are long", async () => {
    const lang = `#,##0" ${"x".repeat(150)}"`;
    const t = {
      ...tabel(PERIODEN),
      kolommen: KOLOMMEN.map((k) => (k.sleutel === "taak" ? { ...k, notatie: lang } : k)),
    };
    const fx = new FakeExcel(new FakeWerkmap(["T"]));
    await schrijfNaarExcel(fx.context, plan(PERIODEN, t), { maxBytesPerSync: 1_200 });
    const stukken = fx.acties("formulas").filter((r) => /^T!A[4-8]:D[4-8]$/.test(r.doel));
    expect(stukken.length).toBeGreaterThan(1);
  });

  test("without the byte cap the fake refuses the request, as Excel on the web would", async () => {
    const fx = new FakeExcel(new FakeWerkmap(["T"]));
    await expect(
      schrijfNaarExcel(fx.context, lang(20_000), { maxBytesPerSync: Number.MAX_SAFE_INTEGER }),
    ).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
  });

  test("a defined name on a whole column is never read cell by cell; the name gets its plan cell", async () => {
    const wm = new FakeWerkmap(["T", "Eigen"]);
    wm.voegNaamToe("Opgave_Begin", { blad: "Eigen", adres: "C:C" });
    const { fx, rapport } = await vul(wm);
    expect(rapport.overgeslagen).toEqual([]);
    expect(wm.naam("Opgave_Begin")).toMatchObject({ rij: 1, kolom: 2 });
    expect(wm.naam("Opgave_Begin")?.rijen).toBeUndefined();
    for (const b of fx.bytesPerSync) expect(b.antwoord).toBeLessThan(100_000);
  });

  test("a table far larger than the plan is reported and left alone, not read whole", async () => {
    const wm = new FakeWerkmap(["T"]);
    await vul(wm);
    const t = wm.tabel("Opgave_T")!;
    const extra = LEES_RIJEN_EXTRA + 50;
    for (let i = 0; i < extra; i++) wm.zetRijen("T", `A${t.rij + t.rijen + i}`, [[`3000-${i}`, 1, 2, 3]]);
    t.rijen += extra;
    const voor = wm.formules("T", "A3:D20");
    const { rapport } = await vul(wm);
    expect(rapport.overgeslagen).toEqual([
      "tabel Opgave_T (T!A3) is te groot om in één keer te lezen; niet bijgewerkt " +
        "(haal rijen of kolommen die niet bij Opgave horen uit of naast de tabel weg)",
    ]);
    // The table is as it was.
    expect(wm.formules("T", "A3:D20")).toEqual(voor);
    expect(wm.tabelAdres("Opgave_T")).toBe(`T!A3:D${t.rij + t.rijen - 1}`);
  });

  test("a converted table whose region runs on far beyond the plan is reported, not read whole", async () => {
    const wm = new FakeWerkmap(["T"]);
    await vul(wm);
    wm.tabellen.splice(0, wm.tabellen.length); // "Convert to Range"
    wm.zet("T", "A9", null); // the totals row goes: the data below joins the region
    const rijen = PERIODEN.length + 2 + LEES_RIJEN_EXTRA + 20;
    for (let i = 0; i < rijen; i++) wm.zetRijen("T", `A${9 + i}`, [[`3000-${i}`, 1, "", ""]]);
    const { rapport } = await vul(wm);
    expect(rapport.overgeslagen[0]).toMatch(/^tabel Opgave_T \(T!A3\) is te groot om in één keer te lezen/);
    expect(wm.tabel("Opgave_T")).toBeUndefined();
  });
});

describe("the totals row below a table (AutoExpand)", () => {
  test("the fake's AutoExpand grows a table over a value written directly below it", async () => {
    const wm = new FakeWerkmap(["T"]);
    wm.voegTabelToe("Tabel1", "T", "A1", ["a", "b"], [[1, { formule: "=A2*2" }]]);
    const fx = new FakeExcel(wm);
    fx.autoUitbreiden = true;
    fx.context.workbook.worksheets.getItem("T").getRange("A3").values = [["x"]];
    await fx.context.sync();
    expect(wm.tabelAdres("Tabel1")).toBe("T!A1:B3");
    expect(wm.formule("T", "B3")).toBe("=A2*2");
  });

  test("with AutoExpand the table keeps its size and the totals row gets no calculated column", async () => {
    for (const perioden of [PERIODEN, PERIODEN.slice(1), [...PERIODEN, "2024-II"]]) {
      const wm = new FakeWerkmap(["T"]);
      const eerste = new FakeExcel(wm);
      eerste.autoUitbreiden = true;
      await schrijfNaarExcel(eerste.context, plan());
      const fx = new FakeExcel(wm);
      fx.autoUitbreiden = true;
      await schrijfNaarExcel(fx.context, plan(perioden));
      const onder = 3 + perioden.length;
      expect(wm.tabelAdres("Opgave_T")).toBe(`T!A3:D${onder}`);
      // AutoExpand did happen (the guard undid it), and the totals row is as the plan says.
      expect(fx.acties("autoUitbreiden").length).toBeGreaterThan(0);
      expect(wm.formules("T", `A${onder + 1}:D${onder + 1}`)).toEqual([
        ["Totaal", "=SUBTOTAL(109,Opgave_T[Taakstelling])", "=SUBTOTAL(109,Opgave_T[Gehuisvest])", ""],
      ]);
    }
  });
});
