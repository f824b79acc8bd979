/**
 * What changed for one gemeente between two datasets (shown in the task pane when a new bundle is accepted):
 * its taakstelling in every period of either dataset, the default reception decision with its total and amv,
 * the latest inhabitants, and the national taakstelling per period. Pure: it only asks the two engines.
 * A figure the data cannot give is null; only entries whose old and new value differ are returned.
 */
import type { Engine } from "./engine";
import { OpgaveFout } from "./fouten";

export interface Wijziging {
  /** "Taakstelling 2025-I", "Opvang besluit", "Opvang totaal", "Opvang amv", "Inwoners 1-1-2024", "Landelijk 2025-I". */
  onderwerp: string;
  oud: number | string | null;
  nieuw: number | string | null;
}

type Waarde = number | string | null;

/** The answer, or null when the data cannot give it (an OpgaveFout); other errors are bugs and propagate. */
function ofNull(f: () => Waarde): Waarde {
  try {
    return f();
  } catch (e) {
    if (e instanceof OpgaveFout) return null;
    throw e;
  }
}

function periodeSleutel(code: string): number {
  const m = /^(\d{4})-(I|II)$/.exec(code);
  return m ? Number(m[1]) * 2 + (m[2] === "II" ? 1 : 0) : Number.MAX_SAFE_INTEGER;
}

function laatsteJaar(e: Engine, gemeente: string): number | null {
  const jaar = ofNull(() => {
    const jaren = Object.keys(e.gemeente(gemeente).inwoners).map(Number);
    return jaren.length > 0 ? Math.max(...jaren) : null;
  });
  return typeof jaar === "number" ? jaar : null;
}

/** `gemeenteCode`: a CBS code (GM0344); any input the engine understands (a name) works too. */
export function verschillen(oud: Engine, nieuw: Engine, gemeenteCode: string): Wijziging[] {
  const uit: Wijziging[] = [];
  const vergelijk = (onderwerp: string, f: (e: Engine) => Waarde) => {
    const a = ofNull(() => f(oud));
    const b = ofNull(() => f(nieuw));
    if (a !== b) uit.push({ onderwerp, oud: a, nieuw: b });
  };

  const perioden = [
    ...new Set([
      ...oud.dataset.landelijkeTaakstelling.map((l) => l.periode),
      ...nieuw.dataset.landelijkeTaakstelling.map((l) => l.periode),
    ]),
  ].sort((a, b) => periodeSleutel(a) - periodeSleutel(b) || a.localeCompare(b));

  for (const p of perioden) vergelijk(`Taakstelling ${p}`, (e) => e.taakstelling(gemeenteCode, p).aantal);

  vergelijk("Opvang besluit", (e) => e.opvangGemeente(gemeenteCode).besluit.naam);
  vergelijk("Opvang totaal", (e) => e.opvangGemeente(gemeenteCode, "totaal").aantal);
  vergelijk("Opvang amv", (e) => e.opvangGemeente(gemeenteCode, "amv").aantal);

  const jaren = [
    ...new Set([laatsteJaar(oud, gemeenteCode), laatsteJaar(nieuw, gemeenteCode)].filter((j) => j !== null)),
  ].sort((a, b) => a - b);
  for (const jaar of jaren) vergelijk(`Inwoners 1-1-${jaar}`, (e) => e.inwoners(gemeenteCode, jaar).aantal);

  for (const p of perioden) vergelijk(`Landelijk ${p}`, (e) => e.landelijk(p).aantal);
  return uit;
}

/** One figure that differs between two datasets, for the overview across all gemeenten. */
export interface Verschil {
  /** Official name of the gemeente (new data where it exists), or "Landelijk". */
  wie: string;
  onderwerp: string;
  oud: number | null;
  nieuw: number | null;
}

/** What a new dataset changes across all gemeenten: shown before the user adopts a bundle. */
export interface VerschilOverzicht {
  /** Figures that differ (every gemeente × period, every decision, every national figure). */
  aantal: number;
  /** Of those: a figure that had a value and now has another or none (figures already in use change). */
  gewijzigd: number;
  /** Of those: a figure that had no value before (e.g. a new period). */
  toegevoegd: number;
  /** The largest numeric changes, largest first (at most `max`). */
  grootste: Verschil[];
  /** Periods whose taakstelling or national figure changes, in order. */
  perioden: string[];
  /** Reception decisions (name) with a changed figure. */
  besluiten: string[];
}

function getalOfNull(f: () => number): number | null {
  const w = ofNull(f);
  return typeof w === "number" ? w : null;
}

function alleGemeenten(oud: Engine, nieuw: Engine): Map<string, string> {
  const namen = new Map<string, string>();
  for (const g of oud.dataset.gemeenten) namen.set(g.code, g.naam);
  for (const g of nieuw.dataset.gemeenten) namen.set(g.code, g.naam);
  return namen;
}

/** Pure: asks both engines every figure they can give; only differences are kept. */
export function overzichtVerschillen(oud: Engine, nieuw: Engine, max = 10): VerschilOverzicht {
  const alle: Verschil[] = [];
  const perioden = new Set<string>();
  const besluiten = new Set<string>();
  const vergelijk = (wie: string, onderwerp: string, f: (e: Engine) => number): boolean => {
    const a = getalOfNull(() => f(oud));
    const b = getalOfNull(() => f(nieuw));
    if (a === b) return false;
    alle.push({ wie, onderwerp, oud: a, nieuw: b });
    return true;
  };
  const periodeLijst = [
    ...new Set([oud, nieuw].flatMap((e) => e.dataset.landelijkeTaakstelling.map((l) => l.periode))),
  ].sort((a, b) => periodeSleutel(a) - periodeSleutel(b) || a.localeCompare(b));
  const gemeenten = alleGemeenten(oud, nieuw);

  for (const p of periodeLijst) {
    if (vergelijk("Landelijk", `Landelijk ${p}`, (e) => e.landelijk(p).aantal)) perioden.add(p);
    for (const [code, naam] of gemeenten)
      if (vergelijk(naam, `Taakstelling ${p}`, (e) => e.taakstelling(code, p).aantal)) perioden.add(p);
  }
  const besluitIds = new Map<string, string>();
  for (const e of [oud, nieuw]) for (const b of e.dataset.opvangBesluiten) besluitIds.set(b.id, b.naam);
  for (const [id, naam] of besluitIds)
    for (const [code, gemeente] of gemeenten)
      for (const soort of ["totaal", "amv"] as const)
        if (vergelijk(gemeente, `Opvang ${soort} (${naam})`, (e) => e.opvangGemeente(code, soort, id).aantal))
          besluiten.add(naam);

  const gewijzigd = alle.filter((v) => v.oud !== null).length;
  const verschil = (v: Verschil) => Math.abs((v.nieuw ?? 0) - (v.oud ?? 0));
  return {
    aantal: alle.length,
    gewijzigd,
    toegevoegd: alle.length - gewijzigd,
    grootste: [...alle].sort((a, b) => verschil(b) - verschil(a)).slice(0, max),
    perioden: periodeLijst.filter((p) => perioden.has(p)),
    besluiten: [...besluiten],
  };
}
