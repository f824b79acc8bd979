import { alsRechthoeken } from "../../src/workbook/xlsxInvoercontrole";
import { rechthoekBereik } from "../../src/workbook/a1";

/** The rectangles as "A1:B2" with their value, sorted (the order is not part of the contract). */
function bereiken<T>(cellen: [string, T][]): string[] {
  return alsRechthoeken(cellen)
    .map(([r, v]) => `${rechthoekBereik(r)}=${JSON.stringify(v)}`)
    .sort();
}

describe("alsRechthoeken: cells of one value as rectangles that do not overlap", () => {
  test("a column across the ninth and tenth row is one range (rows in number order, not text order)", () => {
    const a = { type: "whole" };
    const cellen: [string, object][] = [];
    for (let r = 9; r <= 59; r++) cellen.push([`E${r}`, a]);
    expect(bereiken(cellen)).toEqual(['E9:E59={"type":"whole"}']);
  });

  test("adjacent columns with the same rows join; a gap or other rows starts a new rectangle", () => {
    const a = { v: 1 };
    const cellen: [string, object][] = [];
    for (const k of ["B", "C", "E"]) for (let r = 8; r <= 10; r++) cellen.push([`${k}${r}`, a]);
    cellen.push(["D9", a]);
    expect(bereiken(cellen)).toEqual(['B8:C10={"v":1}', 'D9:D9={"v":1}', 'E8:E10={"v":1}']);
  });

  test("a gap in a column splits it; different values never share a rectangle", () => {
    const a = { v: 1 };
    const b = { v: 2 };
    expect(
      bereiken([
        ["A1", a],
        ["A2", a],
        ["A4", a],
        ["A3", b],
      ]),
    ).toEqual(['A1:A2={"v":1}', 'A3:A3={"v":2}', 'A4:A4={"v":1}']);
  });

  test("equal values from two objects (two elements of a file) become one; every cell is in exactly one", () => {
    const cellen: [string, object][] = [
      ["F10", { type: "list", formulae: ["$A$1:$A$3"] }],
      ["F11", { type: "list", formulae: ["$A$1:$A$3"] }],
      ["F9", { type: "list", formulae: ["$A$1:$A$3"] }],
    ];
    expect(bereiken(cellen)).toEqual(['F9:F11={"type":"list","formulae":["$A$1:$A$3"]}']);
  });

  test("what is not a single cell is left out (ranges are kept by the caller)", () => {
    expect(
      bereiken([
        ["A1:A3", 1],
        ["x", 1],
        ["B2", 1],
      ]),
    ).toEqual(["B2:B2=1"]);
  });
});
