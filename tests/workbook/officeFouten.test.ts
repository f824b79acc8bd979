/**
 * Office.js errors in Dutch (src/workbook/officeFouten.ts): every code the pane may meet says what happened and what
 * to do; an unknown code is named; an error that is no Office.js error passes through untouched. The same codes
 * thrown by the fake Excel during a fill: tests/taskpane/excelHost.test.ts.
 */
import { OpgaveFout } from "../../src/domain/fouten";
import {
  officeFoutBericht,
  officeFoutCode,
  officeFoutTekst,
  vertaalOfficeFout,
} from "../../src/workbook/officeFouten";
import { FakeExcelFout } from "../helpers/fakeExcel";

/** An error as office.js builds it (OfficeExtension.Error): name, code, message, debugInfo. */
function officeFout(code: string, message = "The operation failed."): Error {
  return Object.assign(new Error(message), { name: "RichApi.Error", code, debugInfo: { code, message } });
}

describe("the Dutch table of Office.js error codes", () => {
  test.each([
    [
      "InvalidOperationInCellEditMode",
      "Excel is bezig met het bewerken van een cel: druk op Enter of Esc en probeer het opnieuw",
    ],
    ["AccessDenied", "Het blad is beveiligd"],
    ["AccessDenied", "Controleren > Blad opheffen"],
    ["AccessDenied", "kies een ander werkboek"],
    ["ItemNotFound", "niet (meer) vinden"],
    ["RequestPayloadSizeLimitExceeded", "5 MB"],
    ["ResponsePayloadSizeLimitExceeded", "5 MB"],
    ["InvalidArgument", "Excel weigerde een waarde"],
    ["GeneralException", "sla de werkmap op, sluit en open hem opnieuw"],
    ["InvalidOperation", "samengevoegde cellen"],
    ["ItemAlreadyExists", "bestaat al"],
    ["ActivityLimitReached", "wacht even"],
    ["ApiNotFound", "werk Excel bij"],
  ])("%s: %s", (code, deel) => {
    expect(officeFoutTekst(code)).toContain(deel);
  });

  test("no English, no code in a known message; an unknown code is named with what to do", () => {
    for (const code of [
      "InvalidOperationInCellEditMode",
      "AccessDenied",
      "ItemNotFound",
      "GeneralException",
    ]) {
      const t = officeFoutTekst(code);
      expect(t).not.toMatch(/\b(the|error|failed|invalid)\b/i);
      expect(t).not.toContain(code);
    }
    expect(officeFoutTekst("SomethingNew")).toBe(
      "Excel meldde een onbekende fout (code SomethingNew): probeer het opnieuw; blijft het misgaan, meld dan deze code",
    );
  });

  test("the message says what the error means for the workbook", () => {
    expect(officeFoutBericht("AccessDenied", "lezen")).toMatch(
      /^Het blad is beveiligd.*\. Uw werkboek is niet gewijzigd\.$/,
    );
    expect(officeFoutBericht("GeneralException", "schrijven")).toMatch(
      /Het vullen is halverwege gestopt: een deel van het werkboek kan al zijn bijgewerkt\. Opnieuw vullen maakt het af en laat uw invoer staan\.$/,
    );
    expect(officeFoutBericht("ItemNotFound")).toMatch(/^Excel kon .*opnieuw\.$/);
  });
});

describe("recognising an Office.js error", () => {
  test("by its code and its name or debugInfo (office.js and the fake)", () => {
    expect(officeFoutCode(officeFout("ItemNotFound"))).toBe("ItemNotFound");
    expect(officeFoutCode(new FakeExcelFout("AccessDenied", "blad is beveiligd"))).toBe("AccessDenied");
    expect(officeFoutCode({ code: "GeneralException", debugInfo: {} })).toBe("GeneralException");
  });

  test("anything else is not one", () => {
    expect(officeFoutCode(new Error("boom"))).toBeUndefined();
    expect(officeFoutCode(Object.assign(new Error("x"), { code: "ENOENT" }))).toBeUndefined();
    expect(officeFoutCode({ code: 18, name: "RichApi.Error" })).toBeUndefined();
    expect(officeFoutCode({ code: "ItemNotFound" })).toBeUndefined(); // neither name nor debugInfo
    expect(officeFoutCode(new OpgaveFout("ongeldig", "x"))).toBeUndefined();
    expect(officeFoutCode(null)).toBeUndefined();
  });

  test("vertaalOfficeFout: an OpgaveFout with the Dutch message; other errors unchanged", () => {
    const nl = vertaalOfficeFout(officeFout("InvalidOperationInCellEditMode"), "lezen");
    expect(nl).toBeInstanceOf(OpgaveFout);
    expect((nl as OpgaveFout).message).toBe(
      "Excel is bezig met het bewerken van een cel: druk op Enter of Esc en probeer het opnieuw. Uw werkboek is niet gewijzigd.",
    );
    const anders = new TypeError("x is not a function");
    expect(vertaalOfficeFout(anders, "schrijven")).toBe(anders);
  });
});
