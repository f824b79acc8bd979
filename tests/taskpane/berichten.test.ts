/**
 * The pane's Dutch texts for what libraries say in English (jszip, exceljs, the browser), the preview's cell
 * values and the download names (src/taskpane/berichten.ts, src/taskpane/voorbeeld.ts; pure, no DOM).
 */
import { OpgaveFout } from "../../src/domain/fouten";
import { paneelBerichten as pb } from "../../src/taskpane/berichten";
import { bestandsnaam, celWeergave } from "../../src/taskpane/voorbeeld";

const JSZIP =
  "Can't find end of central directory : is this a zip file ? If it is, see https://stuk.github.io/jszip/documentation/howto/read_zip.html";

describe("the preview of a gemeente that no longer exists", () => {
  test("says so after the usual text", () => {
    expect(pb.voorbeeldKlaar("Haaren", "Haaren bestaat niet meer.")).toMatch(
      /^Voorbeeld van het werkboek voor Haaren hieronder\. .* Let op: Haaren bestaat niet meer\.$/,
    );
    expect(pb.voorbeeldKlaar("Utrecht")).not.toContain("Let op");
  });
});

describe("what a consolidation found, in the pane", () => {
  test("one finding and more, in Dutch (before: '1 fouten')", () => {
    expect(pb.consSamenvatting("Utrecht", 1, 26, 1, 1)).toBe(
      "Overzicht Utrecht: 1 van 26 gemeenten aangeleverd; 1 fout en 1 waarschuwing (zie Controle).",
    );
    expect(pb.consSamenvatting("Utrecht", 2, 26, 0, 26)).toContain("; 0 fouten en 26 waarschuwingen");
  });
});

describe("what a fill did, in the pane", () => {
  test("counts in Dutch, one and more; no changed figure said as such", () => {
    expect(pb.gevuld(0, 0, 1)).toBe(
      "Werkboek gevuld: 0 nieuwe bladen, geen gewijzigde cijfers, 1 eigen invoercel behouden.",
    );
    expect(pb.gevuld(1, 1, 0)).toBe(
      "Werkboek gevuld: 1 nieuw blad, 1 gewijzigde waarde, 0 eigen invoercellen behouden.",
    );
    expect(pb.eersteVulling(["Overzicht", "Bron"])).toBe(
      "Werkboek gevuld: 2 nieuwe bladen (Overzicht, Bron); wat er al in het werkboek stond, bleef zoals het was.",
    );
    expect(pb.gevuld(6, 12, 30)).toBe(
      "Werkboek gevuld: 6 nieuwe bladen, 12 gewijzigde waarden, 30 eigen invoercellen behouden.",
    );
  });
});

describe("library errors in Dutch", () => {
  test("jszip's message, thrown or quoted in a finding, becomes Dutch", () => {
    expect(pb.fout(new Error(JSZIP))).toBe(
      "Er ging iets mis: het bestand is geen geldig Excel-werkboek: geen zip-archief, of beschadigd. " +
        "Uw werkboek is niet gewijzigd.",
    );
    expect(pb.meldingZonderEngels(`Geen geldig .xlsx-bestand (${JSZIP}); overgeslagen.`)).toBe(
      "Geen geldig .xlsx-bestand (het bestand is geen geldig Excel-werkboek: geen zip-archief, of beschadigd); " +
        "overgeslagen.",
    );
  });

  test("an unknown English message is not shown; a message with parentheses inside is replaced whole", () => {
    expect(pb.fout(new Error("Something odd happened in the parser"))).not.toMatch(/odd|parser/);
    expect(pb.fout(new TypeError("Cannot read properties of undefined (reading 'x')"))).toBe(
      "Er ging iets mis: het werkboek heeft een indeling die niet gelezen kan worden. Uw werkboek is niet gewijzigd.",
    );
    expect(pb.meldingZonderEngels("Kon blad niet lezen (unexpected token found in the sheet)")).toBe(
      "Kon blad niet lezen (een technische fout; de melding van het onderdeel is niet in het Nederlands beschikbaar)",
    );
  });

  test("exceljs on an element it does not model: Dutch, without the node it quotes", () => {
    expect(
      pb.fout(
        new Error('Unexpected xml node in parseOpen: {"name":"iets","attributes":{},"isSelfClosing":true}'),
      ),
    ).toBe(
      "Er ging iets mis: het werkboek bevat een onderdeel dat Opgave niet kan lezen. Uw werkboek is niet gewijzigd.",
    );
  });

  test("Dutch messages and Opgave's own errors stay as they are", () => {
    expect(pb.fout(new OpgaveFout("ongeldig", "Onbekende gemeente: Utrech"))).toBe(
      "Onbekende gemeente: Utrech",
    );
    const nl = "Geen werkboek van Amersfoort aangeleverd (verwacht vóór 1 juli).";
    expect(pb.meldingZonderEngels(nl)).toBe(nl);
  });

  test("preview cells keep English text that is not a library message (a source title)", () => {
    const titel = "Population dynamics (Statistics of the Netherlands)";
    expect(pb.zonderEngels(titel)).toBe(titel);
    expect(pb.zonderEngels(`Bestand overgeslagen (${JSZIP})`)).toContain("geen zip-archief");
  });
});

describe("the preview's cells", () => {
  const geen = () => undefined;
  test("a formula shows its computed value, never its code; unknown values say 'in Excel'", () => {
    const formule = { formule: '=IF(OR(AND(F8="",G8=""),H8=""),"",1)' };
    expect(celWeergave(formule, "Taakstelling", "L23", () => 388, "#,##0")).toEqual({
      tekst: "388",
      soort: "getal",
    });
    expect(celWeergave(formule, "Taakstelling", "L23", geen)).toEqual({
      tekst: "in Excel",
      soort: "berekend",
    });
    expect(celWeergave(52_500_000.4, "Kosten", "B5", geen, "€ #,##0")).toEqual({
      tekst: "€ 52.500.000",
      soort: "getal",
    });
    expect(celWeergave(0.25, "Kosten", "B6", geen)).toEqual({ tekst: "0,25", soort: "getal" });
  });
});

describe("download names", () => {
  test("carry the kind, the gemeente or province, and the province's period", () => {
    expect(bestandsnaam("gemeente", "Utrecht")).toBe("opgave-gemeente-utrecht.xlsx");
    expect(bestandsnaam("provincie", "Utrecht", "2024-I")).toBe("opgave-provincie-utrecht-2024-I.xlsx");
    expect(bestandsnaam("gemeente", "Súdwest-Fryslân")).toBe("opgave-gemeente-sudwest-fryslan.xlsx");
    expect(bestandsnaam("overzicht", "Noord-Brabant")).toBe("opgave-overzicht-noord-brabant.xlsx");
  });
});
