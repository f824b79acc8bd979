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
