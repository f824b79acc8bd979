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
import { berichten, taakstellingBerichten } from "../domain/berichten";
import { OpgaveFout } from "../domain/fouten";
import { dagTekst, peiljaarInwoners, periodeCode } from "../domain/periode";
import { engine } from "../data/store";
import { GRENZEN } from "../domain/grenzen";
import { invoerNoot } from "../domain/gemeenten";
import { gebiedLabel } from "../domain/grondgebied";
import { datumTekst } from "../domain/oekraineCijfers";
import { vangStil } from "../domain/vang";
import { optieRij } from "../domain/kleinschalig";
import { opvangBronTekst, type OpvangCijfer } from "../domain/opvang";
import {
  oekraineVergoeding,
  opvangKosten,
  parseFase,
  parseSoortOekraine,
  parseSoortOpvang,
  prikkelBedrag,
} from "../domain/kosten";
import {
  aantallen,
  datum as datumArg,
  kolomCellen,
  optioneel,
  optioneelGeheelGetal,
  optioneelGetal,
  optioneleJaNee,
  optioneleTekst,
  verplicht,
  verplichtGetal,
} from "./excelArgs";
import {
  alsExcel,
  alsExcelUitkomst,
  eindig,
  eindigeTabel,
  naarExcelFout,
  werpExcelFout,
  werpNietEindig,
} from "./excelFout";

/**
 * Taakstelling huisvesting vergunninghouders van een gemeente in een halfjaar (art. 29 en 30 Huisvestingswet 2014).
 * @customfunction TAAKSTELLING
 * @param gemeente Naam of CBS-code van de gemeente, bijvoorbeeld "Utrecht" of "GM0344".
 * @param periode Halfjaar, bijvoorbeeld "2024-I" of "2024-II", of een datum in dat halfjaar.
 * @param [landelijk] Eigen landelijk getal voor dat halfjaar (uit de circulaire), een geheel getal van 1 t/m 200.000; dan rekent art. 29 daarmee, met de inwoners op de peildatum van het halfjaar ("landelijk getal eigen invoer"). Standaard het getal uit de dataset.
 * @returns Aantal te huisvesten vergunninghouders.
 */
export function taakstelling(gemeente: unknown, periode: unknown, landelijk?: unknown): number {
  if (landelijk !== undefined && landelijk !== null)
    return taakstellingMetLandelijk(gemeente, periode, landelijk);
  // The most called function: alsExcelUitkomst written out (no closure per call).
  let n: number | OpgaveFout;
  try {
    n = engine().taakstellingAantal(verplicht(gemeente, "gemeente"), verplicht(periode, "periode"));
  } catch (e) {
    return werpExcelFout(e);
  }
  if (typeof n !== "number") return werpExcelFout(n);
  return Number.isFinite(n) ? n : werpNietEindig();
}

/** TAAKSTELLING with its third argument given (an empty cell means: the dataset's national number). */
function taakstellingMetLandelijk(gemeente: unknown, periode: unknown, landelijk: unknown): number {
  return alsExcel(() => {
    const e = engine();
    const g = verplicht(gemeente, "gemeente");
    const p = verplicht(periode, "periode");
    const l = optioneelGetal(landelijk, "landelijk", GRENZEN.landelijkTaakstelling);
    return eindig(l === undefined ? e.taakstelling(g, p).aantal : e.taakstellingEigen(g, p, l).aantal);
  });
}

/**
 * Scenario: het aandeel van een gemeente in een landelijk getal voor een komend halfjaar (art. 29: ⌈landelijk × inwoners gemeente / inwoners Nederland⌉), met de inwoners op de peildatum van het halfjaar als die bekend zijn, anders de laatst bekende. Altijd een scenario, nooit een officieel of berekend cijfer.
 * @customfunction TAAKSTELLINGSCENARIO
 * @param gemeente Naam of CBS-code van de gemeente.
 * @param landelijk Landelijk aantal te huisvesten vergunninghouders in het scenario, een geheel getal van 1 t/m 200.000.
 * @param [periode] Het halfjaar, bijvoorbeeld "2027-I"; standaard: de laatst bekende inwoners in de huidige indeling.
 * @returns Aantal te huisvesten vergunninghouders in het scenario.
 */
export function taakstellingscenario(gemeente: unknown, landelijk: unknown, periode?: unknown): number {
  return alsExcel(() =>
    eindig(
      engine().taakstellingScenario(
        verplicht(gemeente, "gemeente"),
        verplichtGetal(landelijk, "landelijk", GRENZEN.landelijkTaakstelling),
        optioneel(periode, "periode"),
      ).aantal,
    ),
  );
}

/**
 * Herkomst van TAAKSTELLINGSCENARIO met dezelfde argumenten: altijd "scenario (geen officieel of berekend cijfer)", de berekening en de peildatum van de gebruikte inwoners.
 * @customfunction TAAKSTELLINGSCENARIOBRON
 * @param gemeente Naam of CBS-code van de gemeente.
 * @param landelijk Landelijk aantal te huisvesten vergunninghouders in het scenario, een geheel getal van 1 t/m 200.000.
 * @param [periode] Het halfjaar, bijvoorbeeld "2027-I"; standaard: de laatst bekende inwoners in de huidige indeling.
 * @returns Tekst met de herkomst van het scenario.
 */
export function taakstellingscenariobron(gemeente: unknown, landelijk: unknown, periode?: unknown): string {
  return alsExcel(() => {
    const e = engine();
    const invoer = verplicht(gemeente, "gemeente");
    const tekst = e.taakstellingScenarioBron(
      invoer,
      verplichtGetal(landelijk, "landelijk", GRENZEN.landelijkTaakstelling),
      optioneel(periode, "periode"),
    );
    return tekst + invoerNoot(invoer, () => e.gemeente(invoer).naam);
  });
}

/**
 * The national numbers of the ledger's half-years: nothing, one number, or one column (or row) with a cell per
 * half-year (an empty cell: the dataset's number). The engine checks the count against `gehuisvest`.
 */
function landelijkKolom(v: unknown): (number | undefined)[] {
  if (v === null || v === undefined || (typeof v === "string" && v.trim() === "")) return [];
  if (!Array.isArray(v)) return [optioneelGetal(v, "landelijk", GRENZEN.landelijkTaakstelling)];
  const getallen = kolomCellen(v, taakstellingBerichten.landelijkGeenKolom()).map((c) =>
    optioneelGetal(c, "landelijk", GRENZEN.landelijkTaakstelling),
  );
  return getallen.every((n) => n === undefined) ? [] : getallen;
}

/** The arguments of the ledger functions, read once (same for ACHTERSTAND … VERLOOP). */
function verloopArgumenten(
  gemeente: unknown,
  periode: unknown,
  gehuisvest: unknown,
  beginsaldo: unknown,
  landelijk: unknown,
) {
  return [
    verplicht(gemeente, "gemeente"),
    verplicht(periode, "periode"),
    aantallen(gehuisvest),
    optioneelGeheelGetal(beginsaldo, "beginsaldo", GRENZEN.beginsaldo, 0),
    landelijkKolom(landelijk),
  ] as const;
}

function laatsteRegel(
  gemeente: unknown,
  periode: unknown,
  gehuisvest: unknown,
  beginsaldo: unknown,
  landelijk: unknown,
) {
  const regels = engine().verloop(...verloopArgumenten(gemeente, periode, gehuisvest, beginsaldo, landelijk));
  const laatste = regels[regels.length - 1];
  if (!laatste) throw new OpgaveFout("ongeldig", berichten.gehuisvestLeeg());
  return laatste;
}

/**
 * Achterstand aan het eind van een halfjaar: wat van de (gecorrigeerde) taakstelling nog niet is gehuisvest.
 * @customfunction ACHTERSTAND
 * @param gemeente Naam of CBS-code van de gemeente.
 * @param periode Het laatste halfjaar, bijvoorbeeld "2024-II".
 * @param gehuisvest Aantal gehuisvest in dat halfjaar, of een kolom met aantallen per opeenvolgend halfjaar (de laatste is "periode"); elk een geheel getal van 0 t/m 100.000, hoogstens 100 halfjaren. Vóór een herindeling die de gemeente vormde of vergrootte: het grondgebied van nu (som van de delen).
 * @param [beginsaldo] Achterstand (+) of voorsprong (−) aan het begin van het eerste halfjaar, een geheel getal van -100.000 t/m 100.000; standaard 0.
 * @param [landelijk] Eigen landelijk getal per halfjaar (uit de circulaire), voor halfjaren zonder getal in de dataset of in plaats daarvan: één getal of een kolom met evenveel cellen als gehuisvest; een lege cel gebruikt de dataset; elk een geheel getal van 1 t/m 200.000.
 * @returns Achterstand (0 als er een voorsprong is).
 */
export function achterstand(
  gemeente: unknown,
  periode: unknown,
  gehuisvest: unknown[][],
  beginsaldo?: unknown,
  landelijk?: unknown[][],
): number {
  return alsExcel(() =>
    eindig(laatsteRegel(gemeente, periode, gehuisvest, beginsaldo, landelijk).achterstand),
  );
}

/**
 * Voorsprong aan het eind van een halfjaar: hoeveel meer is gehuisvest dan de (gecorrigeerde) taakstelling.
 * @customfunction VOORSPRONG
 * @param gemeente Naam of CBS-code van de gemeente.
 * @param periode Het laatste halfjaar, bijvoorbeeld "2024-II".
 * @param gehuisvest Aantal gehuisvest in dat halfjaar, of een kolom met aantallen per opeenvolgend halfjaar (de laatste is "periode"); elk een geheel getal van 0 t/m 100.000, hoogstens 100 halfjaren.
 * @param [beginsaldo] Achterstand (+) of voorsprong (−) aan het begin van het eerste halfjaar, een geheel getal van -100.000 t/m 100.000; standaard 0.
 * @param [landelijk] Eigen landelijk getal per halfjaar (uit de circulaire), voor halfjaren zonder getal in de dataset of in plaats daarvan: één getal of een kolom met evenveel cellen als gehuisvest; een lege cel gebruikt de dataset; elk een geheel getal van 1 t/m 200.000.
 * @returns Voorsprong (0 als er een achterstand is).
 */
export function voorsprong(
  gemeente: unknown,
  periode: unknown,
  gehuisvest: unknown[][],
  beginsaldo?: unknown,
  landelijk?: unknown[][],
): number {
  return alsExcel(() =>
    eindig(laatsteRegel(gemeente, periode, gehuisvest, beginsaldo, landelijk).voorsprong),
  );
}

/**
 * Gecorrigeerde taakstelling van een halfjaar: taakstelling plus achterstand (min voorsprong) aan het begin ervan.
 * @customfunction GECORRIGEERD
 * @param gemeente Naam of CBS-code van de gemeente.
 * @param periode Het halfjaar, bijvoorbeeld "2024-II".
 * @param gehuisvest Aantal gehuisvest per opeenvolgend halfjaar tot en met "periode" (de laatste waarde telt niet mee voor de gecorrigeerde taakstelling zelf); elk een geheel getal van 0 t/m 100.000, hoogstens 100 halfjaren.
 * @param [beginsaldo] Achterstand (+) of voorsprong (−) aan het begin van het eerste halfjaar, een geheel getal van -100.000 t/m 100.000; standaard 0.
 * @param [landelijk] Eigen landelijk getal per halfjaar (uit de circulaire), voor halfjaren zonder getal in de dataset of in plaats daarvan: één getal of een kolom met evenveel cellen als gehuisvest; een lege cel gebruikt de dataset; elk een geheel getal van 1 t/m 200.000.
 * @returns Gecorrigeerde taakstelling.
 */
export function gecorrigeerd(
  gemeente: unknown,
  periode: unknown,
  gehuisvest: unknown[][],
  beginsaldo?: unknown,
  landelijk?: unknown[][],
): number {
  return alsExcel(() =>
    eindig(laatsteRegel(gemeente, periode, gehuisvest, beginsaldo, landelijk).gecorrigeerd),
  );
}

/**
 * Het verloop per halfjaar als tabel: periode, taakstelling met herkomst (na een herindeling de som van de delen), beginsaldo, gecorrigeerde taakstelling, gehuisvest, achterstand, voorsprong en het aantal halfjaren achtereen met een achterstand.
 * @customfunction VERLOOP
 * @param gemeente Naam of CBS-code van de gemeente.
 * @param periode Het laatste halfjaar, bijvoorbeeld "2024-II".
 * @param gehuisvest Een kolom met het aantal gehuisvest per opeenvolgend halfjaar (de laatste is "periode"), of één getal; elk een geheel getal van 0 t/m 100.000, hoogstens 100 halfjaren.
 * @param [beginsaldo] Achterstand (+) of voorsprong (−) aan het begin van het eerste halfjaar, een geheel getal van -100.000 t/m 100.000; standaard 0.
 * @param [landelijk] Eigen landelijk getal per halfjaar (uit de circulaire), voor halfjaren zonder getal in de dataset of in plaats daarvan: één getal of een kolom met evenveel cellen als gehuisvest; een lege cel gebruikt de dataset; elk een geheel getal van 1 t/m 200.000.
 * @returns Tabel met een kopregel en één regel per halfjaar; loopt over (spill).
 */
export function verloop(
  gemeente: unknown,
  periode: unknown,
  gehuisvest: unknown[][],
  beginsaldo?: unknown,
  landelijk?: unknown[][],
): any[][] {
  return alsExcel(() => {
    const rijen = engine().verloopTabel(
      ...verloopArgumenten(gemeente, periode, gehuisvest, beginsaldo, landelijk),
    );
    const breuk = rijen.find((r) => r.taakstelling instanceof OpgaveFout);
    const naBreuk =
      breuk === undefined
        ? undefined
        : naarExcelFout(
            new OpgaveFout(
              "nietBeschikbaar",
              taakstellingBerichten.verloopNaOnbekend(periodeCode(breuk.periode)),
            ),
          );
    return eindigeTabel([
      [...taakstellingBerichten.verloopKop],
      ...rijen.map((r) => {
        const t = r.taakstelling;
        const onbekend = t instanceof OpgaveFout ? naarExcelFout(t) : naBreuk;
        const saldo = (n: number | undefined) => (n === undefined ? onbekend : n);
        return [
          periodeCode(r.periode),
          t instanceof OpgaveFout ? naarExcelFout(t) : t.aantal,
          t instanceof OpgaveFout ? taakstellingBerichten.verloopOnbekend(t.message) : gebiedLabel(t),
          saldo(r.regel?.beginsaldo),
          saldo(r.regel?.gecorrigeerd),
          r.gehuisvest,
          saldo(r.regel?.achterstand),
          saldo(r.regel?.voorsprong),
          saldo(r.achtereenAchter ?? undefined),
        ];
      }),
    ]);
  });
}

/**
 * Aantal inwoners van een gemeente op 1 januari (CBS).
 * @customfunction INWONERS
 * @param gemeente Naam of CBS-code van de gemeente.
 * @param [peildatum] Jaartal (2023) of datum; standaard het laatst bekende jaar. Een datum telt als 1 januari van dat jaar.
 * @returns Aantal inwoners.
 */
export function inwoners(gemeente: unknown, peildatum?: unknown): number {
  return alsExcel(() =>
    eindig(engine().inwoners(verplicht(gemeente, "gemeente"), optioneel(peildatum, "peildatum")).aantal),
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
  return alsExcel(() => eindig(engine().landelijk(verplicht(periode, "periode")).aantal));
}

/**
 * Herkomst van de taakstelling: officieel of berekend, met formule, peildatum, bron en datasetversie. Vóór de herindeling die de gemeente vormde: de taakstelling van het grondgebied (som van de delen), zo gelabeld.
 * @customfunction BRON
 * @param gemeente Naam of CBS-code van de gemeente.
 * @param periode Halfjaar, bijvoorbeeld "2024-I".
 * @param [landelijk] Eigen landelijk getal voor dat halfjaar, zoals bij TAAKSTELLING, een geheel getal van 1 t/m 200.000.
 * @returns Tekst met de herkomst van het getal.
 */
export function bron(gemeente: unknown, periode: unknown, landelijk?: unknown): string {
  return alsExcelUitkomst(() => {
    const e = engine();
    const invoer = verplicht(gemeente, "gemeente");
    const p = verplicht(periode, "periode");
    const l = optioneelGetal(landelijk, "landelijk", GRENZEN.landelijkTaakstelling);
    const tekst = e.bronMet(invoer, p, l);
    if (tekst instanceof OpgaveFout) return tekst;
    // Text the lookup ignored ("=Utrecht") is named, with the gemeente it was read as (then or now).
    const naam = () => vangStil(() => e.gemeente(invoer, e.periode(p)).naam) ?? e.gemeente(invoer).naam;
    return tekst + invoerNoot(invoer, naam);
  });
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
    return eindigeTabel([
      kop,
      ...regels.map((r) => [
        r.gemeente.code,
        r.gemeente.naam,
        r.provincie?.naam ?? "",
        r.inwoners ?? naarExcelFout(new OpgaveFout("nietBeschikbaar", "inwonertal onbekend")),
        r.taakstelling instanceof OpgaveFout ? naarExcelFout(r.taakstelling) : r.taakstelling.aantal,
      ]),
    ]);
  });
}

/**
 * Opvangopgave (Spreidingswet) van een gemeente: gepubliceerd cijfer, of anders de gedocumenteerde schatting.
 * @customfunction OPVANG
 * @param gemeente Naam of CBS-code van de gemeente.
 * @param [soort] "totaal" (standaard) of "amv" (alleenstaande minderjarige vreemdelingen).
 * @param [besluit] Welk besluit, bijvoorbeeld "96000", "verdeelbesluit" of "88000"; standaard het laatste besluit met een cijfer voor deze gemeente.
 * @returns Aantal opvangplaatsen.
 */
export function opvang(gemeente: unknown, soort?: unknown, besluit?: unknown): number {
  // Called for every gemeente of a sheet: written out like TAAKSTELLING (no closure).
  let c: OpvangCijfer | OpgaveFout;
  try {
    c = engine().opvangGemeenteUitkomst(
      verplicht(gemeente, "gemeente"),
      optioneleTekst(soort, "soort"),
      optioneleTekst(besluit, "besluit"),
    );
  } catch (e) {
    return werpExcelFout(e);
  }
  if (c instanceof OpgaveFout) return werpExcelFout(c);
  return Number.isFinite(c.aantal) ? c.aantal : werpNietEindig();
}

/**
 * Opvangopgave (Spreidingswet) van een provincie.
 * @customfunction OPVANGPROVINCIE
 * @param provincie Naam of code van de provincie, bijvoorbeeld "Gelderland" of "PV25".
 * @param [soort] "totaal" (standaard) of "amv".
 * @param [besluit] Welk besluit; standaard het laatste besluit met een cijfer voor deze provincie.
 * @returns Aantal opvangplaatsen.
 */
export function opvangprovincie(provincie: unknown, soort?: unknown, besluit?: unknown): number {
  return alsExcel(() =>
    eindig(
      engine().opvangProvincie(
        verplicht(provincie, "provincie"),
        optioneleTekst(soort, "soort"),
        optioneleTekst(besluit, "besluit"),
      ).aantal,
    ),
  );
}

/**
 * Scenario: de opvangopgave van een gemeente als het landelijke totaal N zou zijn (eigen aandeel × N, afgerond).
 * @customfunction OPVANGSCENARIO
 * @param gemeente Naam of CBS-code van de gemeente.
 * @param landelijk Landelijk aantal opvangplaatsen in het scenario, bijvoorbeeld 88000; een geheel getal van 1 t/m 1.000.000.
 * @param [soort] "totaal" (standaard) of "amv".
 * @param [besluit] Besluit waarvan het aandeel wordt genomen; standaard als bij OPVANG.
 * @returns Aantal opvangplaatsen in het scenario.
 */
export function opvangscenario(
  gemeente: unknown,
  landelijk: unknown,
  soort?: unknown,
  besluit?: unknown,
): number {
  return alsExcel(() =>
    eindig(
      engine().opvangScenario(
        verplicht(gemeente, "gemeente"),
        verplichtGetal(landelijk, "landelijk", GRENZEN.landelijk),
        optioneleTekst(soort, "soort"),
        optioneleTekst(besluit, "besluit"),
      ).aantal,
    ),
  );
}

/**
 * Herkomst van een opvangcijfer: welk besluit (met datum en peildatum), gepubliceerd of geschat, andere bronnen, bron.
 * @customfunction OPVANGBRON
 * @param gemeente Naam of CBS-code van de gemeente.
 * @param [soort] "totaal" (standaard) of "amv".
 * @param [besluit] Welk besluit; standaard als bij OPVANG.
 * @returns Tekst met de herkomst.
 */
export function opvangbron(gemeente: unknown, soort?: unknown, besluit?: unknown): string {
  return alsExcel(() => {
    const e = engine();
    const invoer = verplicht(gemeente, "gemeente");
    const c = e.opvangGemeente(invoer, optioneleTekst(soort, "soort"), optioneleTekst(besluit, "besluit"));
    const naam = e.gemeente(invoer).naam;
    return opvangBronTekst(naam, c) + invoerNoot(invoer, () => naam);
  });
}

/**
 * Tabel van de bekende opvangbesluiten: id, naam, datum, peildatum, landelijk totaal, amv en status.
 * @customfunction OPVANGBESLUITEN
 * @returns Tabel met een kopregel; loopt over (spill).
 */
export function opvangbesluiten(): any[][] {
  return alsExcel(() =>
    eindigeTabel([
      ["Besluit", "Naam", "Datum", "Peildatum", "Landelijk totaal", "Waarvan amv", "Status"],
      ...engine()
        .opvang.alleBesluiten()
        .map((x) => [
          x.id,
          x.naam,
          x.datum,
          x.peildatum,
          x.landelijkTotaal ?? "",
          x.landelijkAmv ?? "",
          x.status,
        ]),
    ]),
  );
}

/**
 * Opties voor kleinschalige opvang: aantal locaties × grootte, totaal, overschot, duurzaam-bonus, indicatieve jaarkosten en eenmalige bonus; gesorteerd op jaarkosten. De laatste regels noemen de aannames.
 * @customfunction KLEINSCHALIG
 * @param plaatsen Aantal te realiseren opvangplaatsen, een geheel getal van 1 t/m 200.000.
 * @param [minimum] Minimale locatiegrootte (1 t/m 10.000); standaard 50.
 * @param [maximum] Maximale locatiegrootte (1 t/m 10.000); standaard 200.
 * @param [maxlocaties] Maximaal aantal locaties (1 t/m 10.000); standaard geen grens (de tabel toont hoogstens 20 opties).
 * @param [vastekosten] Vaste kosten per locatie per jaar in euro (aanname, € 0 t/m € 100.000.000); standaard 200000.
 * @param [duurzaam] Locaties voor minstens 5 jaar ("ja"/"nee", WAAR/ONWAAR); standaard ja.
 * @returns Tabel met een kopregel; loopt over (spill).
 */
export function kleinschalig(
  plaatsen: unknown,
  minimum?: unknown,
  maximum?: unknown,
  maxlocaties?: unknown,
  vastekosten?: unknown,
  duurzaam?: unknown,
): any[][] {
  return alsExcel(() => {
    const { opties, aannames } = engine().kleinschalig({
      plaatsen: verplichtGetal(plaatsen, "plaatsen", GRENZEN.tePlaatsen),
      minimum: optioneelGetal(minimum, "minimum", GRENZEN.locatiegrootte),
      maximum: optioneelGetal(maximum, "maximum", GRENZEN.locatiegrootte),
      maxLocaties: optioneelGetal(maxlocaties, "maxlocaties", GRENZEN.locaties),
      vasteKostenPerLocatie: optioneelGetal(vastekosten, "vastekosten", GRENZEN.vasteKosten),
      duurzaam: optioneleJaNee(duurzaam, "duurzaam"),
    });
    const kop = [
      "Locaties",
      "Plaatsen per locatie",
      "Totaal plaatsen",
      "Overschot",
      "Duurzaam-bonus",
      "Jaarkosten indicatief (€)",
      "waarvan vaste kosten (€)",
      "Eenmalige bonus (€)",
    ];
    const leeg = kop.slice(1).map(() => "");
    return eindigeTabel([kop, ...opties.map(optieRij), ...aannames.map((a) => [`Aanname: ${a}`, ...leeg])]);
  });
}

/**
 * Indicatieve COA-kosten van een aantal opvangplaatsen in een kalenderjaar (kostprijs per bewoner per jaar).
 * @customfunction KOSTENOPVANG
 * @param plaatsen Aantal opvangplaatsen (bewoners), een geheel getal van 0 t/m 200.000.
 * @param jaar Kalenderjaar, bijvoorbeeld 2023 (1900 t/m 2200).
 * @param [soort] "regulier" (standaard) of "nood" (crisisnoodopvang).
 * @param [bedragperjaar] Eigen bedrag per plaats per jaar in euro (€ 0 t/m € 1.000.000); gebruikt in plaats van het COA-cijfer.
 * @returns Kosten in euro.
 */
export function kostenopvang(
  plaatsen: unknown,
  jaar: unknown,
  soort?: unknown,
  bedragperjaar?: unknown,
): number {
  return alsExcel(() => {
    const s = optioneleTekst(soort, "soort");
    return eindig(
      opvangKosten(
        engine().dataset.kostenNormen,
        verplichtGetal(plaatsen, "plaatsen", GRENZEN.plaatsen),
        verplichtGetal(jaar, "jaar", GRENZEN.jaar),
        s === undefined ? "regulier" : parseSoortOpvang(s),
        optioneelGetal(bedragperjaar, "bedragperjaar", GRENZEN.bedragPerPlaats),
      ).bedrag,
    );
  });
}

/**
 * Eenmalige financiële prikkel (Spreidingswet) voor een aantal opvangplaatsen, naar fase en duurzaamheid.
 * @customfunction PRIKKEL
 * @param plaatsen Aantal opvangplaatsen, een geheel getal van 0 t/m 200.000.
 * @param [fase] "landelijk" (standaard), "provinciaal" of "aanwijzing".
 * @param [duurzaam] Duurzame plaatsen (minstens 5 jaar, meer dan 100 plaatsen): "ja" of "nee" (standaard nee).
 * @returns Bedrag in euro.
 */
export function prikkel(plaatsen: unknown, fase?: unknown, duurzaam?: unknown): number {
  return alsExcel(() => {
    const f = optioneleTekst(fase, "fase");
    return eindig(
      prikkelBedrag(
        engine().dataset.prikkels,
        verplichtGetal(plaatsen, "plaatsen", GRENZEN.plaatsen),
        f === undefined ? "landelijk" : parseFase(f),
        optioneleJaNee(duurzaam, "duurzaam") ?? false,
      ).bedrag,
    );
  });
}

function oekraineBerekening(plaatsen: unknown, van: unknown, tot: unknown, soort: unknown) {
  const s = optioneleTekst(soort, "soort");
  return oekraineVergoeding(
    engine().dataset.kostenNormen,
    verplichtGetal(plaatsen, "plaatsen", GRENZEN.plaatsen),
    datumArg(van, "van"),
    datumArg(tot, "tot"),
    s === undefined ? "GOO" : parseSoortOekraine(s),
  );
}

/**
 * Vergoeding opvang Oekraïense ontheemden (normbedragen) over een periode, exact gesplitst bij elke tariefwijziging. GOO per plaats per dag (dagen tellen, begin en eind inclusief); POO per persoon per maand (volle maanden, gedeeltelijke naar rato van de dagen).
 * @customfunction OEKRAINE
 * @param plaatsen Aantal opvangplaatsen (GOO) of personen (POO), een geheel getal van 0 t/m 200.000.
 * @param van Eerste dag (datum).
 * @param tot Laatste dag (datum, inclusief).
 * @param [soort] "GOO" (gemeentelijke opvang, standaard) of "POO" (particuliere opvang).
 * @returns Bedrag in euro.
 */
export function oekraine(plaatsen: unknown, van: unknown, tot: unknown, soort?: unknown): number {
  return alsExcel(() => eindig(oekraineBerekening(plaatsen, van, tot, soort).bedrag));
}

/**
 * De berekening van OEKRAINE per tariefperiode: van, tot, tarief, eenheid, aantal dagen of maanden, bedrag, status; met waarschuwingen.
 * @customfunction OEKRAINEDELEN
 * @param plaatsen Aantal opvangplaatsen (GOO) of personen (POO), een geheel getal van 0 t/m 200.000.
 * @param van Eerste dag (datum).
 * @param tot Laatste dag (datum, inclusief).
 * @param [soort] "GOO" (standaard) of "POO".
 * @returns Tabel met een kopregel; loopt over (spill).
 */
export function oekrainedelen(plaatsen: unknown, van: unknown, tot: unknown, soort?: unknown): any[][] {
  return alsExcel(() => {
    const v = oekraineBerekening(plaatsen, van, tot, soort);
    const leeg = ["", "", "", "", ""];
    return eindigeTabel([
      ["Van", "Tot en met", "Tarief (€)", "Eenheid", "Aantal", "Bedrag (€)", "Status"],
      ...v.delen.map((d) => [
        dagTekst(d.vanaf),
        dagTekst(d.tot),
        d.tarief,
        `per ${d.eenheid}`,
        d.aantal,
        d.bedrag,
        d.status,
      ]),
      ["Totaal", "", "", "", "", v.bedrag, ""],
      [`Conventie: ${v.conventie}`, ...leeg, ""],
      ...v.waarschuwingen.map((w) => [w, ...leeg, ""]),
    ]);
  });
}

/**
 * Landelijke kerncijfers van de opvang van Oekraïense ontheemden (opdracht Veiligheidsberaad, doelstelling, gevraagde, beschikbare en gebruikte plekken), zoals gepubliceerd: per indicator het laatste cijfer op of vóór de datum. Nooit een afgeleid aandeel per gemeente.
 * @customfunction OEKRAINECIJFERS
 * @param [datum] Datum waarop het cijfer geldt (Excel-datum of tekst als 1-3-2024); standaard het laatst bekende. Een cijfer dat de bron met een maand dateert, geldt vanaf de eerste dag van die maand.
 * @param [indicator] Naam van de indicator zoals in de bron, bijvoorbeeld "landelijke doelstelling", "gevraagd", "beschikbaar", "in gebruik" of "benodigde plekken"; zonder: een tabel van alle indicatoren.
 * @returns Het cijfer, of een tabel (indicator, waarde, datum, bron, toelichting) met een kopregel; loopt over (spill).
 */
export function oekrainecijfers(datum?: unknown, indicator?: unknown): any[][] {
  return alsExcel(() => {
    const dag = optioneel(datum, "datum") === undefined ? undefined : datumArg(datum, "datum");
    const naam = optioneleTekst(indicator, "indicator");
    const cijfers = engine().oekraineKerncijfers(dag, naam);
    const waarde = (c: (typeof cijfers)[number]) => c.aantal ?? tekstCel(c.waardeTekst);
    if (naam !== undefined) return eindigeTabel(cijfers.slice(0, 1).map((c) => [waarde(c)]));
    return eindigeTabel([
      [...taakstellingBerichten.oekraineKop],
      ...cijfers.map((c) => [
        tekstCel(c.indicator),
        waarde(c),
        datumTekst(c),
        tekstCel(c.bron),
        tekstCel(c.toelichting),
      ]),
    ]);
  });
}

/**
 * Source text for a cell that cannot be taken for a formula: text that starts with =, +, - or @ ("+25.000 bovenop
 * 50.000") is shown between quotes, as a quotation of the source.
 */
function tekstCel(tekst: string): string {
  return /^[=+\-@]/.test(tekst) ? `“${tekst}”` : tekst;
}
