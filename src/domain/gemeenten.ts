/**
 * Resolving what a user types to one gemeente (domain brief §6): CBS codes in any form, names regardless of
 * case/diacritics/apostrophes/spaces, common aliases, time-aware, ambiguous names refused, suggestions for
 * unknown names.
 */
import type { Gemeente, Provincie } from "./model";
import { berichten } from "./berichten";
import { nietBeschikbaar, ongeldig } from "./fouten";
import { naamSleutel, suggesties, toevoeging } from "./namen";
import {
  dagTekst,
  dagUitCode,
  periodeCode,
  periodeStart,
  periodeVanDag,
  vergelijkDag,
  volgendePeriode,
  type Dag,
} from "./periode";
import type { Register } from "./register";

const CODE = /^(?:gm)?\s*(\d{1,4})$/i;

/** A code in any form: GM0363, gm363, 0363, 363 (number or text) → "GM0363", or null if it is no code. */
export function normaliseerCode(invoer: string | number): string | null {
  if (typeof invoer === "number") {
    return Number.isInteger(invoer) && invoer > 0 && invoer < 10000
      ? `GM${String(invoer).padStart(4, "0")}`
      : null;
  }
  const m = CODE.exec(invoer.trim());
  return m && m[1] ? `GM${m[1].padStart(4, "0")}` : null;
}

/**
 * Input as people type a name or code: letters, digits, spaces and the punctuation of official names
 * ('s-Hertogenbosch, Bergen (NH.), Súdwest-Fryslân). Anything else ("=Utrecht", "@Utrecht", "+Utrecht",
 * "\"Utrecht\"") is still looked up — the name key ignores it — but the provenance says so (`invoerNoot`).
 */
const GEWONE_INVOER = /^[\p{L}\p{N}'’][\p{L}\p{M}\p{N}\s'’.,&()/-]*$/u;

/**
 * "" for ordinary input; otherwise "; invoer "=Utrecht" gelezen als Utrecht", to append to a provenance text
 * (BRON, OPVANGBRON). `naam` gives the official name of the gemeente the input was read as (asked only then).
 * The note is never at the start of a text, so a cell showing it can never be taken for a formula.
 */
export function invoerNoot(invoer: string | number, naam: () => string): string {
  if (typeof invoer === "number") return "";
  const tekst = invoer.trim();
  return GEWONE_INVOER.test(tekst) ? "" : `; ${berichten.invoerGelezenAls(tekst, naam())}`;
}

/**
 * @param opDag when given, the gemeente must exist on this day (e.g. the first day of a period).
 */
export function zoekGemeente(reg: Register, invoer: string | number, opDag?: Dag): Gemeente {
  const tekst = String(invoer).trim();
  if (tekst === "") throw ongeldig(berichten.gemeenteLeeg());
  const code = normaliseerCode(typeof invoer === "number" ? invoer : tekst);
  if (code !== null) {
    const g = reg.gemeenten.get(code);
    if (!g) throw nietBeschikbaar(berichten.gemeenteCodeOnbekend(code));
    if (opDag && !reg.bestaatOp(g, opDag)) throw bestaatNiet(reg, g, opDag);
    return g;
  }
  if (typeof invoer === "number") throw ongeldig(berichten.gemeenteCodeOngeldig(invoer));

  const sleutel = naamSleutel(tekst);
  const exact = reg.naamIndex.get(sleutel) ?? [];
  const basis = reg.basisNaamIndex.get(sleutel) ?? [];
  // A bare name that is also the base of bracketed names ("Bergen") is ambiguous between all of them.
  const kandidaten = [...new Set([...exact, ...basis])];
  if (kandidaten.length === 0) {
    const provincie = reg.provincieIndex.get(sleutel);
    if (provincie) throw ongeldig(berichten.provincieAlsGemeente(tekst, provincie.naam));
    const dag = opDag;
    const inProvincie = provincieVanToevoeging(reg, tekst);
    const pool = reg.naamKandidaten.filter(
      (k) =>
        (dag ? reg.bestaatOp(k.waarde, dag) : k.waarde.tot === null) &&
        (inProvincie === undefined || k.waarde.provincie === inProvincie),
    );
    throw ongeldig(
      berichten.gemeenteOnbekend(
        tekst,
        suggesties(tekst, pool).map((g) => g.naam),
      ),
    );
  }
  const geldig = opDag
    ? kandidaten.filter((g) => reg.bestaatOp(g, opDag))
    : kandidaten.filter((g) => g.tot === null);
  if (geldig.length === 1 && geldig[0]) return geldig[0];
  if (geldig.length > 1)
    throw ongeldig(
      berichten.gemeenteDubbelzinnig(
        tekst,
        geldig.map((g) => g.naam),
      ),
    );
  // None valid at the moment asked.
  if (kandidaten.length === 1 && kandidaten[0]) {
    const enige = kandidaten[0];
    if (!opDag) return enige; // a former gemeente asked without a time: it is the only one of that name
    throw bestaatNiet(reg, enige, opDag);
  }
  throw ongeldig(
    berichten.gemeenteDubbelzinnig(
      tekst,
      kandidaten.map((g) => g.naam),
    ),
  );
}

/**
 * The short forms of the provinces in a name's official bracketed distinction ("Bergen (NH.)", "Hengelo (O.)") and
 * in the ones people write for places that are no gemeente ("Hengelo (Gld.)", a village of Bronckhorst).
 */
const PROVINCIE_AFKORTINGEN: ReadonlyMap<string, string> = new Map([
  ["gr", "PV20"],
  ["fr", "PV21"],
  ["frl", "PV21"],
  ["dr", "PV22"],
  ["o", "PV23"],
  ["ov", "PV23"],
  ["fl", "PV24"],
  ["gld", "PV25"],
  ["gl", "PV25"],
  ["u", "PV26"],
  ["ut", "PV26"],
  ["nh", "PV27"],
  ["zh", "PV28"],
  ["z", "PV29"],
  ["zl", "PV29"],
  ["nb", "PV30"],
  ["l", "PV31"],
  ["lb", "PV31"],
]);

/**
 * The province a name's bracketed distinction names ("Hengelo (Gld.)", "Hengelo (Gelderland)"), by code; undefined
 * when it has none or names no province. Suggestions for an unknown name stay inside it: "Hengelo (Gld.)" is no
 * gemeente, and suggesting Hengelo (in Overijssel) would lead to another place's figures.
 */
function provincieVanToevoeging(reg: Register, tekst: string): string | undefined {
  const tussenHaakjes = toevoeging(tekst);
  if (tussenHaakjes === null) return undefined;
  const sleutel = naamSleutel(tussenHaakjes);
  return PROVINCIE_AFKORTINGEN.get(sleutel) ?? reg.provincieIndex.get(sleutel)?.code;
}

/** Whether a gemeente that does not exist on `dag` had ended by then (else it did not exist yet). */
export function opgehevenOp(g: Gemeente, dag: Dag): boolean {
  return g.tot !== null && vergelijkDag(dagUitCode(g.tot), dag) <= 0;
}

/**
 * The clear message for a gemeente that did not (yet / any more) exist on a day. It depends on the day only
 * through `opgehevenOp`: callers may remember it per gemeente and that answer.
 */
export function bestaatNiet(reg: Register, g: Gemeente, dag: Dag) {
  if (g.tot !== null && opgehevenOp(g, dag)) {
    const h = reg.einde.get(g.code);
    const opvolgers = (h?.nieuw ?? []).map((c) => reg.gemeenten.get(c)?.naam ?? c);
    const tot = dagUitCode(g.tot);
    // The first half-year that starts on or after the end date.
    const p = periodeVanDag(tot);
    const eerstVolle = vergelijkDag(periodeStart(p), tot) === 0 ? p : volgendePeriode(p);
    return nietBeschikbaar(
      berichten.gemeenteOpgeheven(g.naam, dagTekst(tot), opvolgers, periodeCode(eerstVolle)),
    );
  }
  if (g.vanaf !== null) {
    const h = reg.begin.get(g.code);
    const voorgangers = (h?.oud ?? []).map((c) => reg.gemeenten.get(c)?.naam ?? c);
    return nietBeschikbaar(berichten.gemeenteNogNiet(g.naam, dagTekst(dagUitCode(g.vanaf)), voorgangers));
  }
  return nietBeschikbaar(berichten.gemeenteCodeOnbekend(g.code));
}

export function zoekProvincie(reg: Register, invoer: string | number): Provincie {
  const tekst = String(invoer).trim();
  const sleutel = naamSleutel(tekst);
  const p = reg.provincieIndex.get(sleutel);
  if (p) return p;
  // A gemeente's name ("Amsterdam"): said as such, with the province it lies in.
  const gemeenten = (reg.naamIndex.get(sleutel) ?? []).filter((g) => g.tot === null);
  const enige = gemeenten.length === 1 ? gemeenten[0] : undefined;
  if (enige) {
    const ligtIn = enige.provincie === null ? undefined : reg.provincies.get(enige.provincie)?.naam;
    throw ongeldig(berichten.gemeenteAlsProvincie(tekst, enige.naam, ligtIn));
  }
  const pool = reg.dataset.provincies.map((x) => ({ sleutel: naamSleutel(x.naam), waarde: x }));
  throw ongeldig(
    berichten.provincieOnbekend(
      tekst,
      suggesties(tekst, pool).map((x) => x.naam),
    ),
  );
}
