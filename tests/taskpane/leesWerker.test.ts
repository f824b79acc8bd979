/**
 * The pane's Web Worker (src/taskpane/leesWerker.ts) outside a browser: its answer to one file, and that the
 * Aanlevering it sends is plain data that survives the structured clone of postMessage unchanged. The worker in a
 * real browser: consolidatie.e2e.test.ts.
 */
import { beantwoord } from "../../src/taskpane/leesWerker";
import { planGemeente } from "../../src/workbook/bouwPlan";
import { schrijfXlsx } from "../../src/workbook/xlsxWriter";
import { engine } from "../domain/helpers";
import { TEST_BRON } from "../workbook/werkboekHulp";

/** The bytes as the pane sends them: an ArrayBuffer of exactly the file. */
function buffer(data: Uint8Array): ArrayBuffer {
  return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
}

describe("leesWerker", () => {
  test("a gemeente workbook: read, and the Aanlevering survives structuredClone unchanged", async () => {
    const { data } = await schrijfXlsx(planGemeente(engine, "Zeist", TEST_BRON));
    const antwoord = await beantwoord({ id: 7, naam: "zeist.xlsx", data: buffer(data) });
    if (antwoord.soort !== "gelezen") throw new Error(`verwacht gelezen, kreeg ${antwoord.soort}`);
    expect(antwoord.id).toBe(7);
    expect(antwoord.aanlevering).toMatchObject({ bestand: "zeist.xlsx", bruikbaar: true });
    expect(antwoord.aanlevering.onderwerp?.naam).toBe("Zeist");
    // toStrictEqual also compares prototypes: a class instance (Date, Map, …) would not come through as itself.
    expect(structuredClone(antwoord)).toStrictEqual(antwoord);
  }, 30_000);

  test("a broken file is an answer too (refused, with a Dutch reason), never a thrown error", async () => {
    const antwoord = await beantwoord({
      id: 1,
      naam: "kapot.xlsx",
      data: buffer(new TextEncoder().encode("dit is geen werkboek")),
    });
    expect(antwoord.soort).toBe("gelezen");
    if (antwoord.soort !== "gelezen") return;
    expect(antwoord.aanlevering.bruikbaar).toBe(false);
    expect(antwoord.aanlevering.problemen[0]?.melding).toMatch(/^Geen geldig \.xlsx-bestand/);
    expect(structuredClone(antwoord)).toStrictEqual(antwoord);
  });
});
