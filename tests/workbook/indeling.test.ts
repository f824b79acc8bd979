import { ONDERWERP, leesOnderwerpTekst, onderwerpInWoorden, onderwerpZin } from "../../src/workbook/indeling";
import { weigeringTekst } from "../../src/workbook/samenvoegen";

describe("a workbook's subject in words (the Bron text is for reading back, not for the user)", () => {
  const bergen = ONDERWERP.gemeente("GM0893", "Bergen (L.)");
  const utrecht = ONDERWERP.provincie("PV26", "Utrecht", "2024-I");
  const overzicht = ONDERWERP.consolidatie({ code: "PV26", naam: "Utrecht" });

  test("each kind: name first, the code where two gemeenten could share a name, the period of a province", () => {
    expect(onderwerpZin(bergen)).toBe("het Opgave-werkboek van gemeente Bergen (L.) (GM0893)");
    expect(onderwerpZin(utrecht)).toBe("het Opgave-werkboek van provincie Utrecht voor 2024-I");
    expect(onderwerpZin(overzicht)).toBe("het provincie-overzicht van Utrecht");
    expect(onderwerpZin(ONDERWERP.consolidatie(undefined))).toBe("een provincie-overzicht");
    // A text no version of Opgave writes (edited by hand): quoted as it stands.
    expect(onderwerpZin(" iets anders ")).toBe('het Opgave-werkboek voor "iets anders"');
    // Still read back as before.
    expect(leesOnderwerpTekst(bergen)).toEqual({ soort: "gemeente", code: "GM0893", naam: "Bergen (L.)" });
    expect(onderwerpInWoorden(utrecht)).toEqual({
      wat: "het Opgave-werkboek",
      van: "van provincie Utrecht voor 2024-I",
    });
  });

  test("a refusal names both in words, the kind of workbook once where both are of one kind", () => {
    const tekst = (was: string, wordt: string) =>
      weigeringTekst({ soort: "anderOnderwerp", was, wordt }, "x.xlsx");
    expect(tekst(bergen, ONDERWERP.gemeente("GM0373", "Bergen (NH.)"))).toBe(
      "x.xlsx is het Opgave-werkboek van gemeente Bergen (L.) (GM0893), niet dat van gemeente Bergen (NH.) " +
        "(GM0373): de invoer daarin hoort daar niet bij.",
    );
    expect(tekst(overzicht, ONDERWERP.consolidatie({ code: "PV25", naam: "Gelderland" }))).toBe(
      "x.xlsx is het provincie-overzicht van Utrecht, niet dat van Gelderland: de invoer daarin hoort daar niet bij.",
    );
    expect(tekst(utrecht, overzicht)).toBe(
      "x.xlsx is het Opgave-werkboek van provincie Utrecht voor 2024-I, niet het provincie-overzicht van Utrecht: " +
        "de invoer daarin hoort daar niet bij.",
    );
    expect(tekst(bergen, ONDERWERP.consolidatie(undefined))).toBe(
      "x.xlsx is het Opgave-werkboek van gemeente Bergen (L.) (GM0893), geen provincie-overzicht: de invoer " +
        "daarin hoort daar niet bij.",
    );
  });
});
