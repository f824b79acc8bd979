/**
 * The custom functions of the OPGAVE namespace: thin wrappers that unwrap Excel's arguments, ask the engine and
 * turn every error into #VALUE! or #N/A with a Dutch message. Non-volatile, synchronous (data is in memory),
 * never write to the sheet.
 *
 * IDs and parameter order never change once released (Excel caches the metadata); new optional parameters go
 * last. CustomFunctionsMetadataPlugin generates functions.json from the JSDoc below and appends the
 * CustomFunctions.associate calls to the bundle.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- `any[][]` is how the metadata generator spells a spilled table */
import { berichten } from "../domain/berichten";
import { OpgaveFout } from "../domain/fouten";
import { peiljaarInwoners, periodeCode } from "../domain/periode";
import { engine } from "../data/store";
import { aantallen, optioneel, optioneelGeheelGetal, verplicht } from "./excelArgs";
import { alsExcel, naarExcelFout } from "./excelFout";

/**
 * Taakstelling huisvesting vergunninghouders van een gemeente in een halfjaar (art. 29 en 30 Huisvestingswet 2014).
 * @customfunction TAAKSTELLING
 * @param gemeente Naam of CBS-code van de gemeente, bijvoorbeeld "Utrecht" of "GM0344".
 * @param periode Halfjaar, bijvoorbeeld "2024-I" of "2024-II", of een datum in dat halfjaar.
 * @returns Aantal te huisvesten vergunninghouders.
 */
export function taakstelling(gemeente: unknown, periode: unknown): number {
  return alsExcel(
    () => engine().taakstelling(verplicht(gemeente, "gemeente"), verplicht(periode, "periode")).aantal,
  );
}

function laatsteRegel(gemeente: unknown, periode: unknown, gehuisvest: unknown, beginsaldo: unknown) {
  const e = engine();
  const regels = e.verloop(
    verplicht(gemeente, "gemeente"),
    verplicht(periode, "periode"),
    aantallen(gehuisvest),
    optioneelGeheelGetal(beginsaldo, 0, berichten.beginsaldoOngeldig),
  );
  const laatste = regels[regels.length - 1];
  if (!laatste) throw new OpgaveFout("ongeldig", berichten.gehuisvestLeeg());
  return laatste;
}

/**
 * Achterstand aan het eind van een halfjaar: wat van de (gecorrigeerde) taakstelling nog niet is gehuisvest.
 * @customfunction ACHTERSTAND
 * @param gemeente Naam of CBS-code van de gemeente.
 * @param periode Het laatste halfjaar, bijvoorbeeld "2024-II".
 * @param gehuisvest Aantal gehuisvest in dat halfjaar, of een kolom met aantallen per opeenvolgend halfjaar (de laatste is "periode").
 * @param [beginsaldo] Achterstand (+) of voorsprong (−) aan het begin van het eerste halfjaar; standaard 0.
 * @returns Achterstand (0 als er een voorsprong is).
 */
export function achterstand(
  gemeente: unknown,
  periode: unknown,
  gehuisvest: unknown[][],
  beginsaldo?: unknown,
): number {
  return alsExcel(() => laatsteRegel(gemeente, periode, gehuisvest, beginsaldo).achterstand);
}

/**
 * Voorsprong aan het eind van een halfjaar: hoeveel meer is gehuisvest dan de (gecorrigeerde) taakstelling.
 * @customfunction VOORSPRONG
 * @param gemeente Naam of CBS-code van de gemeente.
 * @param periode Het laatste halfjaar, bijvoorbeeld "2024-II".
 * @param gehuisvest Aantal gehuisvest in dat halfjaar, of een kolom met aantallen per opeenvolgend halfjaar (de laatste is "periode").
 * @param [beginsaldo] Achterstand (+) of voorsprong (−) aan het begin van het eerste halfjaar; standaard 0.
 * @returns Voorsprong (0 als er een achterstand is).
 */
export function voorsprong(
  gemeente: unknown,
  periode: unknown,
  gehuisvest: unknown[][],
  beginsaldo?: unknown,
): number {
  return alsExcel(() => laatsteRegel(gemeente, periode, gehuisvest, beginsaldo).voorsprong);
}

/**
 * Gecorrigeerde taakstelling van een halfjaar: taakstelling plus achterstand (min voorsprong) aan het begin ervan.
 * @customfunction GECORRIGEERD
 * @param gemeente Naam of CBS-code van de gemeente.
 * @param periode Het halfjaar, bijvoorbeeld "2024-II".
 * @param gehuisvest Aantal gehuisvest per opeenvolgend halfjaar tot en met "periode" (de laatste waarde telt niet mee voor de gecorrigeerde taakstelling zelf).
 * @param [beginsaldo] Achterstand (+) of voorsprong (−) aan het begin van het eerste halfjaar; standaard 0.
 * @returns Gecorrigeerde taakstelling.
 */
export function gecorrigeerd(
  gemeente: unknown,
  periode: unknown,
  gehuisvest: unknown[][],
  beginsaldo?: unknown,
): number {
  return alsExcel(() => laatsteRegel(gemeente, periode, gehuisvest, beginsaldo).gecorrigeerd);
}

/**
 * Aantal inwoners van een gemeente op 1 januari (CBS).
 * @customfunction INWONERS
 * @param gemeente Naam of CBS-code van de gemeente.
 * @param [peildatum] Jaartal (2023) of datum; standaard het laatst bekende jaar. Een datum telt als 1 januari van dat jaar.
 * @returns Aantal inwoners.
 */
export function inwoners(gemeente: unknown, peildatum?: unknown): number {
  return alsExcel(
    () => engine().inwoners(verplicht(gemeente, "gemeente"), optioneel(peildatum, "peildatum")).aantal,
  );
}

/**
 * CBS-gemeentecode (GM0000) bij een naam of code.
 * @customfunction GEMEENTECODE
 * @param gemeente Naam of CBS-code van de gemeente.
 * @param [periode] Halfjaar of datum waarop de gemeente moet bestaan; standaard de huidige indeling.
 * @returns Gemeentecode, bijvoorbeeld GM0344.
 */
export function gemeentecode(gemeente: unknown, periode?: unknown): string {
  return alsExcel(() => {
    const e = engine();
    const p = optioneel(periode, "periode");
    return e.gemeente(verplicht(gemeente, "gemeente"), p === undefined ? undefined : e.periode(p)).code;
  });
}

/**
 * Officiële naam van een gemeente bij een code of (andere schrijfwijze van de) naam.
 * @customfunction GEMEENTENAAM
 * @param gemeente CBS-code of naam van de gemeente.
 * @returns Officiële gemeentenaam (CBS).
 */
export function gemeentenaam(gemeente: unknown): string {
  return alsExcel(() => engine().gemeente(verplicht(gemeente, "gemeente")).naam);
}

/**
 * Provincie van een gemeente.
 * @customfunction PROVINCIE
 * @param gemeente Naam of CBS-code van de gemeente.
 * @returns Naam van de provincie.
 */
export function provincie(gemeente: unknown): string {
  return alsExcel(() => {
    const e = engine();
    const g = e.gemeente(verplicht(gemeente, "gemeente"));
    const p = e.provincieVan(g);
    if (!p) throw new OpgaveFout("nietBeschikbaar", `Provincie van ${g.naam} is niet bekend in de dataset.`);
    return p.naam;
  });
}

/**
 * Landelijke taakstelling van een halfjaar (Staatscourant), de laatst geldende versie.
 * @customfunction LANDELIJK
 * @param periode Halfjaar, bijvoorbeeld "2024-I".
 * @returns Landelijk aantal te huisvesten vergunninghouders.
 */
export function landelijk(periode: unknown): number {
  return alsExcel(() => engine().landelijk(verplicht(periode, "periode")).aantal);
}

/**
 * Herkomst van de taakstelling: officieel of berekend, met formule, peildatum, bron en datasetversie.
 * @customfunction BRON
 * @param gemeente Naam of CBS-code van de gemeente.
 * @param periode Halfjaar, bijvoorbeeld "2024-I".
 * @returns Tekst met de herkomst van het getal.
 */
export function bron(gemeente: unknown, periode: unknown): string {
  return alsExcel(() => engine().bron(verplicht(gemeente, "gemeente"), verplicht(periode, "periode")));
}

/**
 * Welke dataset Opgave gebruikt: id, versie en datum.
 * @customfunction DATASET
 * @returns Bijvoorbeeld "opgave-standaard 2026.11.28 (2026-11-28)".
 */
export function dataset(): string {
  return alsExcel(() => {
    const d = engine().dataset;
    return `${d.id} ${d.versie} (${d.datum})`;
  });
}

/**
 * Tabel van alle gemeenten (of één provincie) met code, naam, provincie, inwoners op de peildatum en taakstelling.
 * @customfunction GEMEENTEN
 * @param periode Halfjaar, bijvoorbeeld "2024-I".
 * @param [provincie] Naam of code van een provincie; standaard heel Nederland.
 * @returns Tabel met een kopregel; loopt over (spill) in de cellen eronder.
 */
export function gemeenten(periode: unknown, provincie?: unknown): any[][] {
  return alsExcel(() => {
    const e = engine();
    const p = e.periode(verplicht(periode, "periode"));
    const regels = e.tabel(periodeCode(p), optioneel(provincie, "provincie"));
    const kop = [
      "Code",
      "Gemeente",
      "Provincie",
      `Inwoners 1-1-${peiljaarInwoners(p)}`,
      `Taakstelling ${periodeCode(p)}`,
    ];
    return [
      kop,
      ...regels.map((r) => [
        r.gemeente.code,
        r.gemeente.naam,
        r.provincie?.naam ?? "",
        r.inwoners ?? naarExcelFout(new OpgaveFout("nietBeschikbaar", "inwonertal onbekend")),
        r.taakstelling instanceof OpgaveFout ? naarExcelFout(r.taakstelling) : r.taakstelling.aantal,
      ]),
    ];
  });
}
