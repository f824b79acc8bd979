/**
 * CI runs the self-test scenarios (src/taskpane/zelftest/scenarios.ts) — the same list the pane's Zelftest and
 * `npm run test:excel` run in Excel — against the fake Excel (./nepHost.ts): every scenario passes, cleans up
 * after itself and leaves the user's sheets exactly as they were; a workbook that already holds Opgave's sheets or
 * OPGAVE formulas skips what would touch them, with the reason.
 */
import { FakeExcel, FakeWerkmap } from "../helpers/fakeExcel";
import { FUNCTIES } from "../../src/functions/registry";
import { engine } from "../../src/data/store";
import {
  SCENARIOS,
  voerScenarioUit,
  voerZelftestUit,
  type Scenario,
  type ZelftestHost,
} from "../../src/taskpane/zelftest/scenarios";
import { bereken, leesArgumenten, maakNepExcel } from "./nepHost";

const functies = (id: string) =>
  FUNCTIES.find((f) => f.id === id)?.fn as ((...a: unknown[]) => unknown) | undefined;

function host(fx: FakeExcel): ZelftestHost {
  const nep = maakNepExcel(fx, functies);
  return {
    soort: "nep",
    run: (batch) => nep.run({ delayForCellEdit: true }, batch),
    wacht: () => Promise.resolve(),
  };
}

/** A user's workbook: a sheet with values, a formula and a table of their own. */
function gebruikersWerkmap(): FakeWerkmap {
  const wm = new FakeWerkmap(["Blad1", "Begroting"]);
  wm.zet("Blad1", "A1", 10);
  wm.zet("Blad1", "A2", { formule: "=A1*2", waarde: 20 });
  wm.zet("Blad1", "B1", "mijn tekst");
  wm.voegTabelToe("Mijn_Tabel", "Begroting", "A1", ["Post", "Bedrag"], [["Huur", 100]]);
  return wm;
}

test("the literal arguments and the evaluation of the fake host", () => {
  expect(leesArgumenten('"Utrecht","2024-I"')).toEqual(["Utrecht", "2024-I"]);
  expect(leesArgumenten('"a,""b""", 3, TRUE,')).toEqual(['a,"b"', 3, true, undefined]);
  expect(bereken('=OPGAVE.TAAKSTELLING("Utrecht","2024-I")', functies)).toBe(388);
  expect(bereken('=OPGAVE.TAAKSTELLING("Utrecht","2099-I")', functies)).toMatch(/^#(N\/A|VALUE!)$/);
  expect(bereken("=A1*2", functies)).toBeUndefined();
  expect(bereken("=OPGAVE.BESTAATNIET()", functies)).toBe("#NAME?");
});

test("every scenario passes on the fake, cleans up, and leaves the user's sheets unchanged", async () => {
  const wm = gebruikersWerkmap();
  const voor = wm.momentopname();
  const fx = new FakeExcel(wm);
  const gehoord: string[] = [];
  const uit = await voerZelftestUit(host(fx), (r, i, n) => void gehoord.push(`${i + 1}/${n} ${r.naam}`));
  for (const r of uit)
    expect({ naam: r.naam, uitslag: r.uitslag, details: r.details }).toEqual(
      expect.objectContaining({ naam: r.naam, uitslag: "geslaagd" }),
    );
  expect(uit.map((r) => r.naam)).toEqual(SCENARIOS.map((s) => s.naam));
  expect(gehoord).toEqual(SCENARIOS.map((s, i) => `${i + 1}/${SCENARIOS.length} ${s.naam}`));
  expect(uit.every((r) => Number.isInteger(r.ms) && r.ms >= 0)).toBe(true);
  expect(wm.momentopname()).toBe(voor);
  // The custom-function part says that the fake, not Excel, computed it.
  const functiesUit = uit.find((r) => r.naam === "functies")!;
  expect(functiesUit.details.join("\n")).toContain("nep-host");
  expect(functiesUit.details.join("\n")).toContain("→ 388");
  expect(functiesUit.details.join("\n")).toMatch(/→ #(N\/A|VALUE!) \(melding: .+\)/);
  // The scenarios went through the add-in's own writer and the engine in use is the one of before.
  expect(fx.acties("tables.add").length).toBeGreaterThan(0);
  // Excel is asked to compute the temporary sheet only, never the whole workbook (the user's sheets).
  expect(fx.acties("worksheet.calculate").length).toBe(1);
  expect(fx.acties("calculate")).toEqual([]);
  expect(engine().taakstelling("Utrecht", "2024-I").aantal).toBe(388);
  const herbevulling = uit.find((r) => r.naam === "herbevulling")!;
  expect(herbevulling.details.join("\n")).toContain("behouden");
  expect(herbevulling.details).toContain("eigen gegevensvalidatie (lijst 10,20) op een invoercel behouden");
  expect(herbevulling.details.join("\n")).toMatch(
    /eigen voorwaardelijke opmaak blijft vóór die van Opgave \(\d+ regels/,
  );
  const feed = uit.find((r) => r.naam === "feed-update")!;
  expect(feed.details.join("\n")).toMatch(/388 → \d+ na nieuwe gegevens/);
});

test("a workbook with Opgave's sheets or own OPGAVE formulas: those scenarios are skipped, nothing is touched", async () => {
  const wm = gebruikersWerkmap();
  wm.voegBladToe("Taakstelling");
  wm.zet("Taakstelling", "A1", "van de gebruiker");
  wm.zet("Blad1", "C1", { formule: '=OPGAVE.TAAKSTELLING("Zeist","2024-I")', waarde: 40 });
  const voor = wm.momentopname();
  const uit = await voerZelftestUit(host(new FakeExcel(wm)));
  const per = Object.fromEntries(uit.map((r) => [r.naam, r]));
  expect(per["functies"]?.uitslag).toBe("geslaagd");
  expect(per["overzicht"]?.uitslag).toBe("geslaagd");
  for (const naam of ["eerste-vulling", "herbevulling", "feed-update"])
    expect(per[naam]?.uitslag).toBe("overgeslagen");
  expect(per["eerste-vulling"]?.details.join(" ")).toContain('"Taakstelling"');
  expect(per["feed-update"]?.details.join(" ")).toContain("1 eigen cel met OPGAVE-formules");
  expect(wm.momentopname()).toBe(voor);
});

test("a failing scenario is reported with its reason and still cleaned up", async () => {
  const wm = gebruikersWerkmap();
  const voor = wm.momentopname();
  const kapot: Scenario = {
    naam: "kapot",
    titel: "Faalt halverwege",
    async voerUit(v) {
      v.opruimen.add("Opgave zelftest 1");
      await v.host.run(async (context) => {
        context.workbook.worksheets.add("Opgave zelftest 1");
        await context.sync();
      });
      await v.host.run(async (context) => {
        context.workbook.worksheets.getItem("Bestaat niet").getRange("A1").values = [[1]];
        await context.sync();
      });
    },
  };
  const r = await voerScenarioUit(kapot, host(new FakeExcel(wm)));
  expect(r.uitslag).toBe("mislukt");
  expect(r.details.join(" ")).not.toBe("");
  expect(wm.momentopname()).toBe(voor);
});

test("a workbook with a hidden sheet: the data switch is skipped (hidden sheets cannot be searched)", async () => {
  const wm = gebruikersWerkmap();
  wm.blad("Begroting").zichtbaarheid = "Hidden";
  const voor = wm.momentopname();
  const uit = await voerZelftestUit(host(new FakeExcel(wm)));
  const feed = uit.find((r) => r.naam === "feed-update")!;
  expect(feed.uitslag).toBe("overgeslagen");
  expect(feed.details.join(" ")).toContain("verborgen bladen (Begroting)");
  expect(uit.filter((r) => r.uitslag === "geslaagd").map((r) => r.naam)).toEqual([
    "functies",
    "eerste-vulling",
    "herbevulling",
    "formules-van-gebruiker",
    "rijen-erbij",
    "berekende-kolom",
    "kolom-binnen",
    "overzicht",
  ]);
  expect(wm.momentopname()).toBe(voor);
});
