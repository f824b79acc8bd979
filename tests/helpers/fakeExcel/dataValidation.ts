import { kolomLetters, kolomNummer } from "../../../src/workbook/a1";
import { a1 } from "./adressen";
import { fout } from "./fouten";
import type { FakeValidatie } from "./model";
import { FakeObject, bereikTekst, type BereikDoel } from "./object";

export const GEGEVENSVALIDATIE_SOORTEN = [
  "custom",
  "date",
  "decimal",
  "list",
  "textLength",
  "time",
  "wholeNumber",
];
export const OPERATOREN = [
  "Between",
  "NotBetween",
  "EqualTo",
  "NotEqualTo",
  "GreaterThan",
  "LessThan",
  "GreaterThanOrEqualTo",
  "LessThanOrEqualTo",
];

/** What Excel refuses of a data validation rule (one criterion; operands; Excel's 255-character list limit). */
// BEVESTIG in Excel [B17] (scenario "eerste vulling"): Excel refuses a validation with more than one criterion, a missing operand or a list source over 255 characters
export function controleerRegel(regel: Excel.DataValidationRule): void {
  const soorten = Object.entries(regel).filter(([, v]) => v !== undefined && v !== null);
  if (soorten.length !== 1 || !GEGEVENSVALIDATIE_SOORTEN.includes(soorten[0]?.[0] ?? ""))
    throw fout("InvalidArgument", "een gegevensvalidatieregel heeft precies één criterium");
  if (regel.wholeNumber || regel.decimal) {
    const b = (regel.wholeNumber ?? regel.decimal) as Excel.BasicDataValidation;
    if (!OPERATOREN.includes(String(b.operator)))
      throw fout("InvalidArgument", `operator ${String(b.operator)}`);
    if (b.formula1 === undefined || b.formula1 === "") throw fout("InvalidArgument", "formula1 ontbreekt");
    if (/Between/.test(String(b.operator)) && (b.formula2 === undefined || b.formula2 === ""))
      throw fout("InvalidArgument", "formula2 ontbreekt bij Between");
  } else if (regel.list) {
    const bron = regel.list.source;
    if (typeof bron !== "string" || bron === "" || bron.length > 255)
      throw fout("InvalidArgument", "lijstbron leeg of langer dan 255 tekens");
  } else if (regel.custom) {
    if (!regel.custom.formula) throw fout("InvalidArgument", "formule ontbreekt");
  } else {
    throw fout("NotImplemented", "fake: alleen wholeNumber, decimal, list en custom");
  }
}

/** Excel's limits on the texts of a validation: title 32 characters, message 255. */
// BEVESTIG in Excel [B18] (scenario "eerste vulling"): a validation title over 32 or a message over 255 characters is refused
export function controleerBericht(titel: string | undefined, bericht: string | undefined): void {
  if ((titel ?? "").length > 32) throw fout("InvalidArgument", `titel langer dan 32 tekens: ${titel ?? ""}`);
  if ((bericht ?? "").length > 255) throw fout("InvalidArgument", "bericht langer dan 255 tekens");
}

export function nieuweValidatie(): FakeValidatie {
  return {
    negeerLeeg: true,
    prompt: { showPrompt: false, title: "", message: "" },
    foutmelding: { showAlert: true, style: "Stop", title: "", message: "" },
  };
}

/** A1 references outside string literals, as `verschuif` in werkmap.ts finds them. */
const VERWIJZING =
  /(?<![\w.$'\]])((?:'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![\w(.![])/g;

/** `formule` as written for a cell `rijen` rows and `kolommen` columns further: its relative references move. */
function verplaatst(formule: string, rijen: number, kolommen: number): string {
  if (rijen === 0 && kolommen === 0) return formule;
  return formule
    .split(/("(?:[^"]|"")*")/)
    .map((deel, i) =>
      i % 2 === 1
        ? deel
        : deel.replace(
            VERWIJZING,
            (_, blad: string | undefined, d1: string, k: string, d2: string, r: string) =>
              `${blad ?? ""}${d1}${d1 ? k : kolomLetters(kolomNummer(k) + kolommen)}${d2}${d2 ? r : Number(r) + rijen}`,
          ),
    )
    .join("");
}

/** A rule as written for a cell `rijen` × `kolommen` further (its formulas: a list's range source, custom, bounds). */
function regelVerplaatst(regel: Excel.DataValidationRule, rijen: number, kolommen: number) {
  const f = <T>(w: T): T =>
    typeof w === "string" && w.startsWith("=") ? (verplaatst(w, rijen, kolommen) as T) : w;
  const kopie = JSON.parse(JSON.stringify(regel)) as Excel.DataValidationRule;
  if (kopie.list) kopie.list.source = f(kopie.list.source);
  if (kopie.custom) kopie.custom.formula = f(kopie.custom.formula);
  for (const g of [kopie.wholeNumber, kopie.decimal, kopie.textLength, kopie.date, kopie.time])
    if (g) Object.assign(g, { formula1: f(g.formula1), formula2: f(g.formula2) });
  return kopie;
}

/**
 * Range.dataValidation (ExcelApi 1.8): applies to every cell of the range. Each cell keeps its rule as written for
 * itself (a rule set on D1:D4 reading F8 reads F9 on D2): read on a range, a rule is written for its first cell.
 */
// BEVESTIG in Excel [B30] (scenario "hervulling (formules van de gebruiker)"): a rule read on a range is written for the range's first cell (relative references moved); `type` is "Inconsistent" where the cells' rules differ and "MixedCriteria" where some cells have none
export class FakeValidatieProxy extends FakeObject<BereikDoel> {
  protected override beschrijf(): string {
    const d = this.zoek();
    return d ? bereikTekst(d) : this.omschrijving;
  }

  private elkeCel(d: BereikDoel, f: (adres: string, rijen: number, kolommen: number) => void): void {
    const r = d.rechthoek;
    if (r.rijen * r.kolommen > 100_000) throw fout("NotImplemented", "fake: te groot bereik voor validatie");
    for (let i = 0; i < r.rijen; i++)
      for (let j = 0; j < r.kolommen; j++) f(a1(r.rij + i, r.kolom + j), i, j);
  }

  /** `f` on each cell's validation: at `rijen` × `kolommen` from the range's first cell. */
  private wijzig(
    actie: string,
    f: (v: FakeValidatie, rijen: number, kolommen: number) => void,
    details: unknown,
  ): void {
    this.opdracht(
      actie,
      (d) =>
        this.elkeCel(d, (a, rijen, kolommen) => {
          const v = d.blad.validaties.get(a) ?? nieuweValidatie();
          f(v, rijen, kolommen);
          d.blad.validaties.set(a, v);
        }),
      details,
    );
  }

  protected lees(eigenschap: string, d: BereikDoel): unknown {
    // Each cell's validation as written for the range's first cell, to compare.
    const lijst: (FakeValidatie | undefined)[] = [];
    this.elkeCel(d, (a, rijen, kolommen) => {
      const v = d.blad.validaties.get(a);
      lijst.push(v?.regel ? { ...v, regel: regelVerplaatst(v.regel, -rijen, -kolommen) } : v);
    });
    const eerste = lijst[0];
    const gelijk = lijst.every((v) => JSON.stringify(v) === JSON.stringify(eerste));
    switch (eigenschap) {
      case "type": {
        if (!gelijk) return lijst.some((v) => v === undefined) ? "MixedCriteria" : "Inconsistent";
        const soort = eerste?.regel ? (Object.keys(eerste.regel)[0] ?? "") : "";
        return soort === "" ? "None" : soort.charAt(0).toUpperCase() + soort.slice(1);
      }
      case "rule":
        return gelijk ? (eerste?.regel ?? {}) : {};
      case "ignoreBlanks":
        return eerste?.negeerLeeg ?? true;
      case "prompt":
        return eerste?.prompt ?? nieuweValidatie().prompt;
      case "errorAlert":
        return eerste?.foutmelding ?? nieuweValidatie().foutmelding;
      default:
        throw fout("InvalidArgument", `fake DataValidation kent ${eigenschap} niet`);
    }
  }

  get type(): Excel.DataValidation["type"] {
    return this.geladenWaarde("type");
  }
  get rule(): Excel.DataValidationRule {
    return this.geladenWaarde("rule");
  }
  set rule(regel: Excel.DataValidationRule) {
    const kopie = JSON.parse(JSON.stringify(regel)) as Excel.DataValidationRule;
    controleerRegel(kopie);
    this.wijzig("dataValidation.rule", (v, i, j) => void (v.regel = regelVerplaatst(kopie, i, j)), kopie);
  }
  set ignoreBlanks(b: boolean) {
    this.wijzig("dataValidation.ignoreBlanks", (v) => void (v.negeerLeeg = b), b);
  }
  // BEVESTIG in Excel [B32] (scenario "herbevulling"): prompt and errorAlert read on a range are its first cell's; setting a rule keeps a cell's messages
  get prompt(): Excel.DataValidationPrompt {
    return this.geladenWaarde("prompt");
  }
  set prompt(p: Excel.DataValidationPrompt) {
    controleerBericht(p.title, p.message);
    this.wijzig("dataValidation.prompt", (v) => void (v.prompt = { ...v.prompt, ...p }), p);
  }
  get errorAlert(): Excel.DataValidationErrorAlert {
    return this.geladenWaarde("errorAlert");
  }
  set errorAlert(e: Excel.DataValidationErrorAlert) {
    controleerBericht(e.title, e.message);
    if (e.style !== undefined && !["Stop", "Warning", "Information"].includes(String(e.style)))
      throw fout("InvalidArgument", `stijl ${String(e.style)}`);
    this.wijzig("dataValidation.errorAlert", (v) => void (v.foutmelding = { ...v.foutmelding, ...e }), e);
  }
  clear(): void {
    this.opdracht("dataValidation.clear", (d) => this.elkeCel(d, (a) => void d.blad.validaties.delete(a)));
  }
}
