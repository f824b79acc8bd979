/**
 * Builds the workbook plan (./plan) from the engine: pure code, no I/O, no host. The same plan is applied by the
 * .xlsx writer (./xlsxWriter, CLI `opgave vul`) and the Office.js writer (./officeWriter).
 *
 * Formulas are native Excel formulas only (never OPGAVE.*), so the workbook keeps working where the add-in is not
 * loaded. They are en-US with "," separators and A1 references (how .xlsx files store them).
 *
 * Taakstelling chain (sheet "Taakstelling", table Opgave_Taakstelling, one row per half-year 2016-II … the last
 * period of the dataset). Per row r (previous row p):
 *   T(r)  = the own input "Taakstelling (eigen invoer)" when filled, else the dataset's taakstelling
 *   S(r)  = start balance: N(Opgave_Beginsaldo) in the start row (named cell Opgave_Startperiode; empty = the first
 *           row), Achterstand(p) − Voorsprong(p) in later rows, "" before the start row
 *   Gecorrigeerd(r) = T(r) + S(r)                           ("" when T or S is "")
 *   Achterstand(r)  = MAX(Gecorrigeerd(r) − Gehuisvest(r), 0)   ("" when Gecorrigeerd or Gehuisvest is empty)
 *   Voorsprong(r)   = MAX(Gehuisvest(r) − Gecorrigeerd(r), 0)   (idem)
 * An empty required input (taakstelling unknown and not entered, gehuisvest not entered) makes the rest of the
 * chain "" — never a silent 0. Only the start balance counts an empty cell as 0 (as OPGAVE.ACHTERSTAND does).
 * A taakstelling the data cannot give (national number unknown, gemeente did not exist, boundaries changed) is left
 * empty with the reason in "Herkomst"; the user fills it from the official circular in the own-input column.
 *
 * Layout (gemeente): Overzicht (key figures A2:B14, current backlog/surplus/period as INDEX/MATCH formulas on the
 * Taakstelling sheet, chart at A18) · Taakstelling (B4 Opgave_Startperiode, B5 Opgave_Beginsaldo, table at A7) ·
 * Opvang (default decision A2:B9, B11 Opgave_BestaandePlaatsen, B12 gap, table of all decisions at A14) ·
 * Kleinschalig (assumption lines, options table) · Kosten (rows 4–8: B own value = named input cell, C the plan's
 * standard, D the value used = own value else standard; rows 10–13 yearly cost, fixed cost, total, one-off bonus;
 * table of the dataset's norms) · Bron (dataset block, "Onderwerp", table of sources at A13).
 * Layout (province): Provincie (table Opgave_Provincie at A8, totals row of SUMs below it) · Bron.
 * Named input cells start empty, so a refill can tell what the user entered from a default; where a default
 * helps (Kosten) it is a plan-owned "Standaard" cell next to the input, used while the input is empty.
 */
import type { Engine, Invoer } from "../domain/engine";
import { OpgaveFout } from "../domain/fouten";
import { opvangBronTekst, type OpvangCijfer } from "../domain/opvang";
import { DEFAULT_VASTE_KOSTEN, optieRij } from "../domain/kleinschalig";
import {
  dagCode,
  dagTekst,
  dagUitCode,
  parsePeriode,
  periodeCode,
  periodeIndex,
  periodeStart,
  periodeUitIndex,
  peiljaarInwoners,
  type Periode,
} from "../domain/periode";
import { delenOpPeildatum, herkomstTekst, type Taakstelling } from "../domain/taakstelling";
import type { Gemeente } from "../data/schema";
import {
  adres,
  kolomLetters,
  type BladPlan,
  type BlokPlan,
  type Cel,
  type Formule,
  type InvoerCel,
  type Kolom,
  type Positie,
  type TabelPlan,
  type WerkboekPlan,
} from "./plan";

/** Where the data came from and who made the workbook; `gemaakt` is passed in so the plan is deterministic. */
export interface BronInfo {
  readonly datasetId: string;
  readonly versie: string;
  readonly datum: string;
  readonly hash?: string;
  readonly bronUrl?: string;
  readonly opgehaald?: string;
  /** The trusted key that signed the bundle in use; absent for the data embedded in the add-in. */
  readonly sleutel?: { readonly naam: string; readonly id: string };
  readonly addinVersie: string;
  /** ISO timestamp. */
  readonly gemaakt: string;
}

export const BLADEN = {
  overzicht: "Overzicht",
  taakstelling: "Taakstelling",
  opvang: "Opvang",
  kleinschalig: "Kleinschalig",
  kosten: "Kosten",
  bron: "Bron",
  provincie: "Provincie",
} as const;

export const TABELLEN = {
  taakstelling: "Opgave_Taakstelling",
  opvang: "Opgave_Opvang",
  kleinschalig: "Opgave_Kleinschalig",
  kosten: "Opgave_Kosten",
  provincie: "Opgave_Provincie",
  bronnen: "Opgave_Bronnen",
} as const;

export const NAMEN = {
  startperiode: "Opgave_Startperiode",
  beginsaldo: "Opgave_Beginsaldo",
  bestaandePlaatsen: "Opgave_BestaandePlaatsen",
  plaatsen: "Opgave_Plaatsen",
  kostenPerPlaats: "Opgave_KostenPerPlaats",
  locaties: "Opgave_Locaties",
  vasteKosten: "Opgave_VasteKostenPerLocatie",
  bonusPerPlaats: "Opgave_BonusPerPlaats",
} as const;

/** First half-year of the taakstelling sheet (the first with a known national number in the dataset). */
export const EERSTE_PERIODE = "2016-II";

export const NOTATIE = { geheel: "#,##0", euro: "€ #,##0", tekst: "@" } as const;

// ---------------------------------------------------------------------------------------------------------
// Small helpers

function f(formule: string): Formule {
  return { formule: formule.startsWith("=") ? formule : `=${formule}` };
}

function vang<T>(g: () => T): T | OpgaveFout {
  try {
    return g();
  } catch (e) {
    if (e instanceof OpgaveFout) return e;
    throw e;
  }
}

function kolom(
  sleutel: string,
  kop: string,
  soort: Kolom["soort"],
  notatie?: string,
  breedte?: number,
): Kolom {
  return { sleutel, kop, soort, ...(notatie ? { notatie } : {}), ...(breedte ? { breedte } : {}) };
}

/** Column letter of a table column by key, and the A1 address of that column in a data row. */
class TabelAdres {
  constructor(
    private readonly start: Positie,
    private readonly kolommen: readonly Kolom[],
  ) {}

  letter(sleutel: string): string {
    const i = this.kolommen.findIndex((k) => k.sleutel === sleutel);
    if (i < 0) throw new Error(`kolom ${sleutel} bestaat niet`);
    return kolomLetters(this.start.kolom + i);
  }

  /** Sheet row of data row i (0-based). */
  rij(i: number): number {
    return this.start.rij + 1 + i;
  }

  cel(sleutel: string, i: number): string {
    return `${this.letter(sleutel)}${this.rij(i)}`;
  }

  /** Absolute range of a column over `n` data rows, optionally sheet-qualified. */
  kolomBereik(sleutel: string, n: number, blad?: string): string {
    const l = this.letter(sleutel);
    const r = `$${l}$${this.rij(0)}:$${l}$${this.rij(Math.max(n, 1) - 1)}`;
    return blad ? `${bladRef(blad)}!${r}` : r;
  }
}

function bladRef(blad: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(blad) ? blad : `'${blad.replace(/'/g, "''")}'`;
}

function rij(rijNr: number, kolomNr = 1): Positie {
  return { rij: rijNr, kolom: kolomNr };
}

/** A label/value block: one row per pair. */
function paren(start: Positie, regels: readonly (readonly [string, Cel])[], notatie?: string): BlokPlan {
  return {
    start,
    cellen: regels.map(([label, waarde]) => [label, waarde]),
    notaties: [NOTATIE.tekst, notatie],
  };
}

function titel(start: Positie, tekst: string, ...toelichting: string[]): BlokPlan {
  return { start, cellen: [[tekst], ...toelichting.map((t) => [t])], kop: true };
}

function datumTekst(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? dagTekst(dagUitCode(iso)) : iso;
}

// ---------------------------------------------------------------------------------------------------------
// Taakstelling per period

export interface PeriodeRegel {
  readonly periode: string;
  readonly landelijk: number | null;
  readonly inwoners: number | null;
  readonly taakstelling: Taakstelling | OpgaveFout;
}

/** Every half-year from 2016-II to the last period of the dataset, with what the engine can say about it. */
export function periodeRegels(engine: Engine, g: Gemeente): PeriodeRegel[] {
  const perioden = engine.dataset.landelijkeTaakstelling.map((l) => periodeIndex(parsePeriode(l.periode)));
  const eerste = periodeIndex(parsePeriode(EERSTE_PERIODE));
  const laatste = Math.max(eerste, ...perioden);
  const regels: PeriodeRegel[] = [];
  for (let i = eerste; i <= laatste; i++) {
    const p = periodeUitIndex(i);
    const code = periodeCode(p);
    const landelijk = vang(() => engine.landelijk(code).aantal);
    const taakstelling = vang(() => engine.taakstelling(g.code, code));
    regels.push({
      periode: code,
      landelijk: landelijk instanceof OpgaveFout ? null : landelijk,
      inwoners:
        taakstelling instanceof OpgaveFout ? inwonersOpPeildatum(engine, g, p) : taakstelling.herkomst.iG,
      taakstelling,
    });
  }
  return regels;
}

/** iG under art. 29/30 (sum of the parts on the reference date), also when the national number is unknown. */
function inwonersOpPeildatum(engine: Engine, g: Gemeente, p: Periode): number | null {
  const start = periodeStart(p);
  const dag = dagCode(start);
  if ((g.vanaf !== null && g.vanaf > dag) || (g.tot !== null && g.tot <= dag)) return null;
  const jaar = peiljaarInwoners(p);
  const delen = vang(() => delenOpPeildatum(engine.register, g, jaar, start, periodeCode(p)));
  if (delen instanceof OpgaveFout) return null;
  let som = 0;
  for (const c of delen) {
    const n = engine.register.gemeenten.get(c)?.inwoners[String(jaar)];
    if (n === undefined) return null;
    som += n;
  }
  return som;
}

const ONBEKEND_HINT = "Vul het getal uit de circulaire in bij Taakstelling (eigen invoer).";

function taakstellingKolommen(): Kolom[] {
  return [
    kolom("periode", "Periode", "gegeven", NOTATIE.tekst, 14),
    kolom("landelijk", "Landelijk", "gegeven", NOTATIE.geheel, 11),
    kolom("inwoners", "Inwoners", "gegeven", NOTATIE.geheel, 12),
    kolom("taakstelling", "Taakstelling", "gegeven", NOTATIE.geheel, 13),
    kolom("herkomst", "Herkomst", "gegeven", NOTATIE.tekst, 30),
    kolom("taakstellingEigen", "Taakstelling (eigen invoer)", "invoer", NOTATIE.geheel, 14),
    kolom("gehuisvest", "Gehuisvest", "invoer", NOTATIE.geheel, 12),
    kolom("gecorrigeerd", "Gecorrigeerd", "formule", NOTATIE.geheel, 13),
    kolom("achterstand", "Achterstand", "formule", NOTATIE.geheel, 12),
    kolom("voorsprong", "Voorsprong", "formule", NOTATIE.geheel, 12),
    kolom("toelichting", "Toelichting", "gegeven", NOTATIE.tekst, 60),
  ];
}

const TAAKSTELLING_TABEL_START = rij(7);

function taakstellingBlad(engine: Engine, g: Gemeente, regels: readonly PeriodeRegel[]): BladPlan {
  const kolommen = taakstellingKolommen();
  const a = new TabelAdres(TAAKSTELLING_TABEL_START, kolommen);
  const start = NAMEN.startperiode;
  const begin = NAMEN.beginsaldo;
  const rijen: Cel[][] = regels.map((r, i) => {
    const periode = a.cel("periode", i);
    const d = a.cel("taakstelling", i);
    const e = a.cel("taakstellingEigen", i);
    const h = a.cel("gecorrigeerd", i);
    const gh = a.cel("gehuisvest", i);
    const tLeeg = `AND(${e}="",${d}="")`;
    const t = `IF(${e}<>"",${e},${d})`;
    let gecorrigeerd: string;
    if (i === 0) {
      gecorrigeerd = `IF(OR(${tLeeg},AND(${start}<>"",${periode}<>${start})),"",${t}+N(${begin}))`;
    } else {
      const vi = a.cel("achterstand", i - 1);
      const vj = a.cel("voorsprong", i - 1);
      gecorrigeerd = `IF(${tLeeg},"",IF(${periode}=${start},${t}+N(${begin}),IF(${vi}="","",${t}+${vi}-${vj})))`;
    }
    const leeg = `OR(${h}="",${gh}="")`;
    const t_ = r.taakstelling;
    const bekend = !(t_ instanceof OpgaveFout);
    return [
      r.periode,
      r.landelijk,
      r.inwoners,
      bekend ? t_.aantal : null,
      bekend ? t_.herkomst.label : `onbekend: ${t_.message} ${ONBEKEND_HINT}`,
      null,
      null,
      f(gecorrigeerd),
      f(`IF(${leeg},"",MAX(${h}-${gh},0))`),
      f(`IF(${leeg},"",MAX(${gh}-${h},0))`),
      bekend ? herkomstTekst(engine.register, t_) : t_.message,
    ];
  });
  const eerste = regels[0]?.periode ?? EERSTE_PERIODE;
  return {
    naam: BLADEN.taakstelling,
    blokken: [
      titel(
        rij(1),
        `Taakstelling huisvesting vergunninghouders — ${g.naam} (${g.code})`,
        "Vul per periode Gehuisvest in; Gecorrigeerd, Achterstand en Voorsprong rekenen zichzelf uit (gewone Excel-formules).",
        "Taakstelling leeg = onbekend (landelijk getal niet bekend, gemeente bestond niet of grenzen gewijzigd): vul het getal uit de circulaire in bij Taakstelling (eigen invoer). Een lege verplichte cel laat de rest van het verloop leeg (nooit stil 0).",
      ),
      {
        start: rij(4, 3),
        cellen: [
          [`leeg = vanaf ${eerste}; bijv. 2022-I als u vanaf dan bijhoudt (precies zoals in kolom Periode)`],
          ["achterstand (+) of voorsprong (−) aan het begin van de eerste periode; leeg = 0"],
        ],
      },
    ],
    invoercellen: [
      { naam: start, positie: rij(4, 2), standaard: null, notatie: NOTATIE.tekst, label: "Eerste periode" },
      { naam: begin, positie: rij(5, 2), standaard: null, notatie: NOTATIE.geheel, label: "Beginsaldo" },
    ],
    tabellen: [
      {
        naam: TABELLEN.taakstelling,
        start: TAAKSTELLING_TABEL_START,
        kolommen,
        sleutelKolom: "periode",
        rijen,
      },
    ],
    grafieken: [],
  };
}

// ---------------------------------------------------------------------------------------------------------
// Gemeente plan

function opvangCijfers(
  engine: Engine,
  g: Gemeente,
  besluit?: string,
): { totaal: OpvangCijfer; amv: OpvangCijfer | OpgaveFout } | OpgaveFout {
  const totaal = vang(() => engine.opvangGemeente(g.code, "totaal", besluit));
  if (totaal instanceof OpgaveFout) return totaal;
  const amv = vang(() => engine.opvangGemeente(g.code, "amv", totaal.besluit.id));
  return { totaal, amv };
}

function opvangBlad(engine: Engine, g: Gemeente): { blad: BladPlan; doel: number | null } {
  const standaard = opvangCijfers(engine, g);
  const bekend = !(standaard instanceof OpgaveFout);
  const doel = bekend ? standaard.totaal.aantal : null;
  const amv = bekend && !(standaard.amv instanceof OpgaveFout) ? standaard.amv.aantal : null;
  const besl = bekend ? standaard.totaal.besluit : undefined;
  const regels: [string, Cel][] = [
    ["Besluit", besl ? besl.naam : `geen cijfer: ${(standaard as OpgaveFout).message}`],
    ["Datum besluit", besl ? datumTekst(besl.datum) : null],
    ["Peildatum", besl ? datumTekst(besl.peildatum) : null],
    ["Status", besl ? besl.status : null],
    ["Opvangplaatsen (doel)", doel],
    ["waarvan amv", amv],
    ["Herkomst", bekend ? opvangBronTekst(g.naam, standaard.totaal) : null],
    [
      "Herkomst amv",
      bekend
        ? standaard.amv instanceof OpgaveFout
          ? standaard.amv.message
          : opvangBronTekst(g.naam, standaard.amv)
        : null,
    ],
  ];
  const doelCel = adres(rij(6, 2));
  const bestaand = NAMEN.bestaandePlaatsen;

  const kolommen: Kolom[] = [
    kolom("besluit", "Besluit", "gegeven", NOTATIE.tekst, 24),
    kolom("naam", "Naam", "gegeven", NOTATIE.tekst, 50),
    kolom("datum", "Datum", "gegeven", NOTATIE.tekst, 11),
    kolom("peildatum", "Peildatum", "gegeven", NOTATIE.tekst, 11),
    kolom("status", "Status", "gegeven", NOTATIE.tekst, 20),
    kolom("totaal", "Opvangplaatsen", "gegeven", NOTATIE.geheel, 15),
    kolom("amv", "waarvan amv", "gegeven", NOTATIE.geheel, 12),
    kolom("herkomst", "Herkomst", "gegeven", NOTATIE.tekst, 14),
    kolom("standaard", "Standaard", "gegeven", NOTATIE.tekst, 10),
    kolom("tekort", "Tekort t.o.v. bestaand", "formule", NOTATIE.geheel, 14),
  ];
  const start = rij(14);
  const a = new TabelAdres(start, kolommen);
  const rijen: Cel[][] = [];
  for (const b of engine.opvang.alleBesluiten()) {
    const c = opvangCijfers(engine, g, b.id);
    if (c instanceof OpgaveFout) continue;
    const i = rijen.length;
    const tot = a.cel("totaal", i);
    rijen.push([
      b.id,
      b.naam,
      datumTekst(b.datum),
      datumTekst(b.peildatum),
      b.status,
      c.totaal.aantal,
      c.amv instanceof OpgaveFout ? null : c.amv.aantal,
      c.totaal.herkomst,
      besl?.id === b.id ? "ja" : "nee",
      f(`IF(OR(${tot}="",${bestaand}=""),"",${tot}-${bestaand})`),
    ]);
  }
  return {
    doel,
    blad: {
      naam: BLADEN.opvang,
      blokken: [
        titel(rij(1), `Asielopvang (Spreidingswet) — ${g.naam}`),
        paren(rij(2), regels, NOTATIE.geheel),
        {
          start: rij(12),
          cellen: [
            [
              "Tekort (+) / overschot (−)",
              f(`IF(OR(${doelCel}="",${bestaand}=""),"",${doelCel}-${bestaand})`),
              "doel min bestaande plaatsen",
            ],
          ],
          notaties: [NOTATIE.tekst, NOTATIE.geheel, NOTATIE.tekst],
        },
        {
          start: rij(13),
          cellen: [["Alle besluiten met een cijfer voor deze gemeente (Standaard = het besluit hierboven):"]],
        },
      ],
      invoercellen: [
        {
          naam: bestaand,
          positie: rij(11, 2),
          standaard: null,
          notatie: NOTATIE.geheel,
          label: "Bestaande plaatsen",
        },
      ],
      tabellen: [{ naam: TABELLEN.opvang, start, kolommen, sleutelKolom: "besluit", rijen }],
      grafieken: [],
      breedtes: { 1: 26, 2: 50 },
    },
  };
}

function kleinschaligBlad(
  engine: Engine,
  g: Gemeente,
  doel: number | null,
): { blad: BladPlan; cheapest?: { locaties: number; duurzaam: boolean } } {
  const uitkomst = doel !== null && doel > 0 ? vang(() => engine.kleinschalig({ plaatsen: doel })) : null;
  const opties = uitkomst && !(uitkomst instanceof OpgaveFout) ? uitkomst.opties : [];
  const aannames =
    uitkomst && !(uitkomst instanceof OpgaveFout)
      ? uitkomst.aannames.map((x) => `Aanname: ${x}`)
      : [
          uitkomst instanceof OpgaveFout
            ? `Geen opties: ${uitkomst.message}`
            : "Geen opties: er is geen opvangdoel voor deze gemeente.",
        ];
  const kolommen: Kolom[] = [
    kolom("locaties", "Locaties", "gegeven", NOTATIE.geheel, 10),
    kolom("grootte", "Plaatsen per locatie", "gegeven", NOTATIE.geheel, 12),
    kolom("totaal", "Totaal plaatsen", "gegeven", NOTATIE.geheel, 12),
    kolom("overschot", "Overschot", "gegeven", NOTATIE.geheel, 11),
    kolom("duurzaam", "Duurzaam-bonus", "gegeven", NOTATIE.tekst, 10),
    kolom("jaarkosten", "Jaarkosten indicatief (€)", "gegeven", NOTATIE.euro, 16),
    kolom("vasteKosten", "waarvan vaste kosten (€)", "gegeven", NOTATIE.euro, 16),
    kolom("bonus", "Eenmalige bonus (€)", "gegeven", NOTATIE.euro, 16),
  ];
  const start = rij(3 + aannames.length + 1);
  const eerste = opties[0];
  return {
    ...(eerste ? { cheapest: { locaties: eerste.locaties, duurzaam: eerste.duurzaamBonus } } : {}),
    blad: {
      naam: BLADEN.kleinschalig,
      blokken: [
        titel(
          rij(1),
          `Kleinschalige opvang — ${g.naam}`,
          doel !== null
            ? `Opties voor ${doel} plaatsen (het opvangdoel op blad Opvang), gesorteerd op indicatieve jaarkosten. Reken met eigen aannames op blad Kosten.`
            : "Geen opvangdoel bekend voor deze gemeente.",
        ),
        { start: rij(3), cellen: aannames.map((x) => [x]) },
      ],
      invoercellen: [],
      tabellen: [
        {
          naam: TABELLEN.kleinschalig,
          start,
          kolommen,
          sleutelKolom: "locaties",
          rijen: opties.map(optieRij),
        },
      ],
      grafieken: [],
    },
  };
}

/** Latest COA regular cost per place per year (the norm the kleinschalig options use too). */
function laatsteCoaNorm(engine: Engine) {
  return [...engine.dataset.kostenNormen]
    .filter((n) => n.soort === "coa-regulier")
    .sort((a, b) => b.vanaf.localeCompare(a.vanaf))[0];
}

function kostenBlad(
  engine: Engine,
  g: Gemeente,
  doel: number | null,
  cheapest: { locaties: number; duurzaam: boolean } | undefined,
): BladPlan {
  const norm = laatsteCoaNorm(engine);
  const duurzaam = cheapest?.duurzaam ?? false;
  const bonus = engine.dataset.prikkels.find((p) => p.fase === "landelijk" && p.duurzaam === duurzaam);
  const n = NAMEN;
  // One row per assumption: own value (named input cell, empty by default), the plan's standard value, the
  // value used (own value, else the standard; "" when both are empty) and where the standard comes from. An
  // empty input means "use the standard", so a refill can update the standards without touching user values.
  const aannames: {
    naam: string;
    label: string;
    standaard: number | null;
    notatie: string;
    toelichting: string;
  }[] = [
    {
      naam: n.plaatsen,
      label: "Opvangplaatsen",
      standaard: doel,
      notatie: NOTATIE.geheel,
      toelichting: doel !== null ? "het opvangdoel (blad Opvang)" : "geen opvangdoel bekend: vul zelf in",
    },
    {
      naam: n.kostenPerPlaats,
      label: "Kosten per plaats per jaar (€)",
      standaard: norm?.bedrag ?? null,
      notatie: NOTATIE.euro,
      toelichting: norm
        ? `COA reguliere opvang ${norm.vanaf.slice(0, 4)} (${norm.status}); bron: ${norm.bron}`
        : "geen COA-norm in de dataset: vul zelf in",
    },
    {
      naam: n.locaties,
      label: "Aantal locaties",
      standaard: cheapest?.locaties ?? null,
      notatie: NOTATIE.geheel,
      toelichting: cheapest ? "de goedkoopste optie op blad Kleinschalig" : "geen optie bekend: vul zelf in",
    },
    {
      naam: n.vasteKosten,
      label: "Vaste kosten per locatie per jaar (€)",
      standaard: DEFAULT_VASTE_KOSTEN,
      notatie: NOTATIE.euro,
      toelichting: "aanname van Opgave (geen gepubliceerd cijfer): personeel en beveiliging per locatie",
    },
    {
      naam: n.bonusPerPlaats,
      label: "Eenmalige bonus per plaats (€)",
      standaard: bonus?.bedrag ?? null,
      notatie: NOTATIE.euro,
      toelichting: bonus
        ? `${bonus.omschrijving} (${bonus.status}); bron: ${bonus.bron}`
        : "geen bedrag in de dataset: vul zelf in",
    },
  ];
  const EERSTE = 4;
  const invoer: InvoerCel[] = aannames.map((x, i) => ({
    naam: x.naam,
    positie: rij(EERSTE + i, 2),
    standaard: null,
    notatie: x.notatie,
    label: x.label,
  }));
  /** Address of the value used for assumption i (column D). */
  const gebruikt = (naam: string) => `D${EERSTE + aannames.findIndex((x) => x.naam === naam)}`;
  const aannameBlokken: BlokPlan[] = aannames.map((x, i) => {
    const r = EERSTE + i;
    return {
      start: rij(r, 3),
      cellen: [[x.standaard, f(`IF(B${r}<>"",B${r},IF(C${r}<>"",C${r},""))`), x.toelichting]],
      notaties: [x.notatie, x.notatie, NOTATIE.tekst],
    };
  });
  const als = (cellen: string[], uitdrukking: string) =>
    f(`IF(OR(${cellen.map((c) => `${c}=""`).join(",")}),"",${uitdrukking})`);
  const plaatsen = gebruikt(n.plaatsen);
  const kpp = gebruikt(n.kostenPerPlaats);
  const loc = gebruikt(n.locaties);
  const vast = gebruikt(n.vasteKosten);
  const bon = gebruikt(n.bonusPerPlaats);
  const R = EERSTE + aannames.length + 1;
  const jaar = `B${R}`;
  const vastTotaal = `B${R + 1}`;

  const kolommen: Kolom[] = [
    kolom("id", "Norm", "gegeven", NOTATIE.tekst, 30),
    kolom("soort", "Soort", "gegeven", NOTATIE.tekst, 14),
    kolom("vanaf", "Vanaf", "gegeven", NOTATIE.tekst, 11),
    kolom("tot", "Tot en met", "gegeven", NOTATIE.tekst, 11),
    kolom("bedrag", "Bedrag (€)", "gegeven", "€ #,##0.00", 12),
    kolom("eenheid", "Per", "gegeven", NOTATIE.tekst, 22),
    kolom("status", "Status", "gegeven", NOTATIE.tekst, 30),
    kolom("bron", "Bron", "gegeven", NOTATIE.tekst, 60),
  ];
  const rijen: Cel[][] = [
    ...engine.dataset.kostenNormen.map((k) => [
      `${k.soort} ${k.vanaf}`,
      k.soort,
      datumTekst(k.vanaf),
      k.tot === null ? null : datumTekst(k.tot),
      k.bedrag,
      k.eenheid === "jaar"
        ? "per plaats per jaar"
        : k.eenheid === "maand"
          ? "per persoon per maand"
          : "per plaats per dag",
      k.status,
      k.bron,
    ]),
    ...engine.dataset.prikkels.map((p) => [
      `prikkel ${p.fase}${p.duurzaam === null ? "" : p.duurzaam ? " duurzaam" : " niet duurzaam"}`,
      "prikkel",
      null,
      null,
      p.bedrag,
      `per plaats, eenmalig: ${p.omschrijving}`,
      p.status,
      p.bron,
    ]),
  ];
  return {
    naam: BLADEN.kosten,
    blokken: [
      titel(
        rij(1),
        `Kosten asielopvang — ${g.naam} (indicatief)`,
        "Vul een eigen waarde in om de standaard te vervangen (leeg = standaard); de uitkomsten zijn gewone Excel-formules en blijven leeg zolang een waarde ontbreekt.",
      ),
      {
        start: rij(3),
        cellen: [["Aanname", "Eigen waarde", "Standaard", "Gebruikt", "Toelichting standaard"]],
        kop: true,
      },
      ...aannameBlokken,
      {
        start: rij(R),
        cellen: [
          ["Jaarkosten opvang (€)", als([plaatsen, kpp], `${plaatsen}*${kpp}`)],
          ["Vaste kosten locaties per jaar (€)", als([loc, vast], `${loc}*${vast}`)],
          ["Jaarkosten totaal (€)", als([jaar, vastTotaal], `${jaar}+${vastTotaal}`)],
          ["Eenmalige bonus (€)", als([plaatsen, bon], `${plaatsen}*${bon}`)],
        ],
        notaties: [NOTATIE.tekst, NOTATIE.euro],
      },
      { start: rij(R + 5), cellen: [["Normen en bedragen in de dataset:"]] },
    ],
    invoercellen: invoer,
    tabellen: [{ naam: TABELLEN.kosten, start: rij(R + 6), kolommen, sleutelKolom: "id", rijen }],
    grafieken: [],
    breedtes: { 1: 34, 2: 14, 3: 14, 4: 14, 5: 60 },
  };
}

/** Label of the Bron row that says which gemeente / province (and period) the workbook is for. */
export const ONDERWERP_LABEL = "Onderwerp";

/** Label of the Bron row that says which publisher key signed the data (the last row of the block). */
export const ONDERTEKEND_LABEL = "Ondertekend door";

/** The value of the "Ondertekend door" row. */
export function ondertekendDoor(bron: BronInfo): string {
  return bron.sleutel
    ? `${bron.sleutel.naam} (${bron.sleutel.id})`
    : "ingebouwd in de invoegtoepassing (geen feed)";
}

/** The text in the Bron sheet's "Onderwerp" row of a plan (a writer compares it before a refill). */
export function onderwerpVan(plan: WerkboekPlan): string | undefined {
  const b = plan.bladen.find((x) => x.naam === BLADEN.bron);
  for (const blok of b?.blokken ?? []) {
    const r = blok.cellen.find((c) => c[0] === ONDERWERP_LABEL);
    if (r && typeof r[1] === "string") return r[1];
  }
  return undefined;
}

/**
 * The provenance blocks of every Bron sheet Opgave writes (gemeente, province and consolidation workbooks): the
 * labels are what lezen.ts reads back, so they live in one place. Rows 1–12; the list below starts at row 13 in
 * every layout (earlier workbooks have their table there, and a refill finds it only at the same place), so the
 * caption of that list ends the "Beheer" text instead of taking a row of its own.
 */
export function bronBlokken(
  bron: BronInfo,
  onderwerp: string,
  beheer: string,
  lijstTitel: string,
  notatie?: string,
): BlokPlan[] {
  return [
    titel(rij(1), "Bron en herkomst"),
    paren(
      rij(2),
      [
        ["Dataset", bron.datasetId],
        ["Versie", bron.versie],
        ["Datum dataset", bron.datum],
        ["Hash", bron.hash ?? null],
        ["Bron-adres", bron.bronUrl ?? null],
        ["Opgehaald", bron.opgehaald ?? null],
        ["Versie invoegtoepassing", bron.addinVersie],
        ["Gevuld op", bron.gemaakt],
        [ONDERWERP_LABEL, onderwerp],
        ["Beheer", `${beheer} ${lijstTitel.replace(/:\s*$/, "")}: zie de tabel hieronder.`],
        [ONDERTEKEND_LABEL, ondertekendDoor(bron)],
      ],
      notatie,
    ),
  ];
}

function bronBlad(engine: Engine, bron: BronInfo, bladen: readonly string[], onderwerp: string): BladPlan {
  const kolommen: Kolom[] = [
    kolom("id", "Id", "gegeven", NOTATIE.tekst, 30),
    kolom("titel", "Titel", "gegeven", NOTATIE.tekst, 60),
    kolom("urls", "Adres(sen)", "gegeven", NOTATIE.tekst, 60),
    kolom("peildatum", "Peildatum", "gegeven", NOTATIE.tekst, 16),
    kolom("bestand", "Bestand", "gegeven", NOTATIE.tekst, 30),
  ];
  return {
    naam: BLADEN.bron,
    blokken: [
      ...bronBlokken(
        bron,
        onderwerp,
        `Opgave beheert de bladen ${bladen.join(", ")}. Opnieuw vullen werkt de cijfers bij en behoudt uw invoer (lichtgele cellen, eigen kolommen in de tabellen) en al uw eigen bladen.`,
        "Bronnen in de dataset:",
      ),
    ],
    invoercellen: [],
    tabellen: [
      {
        naam: TABELLEN.bronnen,
        start: rij(13),
        kolommen,
        sleutelKolom: "id",
        rijen: engine.dataset.bronnen.map((b) => [
          b.id,
          b.titel,
          b.urls.join(" ; "),
          b.peildatum ?? null,
          b.bestand ?? null,
        ]),
      },
    ],
    grafieken: [],
    breedtes: { 1: 26, 2: 60 },
  };
}

function overzichtBlad(
  engine: Engine,
  g: Gemeente,
  regels: readonly PeriodeRegel[],
  opvang: BladPlan,
  bron: BronInfo,
): BladPlan {
  const provincie = engine.provincieVan(g);
  const inwoners = vang(() => engine.inwoners(g.code));
  const bekend = [...regels].reverse().find((r) => !(r.taakstelling instanceof OpgaveFout));
  const laatste = bekend?.taakstelling instanceof OpgaveFout ? undefined : bekend?.taakstelling;
  const a = new TabelAdres(TAAKSTELLING_TABEL_START, taakstellingKolommen());
  const n = regels.length;
  const blad = BLADEN.taakstelling;
  const ach = a.kolomBereik("achterstand", n, blad);
  const voor = a.kolomBereik("voorsprong", n, blad);
  const per = a.kolomBereik("periode", n, blad);
  const s = NAMEN.startperiode;
  const index = `IF(${s}="",1,MATCH(${s},${per},0))+COUNT(${ach})-1`;
  const laatsteWaarde = (bereik: string) => f(`IF(COUNT(${ach})=0,"",INDEX(${bereik},${index}))`);
  const opvangWaarde = (label: string) => {
    const blok = opvang.blokken[1];
    const r = blok?.cellen.find((c) => c[0] === label);
    return (r?.[1] ?? null) as Cel;
  };
  const regelsOverzicht: [string, Cel][] = [
    ["Gemeente", g.naam],
    ["CBS-code", g.code],
    ["Provincie", provincie?.naam ?? null],
    [
      inwoners instanceof OpgaveFout ? "Inwoners" : `Inwoners 1-1-${inwoners.jaar}`,
      inwoners instanceof OpgaveFout ? null : inwoners.aantal,
    ],
    [
      laatste ? `Taakstelling ${periodeCode(laatste.periode)} (laatst bekend)` : "Taakstelling",
      laatste ? laatste.aantal : null,
    ],
    ["Herkomst taakstelling", laatste ? herkomstTekst(engine.register, laatste) : null],
    ["Achterstand (laatst berekende periode)", laatsteWaarde(ach)],
    ["Voorsprong (laatst berekende periode)", laatsteWaarde(voor)],
    ["Laatst berekende periode", laatsteWaarde(per)],
    ["Opvangplaatsen (doel)", opvangWaarde("Opvangplaatsen (doel)")],
    ["waarvan amv", opvangWaarde("waarvan amv")],
    ["Herkomst opvang", opvangWaarde("Herkomst") ?? opvangWaarde("Besluit")],
    ["Dataset", `${bron.datasetId} ${bron.versie} (${bron.datum})`],
  ];
  return {
    naam: BLADEN.overzicht,
    blokken: [
      titel(rij(1), `Opgave — ${g.naam}`),
      paren(rij(2), regelsOverzicht, NOTATIE.geheel),
      {
        start: rij(16),
        cellen: [
          [
            "Achterstand en voorsprong rekenen met de invoer op blad Taakstelling (Gehuisvest, Eerste periode, Beginsaldo).",
          ],
        ],
      },
    ],
    invoercellen: [],
    tabellen: [],
    grafieken: [
      {
        titel: "Taakstelling en gehuisvest per periode",
        soort: "kolom",
        tabel: TABELLEN.taakstelling,
        categorieKolom: "periode",
        reeksKolommen: ["taakstelling", "gehuisvest"],
        positie: rij(18),
      },
    ],
    breedtes: { 1: 40, 2: 16 },
  };
}

/** The workbook for one gemeente. */
export function planGemeente(engine: Engine, gemeenteInvoer: Invoer, bron: BronInfo): WerkboekPlan {
  const g = engine.gemeente(gemeenteInvoer);
  const regels = periodeRegels(engine, g);
  const taak = taakstellingBlad(engine, g, regels);
  const { blad: opvang, doel } = opvangBlad(engine, g);
  const { blad: klein, cheapest } = kleinschaligBlad(engine, g, doel);
  const kosten = kostenBlad(engine, g, doel, cheapest);
  const namen = [
    BLADEN.overzicht,
    BLADEN.taakstelling,
    BLADEN.opvang,
    BLADEN.kleinschalig,
    BLADEN.kosten,
    BLADEN.bron,
  ];
  const overzicht = overzichtBlad(engine, g, regels, opvang, bron);
  return {
    formaat: "opgave-werkboek",
    formaatVersie: 1,
    onderwerp: { soort: "gemeente", code: g.code, naam: g.naam },
    bladen: [
      overzicht,
      taak,
      opvang,
      klein,
      kosten,
      bronBlad(engine, bron, namen, `gemeente ${g.code} (${g.naam})`),
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------
// Province plan

/** The workbook for one province: every gemeente in one table, for one half-year. */
export function planProvincie(
  engine: Engine,
  provincieInvoer: Invoer,
  periodeInvoer: Invoer,
  bron: BronInfo,
): WerkboekPlan {
  const provincie = engine.provincie(provincieInvoer);
  const p = engine.periode(periodeInvoer);
  const code = periodeCode(p);
  const landelijk = engine.landelijk(code);
  const regels = engine.tabel(code, provincie.code);
  const opvangProv = vang(() => engine.opvangProvincie(provincie.code));
  const besluit = opvangProv instanceof OpgaveFout ? undefined : opvangProv.besluit;

  const kolommen: Kolom[] = [
    kolom("code", "Code", "gegeven", NOTATIE.tekst, 9),
    kolom("gemeente", "Gemeente", "gegeven", NOTATIE.tekst, 26),
    kolom("inwoners", `Inwoners 1-1-${peiljaarInwoners(p)}`, "gegeven", NOTATIE.geheel, 13),
    kolom("taakstelling", `Taakstelling ${code}`, "gegeven", NOTATIE.geheel, 13),
    kolom("taakstellingEigen", "Taakstelling (eigen invoer)", "invoer", NOTATIE.geheel, 14),
    kolom("gehuisvest", "Gehuisvest", "invoer", NOTATIE.geheel, 12),
    kolom("beginsaldo", "Beginsaldo", "invoer", NOTATIE.geheel, 12),
    kolom("achterstand", "Achterstand", "formule", NOTATIE.geheel, 12),
    kolom("voorsprong", "Voorsprong", "formule", NOTATIE.geheel, 12),
    kolom("opvang", "Opvang", "gegeven", NOTATIE.geheel, 10),
    kolom("amv", "amv", "gegeven", NOTATIE.geheel, 8),
    kolom("opvangHerkomst", "Herkomst opvang", "gegeven", NOTATIE.tekst, 14),
    kolom("bestaand", "Bestaande plaatsen", "invoer", NOTATIE.geheel, 12),
    kolom("tekort", "Tekort", "formule", NOTATIE.geheel, 10),
    kolom("herkomst", "Herkomst taakstelling", "gegeven", NOTATIE.tekst, 30),
  ];
  const start = rij(8);
  const a = new TabelAdres(start, kolommen);
  const rijen: Cel[][] = regels.map((r, i) => {
    const d = a.cel("taakstelling", i);
    const e = a.cel("taakstellingEigen", i);
    const gh = a.cel("gehuisvest", i);
    const b = a.cel("beginsaldo", i);
    const t = `IF(${e}<>"",${e},${d})`;
    const leeg = `OR(AND(${e}="",${d}=""),${gh}="")`;
    const o = a.cel("opvang", i);
    const m = a.cel("bestaand", i);
    const c = besluit ? opvangCijfers(engine, r.gemeente, besluit.id) : undefined;
    const opvang = c && !(c instanceof OpgaveFout) ? c : undefined;
    const taak = r.taakstelling;
    return [
      r.gemeente.code,
      r.gemeente.naam,
      r.inwoners,
      taak instanceof OpgaveFout ? null : taak.aantal,
      null,
      null,
      null,
      f(`IF(${leeg},"",MAX(${t}+N(${b})-${gh},0))`),
      f(`IF(${leeg},"",MAX(${gh}-${t}-N(${b}),0))`),
      opvang ? opvang.totaal.aantal : null,
      opvang && !(opvang.amv instanceof OpgaveFout) ? opvang.amv.aantal : null,
      opvang ? opvang.totaal.herkomst : c instanceof OpgaveFout ? `geen cijfer: ${c.message}` : null,
      null,
      f(`IF(OR(${o}="",${m}=""),"",${o}-${m})`),
      taak instanceof OpgaveFout ? `onbekend: ${taak.message} ${ONBEKEND_HINT}` : taak.herkomst.label,
    ];
  });
  const n = Math.max(regels.length, 1);
  const som = (sleutel: string) =>
    f(`SUM(${a.letter(sleutel)}${a.rij(0)}:${a.letter(sleutel)}${a.rij(n - 1)})`);
  const totaal: Cel[] = kolommen.map((k) => {
    if (k.sleutel === "gemeente") return "Totaal";
    if (k.sleutel === "code" || k.sleutel === "opvangHerkomst" || k.sleutel === "herkomst") return null;
    if (k.sleutel === "taakstellingEigen") return null;
    return som(k.sleutel);
  });
  const opvangTekst =
    opvangProv instanceof OpgaveFout
      ? `Opvang: geen cijfer voor ${provincie.naam} (${opvangProv.message})`
      : `Opvang: ${opvangProv.besluit.naam} (besluit ${datumTekst(opvangProv.besluit.datum)}, peildatum ${datumTekst(opvangProv.besluit.peildatum)}, ${opvangProv.besluit.status}); per gemeente gepubliceerd of geschat (kolom Herkomst opvang), samen het doel van de provincie.`;
  const tabel: TabelPlan = {
    naam: TABELLEN.provincie,
    start,
    kolommen,
    sleutelKolom: "code",
    rijen,
    totaal,
  };
  return {
    formaat: "opgave-werkboek",
    formaatVersie: 1,
    onderwerp: { soort: "provincie", code: provincie.code, naam: provincie.naam },
    bladen: [
      {
        naam: BLADEN.provincie,
        blokken: [
          titel(
            rij(1),
            `Taakstelling en opvang — provincie ${provincie.naam}, ${code}`,
            `Taakstelling ${code}: landelijk ${landelijk.aantal} (${landelijk.status}); inwoners per 1-1-${peiljaarInwoners(p)} (CBS); ⌈landelijk × inwoners gemeente / inwoners Nederland⌉ (art. 29 Hvw 2014).`,
            opvangTekst,
            "Vul Gehuisvest, Beginsaldo (achterstand +, voorsprong −; leeg = 0) en Bestaande plaatsen in; Achterstand, Voorsprong en Tekort rekenen zichzelf uit (gewone Excel-formules). Een lege verplichte cel laat de uitkomst leeg.",
          ),
          paren(
            rij(6),
            [["Opvangdoel provincie", opvangProv instanceof OpgaveFout ? null : opvangProv.aantal]],
            NOTATIE.geheel,
          ),
        ],
        invoercellen: [],
        tabellen: [tabel],
        grafieken: [],
      },
      bronBlad(
        engine,
        bron,
        [BLADEN.provincie, BLADEN.bron],
        `provincie ${provincie.code} (${provincie.naam}), ${code}`,
      ),
    ],
  };
}
